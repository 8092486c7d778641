/* xAPI with the Tin Can launch (the launch convention of tincan.xml packages): the LMS opens
   index.html?endpoint=…&auth=…&actor=…&registration=…&activity_id=…. The credentials come only from
   that URL and are never stored. Activity ids are IRIs under the course's base IRI (standards/xapi.py). */
(function (w) {
  "use strict";
  var X = w.SB.x;

  var profile = {
    /* A State API answers 200 for the list of documents; an LRS without one does not (probe). */
    probe: true,
    launch: function (conn) {
      var p = X.params(w.location.search), actor = X.agent(p.actor || "");
      if (!p.endpoint || !actor) return Promise.resolve(false);
      conn.endpoint = p.endpoint.replace(/\/?$/, "/");
      conn.auth = p.auth || null;
      conn.actor = actor;
      conn.registration = p.registration || undefined;
      conn.activityId = p.activity_id || conn.cfg.base;
      return Promise.resolve(true);
    },
    root: function (statements) { return statements.course(); },
    ids: function (conn, kind, id) { return conn.cfg.base + "/" + kind + "/" + id; },
    context: function (conn, o) {
      var ctx = { contextActivities: {}, language: conn.lang, platform: "scorm-builder", revision: conn.cfg.version };
      if (conn.registration) ctx.registration = conn.registration;
      if (o.parent) ctx.contextActivities.parent = o.parent;
      if (o.grouping) ctx.contextActivities.grouping = o.grouping;
      return ctx;
    },
    /* "completed" as soon as it is earned, with the score and the category scores. */
    earned: function (conn, scores) { return [conn.statements.completed(Date.now() - conn.started, scores)]; }
  };

  w.SB.adapters.xapi = Object.assign({ profile: profile, Connection: X.Connection }, X.model);
})(window);
