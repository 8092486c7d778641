/*
 * Test LMS page logic: creates the scorm-again API the way an LMS does, logs
 * every API call the SCO makes, injects faults on request, keeps the CMI state
 * of the last successful commit, and frames (or pops up) the SCO.
 * Configuration comes from config.js (window.LMS_CONFIG, written by Python).
 */
(function () {
  "use strict";

  var cfg = window.LMS_CONFIG;
  var V12 = cfg.standard === "scorm12";
  var FN = V12
    ? { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
        commit: "LMSCommit", lastError: "LMSGetLastError", errorString: "LMSGetErrorString",
        diagnostic: "LMSGetDiagnostic" }
    : { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
        commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString",
        diagnostic: "GetDiagnostic" };
  var ERROR_QUERIES = [FN.lastError, FN.errorString, FN.diagnostic];
  // General Exception (1.2) / General Set Failure, General Commit Failure (2004).
  var INJECTED = { set: V12 ? "101" : "351", commit: V12 ? "101" : "391", tooLong: V12 ? "405" : "406" };

  var lms = (window.__lms = {
    config: cfg,
    api: null,
    raw: {},
    calls: [],
    saved: null,
    saveCount: 0,
    commitAttempts: 0,
    refused: [],
    forcedError: null,
    scoWindow: null,
    ready: false
  });

  /** Return the current CMI data as plain JSON (null without an API). */
  lms.cmi = function () {
    return lms.api ? lms.api.renderCMIToJSONObject().cmi : null;
  };

  function setStatus(text) {
    document.getElementById("status").textContent = text;
  }

  function loadScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    script.onerror = function () { setStatus("failed to load " + src); };
    document.head.appendChild(script);
  }

  function createApi() {
    var Ctor = V12 ? window.Scorm12API : window.Scorm2004API;
    var settings = Object.assign({ autocommit: false, lmsCommitUrl: false }, cfg.settings);
    var api = new Ctor(settings);
    api.loadFromFlattenedJSON(cfg.startData);
    return api;
  }

  function failsSet(element) {
    var rule = cfg.failSetValue;
    return rule === true || (Array.isArray(rule) && rule.indexOf(element) >= 0);
  }

  /** Return the error code of an injected failure for this call, or null. */
  function injectedFault(name, args) {
    if (name === FN.set && failsSet(args[0])) return INJECTED.set;
    // A strict LMS: suspend_data longer than its limit is refused, not cut.
    if (name === FN.set && cfg.suspendLimit && args[0] === "cmi.suspend_data" && String(args[1]).length > cfg.suspendLimit) {
      lms.refused.push(String(args[1]).length);
      return INJECTED.tooLong;
    }
    if (name === FN.commit) {
      lms.commitAttempts += 1;
      if (lms.commitAttempts <= cfg.failCommit) return INJECTED.commit;
    }
    return null;
  }

  /** Turn every line break in the stored strings into CRLF, as an LMS does whose last save travels as
      multipart form data (Moodle's sendBeacon with FormData on exit). */
  function crlf(value) {
    if (typeof value === "string") return value.replace(/\r?\n/g, "\r\n");
    if (value && typeof value === "object") {
      Object.keys(value).forEach(function (k) { value[k] = crlf(value[k]); });
    }
    return value;
  }

  /** Keep what the LMS would store after a successful Commit/Terminate. */
  function persist(api, finishing) {
    var saved = api.renderCMIToJSONObject();
    lms.saved = cfg.crlfOnExit && finishing ? crlf(saved) : saved;
    lms.saveCount += 1;
  }

  function wrap(api, name) {
    var original = api[name];
    lms.raw[name] = original;
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var entry = { method: name, args: args, result: null, error_code: null };
      lms.calls.push(entry);
      if (cfg.throwOn.indexOf(name) >= 0) {
        entry.thrown = "Test LMS: injected fault in " + name;
        throw new Error(entry.thrown);
      }
      if (ERROR_QUERIES.indexOf(name) < 0) lms.forcedError = null;
      var fault = injectedFault(name, args);
      if (fault) lms.forcedError = fault;
      entry.result = fault ? "false" : original.apply(api, args);
      if (name === FN.lastError && lms.forcedError) entry.result = lms.forcedError;
      entry.error_code = lms.forcedError || String(lms.raw[FN.lastError].call(api));
      if ((name === FN.commit || name === FN.finish) && entry.result === "true") persist(api, name === FN.finish);
      return entry.result;
    };
  }

  function scoSource(depth) {
    if (depth <= 1) return cfg.scoUrl;
    return "nest.html?depth=" + (depth - 1) + "&src=" + encodeURIComponent(cfg.scoUrl);
  }

  /** Open the SCO: in an iframe (default) or in a popup window. */
  lms.launch = function () {
    var depth = cfg.nestedFrames;
    if (cfg.opener) {
      lms.scoWindow = window.open(scoSource(depth), depth > 1 ? "sco-window" : "sco",
                                  "width=1024,height=768");
    } else {
      var frame = document.createElement("iframe");
      frame.name = depth > 1 ? "wrapper-" + (depth - 1) : "sco";
      frame.title = "Course";
      frame.src = scoSource(depth);
      document.getElementById("stage").appendChild(frame);
    }
    document.getElementById("exit").disabled = false;
    setStatus("launched");
  };

  /** Close the SCO: remove (or navigate) its iframe, or close its popup. */
  lms.unload = function (how) {
    var frame = document.querySelector("#stage iframe");
    document.getElementById("exit").disabled = true;
    setStatus("closed");
    if (lms.scoWindow) {
      lms.scoWindow.close();
      lms.scoWindow = null;
    }
    if (!frame) return Promise.resolve();
    if (how !== "navigate") {
      frame.remove();
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      frame.addEventListener("load", function () { resolve(); }, { once: true });
      frame.src = "about:blank";
    });
  };

  function setup() {
    if (cfg.api !== "missing") {
      var api = (lms.api = createApi());
      Object.keys(FN).forEach(function (key) { wrap(api, FN[key]); });
      cfg.missingFunctions.forEach(function (name) { delete api[name]; });
      window[V12 ? "API" : "API_1484_11"] = api;
    }
    document.getElementById("launch").onclick = lms.launch;
    document.getElementById("exit").onclick = function () { lms.unload(); };
    document.getElementById("launch").disabled = false;
    lms.ready = true;
    setStatus("ready");
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadScript("vendor/" + cfg.standard + ".js", setup);
  });
})();
