/* scorm-builder runtime: the learner's state as one compact string for suspend_data (format 2).
   scorm_builder/budget.py documents the layout and computes its size; the texts use the text code
   (textcode.js). Decoding never throws: every section is read on its own, what is damaged is left
   out and named in `problems`, and the rest is restored. ES5; runs in node for the tests. */
(function (root) {
  "use strict";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var B36 = /^[0-9a-z]+$/;

  function b36(n) { return (n || 0).toString(36); }
  function int36(s, max) {
    if (typeof s !== "string" || !B36.test(s)) return null;
    var n = parseInt(s, 36);
    return n <= max ? n : null;
  }
  function mask(ids, flags) {
    var out = "";
    for (var i = 0; i < ids.length; i += 6) {
      var bits = 0;
      for (var j = 0; j < 6 && i + j < ids.length; j++) if (flags[ids[i + j]]) bits |= 1 << j;
      out += DIGITS.charAt(bits);
    }
    return out;
  }
  function unmask(text, ids, flags) {
    ids.forEach(function (id, i) {
      var d = DIGITS.indexOf(text.charAt(Math.floor(i / 6)));
      if (d > 0 && d & (1 << (i % 6))) flags[id] = true;
    });
  }
  function answerIds(layout) {
    return layout.statements.concat(layout.placement.map(function (axis) { return "placement-" + axis; }));
  }

  function make(layout, code) {
    var answers = answerIds(layout), fields = layout.reflections.map(function (r) { return r[0]; });
    var maxPage = Math.max(layout.pages - 1, 0);

    function empty() {
      return { page: 0, reached: 0, flags: 0, count: 0, seq: 0, answers: {}, placement: {}, reported: {}, texts: {} };
    }
    function value(st, i) {
      return i < layout.statements.length ? st.answers[answers[i]] : st.placement[layout.placement[i - layout.statements.length]];
    }

    function readHead(part, st, problems) {
      var f = (part || "").split(","), max = [maxPage, maxPage, 35, Math.pow(36, 3) - 1, Math.pow(36, 5) - 1];
      var v = f.map(function (s, i) { return int36(s, max[i]); });
      if (f.length !== 5 || v.indexOf(null) >= 0) problems.push("position");
      st.page = v[0] || 0; st.reached = Math.max(v[1] || 0, st.page); st.flags = v[2] || 0;
      st.count = v[3] || 0; st.seq = v[4] || 0;
    }
    function readAnswers(part, st, problems) {
      if (!part || part.slice(0, 2) !== layout.ha || part.length !== 2 + answers.length + Math.ceil(answers.length / 6)) {
        if (answers.length) problems.push("answers");
        return;
      }
      var bad = false;
      answers.forEach(function (id, i) {
        var c = part.charAt(2 + i), range = layout.ranges[i];
        if (c === "-") return;
        var n = int36(c, 35);
        if (n === null || n < range[0] || n > range[1]) { bad = true; return; }
        if (i < layout.statements.length) st.answers[id] = n; else st.placement[layout.placement[i - layout.statements.length]] = n;
      });
      if (bad) problems.push("answers");
      unmask(part.slice(2 + answers.length), answers, st.reported);
    }
    function readTexts(parts, st, problems) {
      var head = parts[0] || "";
      if (head.slice(0, 2) !== layout.ht || parts.length !== fields.length + 1) {
        if (fields.length) problems.push("texts");
        if (head.slice(0, 2) !== layout.ht) return;
      } else unmask(head.slice(2), fields, st.reported);
      fields.forEach(function (id, i) {
        var text = code.decode(parts[i + 1] || "");
        if (text === null) problems.push("text:" + id);
        else if (text) st.texts[id] = text;
      });
    }

    return {
      empty: empty,
      /* The stored size of one text (what it takes from layout.textBudget). */
      size: function (text) { return code.size(text); },
      encode: function (st) {
        var head = [b36(st.page), b36(st.reached), b36(st.flags), b36(Math.min(st.count, 46655)), b36(st.seq % 60466176)];
        var a = answers.map(function (id, i) { var v = value(st, i); return v ? b36(v) : "-"; }).join("");
        var t = fields.map(function (id) { return code.encode(st.texts[id] || ""); });
        return [layout.format, head.join(","), layout.ha + a + mask(answers, st.reported),
          layout.ht + mask(fields, st.reported)].concat(t).join(".");
      },
      /* {state, problems, found}: `found` when there was anything to read; `problems` names what could
         not be restored ("format", "position", "answers", "texts", "text:<id>"). Whitespace is dropped
         first: the state never holds any, but an LMS may add line breaks or CRs. */
      decode: function (text) {
        var st = empty(), problems = [];
        if (!text) return { state: st, problems: problems, found: false };
        try {
          var parts = String(text).replace(/\s+/g, "").split(".");
          if (parts[0] !== layout.format) return { state: st, problems: ["format"], found: true };
          readHead(parts[1], st, problems);
          readAnswers(parts[2], st, problems);
          readTexts(parts.slice(3), st, problems);
        } catch (ignored) {
          return { state: empty(), problems: ["format"], found: true };
        }
        return { state: st, problems: problems, found: true };
      },
      /* The save sequence of a stored state, or -1 when it cannot be read. */
      seq: function (text) {
        var parts = String(text || "").replace(/\s+/g, "").split(".");
        var head = (parts[1] || "").split(",");
        if (parts[0] !== layout.format || head.length !== 5) return -1;
        var n = int36(head[4], Math.pow(36, 5) - 1);
        return n === null ? -1 : n;
      }
    };
  }

  var api = { make: make };
  if (root.SB) root.SB.State = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : this);
