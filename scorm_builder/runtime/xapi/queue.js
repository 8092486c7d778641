/* scorm-builder runtime, xAPI: the statement queue. Every statement is written to localStorage before
   it is sent and leaves the queue only when the LRS has stored it, so closing the tab or losing the
   network loses nothing: what is left is sent on the next try or the next launch. The ids are made in
   the browser, so a statement the LRS stored but never acknowledged is not stored twice (xAPI 2.2). */
(function (w) {
  "use strict";
  var X = w.SB.x;
  var BATCH = 25, BATCH_BYTES = 30000;

  X.Queue = function (key, post) {
    this.key = key;
    this.post = post; /* (statements, keepalive) -> Promise<{status, text}> */
    this.items = X.store.get(key) || [];
    this.running = null;
    this.single = false;
    /* Ids of the statements this tab saw the LRS store (or refuse): never queued again. */
    this.gone = {};
  };

  X.Queue.prototype = {
    add: function (statements) {
      if (!statements.length) return;
      this.items = this.items.concat(statements);
      this.save();
    },
    /* Another tab of the same learner shares the stored queue: what it added since is kept, and
       sent along from here too (the ids make a statement the LRS already has a no-op). */
    save: function () {
      var mine = {}, stored = X.store.get(this.key), gone = this.gone;
      if (!Array.isArray(stored)) stored = [];
      this.items.forEach(function (s) { mine[s.id] = true; });
      this.items = this.items.concat(stored.filter(function (s) { return s && s.id && !mine[s.id] && !gone[s.id]; }));
      X.store.set(this.key, this.items);
    },
    size: function () { return this.items.length; },
    remove: function (sent) {
      var ids = this.gone;
      sent.forEach(function (s) { ids[s.id] = true; });
      this.items = this.items.filter(function (s) { return !ids[s.id]; });
      this.save();
    },
    /* The next batch: in order, at most BATCH statements and BATCH_BYTES of JSON (keepalive's
       64 KiB are shared with the state document at page close). */
    batch: function () {
      var out = [], bytes = 2, max = this.single ? 1 : BATCH;
      for (var i = 0; i < this.items.length && out.length < max; i++) {
        var size = JSON.stringify(this.items[i]).length + 1;
        if (out.length && bytes + size > BATCH_BYTES) break;
        out.push(this.items[i]);
        bytes += size;
      }
      return out;
    },
    /* Send until the queue is empty or a send fails; resolves true when empty. One run at a time. */
    pump: function (keepalive) {
      var self = this;
      if (this.running) return this.running;
      this.running = this.step(keepalive).then(function (ok) { self.running = null; return ok; });
      return this.running;
    },
    step: function (keepalive) {
      var self = this, batch = this.batch();
      if (!batch.length) return Promise.resolve(true);
      return this.post(batch, keepalive).then(function (r) {
        var verdict = self.judge(r.status, batch);
        if (verdict === "retry") return false;
        if (keepalive) return self.items.length === 0; /* the page is going: one request only */
        return self.step(false);
      });
    },
    /* Decide from the LRS's answer (xAPI 2.2, part 3): stored; bad batch (find the statement, one
       at a time, and drop only it: resending the same request cannot succeed); or try again later. */
    judge: function (status, batch) {
      if (status >= 200 && status < 300) {
        this.remove(batch);
        if (this.single && !this.items.length) this.single = false;
        return "sent";
      }
      var client = status >= 400 && status < 500 && [401, 408, 429].indexOf(status) < 0;
      if (!client) return "retry";
      if (batch.length > 1) { this.single = true; return "split"; }
      if (w.console) w.console.warn("xAPI: the LRS refused statement " + batch[0].id + " (" + status + "); dropped");
      this.remove(batch);
      return "dropped";
    }
  };
})(window);
