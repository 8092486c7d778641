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
  var CTX = "https://w3id.org/xapi/cmi5/context/";
  var LEAVE_AFTER_MS = 5000;

  function session(c) { return X.store.get(c.sessionKey, true) || {}; }
  function remember(c, patch) { X.store.set(c.sessionKey, Object.assign(session(c), patch), true); }
  function list(v) { return v === undefined || v === null ? [] : Array.isArray(v) ? v.slice() : [v]; }

  /* The auth token (8.2): this tab's, after a reload; else one POST to the one-time fetch URL. */
  function token(c, url) {
    var saved = session(c).token;
    if (saved) return Promise.resolve(saved);
    c.calls++;
    return X.http("POST", url, {}).then(function (r) {
      var body = X.json(r.text) || {}, t = r.status === 200 ? body["auth-token"] : null;
      if (t) remember(c, { token: t });
      else if (w.console) w.console.warn("cmi5: no auth token from the fetch URL (" + (body["error-text"] || r.status) + ")");
      return t || null;
    });
  }

  /* LMS.LaunchData (section 10), which the AU must read and must not change. */
  function launchData(c) {
    var params = { stateId: "LMS.LaunchData", activityId: c.activityId, agent: c.actor, registration: c.registration };
    return c.request("GET", "activities/state", params).then(function (r) {
      var data = r.status === 200 ? X.json(r.text) : null;
      if (data) remember(c, { launchData: data });
      return data || session(c).launchData || null;
    });
  }

  /* The learner preferences (section 11): read on start; a 404 means none. */
  function preferences(c) {
    return c.request("GET", "agents/profile", { agent: c.actor, profileId: "cmi5LearnerPreferences" }).then(function (r) {
      c.preferences = r.status === 200 ? X.json(r.text) : null;
    });
  }

  /* With a returnURL the AU offers a way out: it ends the session as a closing page would (course.js
     finishes on pagehide), waits for "terminated" to be stored, then goes to the LMS (section 10). */
  function addExit(c) {
    var nav = d.querySelector("nav.pager");
    if (!c.returnURL || !nav || d.getElementById("exit")) return;
    var button = d.createElement("button");
    button.type = "button";
    button.className = "btn";
    button.id = "exit";
    button.textContent = c.cfg.exitLabel;
    button.addEventListener("click", function () {
      c.exiting = true;
      button.disabled = true;
      w.dispatchEvent(new w.Event("pagehide"));
    });
    nav.appendChild(button);
  }

  function apply(c, data) {
    if (!data || !data.contextTemplate) return false;
    c.template = data.contextTemplate;
    c.mode = data.launchMode || "Normal";
    c.returnURL = data.returnURL || null;
    c.mastery = typeof data.masteryScore === "number" ? data.masteryScore : null;
    addExit(c);
    return true;
  }

  var profile = {
    launch: function (c) {
      var p = X.params(w.location.search), actor = X.agent(p.actor || "");
      if (!p.endpoint || !p.fetch || !actor || !p.registration || !p.activityId) return Promise.resolve(false);
      c.endpoint = p.endpoint.replace(/\/?$/, "/");
      c.actor = actor;
      c.registration = p.registration;
      c.activityId = p.activityId;
      c.sessionKey = "scorm-builder:cmi5:" + p.fetch;
      return token(c, p.fetch).then(function (t) {
        if (!t) return null;
        c.auth = "Basic " + t;
        return Promise.all([launchData(c), preferences(c)]).then(function (r) { return r[0]; });
      }).then(function (data) { return apply(c, data); });
    },
    /* Nothing that counts in Browse or Review mode: only initialized and terminated (section 10). */
    counts: function (c) { return c.mode === "Normal"; },
    sent: function (c, what) { return !!session(c)[what]; },
    mark: function (c, what) { var patch = {}; patch[what] = true; remember(c, patch); },
    root: function (S) { return { objectType: "Activity", id: S.c.activityId }; },
    /* Activity ids derived from the AU's (best practice 16: <AU>/test/<test>/question/<question>). */
    ids: function (c, kind, id) {
      var au = c.activityId;
      if (kind === "likert") return au + "/test/" + c.data.items[id].q + "/question/" + id;
      if (kind === "reflections") return au + "/test/" + c.cfg.reflectionPages[id] + "/question/" + id;
      if (kind === "placement") return au + "/test/placement/question/" + id;
      if (kind === "questionnaires") return au + "/test/" + id;
      return au + "/" + kind + "/" + id;
    },
    /* The context template, never overwritten (section 10), plus the registration and our activities. */
    context: function (c, o) {
      var ctx = JSON.parse(JSON.stringify(c.template || {}));
      var ca = (ctx.contextActivities = ctx.contextActivities || {});
      Object.keys(ca).forEach(function (k) { ca[k] = list(ca[k]); });
      if (o.parent) ca.parent = list(ca.parent).concat(o.parent);
      if (o.grouping) ca.grouping = list(ca.grouping).concat(o.grouping);
      ctx.registration = c.registration;
      if (!ctx.language) ctx.language = c.lang;
      if (!ctx.revision) ctx.revision = c.cfg.version;
      if (!ctx.platform) ctx.platform = "scorm-builder";
      return ctx;
    },
    /* "completed" carries no score (9.5.1): the score, when the scoring rules report one, goes in a cmi5
       allowed "scored" statement with the category extensions; without a score they ride on "completed". */
    earned: function (c, scores) {
      var scored = !!(scores && scores.score);
      var out = [c.S.completed(Date.now() - c.started, scores && !scored ? { extensions: scores.extensions } : null)];
      return scored ? out.concat([c.S.scored(scores)]) : out;
    },
    /* passed or failed against the LMS's masteryScore: once per session, never after passed (9.3). */
    judge: function (c, scores) {
      if (c.mastery === null || !c.done || c.passed || !scores || !scores.score || session(c).judged) return [];
      var passed = scores.score.scaled >= c.mastery;
      remember(c, { judged: true });
      c.passed = passed;
      return [c.S.judged(passed, scores.score.scaled, c.mastery, Date.now() - c.started)];
    },
    finished: function (c, closing) {
      if (!c.exiting || !c.returnURL) return;
      var leave = function () { w.location.href = c.returnURL; };
      Promise.race([closing, new Promise(function (r) { w.setTimeout(r, LEAVE_AFTER_MS); })]).then(leave, leave);
    }
  };

  w.SB.adapters.cmi5 = Object.assign({ profile: profile, Connection: X.Connection }, X.model);
})(window, document);
