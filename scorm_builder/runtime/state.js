/* scorm-builder runtime: the learner's state as one compact string for suspend_data.
   Layout (scorm_builder/budget.py computes its worst case at build time):
   "1" HASH "|" page "," reached "," flags "," count "|" ANSWERS PLACEMENT "|" MASK "|" (len ":" text)* */
(function (w) {
  "use strict";
  function b36(n) { return (n || 0).toString(36); }
  function n36(s) { var n = parseInt(s, 36); return isNaN(n) ? 0 : n; }

  function items(layout) {
    return layout.statements.concat(layout.reflections.map(function (r) { return r[0]; }));
  }

  w.SB.State = {
    empty: function () {
      return { page: 0, reached: 0, flags: 0, count: 0, answers: {}, placement: {}, reported: {}, texts: {} };
    },
    encode: function (st, layout) {
      var one = function (v) { return v ? b36(v) : "-"; };
      var answers = layout.statements.map(function (id) { return one(st.answers[id]); }).join("");
      var placement = layout.placement.map(function (axis) { return one(st.placement[axis]); }).join("");
      var all = items(layout), mask = "";
      for (var i = 0; i < all.length; i += 5) {
        var bits = 0;
        for (var j = 0; j < 5 && i + j < all.length; j++) if (st.reported[all[i + j]]) bits |= 1 << j;
        mask += b36(bits);
      }
      var texts = layout.reflections.map(function (r) {
        var t = st.texts[r[0]] || "";
        if (t.length > r[1]) throw new Error("state: " + r[0] + " is over its limit");
        return b36(t.length) + ":" + t;
      }).join("");
      return "1" + layout.hash + "|" + [b36(st.page), b36(st.reached), b36(st.flags), b36(st.count)].join(",") +
        "|" + answers + placement + "|" + mask + "|" + texts;
    },
    /* Return the state, or null when the text is not a state of this course's layout. */
    decode: function (text, layout) {
      if (!text || text.slice(0, 5) !== "1" + layout.hash) return null;
      var parts = text.split("|"), st = this.empty();
      if (parts.length < 5) return null;
      var pos = parts[1].split(",");
      st.page = n36(pos[0]); st.reached = n36(pos[1]); st.flags = n36(pos[2]); st.count = n36(pos[3]);
      var ap = parts[2];
      layout.statements.forEach(function (id, i) { if (ap[i] && ap[i] !== "-") st.answers[id] = n36(ap[i]); });
      layout.placement.forEach(function (axis, i) {
        var c = ap[layout.statements.length + i];
        if (c && c !== "-") st.placement[axis] = n36(c);
      });
      var all = items(layout), mask = parts[3];
      all.forEach(function (id, i) { if (n36(mask[Math.floor(i / 5)] || "0") & (1 << (i % 5))) st.reported[id] = true; });
      var rest = parts.slice(4).join("|"), at = 0;
      for (var r = 0; r < layout.reflections.length; r++) {
        var colon = rest.indexOf(":", at);
        if (colon < 0) return null;
        var len = n36(rest.slice(at, colon));
        if (len) st.texts[layout.reflections[r][0]] = rest.substr(colon + 1, len);
        at = colon + 1 + len;
      }
      return st;
    }
  };
})(window);
