/*
 * scorm-builder preview: the LMS page. Creates scorm-again's SCORM 1.2 or 2004 API for each launch
 * with the start data the preview server keeps (saved CMI, entry, total_time), frames the SCO, posts
 * every successful Commit/Terminate back to the server, shows the CMI data live, and can play a
 * failing LMS (SetValue/Commit answer "false" with error 101 in 1.2, 351/391 in 2004).
 */
(function () {
  "use strict";

  var NAMES = {
    scorm12: { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
               lastError: "LMSGetLastError", errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" },
    scorm2004: { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
                 lastError: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic" }
  };
  /* General Exception (1.2, RTE 3.3.2); General Set Failure and General Commit Failure (2004, RTE 3.1.7.4). */
  var FAIL = { scorm12: { set: "101", commit: "101" }, scorm2004: { set: "351", commit: "391" } };

  var P = (window.__preview = {
    pkg: null, api: null, sco: null, failing: false, forced: null, launched: false, ready: false,
    saving: Promise.resolve(), calls: [], launch: null, saves: 0
  });

  function $(id) { return document.getElementById(id); }

  function post(url, data) {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data || {}) })
      .then(function (response) { return response.json(); });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function note(text) { $("lms-note").textContent = text; }

  /* ---- the API ------------------------------------------------------------------------------------------ */

  function createApi(startData) {
    var v12 = P.pkg.standard === "scorm12";
    var Ctor = v12 ? window.Scorm12API : window.Scorm2004API;
    var api = new Ctor({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
    api.loadFromFlattenedJSON(startData, "");
    var names = NAMES[P.pkg.standard];
    Object.keys(names).forEach(function (kind) { wrap(api, names[kind], kind); });
    window[v12 ? "API" : "API_1484_11"] = api;
    P.api = api;
  }

  function answer(api, original, kind, args) {
    var forced = P.forced;
    if (kind === "lastError" && forced) return forced;
    if ((kind === "errorString" || kind === "diagnostic") && forced && String(args[0] || forced) === forced) {
      return "Preview: simulated LMS failure";
    }
    if (P.failing && (kind === "set" || kind === "commit")) {
      P.forced = FAIL[P.pkg.standard][kind];
      return "false";
    }
    if (kind !== "lastError" && kind !== "errorString" && kind !== "diagnostic") P.forced = null;
    return original.apply(api, args);
  }

  function wrap(api, name, kind) {
    var original = api[name];
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = answer(api, original, kind, args);
      P.calls.push({ method: name, args: args, result: String(result) });
      if ((kind === "commit" || kind === "finish") && String(result) === "true") persist(api);
      schedule();
      return result;
    };
  }

  /* What the LMS stores after a successful Commit/Terminate: the whole CMI, posted to the server. */
  function persist(api) {
    var cmi = api.renderCMIToJSONObject().cmi;
    var sco = P.sco.id;
    P.saving = P.saving.then(function () { return post("/api/commit", { sco: sco, cmi: cmi }); })
      .then(function () { P.saves += 1; }, function (error) { note("could not store the CMI: " + error); });
  }

  /* ---- launching ---------------------------------------------------------------------------------------- */

  function scoUrl(href) {
    var path;
    try { path = encodeURI(decodeURI(href)); } catch (e) { path = encodeURI(href); }
    return "/pkg/" + path;
  }

  function launch() {
    return P.saving.then(function () { return post("/api/launch", { sco: P.sco.id }); }).then(function (info) {
      P.launch = info;
      P.calls = [];
      createApi(info.startData);
      var frame = document.createElement("iframe");
      frame.name = "sco";
      frame.title = P.sco.title;
      frame.src = scoUrl(P.sco.href);
      $("stage").appendChild(frame);
      P.launched = true;
      note(launchNote(info));
      buttons();
      render();
    });
  }

  function launchNote(info) {
    if (info.entry === "ab-initio") return "Launch " + info.launch + ": new attempt (entry=ab-initio)";
    var text = "Launch " + info.launch + ": saved data reloaded, entry=" + (info.entry || '""');
    if (info.previousExit !== "suspend" && P.pkg.standard === "scorm2004") {
      text += " (exit was " + JSON.stringify(info.previousExit || "") + ": an LMS would start a new attempt; Reset attempt does that)";
    }
    return text;
  }

  /* Close as an LMS does: remove the frame (the SCO's pagehide runs and terminates), then wait for the save. */
  function close() {
    var frame = $("stage").querySelector("iframe");
    if (frame) frame.remove();
    P.launched = false;
    buttons();
    return P.saving.then(render);
  }

  function reset() {
    return close().then(function () { return post("/api/reset"); }).then(function () {
      try { window.localStorage.clear(); window.sessionStorage.clear(); } catch (e) { /* storage blocked */ }
      return launch();
    });
  }

  function buttons() {
    $("relaunch").disabled = !P.launched;
    $("close").disabled = !P.launched;
    $("launch").disabled = P.launched;
    $("reset").disabled = false;
  }

  /* ---- the panel ---------------------------------------------------------------------------------------- */

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; render(); }, 0);
  }

  function get(cmi, path) {
    return path.split(".").reduce(function (node, key) { return node && node[key] !== undefined ? node[key] : ""; }, cmi);
  }

  function fields(cmi) {
    if (P.pkg.standard === "scorm12") {
      return { status: get(cmi, "core.lesson_status"), score: get(cmi, "core.score.raw"), location: get(cmi, "core.lesson_location"),
               entry: get(cmi, "core.entry"), exit: get(cmi, "core.exit"), total: get(cmi, "core.total_time"),
               session: get(cmi, "core.session_time"), response: "student_response" };
    }
    var success = get(cmi, "success_status");
    return { status: get(cmi, "completion_status") + (success && success !== "unknown" ? " / " + success : ""),
             score: [get(cmi, "score.scaled"), get(cmi, "score.raw")].filter(Boolean).join(" (raw ") + (get(cmi, "score.raw") && get(cmi, "score.scaled") ? ")" : ""),
             location: get(cmi, "location"), entry: get(cmi, "entry"), exit: get(cmi, "exit"),
             total: get(cmi, "total_time"), session: get(cmi, "session_time"), response: "learner_response" };
  }

  function text(id, value) { $(id).textContent = value === "" || value === undefined ? "–" : value; }

  function render() {
    if (!P.api) return;
    var cmi = P.api.renderCMIToJSONObject().cmi;
    var f = fields(cmi);
    text("cmi-status", f.status);
    text("cmi-score", f.score);
    text("cmi-location", f.location);
    text("cmi-entry", (f.entry || '""') + " / " + (f.exit || '""'));
    text("cmi-time", "total " + f.total + ", session " + (f.session || "–"));
    suspend(String(cmi.suspend_data || ""));
    rows("objectives", cmi.objectives, function (o) {
      return [o.id, o.status || [o.completion_status, o.success_status].filter(Boolean).join(" / "), get(o, "score.scaled") || get(o, "score.raw")];
    });
    rows("interactions", cmi.interactions, function (i) { return [i.id, i.type, i[f.response], i.result]; });
    calls();
  }

  function suspend(data) {
    var limit = P.pkg.suspendLimit;
    var size = $("suspend-size");
    size.textContent = data.length + " / " + limit + " characters";
    size.className = data.length > limit ? "over" : "";
    size.title = data.length > limit ? "over the limit the standard guarantees: LMSs may truncate or refuse it" : "";
    $("suspend-meter").value = Math.min(1, data.length / limit);
    $("suspend-data").textContent = data;
  }

  function rows(id, collection, cells) {
    var body = $(id).querySelector("tbody");
    body.textContent = "";
    Object.keys(collection || {}).filter(function (k) { return /^\d+$/.test(k); }).forEach(function (key) {
      var tr = document.createElement("tr");
      cells(collection[key]).forEach(function (value) {
        var td = document.createElement("td");
        td.textContent = value === undefined ? "" : String(value);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function calls() {
    var list = $("calls");
    list.textContent = "";
    P.calls.slice(-60).reverse().forEach(function (call) {
      var li = document.createElement("li");
      li.textContent = call.method + "(" + call.args.map(function (a) { return JSON.stringify(a); }).join(", ") + ") → " + call.result;
      if (call.result === "false") li.className = "false";
      list.appendChild(li);
    });
  }

  /* ---- start -------------------------------------------------------------------------------------------- */

  /* For the live preview of a course folder (live.js): close and relaunch the SCO on a new build. */
  P.actions = { close: close, launch: launch, render: render };

  function chooser(scos) {
    var select = $("sco");
    scos.forEach(function (sco, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = sco.title + " (" + sco.href + ")";
      select.appendChild(option);
    });
    $("sco-choice").hidden = scos.length < 2;
    select.onchange = function () {
      close().then(function () { P.sco = scos[Number(select.value)]; return launch(); });
    };
  }

  function wire() {
    $("relaunch").onclick = function () { close().then(launch); };
    $("close").onclick = function () { close(); };
    $("launch").onclick = function () { launch(); };
    $("reset").onclick = function () { reset(); };
    $("fail-lms").onchange = function () { P.failing = this.checked; note(P.failing ? "LMS failing: SetValue and Commit answer false" : "LMS working again"); };
  }

  fetch("/api/package").then(function (response) { return response.json(); }).then(function (pkg) {
    P.pkg = pkg;
    P.sco = pkg.scos[0];
    $("package-label").textContent = pkg.label + ": " + P.sco.title;
    $("std").textContent = "(" + pkg.standard + ", suspend_data limit " + pkg.suspendLimit + ")";
    chooser(pkg.scos);
    wire();
    return loadScript("/vendor/" + pkg.standard + ".js");
  }).then(launch).then(function () { P.ready = true; }, function (error) { note("preview failed: " + error); });
})();
