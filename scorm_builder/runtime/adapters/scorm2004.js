/* SCORM 2004 data model (RTE 4.2), 3rd and 4th edition. The API's names and the elements of status,
   exit, bookmark and resume state come from the edition's record (data.standard.lms, see
   scorm_builder/specs); what is here the tests compare with the record. */
(function (w) {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /* timeinterval (second,10,2): ISO 8601, PT#H#M#S, never P0S (RTE 4.2.23). */
  function interval(ms) {
    var cs = Math.max(0, Math.round(ms / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    var s = ((cs % 6000) / 100).toFixed(2).replace(/\.?0+$/, "");
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  }
  /* time (second,10,0): YYYY-MM-DDThh:mm:ss.sZ in UTC (RTE 4.2.8). */
  function stamp(d) {
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + "T" + pad(d.getUTCHours()) +
      ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds()) + "." + Math.floor(d.getUTCMilliseconds() / 100) + "Z";
  }
  function four(x) { return Math.round(x * 10000) / 10000; }
  w.SB.adapters.scorm2004 = {
    commitBeforeFinish: false,
    formatTime: interval,
    score: function (o) {
      return [["cmi.score.scaled", o.scaled], ["cmi.score.raw", o.raw], ["cmi.score.min", 0], ["cmi.score.max", 100]];
    },
    progress: function (fraction) { return [["cmi.progress_measure", four(fraction)]]; },
    objective: function (n, cat, res, lang) {
      var p = "cmi.objectives." + n + ".", out = [[p + "id", cat.id]];
      if (res && res.score !== null) {
        out.push([p + "score.scaled", four((res.score - cat.min) / (cat.max - cat.min))],
          [p + "score.raw", res.score], [p + "score.min", cat.min], [p + "score.max", cat.max]);
      }
      out.push([p + "progress_measure", res ? four(res.answered / res.total) : 0],
        [p + "completion_status", res && res.answered === res.total ? "completed" : "incomplete"],
        [p + "description", "{lang=" + lang + "}" + cat.t]);
      return out;
    },
    /* One record per report; a changed answer is a new record with the same id (RTE 4.2.9 journaling).
       A profile is a "choice" of short identifiers, several on a midline joined by "[,]". */
    interaction: function (n, it, lang) {
      var p = "cmi.interactions." + n + ".", types = { likert: "likert", axis: "likert", profile: "choice", reflection: "long-fill-in" };
      var response = it.kind === "profile" ? it.profiles.join("[,]") : it.kind === "reflection" ? "{lang=" + lang + "}" + it.text : String(it.value);
      var out = [[p + "id", it.id], [p + "type", types[it.kind]], [p + "description", "{lang=" + lang + "}" + it.description]];
      if (it.category) out.push([p + "objectives.0.id", it.category]);
      return out.concat([
        [p + "timestamp", stamp(it.at)],
        [p + "latency", interval(it.latency)],
        [p + "learner_response", response],
        [p + "result", "neutral"]
      ]);
    }
  };
})(window);
