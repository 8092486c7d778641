/* SCORM 1.2 data model (RTE 3.4). */
(function (w) {
  "use strict";
  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }
  w.SB.adapters.scorm12 = {
    apiName: "API",
    fn: { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish" },
    keys: {
      suspend: "cmi.suspend_data",
      location: "cmi.core.lesson_location",
      exit: "cmi.core.exit",
      sessionTime: "cmi.core.session_time",
      entry: "cmi.core.entry"
    },
    completed: [["cmi.core.lesson_status", "completed"]],
    incomplete: [["cmi.core.lesson_status", "incomplete"]],
    exitDone: "",
    commitBeforeFinish: true,
    /* CMITimespan: HHHH:MM:SS.SS (RTE 3.4.2, max 9999:99:99.99). */
    formatTime: function (ms) {
      var cs = Math.max(0, Math.round(ms / 10));
      var h = Math.min(9999, Math.floor(cs / 360000));
      var m = Math.floor(cs / 6000) % 60;
      var s = Math.floor(cs / 100) % 60;
      return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
    }
  };
})(window);
