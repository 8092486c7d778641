/* scorm-builder runtime: the LMS connection every page uses. One adapter per standard describes the data model. */
(function (w) {
  "use strict";
  var SB = (w.SB = w.SB || { adapters: {} });

  /* Find the LMS API object: the window's parents first, then the opener and its parents
     (SCORM 1.2 RTE 3.3.6.1; SCORM 2004 RTE 3.1.2.1). Every access is guarded: a frame of another
     origin throws, and `top` is never touched directly (SuccessFactors frames its header from another domain). */
  SB.findApi = function (name, win) {
    function walk(start) {
      var current = start;
      for (var hops = 0; current && hops < 500; hops++) {
        try {
          if (current[name]) return current[name];
        } catch (e) { /* another origin: keep climbing */ }
        var parent = null;
        try { parent = current.parent; } catch (e) { parent = null; }
        if (!parent || parent === current) break;
        current = parent;
      }
      return null;
    }
    var here = win || w;
    var found = walk(here);
    if (found) return found;
    try { if (here.opener) found = walk(here.opener); } catch (e) { found = null; }
    return found || null;
  };

  /* Call an API function without letting a quirky LMS break the course: a missing function, a throw,
     or a "false" result all come back as { ok: false }. */
  SB.call = function (api, fn, args) {
    try {
      if (!api || typeof api[fn] !== "function") return { ok: false, value: "", missing: true };
      var value = api[fn].apply(api, args || []);
      return { ok: value === true || value === "true" || (typeof value === "string" && value !== "false"), value: value };
    } catch (e) {
      return { ok: false, value: "", error: String(e) };
    }
  };

  /* The connection: SCORM through an adapter when an API is found, localStorage always as a safety net. */
  SB.Lms = function (adapter, storageKey) {
    this.a = adapter;
    this.key = storageKey;
    this.api = null;
    this.live = false;
    this.finished = false;
    this.started = Date.now();
    this.pending = {};
    this.failures = 0;
    this.listeners = [];
  };

  SB.Lms.prototype = {
    start: function () {
      this.api = SB.findApi(this.a.apiName);
      if (this.api && SB.call(this.api, this.a.fn.init, [""]).ok) this.live = true;
      this.emit(this.live ? "lms" : "local");
      return this.live;
    },
    get: function (key) {
      if (!this.live) return "";
      var r = SB.call(this.api, this.a.fn.get, [key]);
      return r.value === undefined || r.value === null ? "" : String(r.value);
    },
    /* Queue values; flush() writes them. Failed writes stay queued and are retried on the next flush. */
    set: function (key, value) {
      this.pending[key] = String(value);
    },
    flush: function (commit) {
      this.local();
      if (!this.live) return false;
      var ok = true;
      for (var key in this.pending) {
        if (!Object.prototype.hasOwnProperty.call(this.pending, key)) continue;
        if (SB.call(this.api, this.a.fn.set, [key, this.pending[key]]).ok) delete this.pending[key];
        else ok = false;
      }
      if (ok && commit !== false) ok = SB.call(this.api, this.a.fn.commit, [""]).ok;
      this.failures = ok ? 0 : this.failures + 1;
      this.emit(ok ? "saved" : "retry");
      return ok;
    },
    /* Keep a copy of the learner's state in the browser whatever the LMS does. */
    local: function () {
      try {
        if (this.state !== undefined) w.localStorage.setItem(this.key, this.state);
      } catch (e) { /* storage full or blocked: the LMS copy remains */ }
    },
    readLocal: function () {
      try { return w.localStorage.getItem(this.key) || ""; } catch (e) { return ""; }
    },
    saveState: function (state, location) {
      this.state = state;
      this.set(this.a.keys.suspend, state);
      this.set(this.a.keys.location, location);
    },
    loadState: function () {
      var fromLms = this.live ? this.get(this.a.keys.suspend) : "";
      return fromLms || this.readLocal();
    },
    complete: function () {
      var values = this.a.completed;
      for (var i = 0; i < values.length; i++) this.set(values[i][0], values[i][1]);
      this.done = true;
    },
    /* End the session exactly once (pagehide may fire more than once, or after an explicit finish). */
    finish: function () {
      if (this.finished) return;
      this.finished = true;
      if (!this.done) {
        var unfinished = this.a.incomplete;
        for (var i = 0; i < unfinished.length; i++) this.set(unfinished[i][0], unfinished[i][1]);
      }
      this.set(this.a.keys.exit, this.done ? this.a.exitDone : "suspend");
      this.set(this.a.keys.sessionTime, this.a.formatTime(Date.now() - this.started));
      /* SCORM 2004: no Commit right before Terminate, which commits itself (Cornerstone rejects a Commit during unload). */
      this.flush(this.a.commitBeforeFinish);
      if (this.live) SB.call(this.api, this.a.fn.finish, [""]);
      this.live = false; /* the session is over: later events only save in the browser */
    },
    on: function (fn) { this.listeners.push(fn); },
    emit: function (what) {
      for (var i = 0; i < this.listeners.length; i++) this.listeners[i](what, this);
    }
  };
})(window);
