/* scorm-builder runtime: the LMS connection. One adapter per standard describes its data model;
   this file knows nothing of either. */
(function (w) {
  "use strict";
  var SB = (w.SB = w.SB || { adapters: {} });
  var RETRY_MS = [2000, 5000, 15000, 30000];

  /* Find the LMS API object: the window's parents first, then the opener and its parents
     (SCORM 1.2 RTE 3.3.6.1; SCORM 2004 RTE 3.1.2.1). Every access is guarded: a frame of another
     origin throws, and `top` is never touched directly (SuccessFactors frames its header from another domain). */
  SB.findApi = function (name, win) {
    function walk(start) {
      var current = start;
      for (var hops = 0; current && hops < 500; hops++) {
        try { if (current[name]) return current[name]; } catch (ignored) { /* another origin: keep climbing */ }
        var parent = null;
        try { parent = current.parent; } catch (ignored) { parent = null; }
        if (!parent || parent === current) break;
        current = parent;
      }
      return null;
    }
    var here = win || w;
    var found = walk(here);
    if (!found) { try { if (here.opener) found = walk(here.opener); } catch (ignored) { found = null; } }
    return found || null;
  };

  /* Call an API function without letting a quirky LMS break the course: a missing function, a throw,
     or a "false" result all come back as { ok: false }. */
  SB.call = function (api, fn, args) {
    try {
      if (!api || typeof api[fn] !== "function") return { ok: false, value: "" };
      var value = api[fn].apply(api, args || []);
      return { ok: value === true || value === "true", value: value };
    } catch (e) {
      return { ok: false, value: "", error: String(e) };
    }
  };

  /* Shared by every connection: queue a value; an unchanged value is not sent again. */
  SB.queueing = {
    set: function (key, value) {
      value = String(value);
      if (this.dropped && this.dropped[key]) return;
      if (this.written[key] === value) delete this.pending[key];
      else this.pending[key] = value;
    },
    setAll: function (pairs) {
      for (var i = 0; i < pairs.length; i++) this.set(pairs[i][0], pairs[i][1]);
    }
  };

  /* Copies kept under keys that held the course version (prefix + version + tail + rest) move to the
     course's key (prefix + tail minus its colon + rest) once, the current version's first; a copy
     already under the new key stays. Both storages: the tab remembers its learner in sessionStorage. */
  SB.moveOldCopies = function (key, prefix, tail, version) {
    ["localStorage", "sessionStorage"].forEach(function (name) {
      var area = null, old = [];
      try {
        area = w[name];
        for (var i = 0; i < area.length; i++) old.push(area.key(i));
      } catch (ignored) { return; /* storage blocked */ }
      old = old.filter(function (k) {
        var rest = k.slice(prefix.length), cut = rest.indexOf(":"), end = cut + tail.length;
        return k.indexOf(prefix) === 0 && cut > 0 && rest.slice(cut, end) === tail && (rest.length === end || rest.charAt(end) === ":");
      });
      function current(k) { return k.indexOf(prefix + version + ":") === 0 ? 1 : 0; }
      old.sort(function (a, b) { return current(b) - current(a); });
      old.forEach(function (k) {
        var rest = k.slice(prefix.length), to = key + rest.slice(rest.indexOf(":") + tail.length);
        try {
          if (area.getItem(to) === null) area.setItem(to, area.getItem(k));
          area.removeItem(k);
        } catch (ignored) { /* storage full: the old copy stays where it is */ }
      });
    });
  };

  /* The state's flag bits (state.flags): the course is completed. */
  SB.DONE = 1;

  /* Whether the browser's copy of the state ({s, c, b}) should win over the remote one. `b` is the save
     sequence the remote held when this copy last matched it. The copy wins when the remote has none;
     when the remote has not moved on since `b` and the copy is newer (a copy the LMS lost or never
     received); or when the remote is this very save cut short (an LMS that truncates). Once another
     device has saved after `b`, the remote holds the learner's latest work and wins, however many
     changes this copy counts. */
  SB.localWins = function (remote, local, seqOf) {
    if (!local || !local.s) return false;
    if (!remote) return true;
    var mine = seqOf(local.s), theirs = seqOf(remote);
    if (typeof local.b === "number" && theirs > local.b) return false;
    if (mine > theirs) return true;
    return mine === theirs && remote.length < local.s.length && local.s.indexOf(remote) === 0;
  };
  /* Whether choosing the remote copy drops changes that were only in this browser (the learner is told). */
  SB.superseded = function (remote, local, seqOf) {
    return !!(remote && local && local.s && local.s !== remote && !SB.localWins(remote, local, seqOf) &&
      typeof local.b === "number" && seqOf(local.s) > local.b);
  };

  /* The connection: the LMS through an adapter when an API answers, the browser's storage always. */
  SB.Lms = function (adapter, storageKey) {
    this.adapter = adapter;
    this.key = this.base = storageKey;
    /* The save sequence the LMS holds, as far as this session knows (-1: none). */
    this.remoteSeq = -1;
    this.api = null;
    this.live = false;
    this.finished = false;
    this.started = Date.now();
    this.pending = {};
    this.written = {};
    /* Elements the LMS refused for good in this session (see flush): never queued again. */
    this.dropped = {};
    this.timer = null;
    this.tries = 0;
    this.listeners = [];
    this.calls = 0;
  };

  SB.Lms.prototype = {
    start: function () {
      this.api = SB.findApi(this.adapter.apiName);
      if (this.api && this.fn("init", [""]).ok) this.live = true;
      /* Review mode (RTE 3.4.2.1.4 lesson_mode; 4.2.15 cmi.mode): the LMS shows a finished attempt, so
         nothing is written to it; the learner still sees their saved answers. */
      this.review = this.live && this.get(this.adapter.keys.mode) === "review";
      /* The browser's copies are the learner's own: another employee at the same computer never gets
         them. The tab remembers its learner, so a reload after the LMS has ended the session (when
         no API answers) still finds their copy. */
      var who = this.live ? this.get(this.adapter.keys.learner) : "";
      try {
        if (who) w.sessionStorage.setItem(this.key + ":learner", who);
        else who = w.sessionStorage.getItem(this.key + ":learner") || "";
      } catch (ignored) { /* storage blocked: the copy is kept under the course's key alone */ }
      if (who) this.base = this.key + ":" + who;
      this.emit(this.review ? "review" : this.live ? "lms" : "local");
      return this.live;
    },
    fn: function (name, args) {
      this.calls++;
      return SB.call(this.api, this.adapter.fn[name], args);
    },
    get: function (key) {
      if (!this.live) return "";
      var r = this.fn("get", [key]);
      return r.value === undefined || r.value === null ? "" : String(r.value);
    },
    set: SB.queueing.set,
    setAll: SB.queueing.setAll,
    /* Write what is queued and commit. What fails stays queued, is retried with a back-off and on
       the next flush, and the learner is told without being stopped. A value only the report needs
       (adapter.reportOnly: interactions, objectives, score) that the LMS refuses while it takes the
       rest is not the learner's work and would fail again: it leaves the queue, and the report may
       write it elsewhere in the same flush (event "refused": an interaction record past the LMS's
       number of records). */
    flush: function (commit) {
      this.saveLocal(false);
      if (!this.live) return false;
      if (this.review) { this.pending = {}; return true; }
      var ok = true, working = false;
      for (var round = 0; round < 2; round++) {
        var refused = [], keys = Object.keys(this.pending);
        for (var i = 0; i < keys.length; i++) {
          var key = keys[i], value = this.pending[key];
          if (this.fn("set", [key, value]).ok) { this.written[key] = value; delete this.pending[key]; working = true; }
          else if (this.reportOnly(key)) refused.push(key);
          else ok = false;
        }
        if (!refused.length) break;
        if (!working) { ok = false; break; }
        for (var j = 0; j < refused.length; j++) { delete this.pending[refused[j]]; this.dropped[refused[j]] = true; }
        this.emit("refused", refused);
      }
      if (commit !== false) ok = this.fn("commit", [""]).ok && ok;
      if (ok) {
        this.tries = 0;
        /* Without a commit (SCORM 2004 right before Terminate) nothing is stored yet: finish confirms. */
        if (commit !== false) this.confirm();
        this.emit("saved");
      } else {
        this.emit("retry");
        this.retry();
      }
      return ok;
    },
    /* The LMS has stored what was written: this browser's copy records the save sequence it holds. */
    confirm: function () {
      if (this.state !== undefined && this.written[this.adapter.keys.suspend] === this.state) this.remoteSeq = this.seqOf(this.state);
      this.saveLocal(true);
    },
    reportOnly: function (key) {
      var prefixes = this.adapter.reportOnly || [];
      for (var i = 0; i < prefixes.length; i++) if (key.indexOf(prefixes[i]) === 0) return true;
      return false;
    },
    retry: function () {
      var self = this;
      if (this.timer || this.finished) return;
      var delay = RETRY_MS[Math.min(this.tries, RETRY_MS.length - 1)];
      this.tries++;
      this.timer = w.setTimeout(function () { self.timer = null; if (!self.finished) self.flush(); }, delay);
    },
    /* Keep a copy of the learner's state in the browser whatever the LMS does; `committed` marks
       whether the LMS has confirmed it. */
    saveLocal: function (committed) {
      if (this.state === undefined || this.review) return;
      /* Unread (see loadState): the LMS's state is unknown, so this copy claims nothing of it and is
         weighed by its own save sequence at the next launch. */
      var copy = this.unread ? { s: this.state, c: false, b: null } : { s: this.state, c: committed, b: this.remoteSeq };
      try {
        w.localStorage.setItem(this.copyKey(), JSON.stringify(copy));
      } catch (ignored) { this.unstored(); /* storage full or blocked: the LMS copy remains */ }
    },
    /* Nothing can be kept in this browser: without an LMS the learner's work lives only in the page. */
    unstored: function () {
      if (this.live || this.toldUnstored) return;
      this.toldUnstored = true;
      this.emit("unstored");
    },
    readLocal: function () {
      try { return JSON.parse(w.localStorage.getItem(this.copyKey()) || "null"); } catch (ignored) { return null; }
    },
    /* Where this browser keeps the learner's copy ({s, c, b}). */
    copyKey: function () { return this.base; },
    /* The state of an earlier attempt, kept in this browser until the learner brings it back (the
       newest of them, by save sequence); null when there is none. */
    earlier: function () {
      try { return w.localStorage.getItem(this.copyKey() + ":earlier"); } catch (ignored) { return null; }
    },
    keepEarlier: function (state) {
      var kept = this.earlier();
      if (kept && this.seqOf(kept) > this.seqOf(state)) return;
      try { w.localStorage.setItem(this.copyKey() + ":earlier", state); return; } catch (ignored) { /* full: below */ }
      /* Storage full: the copy being set aside holds the same state, and the new attempt's saves are
         about to replace it, so it makes the room. */
      try {
        w.localStorage.removeItem(this.copyKey());
        w.localStorage.setItem(this.copyKey() + ":earlier", state);
      } catch (ignored) { /* no room even so: the LMS's own history of the attempt remains */ }
    },
    dropEarlier: function () {
      try { w.localStorage.removeItem(this.copyKey() + ":earlier"); } catch (ignored) { /* storage blocked */ }
    },
    /* Another tab saved its copy: once this tab has `taken` its state over, what it knew of the LMS's
       save sequence holds here too (never before: a tab with an older history would pass as newer). */
    adopt: function (copy, taken) {
      if (taken && typeof copy.b === "number" && copy.b > this.remoteSeq) this.remoteSeq = copy.b;
    },
    /* While held (a saved state that could not be fully read), the state is not written anywhere, so
       the LMS's copy survives until the learner changes something; the bookmark still is. */
    saveState: function (state, location) {
      this.set(this.adapter.keys.location, location);
      if (this.held) return;
      this.state = state;
      if (!this.unread) this.set(this.adapter.keys.suspend, state);
      this.saveLocal(false);
    },
    hold: function () { this.held = true; },
    release: function () { this.held = false; },
    /* The saved state: the LMS's, unless the browser holds a newer one (SB.localWins).
       cmi.entry alone never decides (some LMSs report ab-initio although suspend_data comes back),
       but with no suspend_data after the LMS once confirmed this learner's state, ab-initio is a new
       attempt (SCORM 2004 after a normal exit; an LMS asked for one): it starts empty, with nothing
       reported or completed in it, and the copy is kept aside for the learner to bring back. */
    loadState: function () {
      var fromLms = this.live ? this.readSuspend() : "";
      var local = this.readLocal();
      if (this.live && !this.review && !this.unread && !fromLms && local && local.s && typeof local.b === "number" &&
          local.b >= 0 && this.get(this.adapter.keys.entry) === "ab-initio") {
        this.keepEarlier(local.s);
        this.newAttempt = true;
        local = null;
      }
      if (fromLms) {
        this.written[this.adapter.keys.suspend] = fromLms;
        this.remoteSeq = this.seqOf(fromLms);
      }
      this.superseded = SB.superseded(fromLms, local, this.seqOf);
      if (SB.localWins(fromLms, local, this.seqOf)) return local.s;
      /* The LMS's newer copy is not completed where this browser's is: within one attempt completion
         never goes away, so the LMS's is a new attempt begun elsewhere; this copy is kept aside too. */
      if (!this.review && local && local.s && this.doneOf && this.doneOf(local.s) && !this.doneOf(fromLms)) {
        this.keepEarlier(local.s);
        this.newAttempt = true;
      }
      return fromLms;
    },
    /* The saved state as the LMS gives it. An empty value with an error other than "not set yet", in
       an attempt the LMS resumes, is a read that failed (an LMS that cannot reach its store): the
       state is unread, never written over in this session, and the learner's work is kept in this
       browser (they are told). A first attempt has nothing to lose (some LMSs answer an error there). */
    readSuspend: function () {
      var value = this.get(this.adapter.keys.suspend);
      if (value) return value;
      var code = String(this.fn("lastError", []).value || "0");
      if (code !== "0" && code !== this.adapter.unset && this.get(this.adapter.keys.entry) !== "ab-initio") {
        this.unread = true;
        this.emit("unread");
      }
      return "";
    },
    /* End the session exactly once (pagehide may fire more than once, or after an explicit finish). */
    finish: function (done) {
      if (this.finished) return;
      this.setAll(done ? this.adapter.exitDone : this.adapter.exitSuspend);
      this.set(this.adapter.keys.sessionTime, this.adapter.formatTime(Date.now() - this.started));
      /* SCORM 2004: no Commit right before Terminate, which commits itself (Cornerstone rejects a
         Commit during unload). */
      var flushed = this.flush(this.adapter.commitBeforeFinish);
      this.finished = true;
      if (this.timer) w.clearTimeout(this.timer);
      /* Terminate commits what a 2004 flush wrote: only when it succeeds is the copy confirmed. */
      if (this.live && this.fn("finish", [""]).ok && flushed && this.adapter.commitBeforeFinish === false) this.confirm();
      this.live = false; /* the session is over: later events only save in the browser */
    },
    on: function (fn) { this.listeners.push(fn); },
    emit: function (what, detail) {
      for (var i = 0; i < this.listeners.length; i++) this.listeners[i](what, this, detail);
    }
  };
})(window);
