/* scorm-builder runtime: what the LMS is told. Turns the learner's state and the scoring result into
   the adapter's data-model values: score, one objective per category, one interaction per report. */
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
    this.d = data;
    this.lms = lms;
    this.a = lms.a;
  };

  SB.Report.prototype = {
    /* Queue everything the LMS should know now; the caller decides when to flush. */
    update: function (st, result, times) {
      var d = this.d, a = this.a, lms = this.lms;
      if (result && result.overall && result.overall.raw !== null) lms.setAll(a.score(result.overall));
      lms.setAll(a.progress((st.reached + 1) / d.pages.length));
      d.categories.forEach(function (cat, n) {
        lms.setAll(a.objective(n, cat, result ? result.categories[cat.id] : null, d.lang));
      });
      this.interactions(st, times);
      if (!(st.flags & 1)) lms.setAll(a.incomplete);
    },
    /* Report each answer or reflection not yet reported, as the next interaction record. */
    interactions: function (st, times) {
      var d = this.d, lms = this.lms, self = this;
      var next = st.count;
      d.state.statements.forEach(function (id) {
        if (st.answers[id] && !st.reported[id]) {
          var item = d.items[id];
          next = self.write(next, { id: id, likert: true, value: st.answers[id], category: item.c, description: item.t }, times);
          st.reported[id] = true;
        }
      });
      if (d.privacy === "lms") {
        d.state.reflections.forEach(function (r) {
          var id = r[0], text = st.texts[id];
          if (text && !st.reported[id]) {
            next = self.write(next, { id: id, likert: false, text: oneLine(text), description: d.reflections[id] }, times);
            st.reported[id] = true;
          }
        });
      }
      st.count = next;
    },
    write: function (n, item, times) {
      var at = times.changed[item.id] || Date.now();
      item.at = new Date(at);
      item.latency = Math.max(0, at - (times.shown[item.id] || at));
      this.lms.setAll(this.a.interaction(n, item, this.d.lang));
      return n + 1;
    },
    complete: function (st) {
      st.flags |= 1;
      this.lms.setAll(this.a.completed);
    }
  };
})(window);
