/* xAPI with the Tin Can launch (the launch convention of tincan.xml packages): the LMS opens
   index.html?endpoint=…&auth=…&actor=…&registration=…&activity_id=…. The credentials come only from
   that URL and are never stored. Activity ids are IRIs under the course's base IRI (standards/xapi.py). */
(function (w) {
  "use strict";
  var X = w.SB.x;

  var profile = {
    /* A State API answers 200 for the list of documents; an LRS without one does not (probe). */
    probe: true,
    launch: function (c) {
      var p = X.params(w.location.search), actor = X.agent(p.actor || "");
      if (!p.endpoint || !actor) return Promise.resolve(false);
      c.endpoint = p.endpoint.replace(/\/?$/, "/");
      c.auth = p.auth || null;
      c.actor = actor;
      c.registration = p.registration || undefined;
      c.activityId = p.activity_id || c.cfg.base;
      return Promise.resolve(true);
    },
    root: function (S) { return S.course(); },
    ids: function (c, kind, id) { return c.cfg.base + "/" + kind + "/" + id; },
    context: function (c, o) {
      var ctx = { contextActivities: {}, language: c.lang, platform: "scorm-builder", revision: c.cfg.version };
      if (c.registration) ctx.registration = c.registration;
      if (o.parent) ctx.contextActivities.parent = o.parent;
      if (o.grouping) ctx.contextActivities.grouping = o.grouping;
      return ctx;
    },
    /* "completed" as soon as it is earned, with the score and the category scores. */
    earned: function (c, scores) { return [c.S.completed(Date.now() - c.started, scores)]; }
  };

  w.SB.adapters.xapi = Object.assign({ profile: profile, Connection: X.Connection }, X.model);
})(window);
