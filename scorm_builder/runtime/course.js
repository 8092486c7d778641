/* scorm-builder runtime: the course as the learner meets it, page by page. */
(function (w, d) {
  "use strict";
  var SB = w.SB;
  var data = JSON.parse(d.getElementById("course-data").textContent);
  var ui = JSON.parse(d.getElementById("ui-strings").textContent);
  var layout = data.state;
  var adapter = SB.adapters[data.adapter];
  /* An adapter may bring its own connection (xAPI/cmi5 talk to an LRS, not to an API object). */
  var lms = new (adapter.Connection || SB.Lms)(adapter, "scorm-builder:" + data.id + ":" + data.version + ":" + data.lang + ":" + data.adapter);
  var report = new SB.Report(data, lms);
  var pages = [].slice.call(d.querySelectorAll("section.page"));
  var limits = {};
  layout.reflections.forEach(function (r) { limits[r[0]] = r[1]; });
  var st = SB.State.empty();
  var times = { shown: {}, changed: {} };
  var current = 0;

  function $(id) { return d.getElementById(id); }
  function fmt(template, values) { return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }
  function location() { return data.pages[current]; }
  function result() {
    return data.scoring ? w.SBScoring.evaluate(data.scoring, { answers: st.answers, placement: st.placement }) : null;
  }

  /* Save the state: always in the browser; to the LMS when commit is asked (a finished page or
     questionnaire, the tab hidden), never per keystroke. */
  function save(commit, reportOnly) {
    st.page = current;
    if (commit || reportOnly) report.update(st, result(), times);
    lms.saveState(SB.State.encode(st, layout), location());
    if (commit) lms.flush();
  }

  function fillForm() {
    Object.keys(st.answers).forEach(function (id) { check('input[name="' + id + '"][value="' + st.answers[id] + '"]'); });
    Object.keys(st.placement).forEach(function (axis) { check('input[name="placement-' + axis + '"][value="' + st.placement[axis] + '"]'); });
    Object.keys(st.texts).forEach(function (id) {
      var area = d.querySelector('textarea[data-reflection="' + id + '"]');
      if (area) { area.value = st.texts[id]; count(area); }
    });
    showPlacement();
  }
  function check(selector) { var input = d.querySelector(selector); if (input) input.checked = true; }

  /* The counter shows the field's limit; past it the field says so and the text beyond is not saved,
     never cut silently. */
  function count(area) {
    var id = area.getAttribute("data-reflection"), limit = limits[id], n = area.value.length;
    var counter = $(area.id + "-count"), over = n > limit;
    counter.textContent = fmt(ui.characters, { n: n, max: limit }) + (over ? " " + fmt(ui.over_limit, { n: n - limit }) : "");
    counter.classList.toggle("is-over", over);
    if (over) area.setAttribute("aria-invalid", "true"); else area.removeAttribute("aria-invalid");
    return !over;
  }

  /* The placement page: mark every profile the learner's point touches and say where it lies
     (one profile, on a midline between two, or at the centre); the rule is on the page. */
  function showPlacement() {
    var out = $("placement-result"), r = result(), near = (r && r.near) || [];
    [].forEach.call(d.querySelectorAll(".quadrant, .profile"), function (el) {
      el.classList.toggle("is-selected", near.indexOf(el.getAttribute("data-profile")) >= 0);
    });
    if (out) out.textContent = SB.Summary.placementText(r, data, ui);
  }

  function questionnaireDone(qid) {
    return data.state.statements.every(function (id) { return data.items[id].q !== qid || st.answers[id]; });
  }

  function onChange(event) {
    var t = event.target;
    if (t.type !== "radio") return;
    var now = Date.now(), value = Number(t.value);
    if (t.name.indexOf("placement-") === 0) {
      st.placement[t.name.slice(10)] = value;
      showPlacement();
      save(false);
      return;
    }
    st.answers[t.name] = value;
    st.reported[t.name] = false;
    times.changed[t.name] = now;
    var qid = data.items[t.name].q;
    save(questionnaireDone(qid)); /* a finished questionnaire is committed at once */
  }

  function onInput(event) {
    var t = event.target;
    if (t.tagName !== "TEXTAREA") return;
    var id = t.getAttribute("data-reflection");
    if (!count(t)) return;
    st.texts[id] = t.value;
    st.reported[id] = false;
    times.changed[id] = Date.now();
    save(false);
  }

  function show(index, focus) {
    current = Math.max(0, Math.min(index, pages.length - 1));
    pages.forEach(function (page, i) { page.hidden = i !== current; });
    st.reached = Math.max(st.reached, current);
    var now = Date.now();
    [].forEach.call(pages[current].querySelectorAll("[data-statement], [data-reflection]"), function (el) {
      times.shown[el.getAttribute("data-statement") || el.getAttribute("data-reflection")] = now;
    });
    $("prev").disabled = current === 0;
    $("next").hidden = current === pages.length - 1;
    $("progress-text").textContent = fmt(ui.progress, { n: current + 1, total: pages.length });
    $("progress-bar").style.width = Math.round(((current + 1) / pages.length) * 100) + "%";
    if (current === data.summaryPage) summary();
    save(true);
    if (focus) {
      pages[current].querySelector("h1").focus();
      w.scrollTo(0, 0);
    }
  }

  /* Completion: both self-assessments answered (the scoring spec's rule) and the summary reached. */
  function summary() {
    var r = result();
    if (r) SB.Summary.render(r, st, data, ui);
    if ((!r || r.complete) && !(st.flags & 1)) report.complete(st);
  }

  function status(what) {
    var el = $("lms-status");
    if (what === "local") el.textContent = ui.status_local;
    else if (what === "review") el.textContent = ui.status_review;
    else if (what === "retry") el.textContent = ui.status_retry;
    else if (what === "saved" && el.textContent === ui.status_retry) el.textContent = "";
  }

  function wire() {
    $("prev").addEventListener("click", function () { show(current - 1, true); });
    $("next").addEventListener("click", function () { show(current + 1, true); });
    d.addEventListener("change", onChange);
    d.addEventListener("input", onInput);
    var print = $("print");
    if (print) print.addEventListener("click", function () { w.print(); });
    /* Commit when the tab is hidden; finish exactly once when the page goes away (pagehide, not
       unload, which Chrome and Moodle's iframe policy block). */
    d.addEventListener("visibilitychange", function () { if (d.visibilityState === "hidden") save(true); });
    w.addEventListener("pagehide", function () {
      if (lms.finished) return;
      save(false, true);
      lms.finish(!!(st.flags & 1));
    });
  }

  function boot() {
    d.body.classList.remove("no-js");
    st = SB.State.decode(lms.loadState(), layout) || st;
    st.count = Math.max(st.count, parseInt(lms.get(lms.a.keys.interactionCount), 10) || 0);
    fillForm();
    wire();
    var saved = data.pages.indexOf(lms.get(lms.a.keys.location));
    show(saved >= 0 ? saved : Math.min(st.page, pages.length - 1), false);
    SB.course = { lms: lms, state: function () { return st; }, show: show, result: result };
  }

  lms.on(status);
  /* An LRS connection (xAPI, cmi5) starts asynchronously and returns a promise; an API object answers at once. */
  var started = lms.start();
  if (started && typeof started.then === "function") started.then(boot, boot);
  else boot();
})(window, document);
