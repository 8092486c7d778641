/* scorm-builder runtime, xAPI: the statements the course sends. The connection's profile (xAPI or cmi5)
   supplies the activity ids, the course/AU object and the context; this file knows the verbs, the
   activity definitions (names in every language of the course) and the results. */
(function (w) {
  "use strict";
  var X = w.SB.x;
  var VERB = "http://adlnet.gov/expapi/verbs/", TYPE = "http://adlnet.gov/expapi/activities/";
  var CMI5 = "https://w3id.org/xapi/cmi5/context/";

  function activity(id, type, name, extra) {
    var definition = Object.assign({ type: type }, extra || {});
    if (name && Object.keys(name).length) definition.name = name;
    return { objectType: "Activity", id: id, definition: definition };
  }

  /* Drop empty values (null, "", {}, []): xAPI validators reject them outside extension values. */
  function clean(value) {
    if (Array.isArray(value)) return value.map(clean);
    if (!value || typeof value !== "object") return value;
    Object.keys(value).forEach(function (k) {
      var v = clean(value[k]);
      var empty = v === null || v === undefined || v === "" || (typeof v === "object" && !Object.keys(v).length);
      if (empty) delete value[k]; else value[k] = v;
    });
    return value;
  }

  /* Interaction components (xAPI 2.4.4.1.1): [[id, language map], ...] as [{id, description}]. */
  function components(pairs) { return pairs.map(function (p) { return { id: p[0], description: p[1] }; }); }

  X.Statements = function (conn) { this.conn = conn; };

  X.Statements.prototype = {
    /* One statement. `defined`: a cmi5 defined statement (cmi5 category, plus moveOn when the result
       carries success or completion, cmi5 9.6.2); the profile merges its context template. */
    make: function (verb, object, o) {
      var conn = this.conn, ctx = conn.profile.context(conn, { defined: !!o.defined, parent: o.parent, grouping: o.grouping });
      if (o.defined) {
        var cats = [{ objectType: "Activity", id: CMI5 + "categories/cmi5" }];
        if (o.result && ("success" in o.result || "completion" in o.result)) cats.push({ objectType: "Activity", id: CMI5 + "categories/moveon" });
        ctx.contextActivities.category = (ctx.contextActivities.category || []).concat(cats);
      }
      if (o.extensions) ctx.extensions = Object.assign({}, o.extensions, ctx.extensions || {});
      var s = { id: X.uuid(), timestamp: X.stamp(o.at || Date.now()), actor: conn.actor,
        verb: { id: VERB + verb, display: { "en-US": verb } }, object: object, context: ctx };
      if (o.result) s.result = o.result;
      return clean(s);
    },
    course: function () {
      var cfg = this.conn.cfg;
      return activity(this.conn.activityId, TYPE + "course", cfg.course.name, { description: cfg.course.description });
    },
    page: function (id) { return activity(this.conn.ids("pages", id), "http://activitystrea.ms/schema/1.0/page", this.conn.cfg.pages[id]); },
    questionnaire: function (id) { return activity(this.conn.ids("questionnaires", id), TYPE + "assessment", this.conn.cfg.questionnaires[id]); },
    category: function (id) { return activity(this.conn.cfg.base + "/categories/" + id, TYPE + "objective", this.conn.cfg.categories[id]); },
    root: function () { return this.conn.profile.root(this); },

    initialized: function () { return this.make("initialized", this.root(), { defined: true }); },
    terminated: function (ms) { return this.make("terminated", this.root(), { defined: true, result: { duration: X.duration(ms) } }); },
    experienced: function (pageId) { return this.make("experienced", this.page(pageId), { parent: [this.root()] }); },
    /* cmi5 best practice 11: progress below 100 % as a "progressed" statement (0-99, an integer). */
    progressed: function (percent) {
      var result = { extensions: {} };
      result.extensions[this.conn.cfg.ext.progress] = percent;
      return this.make("progressed", this.root(), { result: result });
    },
    /* One answer: a Likert statement (its scale as components), a placement rating or the profile it
       points to (the 2x2 model), or a reflection (long fill-in). */
    answered: function (it) {
      var conn = this.conn, cfg = conn.cfg, object, parent, grouping = [this.root()];
      if (it.kind === "likert") {
        var item = conn.data.items[it.id];
        object = activity(conn.ids("likert", it.id), TYPE + "cmi.interaction", cfg.items[it.id],
          { description: cfg.items[it.id], interactionType: "likert", scale: components(cfg.scales[item.q]) });
        parent = [this.category(item.conn)];
        grouping.unshift(this.questionnaire(item.q));
      } else if (it.kind === "axis" || it.kind === "profile") {
        var pl = cfg.placement, key = it.kind === "axis" ? it.axis : "profile";
        var extra = it.kind === "axis"
          ? { description: pl.questions[key], interactionType: "likert", scale: components(pl.scale) }
          : { description: pl.title, interactionType: "choice", choices: components(pl.profiles) };
        object = activity(conn.ids("placement", key), TYPE + "cmi.interaction", it.kind === "axis" ? pl.questions[key] : pl.title, extra);
        parent = [this.page(pl.page)];
      } else {
        object = activity(conn.ids("reflections", it.id), TYPE + "cmi.interaction", cfg.reflections[it.id],
          { description: cfg.reflections[it.id], interactionType: "long-fill-in" });
        parent = [this.page(cfg.reflectionPages[it.id])];
      }
      var response = it.kind === "reflection" ? it.text : it.kind === "profile" ? it.profiles.join("[,]") : String(it.value);
      return this.make("answered", object, { at: it.at, parent: parent, grouping: grouping,
        result: { response: response, duration: X.duration(it.latency) } });
    },
    /* xAPI: "completed" with the score and the categories; cmi5 keeps the score out of it (9.5.1). */
    completed: function (ms, scores) {
      var result = Object.assign({ completion: true, duration: X.duration(ms) }, scores || {});
      return this.make("completed", this.root(), { defined: true, result: result });
    },
    scored: function (scores) { return this.make("scored", this.root(), { result: scores }); },
    /* cmi5 passed/failed against the LMS's masteryScore (9.3.4, 9.3.5, 9.6.3.2). */
    judged: function (passed, scaled, mastery, ms) {
      var ext = {};
      ext[CMI5 + "extensions/masteryscore"] = mastery;
      return this.make(passed ? "passed" : "failed", this.root(), { defined: true, extensions: ext,
        result: { score: { scaled: scaled }, success: passed, duration: X.duration(ms) } });
    }
  };

  /* The score and the category scores as an xAPI result: score 0-100 (scaled 0-1) when the scoring rules
     report it, and one result extension per category, <base>/extensions/category/<id> = {raw, min, max,
     answered, total}: raw is the category's mean on its scale (min-max), rounded as the scoring spec says.
     Null when there is nothing to report (privacy.ratings "local"). */
  X.scores = function (cfg, data, values) {
    var out = {}, extensions = {}, any = false;
    var overall = X.json(values.score || "null");
    if (overall && overall.raw !== null && overall.raw !== undefined) {
      out.score = { scaled: overall.scaled, raw: overall.raw, min: 0, max: 100 };
    }
    data.categories.forEach(function (cat) {
      var res = X.json(values["category." + cat.id] || "null");
      if (!res || res.score === null || res.score === undefined) return;
      extensions[cfg.ext.category + cat.id] = { raw: res.score, min: cat.min, max: cat.max, answered: res.answered, total: res.total };
      any = true;
    });
    if (any) out.extensions = extensions;
    return out.score || any ? out : null;
  };
})(window);
