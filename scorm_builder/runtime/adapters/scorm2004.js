/* SCORM 2004 data model (RTE 4.2), 3rd and 4th edition. */
(function (w) {
  "use strict";
  w.SB.adapters.scorm2004 = {
    apiName: "API_1484_11",
    fn: { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate" },
    keys: {
      suspend: "cmi.suspend_data",
      location: "cmi.location",
      exit: "cmi.exit",
      sessionTime: "cmi.session_time",
      entry: "cmi.entry"
    },
    completed: [["cmi.completion_status", "completed"]],
    incomplete: [["cmi.completion_status", "incomplete"]],
    exitDone: "normal",
    commitBeforeFinish: false,
    /* timeinterval (second,10,2): ISO 8601 duration, e.g. PT1H2M3.45S; never P0S (RTE 4.2.23). */
    formatTime: function (ms) {
      var cs = Math.max(0, Math.round(ms / 10));
      var h = Math.floor(cs / 360000);
      var m = Math.floor(cs / 6000) % 60;
      var s = (cs % 6000) / 100;
      return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s.toFixed(2).replace(/\.?0+$/, "") + "S";
    }
  };
})(window);
