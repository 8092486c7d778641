/* scorm-builder runtime, xAPI: the connection to an LRS, with the interface of SB.Lms (lms.js) so that
   course.js and report.js work unchanged. The adapter's mapping functions turn the learner's progress
   into [key, value] pairs; this file turns the pairs into statements (queue.js) and the resume state
   into a State API document. The adapter's profile (xAPI or cmi5) does the launch and the context. */
(function (w, d) {
  "use strict";
  var SB = w.SB, X = SB.x;
  var RETRY_MS = [2000, 5000, 15000, 30000];
  /* The waits before reading the saved document again at launch after an error answer (5xx, 429...).
     No answer at all is not waited for: an LRS without a State API refuses its CORS preflight, and
     the document is read again once statements go through (reread). */
  var READ_MS = [700, 2000];

  /* The data model report.js and course.js write into: JSON values, so set() de-duplicates them. */
  X.model = {
    keys: { suspend: "state", location: "location", sessionTime: "duration", interactionCount: "count" },
    completed: [["completion", "completed"]],
    incomplete: [["completion", "incomplete"]],
    exitDone: [["exit", "normal"]],
    exitSuspend: [["exit", "suspend"]],
    formatTime: X.duration,
    score: function (o) { return [["score", JSON.stringify({ raw: o.raw, scaled: o.scaled })]]; },
    progress: function (fraction) { return [["progress", String(Math.round(fraction * 100))]]; },
    objective: function (n, cat, res) {
      return [["category." + cat.id, JSON.stringify(res ? { score: res.score, answered: res.answered, total: res.total } : null)]];
    },
    interaction: function (n, it) {
      return [["answer." + n, JSON.stringify({ id: it.id, kind: it.kind, axis: it.axis, value: it.value, text: it.text,
        profiles: it.profiles, at: it.at.getTime(), latency: it.latency })]];
    }
  };

  X.Connection = function (adapter, storageKey) {
    this.adapter = adapter;
    this.profile = adapter.profile;
    this.key = this.base = storageKey;
    this.data = X.json(d.getElementById("course-data").textContent) || {};
    this.cfg = this.data.standard;
    this.lang = this.data.lang;
    this.live = false;
    this.finished = false;
    this.calls = 0;
    this.started = Date.now();
    this.pending = {};
    this.written = {};
    this.values = {};
    this.listeners = [];
    this.doc = {};
    this.stateApi = true;
    /* The save sequence of the state the LRS holds, as far as this session knows (-1: none). */
    this.remoteSeq = -1;
    this.timer = null;
    this.tries = 0;
    this.statements = new X.Statements(this);
  };

  X.Connection.prototype = {
    /* Every tab and device of the learner reports into the same record (the LRS), not a session of its own. */
    sharedRecord: true,
    /* Launch (profile), read the saved state, send "initialized". Resolves whether an LRS is in use. */
    start: function () {
      var self = this;
      return this.profile.launch(this).then(function (ok) {
        if (!ok) {
          if (self.actor) self.base = self.key + ":" + X.who(self.actor, self.registration);
          self.local = X.store.get(self.copyKey());
          self.emit("local");
          return false;
        }
        self.base = self.key + ":" + X.who(self.actor, self.registration);
        self.queue = new X.Queue(self.base + ":queue", function (batch, keepalive) { return self.post(batch, keepalive); });
        return self.loadDoc().then(function () {
          self.live = true;
          w.addEventListener("online", function () { self.tick(); });
          if (!self.sent("initialized")) { self.mark("initialized"); self.queue.add([self.statements.initialized()]); }
          self.emit("lms");
          /* cmi5 Browse or Review: nothing the learner does is kept (section 10), and they are told. */
          if (!self.counts()) self.emit("browse");
          else if (!self.stateApi) self.emit("statelocal");
          if (self.unread && self.stateSeen) self.emit("unread");
          self.tick();
          return true;
        });
      });
    },
    /* The State API document {s: state, l: location, d: completed sent, j: passed/failed, p: progress}. */
    loadDoc: function () {
      var self = this, tries = 0;
      this.local = X.store.get(this.copyKey());
      function read() {
        return self.request("GET", "activities/state", self.stateParams(true)).then(function (r) {
          if (r.status !== 0) self.stateSeen = true;
          if (r.status === 200) {
            self.stateWorks = true;
            self.doc = X.json(r.text) || {};
            self.sentDoc = JSON.stringify(self.doc);
            return null;
          }
          if (r.status === 404) return self.profile.probe ? self.probe() : null;
          /* A saved document may well exist: nothing is written over it until it has been read. */
          if (r.status !== 0 && tries < READ_MS.length) {
            return new Promise(function (resolve) { w.setTimeout(resolve, READ_MS[tries++]); }).then(read);
          }
          self.unread = true;
          return null;
        });
      }
      return read().then(function () {
        if (self.doc.s) self.remoteSeq = self.seqOf(self.doc.s);
        self.superseded = SB.superseded(self.doc.s, self.local, self.seqOf);
        /* What was sent to the LRS, by the document or by this browser's copy. */
        self.adopt(self.doc, false);
        if (self.local) self.adopt(self.local, false);
      });
    },
    /* The document could not be read at launch: read it once more now that the LRS takes statements.
       No answer again, and never one from the State API: the LRS has none (this browser keeps the
       state, as before). No saved state: this session's may be written. A saved state: it stays as it
       is, and the learner is told. */
    reread: function () {
      var self = this;
      this.rereading = true;
      return this.request("GET", "activities/state", this.stateParams(true)).then(function (r) {
        self.rereading = false;
        if (r.status === 0 && !self.stateSeen) { self.stateApi = false; self.unread = false; self.emit("statelocal"); return; }
        if (r.status !== 0) self.stateSeen = true;
        var doc = r.status === 200 ? X.json(r.text) || {} : r.status === 404 ? {} : null;
        if (doc && !doc.s) { self.unread = false; self.tick(); return; }
        self.kept = !!doc; /* a saved state: read, and left as it is; no need to ask again */
        self.emit("unread");
      });
    },
    /* 404 for the document also means "no such document": a State API answers 200 for the id list. */
    probe: function () {
      var self = this;
      return this.request("GET", "activities/state", this.stateParams(false)).then(function (r) {
        if (r.status !== 0) self.stateApi = self.stateWorks = r.status === 200;
      });
    },
    stateParams: function (withId) {
      var p = { activityId: this.activityId, agent: this.actor, registration: this.registration };
      if (withId) p.stateId = this.cfg.stateId;
      return p;
    },
    request: function (method, path, params, body, keepalive) {
      var headers = { "X-Experience-API-Version": X.VERSION };
      if (this.auth) headers.Authorization = this.auth;
      if (body !== undefined) headers["Content-Type"] = "application/json";
      this.calls++;
      return X.http(method, this.endpoint + path + (params ? X.query(params) : ""), { headers: headers, body: body, keepalive: keepalive });
    },
    post: function (batch, keepalive) { return this.request("POST", "statements", null, JSON.stringify(batch), keepalive); },
    ids: function (kind, id) { return this.profile.ids(this, kind, id); },
    counts: function () { return !this.profile.counts || this.profile.counts(this); },
    sent: function (what) { return this.profile.sent ? this.profile.sent(this, what) : false; },
    mark: function (what) { if (this.profile.mark) this.profile.mark(this, what); },

    get: function (key) {
      if (key !== this.adapter.keys.location) return "";
      var saved = this.chosen();
      return saved && saved.l ? saved.l : "";
    },
    set: SB.queueing.set,
    setAll: SB.queueing.setAll,
    saveState: function (state, location) {
      this.location = location;
      this.set(this.adapter.keys.location, location);
      if (this.held) return;
      this.state = state;
      this.set(this.adapter.keys.suspend, state);
      this.saveLocal(false);
    },
    hold: SB.Lms.prototype.hold,
    unstored: SB.Lms.prototype.unstored,
    release: SB.Lms.prototype.release,
    /* The saved state: the LRS's, unless this browser holds a newer one (SB.localWins). */
    chosen: function () {
      var remote = this.doc && this.doc.s ? this.doc : null;
      return SB.localWins(remote && remote.s, this.local, this.seqOf) ? this.local : remote;
    },
    loadState: function () {
      var saved = this.chosen();
      return saved ? saved.s : "";
    },
    docJson: function () {
      return JSON.stringify({ s: this.state, l: this.location, d: this.done || undefined,
        j: this.passed ? "passed" : undefined, p: this.progress || undefined });
    },
    /* Keep a copy in the browser whatever the LRS does; nothing is written in cmi5 Browse/Review mode. */
    saveLocal: function (confirmed) {
      if (this.state === undefined || !this.counts()) return;
      var copy = X.json(this.docJson());
      copy.c = confirmed;
      copy.b = this.remoteSeq;
      if (!X.store.set(this.copyKey(), copy)) this.unstored();
    },
    /* Where this browser keeps the learner's copy (the state document, with c and b). */
    copyKey: function () { return this.base + ":state"; },
    /* Another tab saved its copy: what it sent to the LRS (completion, success, progress) holds here
       too, whatever its state, so nothing is sent twice or taken back; its save sequence once taken. */
    adopt: function (copy, taken) {
      SB.Lms.prototype.adopt.call(this, copy, taken);
      if (copy.d) this.done = true;
      if (copy.j === "passed") this.passed = true;
      if (copy.p > (this.progress || 0)) this.progress = copy.p;
    },
    /* Turn what changed into statements and send them with the state document. */
    flush: function () {
      this.saveLocal(false);
      var changes = this.take();
      if (!this.live) return false;
      if (this.counts()) this.queue.add(this.translate(changes));
      this.tick();
      return true;
    },
    take: function () {
      var changes = this.pending;
      this.pending = {};
      Object.keys(changes).forEach(function (k) { this.values[k] = this.written[k] = changes[k]; }, this);
      return changes;
    },
    translate: function (changes) {
      var statements = this.statements, out = [], percent = Number(changes.progress || 0);
      Object.keys(changes).filter(function (k) { return k.indexOf("answer.") === 0; })
        .sort(function (a, b) { return Number(a.slice(7)) - Number(b.slice(7)); })
        .forEach(function (k) { out.push(statements.answered(X.json(changes[k]))); });
      if (changes.location) out.push(statements.experienced(changes.location));
      var scores = X.scores(this.cfg, this.data, this.values);
      if (!this.done && changes.completion !== "completed" && percent > (this.progress || 0) && percent < 100) {
        this.progress = percent;
        out.push(statements.progressed(percent));
      }
      if (changes.completion === "completed" && !this.done) {
        this.done = true;
        out = out.concat(this.profile.earned(this, scores));
      } else if (this.done && changes.score !== undefined && scores) {
        out.push(statements.scored(scores));
      }
      return this.profile.judge ? out.concat(this.profile.judge(this, scores)) : out;
    },
    /* Send the queue and the state document; on failure try again with a back-off. */
    tick: function () {
      var self = this;
      if (!this.live) return;
      if (this.timer) { w.clearTimeout(this.timer); this.timer = null; } /* a flush tries at once */
      if (this.busy) { this.again = true; return; }
      this.busy = true;
      this.again = false;
      Promise.all([this.queue.pump(false), this.pushState(false)]).then(function (r) {
        self.busy = false;
        /* Statements stored but no answer at all from the State API (an LRS without one that also
           refuses its CORS preflight): keep the resume state in this browser only. */
        if (r[0] && !r[1] && self.stateUnanswered && !self.stateSeen) { self.stateApi = false; r[1] = true; self.emit("statelocal"); }
        if (r[0] && self.unread && !self.rereading && !self.kept) self.reread();
        if (r[0] && r[1]) {
          self.tries = 0;
          if (self.again) return self.tick();
          self.emit("saved");
        } else {
          self.emit("retry");
          self.retry();
        }
      });
    },
    retry: function () {
      var self = this;
      if (this.timer || this.finished) return;
      var delay = RETRY_MS[Math.min(this.tries, RETRY_MS.length - 1)];
      this.tries++;
      this.timer = w.setTimeout(function () { self.timer = null; self.tick(); }, delay);
    },
    pushState: function (keepalive) {
      var self = this, body = this.docJson(), seq = this.state === undefined ? -1 : this.seqOf(this.state);
      if (!this.counts() || !this.stateApi || this.unread || this.state === undefined || body === this.sentDoc) return Promise.resolve(true);
      if (keepalive && body.length > 30000) return Promise.resolve(false); /* stays in this browser */
      return this.request("PUT", "activities/state", this.stateParams(true), body, keepalive).then(function (r) {
        if (r.status !== 0) self.stateSeen = true;
        if (r.status >= 200 && r.status < 300) {
          self.stateWorks = true;
          self.sentDoc = body;
          self.remoteSeq = seq;
          if (self.docJson() === body) self.saveLocal(true);
          return true;
        }
        /* An LRS without a State API: the state stays in this browser (the learner is told). One that
           has shown it has one is having a passing fault (a gateway, a proxy): try again. */
        if ([404, 405, 501].indexOf(r.status) >= 0 && !self.stateWorks) {
          self.stateApi = false;
          self.emit("statelocal");
          return true;
        }
        self.stateUnanswered = r.status === 0;
        return false;
      });
    },
    /* End the session once: the last statements, "terminated", the state, all with keepalive so that
       they survive the page (pagehide); the profile may then leave (cmi5 returnURL). */
    finish: function (done) {
      if (this.finished) return;
      this.setAll(done ? this.adapter.exitDone : this.adapter.exitSuspend);
      this.set(this.adapter.keys.sessionTime, this.adapter.formatTime(Date.now() - this.started));
      this.finished = true;
      if (this.timer) w.clearTimeout(this.timer);
      this.saveLocal(false);
      var changes = this.take();
      if (!this.live) return;
      this.live = false; /* the session is over: later events only save in the browser */
      if (this.counts()) this.queue.add(this.translate(changes));
      if (!this.sent("terminated")) { this.mark("terminated"); this.queue.add([this.statements.terminated(Date.now() - this.started)]); }
      var closing = Promise.all([this.queue.step(true), this.pushState(true)]);
      if (this.profile.finished) this.profile.finished(this, closing);
    },
    on: SB.Lms.prototype.on,
    emit: SB.Lms.prototype.emit
  };
})(window, document);
