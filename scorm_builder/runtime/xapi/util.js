/* scorm-builder runtime, xAPI: helpers shared by the xAPI (Tin Can launch) and cmi5 connections:
   ids, times, launch parameters, HTTP with a timeout, and storage that never throws. */
(function (w) {
  "use strict";
  var X = (w.SB.x = w.SB.x || {});
  X.VERSION = "1.0.3";
  var TIMEOUT_MS = 10000;

  /* A version 4 UUID (RFC 4122 4.4) from crypto.getRandomValues, which works outside secure contexts
     too (crypto.randomUUID does not). Statement ids are made here so a retry never duplicates. */
  X.uuid = function () {
    var b = new Uint8Array(16), h = [];
    w.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h.push((b[i] + 256).toString(16).slice(1));
    h = h.join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  };

  /* ISO 8601 timestamp in UTC with milliseconds (xAPI 4.5; cmi5 9.7 wants UTC). */
  X.stamp = function (t) { return new Date(t).toISOString(); };

  /* ISO 8601 duration PT#H#M#S to 0.01 s (xAPI 4.6), never "P0S". */
  X.duration = function (ms) {
    var cs = Math.max(0, Math.round(ms / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    var s = ((cs % 6000) / 100).toFixed(2).replace(/\.?0+$/, "");
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  };

  /* The page's query parameters (the launch parameters of Tin Can and cmi5). */
  X.params = function (search) {
    var out = {};
    new w.URLSearchParams(search).forEach(function (value, key) { out[key] = value; });
    return out;
  };

  X.json = function (text) {
    try { return JSON.parse(text); } catch (ignored) { return null; }
  };

  /* The actor of a launch as an xAPI Agent. Tin Can launchers may send 0.9-style arrays
     ({"mbox": ["mailto:..."], "name": ["..."]}): the first value is taken. */
  X.agent = function (text) {
    var a = typeof text === "string" ? X.json(text) : text, out = { objectType: "Agent" };
    if (!a || typeof a !== "object") return null;
    ["name", "mbox", "mbox_sha1sum", "openid"].forEach(function (k) {
      var v = Array.isArray(a[k]) ? a[k][0] : a[k];
      if (v) out[k] = String(v);
    });
    var acc = Array.isArray(a.account) ? a.account[0] : a.account;
    if (acc && (acc.homePage || acc.accountServiceHomePage)) {
      out.account = { homePage: acc.homePage || acc.accountServiceHomePage, name: String(acc.name || acc.accountName) };
    }
    return out.mbox || out.mbox_sha1sum || out.openid || out.account ? out : null;
  };

  /* One HTTP request; resolves {status, text} and never rejects: a network error or a timeout is
     status 0. keepalive lets a request outlive the page (at pagehide; at most 64 KiB in flight). */
  X.http = function (method, url, opts) {
    opts = opts || {};
    var ctrl = w.AbortController ? new w.AbortController() : null;
    var timer = ctrl && !opts.keepalive ? w.setTimeout(function () { ctrl.abort(); }, opts.timeout || TIMEOUT_MS) : null;
    var init = { method: method, headers: opts.headers || {}, body: opts.body, keepalive: !!opts.keepalive, cache: "no-store" };
    if (ctrl) init.signal = ctrl.signal;
    var done = function (status, text) { if (timer) w.clearTimeout(timer); return { status: status, text: text }; };
    try {
      return w.fetch(url, init).then(function (r) {
        return r.text().then(function (t) { return done(r.status, t); }, function () { return done(r.status, ""); });
      }, function () { return done(0, ""); });
    } catch (ignored) {
      return Promise.resolve(done(0, "")); /* e.g. a keepalive body over the browser's limit */
    }
  };

  /* localStorage (or sessionStorage) as JSON; blocked or full storage reads as empty. */
  X.store = {
    area: function (session) {
      try { return session ? w.sessionStorage : w.localStorage; } catch (ignored) { return null; }
    },
    get: function (key, session) {
      var area = this.area(session);
      try { return area ? X.json(area.getItem(key)) : null; } catch (ignored) { return null; }
    },
    set: function (key, value, session) {
      var area = this.area(session);
      try { if (area) area.setItem(key, JSON.stringify(value)); return !!area; } catch (ignored) { return false; }
    }
  };

  /* A query string from an object; objects are sent as JSON (the xAPI "agent" parameter). */
  X.query = function (params) {
    return "?" + Object.keys(params).filter(function (k) { return params[k] !== undefined && params[k] !== null; })
      .map(function (k) {
        var v = typeof params[k] === "object" ? JSON.stringify(params[k]) : String(params[k]);
        return encodeURIComponent(k) + "=" + encodeURIComponent(v);
      }).join("&");
  };

  /* A stable key for one learner and registration, to keep their local copies apart. */
  X.who = function (actor, registration) {
    var a = actor || {}, acc = a.account || {};
    return (a.mbox || a.mbox_sha1sum || a.openid || acc.homePage + "|" + acc.name) + "|" + (registration || "");
  };
})(window);
