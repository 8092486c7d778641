/* cmi5 (the xAPI profile for LMS launches): the AU side of the launch (cmi5 sections 8-10).
   The LMS opens index.html?endpoint=…&fetch=…&actor=…&registration=…&activityId=…; the AU POSTs once to
   the fetch URL for its token, reads LMS.LaunchData from the State API, reads the learner preferences,
   and sends cmi5 defined statements (initialized, completed, passed/failed, terminated) with the context
   template and the cmi5 category. Best practice 17: the token and the once-per-session statements are
   kept in sessionStorage, so a reload neither re-fetches nor re-initializes nor terminates twice.
   LIMITATION: pagehide cannot tell a reload from a close, so "terminated" goes out at the reload's
   pagehide too; the reloaded page goes on in the same session, and what a strict LMS then refuses
   (4xx) is dropped from the queue while the learner's state stays saved. */
(function (w, d) {
  "use strict";
  var X = w.SB.x;
  var LEAVE_AFTER_MS = 5000;

  function session(conn) { return X.store.get(conn.sessionKey, true) || {}; }
  function remember(conn, patch) { X.store.set(conn.sessionKey, Object.assign(session(conn), patch), true); }
  function list(v) { return v === undefined || v === null ? [] : Array.isArray(v) ? v.slice() : [v]; }

  /* The auth token (8.2): this tab's, after a reload; else one POST to the one-time fetch URL. */
  function token(conn, url) {
    var saved = session(conn).token;
    if (saved) return Promise.resolve(saved);
    conn.calls++;
    return X.http("POST", url, {}).then(function (r) {
      var body = X.json(r.text) || {}, t = r.status === 200 ? body["auth-token"] : null;
      if (t) remember(conn, { token: t });
      else if (w.console) w.console.warn("cmi5: no auth token from the fetch URL (" + (body["error-text"] || r.status) + ")");
      return t || null;
    });
  }

  /* LMS.LaunchData (section 10), which the AU must read and must not change. */
  function launchData(conn) {
    var params = { stateId: "LMS.LaunchData", activityId: conn.activityId, agent: conn.actor, registration: conn.registration };
    return conn.request("GET", "activities/state", params).then(function (r) {
      var data = r.status === 200 ? X.json(r.text) : null;
      if (data) remember(conn, { launchData: data });
      return data || session(conn).launchData || null;
    });
  }

  /* The learner preferences (section 11): read on start; a 404 means none. */
  function preferences(conn) {
    return conn.request("GET", "agents/profile", { agent: conn.actor, profileId: "cmi5LearnerPreferences" }).then(function (r) {
      conn.preferences = r.status === 200 ? X.json(r.text) : null;
    });
  }

  /* With a returnURL the AU offers a way out: it ends the session as a closing page would (course.js
     finishes on pagehide), waits for "terminated" to be stored, then goes to the LMS (section 10). */
  function addExit(conn) {
    var nav = d.querySelector("nav.pager");
    if (!conn.returnURL || !nav || d.getElementById("exit")) return;
    var button = d.createElement("button");
    button.type = "button";
    button.className = "btn";
    button.id = "exit";
    button.textContent = conn.cfg.exitLabel;
    button.addEventListener("click", function () {
      conn.exiting = true;
      button.disabled = true;
      w.dispatchEvent(new w.Event("pagehide"));
    });
    nav.appendChild(button);
  }

  function apply(conn, data) {
    if (!data || !data.contextTemplate) return false;
    conn.template = data.contextTemplate;
    conn.mode = data.launchMode || "Normal";
    conn.returnURL = data.returnURL || null;
    conn.mastery = typeof data.masteryScore === "number" ? data.masteryScore : null;
    addExit(conn);
    return true;
  }

  var profile = {
    launch: function (conn) {
      var p = X.params(w.location.search), actor = X.agent(p.actor || "");
      if (!p.endpoint || !p.fetch || !actor || !p.registration || !p.activityId) return Promise.resolve(false);
      conn.endpoint = p.endpoint.replace(/\/?$/, "/");
      conn.actor = actor;
      conn.registration = p.registration;
      conn.activityId = p.activityId;
      conn.sessionKey = "scorm-builder:cmi5:" + p.fetch;
      return token(conn, p.fetch).then(function (t) {
        if (!t) return null;
        conn.auth = "Basic " + t;
        return Promise.all([launchData(conn), preferences(conn)]).then(function (r) { return r[0]; });
      }).then(function (data) { return apply(conn, data); });
    },
    /* Nothing that counts in Browse or Review mode: only initialized and terminated (section 10). */
    counts: function (conn) { return conn.mode === "Normal"; },
    sent: function (conn, what) { return !!session(conn)[what]; },
    mark: function (conn, what) { var patch = {}; patch[what] = true; remember(conn, patch); },
    root: function (statements) { return { objectType: "Activity", id: statements.conn.activityId }; },
    /* Activity ids derived from the AU's (best practice 16: <AU>/test/<test>/question/<question>). */
    ids: function (conn, kind, id) {
      var au = conn.activityId;
      if (kind === "likert") return au + "/test/" + conn.data.items[id].q + "/question/" + id;
      if (kind === "reflections") return au + "/test/" + conn.cfg.reflectionPages[id] + "/question/" + id;
      if (kind === "placement") return au + "/test/placement/question/" + id;
      if (kind === "questionnaires") return au + "/test/" + id;
      return au + "/" + kind + "/" + id;
    },
    /* The context template, never overwritten (section 10), plus the registration and our activities. */
    context: function (conn, o) {
      var ctx = JSON.parse(JSON.stringify(conn.template || {}));
      var ca = (ctx.contextActivities = ctx.contextActivities || {});
      Object.keys(ca).forEach(function (k) { ca[k] = list(ca[k]); });
      if (o.parent) ca.parent = list(ca.parent).concat(o.parent);
      if (o.grouping) ca.grouping = list(ca.grouping).concat(o.grouping);
      ctx.registration = conn.registration;
      if (!ctx.language) ctx.language = conn.lang;
      if (!ctx.revision) ctx.revision = conn.cfg.version;
      if (!ctx.platform) ctx.platform = "scorm-builder";
      return ctx;
    },
    /* "completed" carries no score (9.5.1): the score, when the scoring rules report one, goes in a cmi5
       allowed "scored" statement with the category extensions; without a score they ride on "completed". */
    earned: function (conn, scores) {
      var scored = !!(scores && scores.score);
      var out = [conn.statements.completed(Date.now() - conn.started, scores && !scored ? { extensions: scores.extensions } : null)];
      return scored ? out.concat([conn.statements.scored(scores)]) : out;
    },
    /* passed or failed against the LMS's masteryScore: once per session, never after passed (9.3). */
    judge: function (conn, scores) {
      if (conn.mastery === null || !conn.done || conn.passed || !scores || !scores.score || session(conn).judged) return [];
      var passed = scores.score.scaled >= conn.mastery;
      remember(conn, { judged: true });
      conn.passed = passed;
      return [conn.statements.judged(passed, scores.score.scaled, conn.mastery, Date.now() - conn.started)];
    },
    finished: function (conn, closing) {
      if (!conn.exiting || !conn.returnURL) return;
      var leave = function () { w.location.href = conn.returnURL; };
      Promise.race([closing, new Promise(function (r) { w.setTimeout(r, LEAVE_AFTER_MS); })]).then(leave, leave);
    }
  };

  w.SB.adapters.cmi5 = Object.assign({ profile: profile, Connection: X.Connection }, X.model);
})(window, document);
