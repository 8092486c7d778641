/* scorm-builder runtime: the learner's reflection fields. Each field has the author's limit, counted in
   characters as the learner sees them (an emoji is one); a text the LMS gets as an interaction response
   also stays within the LMS's limit, counted in UTF-16 code units as its API counts (an emoji is two or
   more); all fields share one budget of stored characters in the resume state (budget.py). Text beyond
   any limit stays in the field and in this browser, and the learner is told exactly which part did not
   reach the LMS; nothing is ever cut silently. */
(function (w) {
  "use strict";
  var SB = w.SB;
  var graphemes = w.Intl && w.Intl.Segmenter ? new w.Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

  /* The characters of a text as the learner sees them. */
  function pieces(text) {
    if (!text) return [];
    return graphemes ? Array.from(graphemes.segment(text), function (s) { return s.segment; }) : Array.from(text);
  }
  /* The first of `parts` that together take at most `units` UTF-16 code units (all when units is 0). */
  function within(parts, units) {
    if (!units) return parts;
    for (var i = 0, used = 0; i < parts.length; i++) {
      used += parts[i].length;
      if (used > units) return parts.slice(0, i);
    }
    return parts;
  }
  /* `text` when it is a longer text that starts with `kept` (text beyond the limits), else `kept`. */
  function longer(kept, text) {
    return typeof text === "string" && text.length > kept.length && text.indexOf(kept) === 0 ? text : kept;
  }
  function fmt(template, values) { return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }
  function grouped(n, lang) { return Number(n).toLocaleString(lang === "en" ? "en-GB" : "nb-NO"); }

  SB.Fields = function (data, ui, codec, storageKey) {
    var layout = data.state;
    this.data = data;
    this.ui = ui;
    this.codec = codec;
    this.key = storageKey + ":texts";
    this.ids = layout.reflections.map(function (r) { return r[0]; });
    this.limits = {};
    this.units = {};
    layout.reflections.forEach(function (r) { this.limits[r[0]] = r[1]; this.units[r[0]] = r[2]; }, this);
    this.budget = layout.textBudget;
    /* Stored characters per character of ordinary prose, for the estimate the learner sees. */
    this.rate = layout.prose ? (layout.textBudget - this.ids.length) / layout.prose : 1;
    this.full = {};
  };

  SB.Fields.prototype = {
    /* The longest start of `text` within `max` characters, `units` UTF-16 code units (0: no such
       limit) and `room` stored characters. */
    fit: function (text, max, room, units) {
      var parts = within(pieces(text).slice(0, max), units), codec = this.codec;
      var lo = 0, hi = parts.length;
      if (codec.size(parts.join("")) <= room) return parts.join("");
      while (lo < hi) {
        var mid = Math.ceil((lo + hi) / 2);
        if (codec.size(parts.slice(0, mid).join("")) <= room) lo = mid; else hi = mid - 1;
      }
      return parts.slice(0, lo).join("");
    },
    used: function (except) {
      var st = this.st;
      var total = 0;
      this.ids.forEach(function (id) { if (id !== except) total += this.codec.size(st.texts[id] || ""); }, this);
      return total;
    },
    text: function (id) { return this.full[id] !== undefined ? this.full[id] : this.st.texts[id] || ""; },
    /* The learner typed in field `id`: store what fits, the edited field yielding first; then let any
       other field that did not fit take what has become free, in course order. */
    input: function (id, value) {
      var st = this.st;
      this.full[id] = value;
      this.place(id);
      this.ids.forEach(function (other) {
        if (other !== id && this.text(other) !== (st.texts[other] || "")) this.place(other);
      }, this);
      this.remember();
    },
    place: function (id) {
      var st = this.st, stored = this.fit(this.text(id), this.limits[id], this.budget - this.used(id), this.units[id]);
      if (stored) st.texts[id] = stored; else delete st.texts[id];
    },
    /* Text beyond the limits is kept in this browser; after a relaunch it comes back when it still
       starts with what the LMS kept. */
    remember: function () {
      var extra = {};
      this.ids.forEach(function (id) { if (this.over(id)) extra[id] = this.full[id]; }, this);
      /* Storage full or blocked: that text is kept nowhere but the page, and the learner is told so. */
      this.unkept = !this.put(this.key, extra);
    },
    /* Keep texts by field under `key` in this browser's storage (none: the key goes); false when
       the storage refuses. */
    put: function (key, texts) {
      try {
        if (Object.keys(texts).length) w.localStorage.setItem(key, JSON.stringify(texts));
        else w.localStorage.removeItem(key);
        return true;
      } catch (ignored) { return false; }
    },
    /* Start from the restored state `st` (kept: every later call works on it), with the text beyond
       the limits this browser keeps. */
    restore: function (st) {
      this.st = st;
      this.merge();
    },
    /* Take the text beyond the limits from this browser's storage, where another tab of the course
       writes the learner's latest edit too. */
    merge: function () {
      var saved = this.saved();
      this.ids.forEach(function (id) { this.full[id] = longer(this.st.texts[id] || "", saved[id]); }, this);
    },
    saved: function (key) {
      try { return JSON.parse(w.localStorage.getItem(key || this.key) || "null") || {}; } catch (ignored) { return {}; }
    },
    /* A new attempt (SB.Lms.earlier): text beyond the limits waits with the earlier attempt's state;
       brought back, it fills the fields that have none of their own in this attempt. */
    setAside: function () {
      var saved = this.saved();
      if (Object.keys(saved).length) this.move(this.key, this.key + ":earlier", saved);
    },
    earlier: function () { return this.saved(this.key + ":earlier"); },
    dropEarlier: function () { this.put(this.key + ":earlier", {}); },
    takeBack: function (ids) {
      var earlier = this.earlier(), now = this.saved();
      ids.forEach(function (id) { if (earlier[id]) now[id] = earlier[id]; });
      this.move(this.key + ":earlier", this.key, now);
    },
    /* Write `texts` under key `to` and remove key `from`, whose texts they carry on: moved, never lost.
       With the storage full, `from` makes the room, and is put back if even that is not enough. */
    move: function (from, to, texts) {
      if (this.put(to, texts)) return this.put(from, {});
      var old = this.saved(from);
      this.put(from, {});
      if (this.put(to, texts)) return true;
      this.put(from, old);
      return false;
    },
    /* How many characters of field `id` are not in the resume state (0 when all are). */
    over: function (id) {
      return pieces(this.text(id)).length - pieces(this.st.texts[id] || "").length;
    },
    /* About how many more characters of prose the shared budget holds. */
    left: function () {
      return Math.max(0, Math.floor((this.budget - this.used()) / this.rate));
    },
    /* The counter under field `id`: its count, the shared room when that is the tighter limit, and
       exactly what did not reach the LMS when something did not. */
    counter: function (id) {
      var ui = this.ui, lang = this.data.lang, max = this.limits[id], all = pieces(this.text(id));
      var n = all.length, over = this.over(id), left = this.left();
      var units = this.units[id], parts = all.slice(0, max);
      var values = { n: grouped(n, lang), max: grouped(max, lang), left: grouped(left, lang), over: grouped(over, lang),
        units: grouped(units, lang) };
      if (over > 0) {
        values.start = all.slice(n - over, n - over + 24).join("") + (over > 24 ? "…" : "");
        if (this.unkept) return { text: fmt(ui.over_nowhere, values), over: true, low: true };
        var stored = pieces(this.st.texts[id] || "").length, lms = within(parts, units).length;
        var which = stored < lms ? ui.over_shared : lms < parts.length ? ui.over_lms : n > max ? ui.over_field : ui.over_shared;
        return { text: fmt(which, values), over: true, low: true };
      }
      var shared = left < max - n, low = left < Math.max(100, this.budget / this.rate / 10);
      var text = fmt(ui.characters, values) + (shared ? " " + fmt(low ? ui.room_low : ui.room_shared, values) : "");
      return { text: text, over: false, low: shared && low };
    },
    /* Fields with text that only this browser holds: [{id, over}]. */
    unsaved: function () {
      return this.ids.filter(function (id) { return this.over(id) > 0; }, this).map(function (id) {
        return { id: id, over: this.over(id) };
      }, this);
    }
  };

  SB.Fields.pieces = pieces;
})(window);
