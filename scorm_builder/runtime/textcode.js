/* scorm-builder runtime: the text code of the resume state (scorm_builder/textcode.py holds the code and
   documents it; a property test keeps the two identical). A text becomes a check character and a
   canonical Huffman code in URL-safe base64: no line break, nothing outside ASCII, so an LMS that
   rewrites line breaks or character sets stores it unchanged. SB.TextCode.make(table); ES5. */
(function (root) {
  "use strict";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var END = 0, ESCAPE = 1;

  function units(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
    return out;
  }
  function check(us) {
    var value = us.length & 63;
    for (var i = 0; i < us.length; i++) value = (value * 31 + us[i]) & 63;
    return value;
  }

  /* The canonical code of a table {alphabet, lengths, escaped}: shorter codes first, then symbol order. */
  function make(table) {
    var lengths = table.lengths, escaped = table.escaped, n = lengths.length;
    var order = [], codes = [], symbolOf = {}, lookup = {};
    for (var s = 0; s < n; s++) order.push(s);
    order.sort(function (a, b) { return lengths[a] - lengths[b] || a - b; });
    var value = 0, previous = 0;
    order.forEach(function (symbol) {
      value *= Math.pow(2, lengths[symbol] - previous);
      codes[symbol] = [value, lengths[symbol]];
      lookup[lengths[symbol] + ":" + value] = symbol;
      value += 1;
      previous = lengths[symbol];
    });
    for (var i = 0; i < table.alphabet.length; i++) symbolOf[table.alphabet.charCodeAt(i)] = i + 2;

    function unitBits(u) {
      var symbol = symbolOf[u];
      return symbol === undefined ? codes[ESCAPE][1] + escaped : codes[symbol][1];
    }

    /* Bits are collected as a string of 0/1: texts are short, and it keeps the code plain. */
    function put(bits, code) {
      var b = code[0].toString(2);
      while (b.length < code[1]) b = "0" + b;
      bits.push(b);
    }

    return {
      unitBits: unitBits,
      /* The stored length of a text: 0 when empty, else the check and the coded bits. */
      size: function (text) {
        if (!text) return 0;
        var bits = codes[END][1];
        for (var i = 0; i < text.length; i++) bits += unitBits(text.charCodeAt(i));
        return 1 + Math.ceil(bits / 6);
      },
      encode: function (text) {
        if (!text) return "";
        var us = units(text), bits = [];
        us.forEach(function (u) {
          var symbol = symbolOf[u];
          if (symbol === undefined) { put(bits, codes[ESCAPE]); put(bits, [u, escaped]); }
          else put(bits, codes[symbol]);
        });
        put(bits, codes[END]);
        var all = bits.join("");
        while (all.length % 6) all += "0";
        var out = DIGITS.charAt(check(us));
        for (var p = 0; p < all.length; p += 6) out += DIGITS.charAt(parseInt(all.substr(p, 6), 2));
        return out;
      },
      /* The text, or null when the stored form is damaged (a foreign character, no end mark, a wrong check). */
      decode: function (stored) {
        if (!stored) return "";
        var bits = "";
        for (var i = 0; i < stored.length; i++) {
          var d = DIGITS.indexOf(stored.charAt(i));
          if (d < 0) return null;
          if (i) bits += ("00000" + d.toString(2)).slice(-6);
        }
        var us = [], val = 0, len = 0, pos = 0, ended = false;
        while (pos < bits.length && !ended) {
          val = val * 2 + (bits.charAt(pos) === "1" ? 1 : 0); len++; pos++;
          var symbol = lookup[len + ":" + val];
          if (symbol === undefined) { if (len > 32) return null; continue; }
          val = 0; len = 0;
          if (symbol === END) ended = true;
          else if (symbol === ESCAPE) {
            if (pos + escaped > bits.length) return null;
            us.push(parseInt(bits.substr(pos, escaped), 2));
            pos += escaped;
          } else us.push(table.alphabet.charCodeAt(symbol - 2));
        }
        if (!ended || bits.slice(pos).indexOf("1") >= 0 || bits.length - pos >= 6) return null;
        if (DIGITS.indexOf(stored.charAt(0)) !== check(us)) return null;
        return String.fromCharCode.apply(null, us);
      }
    };
  }

  var api = { make: make, DIGITS: DIGITS };
  if (root.SB) root.SB.TextCode = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : this);
