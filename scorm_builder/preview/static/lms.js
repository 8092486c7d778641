/*
 * scorm-builder preview: the LMS page. Creates scorm-again's SCORM 1.2 or 2004 API for each launch
 * with the start data the preview server keeps (saved CMI, entry, total_time), frames the SCO, posts
 * every successful Commit/Terminate back to the server, shows the CMI data live, and can play a
 * failing LMS (SetValue/Commit answer "false" with the error codes of the standard's record).
 * The API's names, the data-model elements and the error codes come from the record (/api/package,
 * "lms"); the launch options (/api/package, "options") are the defaults unless the program that
 * started the preview set others (the tests' LMSs that lose data: see preview/options.py).
 */
(function () {
  "use strict";

  var QUERIES = ["lastError", "errorString", "diagnostic"];

  var P = (window.__preview = {
    pkg: null, lms: null, options: null, api: null, raw: {}, sco: null, failing: false, forced: null,
    launched: false, ready: false, saving: Promise.resolve(), calls: [], launch: null, saves: 0,
    saved: null, commits: 0, refused: [], scoWindow: null
  });

  /** Return the current CMI data as plain JSON (null without an API). */
  P.cmi = function () { return P.api ? P.api.renderCMIToJSONObject().cmi : null; };

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
    var o = P.options, lms = P.lms;
    delete window[lms.object];
    P.api = null;
    if (o.api === "missing") return;
    /* scorm-again's browser builds define window.Scorm12API and window.Scorm2004API. */
    var Ctor = window["S" + P.pkg.standard.slice(1) + "API"];
    var api = new Ctor(Object.assign({ autocommit: false, lmsCommitUrl: false, logLevel: 5 }, o.settings));
    if (o.entryFlagStuck) startData[lms.cmi.entry] = "ab-initio";
    api.loadFromFlattenedJSON(Object.assign(startData, o.cmi), "");
    Object.keys(lms.api).forEach(function (kind) { wrap(api, lms.api[kind], kind); });
    o.missingFunctions.forEach(function (name) { delete api[name]; });
    window[lms.object] = api;
    P.api = api;
  }

  /* The index of the interaction record `element` belongs to (the record's prefix), or -1. */
  function recordOf(element) {
    var prefix = P.lms.cmi.interactions, rest = String(element).slice(prefix.length);
    return element.indexOf(prefix) === 0 && /^\d+\./.test(rest) ? parseInt(rest, 10) : -1;
  }

  /* How long a value of `element` is for a strict LMS that holds it to `limit` (0: not held):
     suspend_data whole, an interaction's response without its language tag. */
  function held(element, value) {
    var o = P.options, cmi = P.lms.cmi;
    if (element === cmi.suspendData) return o.suspendLimit ? { limit: o.suspendLimit, length: value.length } : null;
    if (!o.responseLimit || recordOf(element) < 0 || element.split(".").pop() !== cmi.response) return null;
    return { limit: o.responseLimit, length: value.replace(/^\{lang=[^}]*\}/, "").length };
  }

  /* Whether `element` belongs to an interaction record past the number a strict LMS keeps. */
  function beyondRecords(element) {
    var limit = P.options.interactionLimit;
    return !!limit && recordOf(element) >= limit;
  }

  /* The error code of a failure the LMS plays for this call, or null. A strict LMS refuses
     suspend_data or a response longer than its limit rather than cutting it. */
  function fault(kind, args) {
    var errors = P.lms.errors, rule = P.options.failSetValue;
    var failsSet = P.failing || rule === true || (Array.isArray(rule) && rule.some(function (e) {
      return e === args[0] || (e.slice(-1) === "." && String(args[0]).indexOf(e) === 0);
    }));
    if (kind === "set" && failsSet) return errors.setFailure;
    if (kind === "get" && P.options.failGetValue.indexOf(args[0]) >= 0) return errors.getFailure;
    if (kind === "finish" && P.options.failFinish) return errors.finishFailure;
    if (kind === "set" && beyondRecords(args[0])) return errors.setFailure;
    var strict = kind === "set" ? held(args[0], String(args[1])) : null;
    if (strict && strict.length > strict.limit) {
      P.refused.push(strict.length);
      return errors.typeMismatch;
    }
    if (kind !== "commit") return null;
    P.commits += 1;
    return P.failing || P.commits <= P.options.failCommit ? errors.commitFailure : null;
  }

  function answer(api, original, kind, args, code) {
    if (code) return kind === "get" ? "" : "false";
    if (kind === "lastError" && P.forced) return P.forced;
    var aboutForced = P.forced && String(args[0] || P.forced) === P.forced;
    var texts = kind === "errorString" || kind === "diagnostic";
    return texts && aboutForced ? "Preview: simulated LMS failure" : original.apply(api, args);
  }

  /* Log every call with the error code it left, play the failures asked for, store what a successful
     Commit/Terminate committed. */
  function wrap(api, name, kind) {
    var original = (P.raw[kind] = api[name]);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var call = { method: name, args: args, result: null, error_code: null };
      P.calls.push(call);
      schedule();
      if (P.options.throwOn.indexOf(name) >= 0) {
        call.thrown = "Preview: injected fault in " + name;
        throw new Error(call.thrown);
      }
      if (QUERIES.indexOf(kind) < 0) P.forced = null;
      var code = fault(kind, args);
      if (code) P.forced = code;
      var result = answer(api, original, kind, args, code);
      call.result = String(result);
      call.error_code = P.forced || String(P.raw.lastError.call(api));
      if ((kind === "commit" || kind === "finish") && call.result === "true") persist(api, kind === "finish");
      return result;
    };
  }

  /* Every line break as CRLF, as an LMS stores a save that travels as multipart form data (Moodle's
     sendBeacon with FormData on exit). */
  function crlf(value) {
    if (typeof value === "string") return value.replace(/\r?\n/g, "\r\n");
    if (value && typeof value === "object") Object.keys(value).forEach(function (k) { value[k] = crlf(value[k]); });
    return value;
  }

  /* What the LMS stores after a successful Commit/Terminate: the whole CMI, posted to the server. */
  function persist(api, finishing) {
    var saved = api.renderCMIToJSONObject();
    P.saved = finishing && P.options.crlfOnExit ? crlf(saved) : saved;
    var sco = P.sco.id;
    P.saving = P.saving.then(function () { return post("/api/commit", { sco: sco, cmi: saved.cmi }); })
      .then(function () { P.saves += 1; }, function (error) { note("could not store the CMI: " + error); });
  }

  /* ---- launching ---------------------------------------------------------------------------------------- */

  function scoUrl(href) {
    var path;
    try { path = encodeURI(decodeURI(href)); } catch (ignored) { path = encodeURI(href); }
    return "/pkg/" + path;
  }

  function launch() {
    return P.saving.then(function () { return post("/api/launch", { sco: P.sco.id }); }).then(function (info) {
      Object.assign(P, { launch: info, calls: [], saved: null, commits: 0, refused: [] });
      createApi(info.startData);
      open(scoUrl(P.options.launch || P.sco.href));
      P.launched = true;
      note(launchNote(info));
      buttons();
      render();
    });
  }

  /* A popup needs the click that opens it: the window opens at once, the SCO in it once the launch data is there. */
  function launchByClick() {
    if (P.options.opener) {
      P.scoWindow = window.open("", P.options.nestedFrames > 1 ? "sco-window" : "sco", "width=1024,height=768");
    }
    return launch();
  }

  /* The SCO in a frame of the stage (or the popup), inside nestedFrames - 1 wrapper frames. */
  function open(url) {
    var depth = P.options.nestedFrames, win = P.scoWindow;
    if (!win) nest($("stage"), url, depth);
    else if (depth > 1) nest(win.document.body, url, depth - 1);
    else win.location.href = url;
  }

  function nest(parent, url, depth) {
    var frame = parent.ownerDocument.createElement("iframe"), wrapper = depth > 1;
    frame.name = wrapper ? "wrapper-" + (depth - 1) : "sco";
    frame.title = wrapper ? "Wrapper" : P.sco.title;
    frame.style.cssText = "border:0;width:100%;height:100%;display:block";
    if (!wrapper) frame.src = url;
    parent.appendChild(frame);
    if (wrapper) nest(frame.contentDocument.body, url, depth - 1);
  }

  function launchNote(info) {
    if (info.entry === "ab-initio") return "Launch " + info.launch + ": new attempt (entry=ab-initio)";
    var text = "Launch " + info.launch + ": saved data reloaded, entry=" + (info.entry || '""');
    if (info.previousExit !== P.lms.cmi.exitSuspend && P.lms.exitEndsAttempt) {
      text += " (exit was " + JSON.stringify(info.previousExit || "") + ": an LMS would start a new attempt; Reset attempt does that)";
    }
    return text;
  }

  /* Close as an LMS does: remove the frame, navigate it away ("navigate") or close the popup (the SCO's
     pagehide runs and terminates), then wait for the save. */
  function close(how) {
    var frame = $("stage").querySelector("iframe"), gone = Promise.resolve();
    if (P.scoWindow) P.scoWindow.close();
    P.scoWindow = null;
    if (frame && how === "navigate") {
      gone = new Promise(function (resolve) { frame.addEventListener("load", resolve, { once: true }); });
      frame.src = "about:blank";
    } else if (frame) {
      frame.remove();
    }
    P.launched = false;
    buttons();
    return gone.then(function () { return P.saving; }).then(render);
  }
  P.close = close;

  function reset() {
    return close().then(function () { return post("/api/reset"); }).then(function () {
      try { window.localStorage.clear(); window.sessionStorage.clear(); } catch (ignored) { /* storage blocked */ }
      return launchByClick();
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

  /* The summary's values, read at the elements the record names (success and scaled score: 2004 only). */
  function fields(cmi) {
    var c = P.lms.cmi;
    function at(path) { return path ? get(cmi, path.replace(/^cmi\./, "")) : ""; }
    var success = at(c.success), scaled = at(c.scoreScaled), raw = at(c.scoreRaw);
    return { status: at(c.status) + (success && success !== "unknown" ? " / " + success : ""),
             score: scaled && raw ? scaled + " (raw " + raw + ")" : scaled || raw,
             location: at(c.location), entry: at(c.entry), exit: at(c.exit), total: at(c.totalTime),
             session: at(c.sessionTime), response: c.response };
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
      close().then(function () { P.sco = scos[Number(select.value)]; return launchByClick(); });
    };
  }

  function wire() {
    $("relaunch").onclick = function () { close().then(launchByClick); };
    $("close").onclick = function () { close(); };
    $("reset").onclick = function () { reset(); };
    $("fail-lms").onchange = function () { P.failing = this.checked; note(P.failing ? "LMS failing: SetValue and Commit answer false" : "LMS working again"); };
    $("launch").onclick = function () { launchByClick(); };
  }

  fetch("/api/package").then(function (response) { return response.json(); }).then(function (pkg) {
    P.pkg = pkg;
    P.lms = pkg.lms;
    P.options = pkg.options;
    P.sco = pkg.scos[0];
    $("package-label").textContent = pkg.label + ": " + P.sco.title;
    $("std").textContent = "(" + pkg.standard + ", suspend_data limit " + pkg.suspendLimit + ")";
    chooser(pkg.scos);
    wire();
    return loadScript("/vendor/" + pkg.standard + ".js");
  }).then(function () { return P.options.opener ? buttons() : launch(); })
    .then(function () { P.ready = true; }, function (error) { note("preview failed: " + error); });
})();
