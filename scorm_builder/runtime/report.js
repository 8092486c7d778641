/* scorm-builder runtime: what the LMS is told. Turns the learner's state and the scoring result into
   the adapter's data-model values: the score (when the scoring rules report it), one objective per
   category, one interaction per settled answer, the placement and, when the author allows it, each
   reflection. With privacy.ratings "local" the LMS hears of progress and completion only. */
(function (w) {
  "use strict";
  var SB = w.SB;

  /* Interaction responses cannot hold a line break (RTE: CMIFeedback / localized_string_type) nor,
     in 2004, start with "{" after the language tag: the report shows such text on one line. The
     learner's own text in suspend_data is kept exactly as written. */
  function oneLine(text) {
    return text.replace(/\r\n|\r|\n/g, " ").replace(/^\{/, "(");
  }

  SB.Report = function (data, lms) {
    this.data = data;
    this.lms = lms;
    this.adapter = lms.adapter;
    this.ratings = data.ratings === "lms";
    this.scored = this.ratings && !!(data.scoring && data.scoring.overall.report);
    /* This session's interaction records: what was written at each index, each interaction id's
       latest index as far as the session knows, the first index the LMS would not create, and
       whether the LMS's own records have been read. */
    this.sent = {};
    this.last = {};
    this.cap = Infinity;
    this.read = false;
    var self = this;
    lms.on(function (what, from, keys) { if (what === "refused") self.refused(keys); });
  };

  SB.Report.prototype = {
    /* Queue everything the LMS should know now; the caller flushes. Answers are reported when the
       learner leaves their page (settled), never per keystroke. */
    update: function (st, result, times) {
      var data = this.data, adapter = this.adapter, lms = this.lms;
      if (this.scored && result && result.overall.raw !== null) lms.setAll(adapter.score(result.overall));
      lms.setAll(adapter.progress((st.reached + 1) / data.pages.length));
      if (this.ratings) {
        data.categories.forEach(function (cat, n) {
          lms.setAll(adapter.objective(n, cat, result ? result.categories[cat.id] : null, data.lang));
        });
      }
      this.interactions(st, result, times);
      if (!(st.flags & SB.DONE)) lms.setAll(adapter.incomplete);
    },
    /* Report each answer, placement rating or reflection not yet reported, as the next interaction record. */
    interactions: function (st, result, times) {
      var data = this.data, self = this, next = st.count;
      function add(item) { next = self.write(next, item, times); st.reported[item.key || item.id] = true; }
      if (this.ratings) {
        data.state.statements.forEach(function (id) {
          if (st.answers[id] && !st.reported[id]) {
            var item = data.items[id];
            add({ id: id, kind: "likert", value: st.answers[id], category: item.c, description: item.t });
          }
        });
        this.placement(st, result, add);
      }
      if (data.privacy === "lms") {
        data.state.reflections.forEach(function (r) {
          var id = r[0], text = st.texts[id];
          if (text && !st.reported[id]) add({ id: id, kind: "reflection", text: oneLine(text), description: data.reflections[id] });
        });
      }
      st.count = next;
    },
    /* The two self-ratings of the 2x2 model, then the profile(s) they point to (several on a midline). */
    placement: function (st, result, add) {
      var p = this.data.placement, changed = false;
      if (!p) return;
      ["x", "y"].forEach(function (axis) {
        var key = "placement-" + axis;
        if (st.placement[axis] && !st.reported[key]) {
          add({ id: p.id + "-" + axis, key: key, kind: "axis", axis: axis, value: st.placement[axis], description: p.questions[axis] });
          changed = true;
        }
      });
      var near = result ? result.near || (result.quadrant ? [result.quadrant] : []) : [];
      if (changed && near.length) add({ id: p.id, key: p.id, kind: "profile", profiles: near, description: p.title });
    },
    write: function (n, item, times) {
      var at = times.changed[item.key || item.id] || Date.now();
      item.at = new Date(at);
      item.latency = Math.max(0, at - (times.shown[item.key || item.id] || at));
      if (n < this.cap) {
        this.put(n, item);
        return n + 1;
      }
      /* The LMS holds no more records: the latest answer goes over the latest record of its id. */
      var m = this.latest(item.id);
      if (m !== null) this.put(m, item);
      return n;
    },
    put: function (n, item) {
      this.sent[n] = { item: item, before: this.last[item.id] };
      this.last[item.id] = n;
      this.lms.setAll(this.adapter.interaction(n, item, this.data.lang));
    },
    /* The LMS refused these keys while it took the rest. For an interaction record, a refused id means
       it would not create the record (it keeps a limited number), so the item goes over the latest
       record of its id, once; the refusal of any other value is final. */
    refused: function (keys) {
      var prefix = this.adapter.records, done = {};
      for (var i = 0; i < keys.length; i++) {
        if (keys[i].indexOf(prefix) !== 0) continue;
        var n = parseInt(keys[i].slice(prefix.length), 10), sent = this.sent[n];
        if (done[n] || !sent) continue;
        done[n] = true;
        delete this.sent[n];
        var id = sent.item.id;
        if (this.last[id] === n) {
          if (sent.before === undefined) delete this.last[id];
          else this.last[id] = sent.before;
        }
        if (sent.again || keys.indexOf(prefix + n + ".id") < 0) continue;
        this.cap = Math.min(this.cap, n);
        var m = this.latest(id);
        if (m === null) continue;
        this.put(m, sent.item);
        this.sent[m].again = true;
      }
    },
    /* The index of the latest record of interaction `id`, or null: this session's own, else (where
       the standard lets ids be read back) the LMS's records below the limit, read once. */
    latest: function (id) {
      if (this.last[id] === undefined && this.adapter.readsRecords && !this.read) {
        this.read = true;
        for (var k = 0; k < this.cap; k++) {
          var found = this.lms.get(this.adapter.records + k + ".id");
          if (found && !(this.last[found] >= k)) this.last[found] = k;
        }
      }
      return this.last[id] === undefined ? null : this.last[id];
    },
    complete: function (st) {
      st.flags |= SB.DONE;
      this.lms.setAll(this.adapter.completed);
    }
  };
})(window);
