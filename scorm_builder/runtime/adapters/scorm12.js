/* SCORM 1.2 data model (RTE 3.4). The API's names and the elements of status, exit, bookmark and resume
   state come from the standard's record (data.standard.lms, see scorm_builder/specs); what is here
   the tests compare with the record. */
(function (w) {
  "use strict";
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  /* CMITimespan HHHH:MM:SS.SS (RTE 3.4.2.2), at most 9999:59:59.99. */
  function span(ms) {
    var cs = Math.min(Math.max(0, Math.round(ms / 10)), 359999999);
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }
  /* CMITime HH:MM:SS (RTE 3.4.2.3), the learner's local clock. */
  function clock(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }
  w.SB.adapters.scorm12 = {
    commitBeforeFinish: true,
    formatTime: span,
    score: function (overall) {
      return [["cmi.core.score.raw", overall.raw], ["cmi.core.score.min", 0], ["cmi.core.score.max", 100]];
    },
    progress: function () { return []; },
    /* One objective per category: its mean on the scale as raw, the scale's ends as min and max. */
    objective: function (n, cat, res) {
      var p = "cmi.objectives." + n + ".", out = [[p + "id", cat.id]];
      if (res && res.score !== null) out.push([p + "score.raw", res.score], [p + "score.min", cat.min], [p + "score.max", cat.max]);
      out.push([p + "status", res && res.answered === res.total ? "completed" : "incomplete"]);
      return out;
    },
    /* Interactions are write-only in 1.2: each report is a new record (a journal), latest last. A
       profile is "fill-in" (choice responses are single characters in 1.2, RTE 3.4.2.7.6), several on
       a midline separated by commas. */
    interaction: function (n, it) {
      var p = "cmi.interactions." + n + ".", types = { likert: "likert", axis: "likert", profile: "fill-in", reflection: "fill-in" };
      var response = it.kind === "profile" ? it.profiles.join(",") : it.kind === "reflection" ? it.text : String(it.value);
      var out = [[p + "id", it.id], [p + "type", types[it.kind]]];
      if (it.category) out.push([p + "objectives.0.id", it.category]);
      return out.concat([
        [p + "time", clock(it.at)],
        [p + "latency", span(it.latency)],
        [p + "student_response", response],
        [p + "result", "neutral"]
      ]);
    }
  };
})(window);
