/* scorm-builder runtime: the course as the learner meets it, page by page. */
(function (w, d) {
  "use strict";
  var SB = w.SB;
  var data = JSON.parse(d.getElementById("course-data").textContent);
  var ui = JSON.parse(d.getElementById("ui-strings").textContent);
  var adapter = SB.adapters[data.adapter];
  var lms = new SB.Lms(adapter, "scorm-builder:" + data.id + ":" + data.version + ":" + data.lang);
  var pages = Array.prototype.slice.call(d.querySelectorAll("section.page"));
  var state = { p: 0, a: {}, r: {} };
  var current = 0;

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  /* The state the learner would lose: answers (a), reflections (r) and the page reached (p). */
  function serialise() { return JSON.stringify(state); }
  function restore(text) {
    if (!text) return;
    try {
      var saved = JSON.parse(text);
      if (saved && typeof saved === "object") state = { p: saved.p || 0, a: saved.a || {}, r: saved.r || {} };
    } catch (e) { /* unreadable state: start afresh rather than break */ }
  }

  function fillForm() {
    Object.keys(state.a).forEach(function (id) {
      var input = d.querySelector('input[name="' + id + '"][value="' + state.a[id] + '"]');
      if (input) input.checked = true;
    });
    Object.keys(state.r).forEach(function (id) {
      var area = d.querySelector('textarea[data-reflection="' + id + '"]');
      if (area) { area.value = state.r[id]; count(area); }
    });
  }

  function count(area) {
    var counter = d.getElementById(area.id + "-count");
    if (counter) counter.textContent = fmt(ui.characters, { n: area.value.length, max: counter.getAttribute("data-max") });
  }

  function save() {
    lms.saveState(serialise(), pages[current].getAttribute("data-page"));
    lms.flush();
  }

  function show(index, focus) {
    current = Math.max(0, Math.min(index, pages.length - 1));
    pages.forEach(function (page, i) { page.hidden = i !== current; });
    state.p = Math.max(state.p, current);
    var last = current === pages.length - 1;
    d.getElementById("prev").disabled = current === 0;
    var next = d.getElementById("next");
    next.hidden = last;
    d.getElementById("progress-text").textContent = fmt(ui.progress, { n: current + 1, total: pages.length });
    d.getElementById("progress-bar").style.width = Math.round(((current + 1) / pages.length) * 100) + "%";
    if (last) lms.complete();
    save();
    if (focus) {
      var heading = pages[current].querySelector("h1");
      if (heading) heading.focus();
      w.scrollTo(0, 0);
    }
  }

  function status(what) {
    var el = d.getElementById("lms-status");
    if (what === "local") el.textContent = ui.status_local;
    else if (what === "retry") el.textContent = ui.status_retry;
    else if (what === "saved" && el.textContent === ui.status_retry) el.textContent = "";
  }

  function wire() {
    d.getElementById("prev").addEventListener("click", function () { show(current - 1, true); });
    d.getElementById("next").addEventListener("click", function () { show(current + 1, true); });
    d.addEventListener("change", function (event) {
      var t = event.target;
      if (t.type === "radio") { state.a[t.name] = Number(t.value); lms.saveState(serialise(), pages[current].getAttribute("data-page")); }
    });
    d.addEventListener("input", function (event) {
      var t = event.target;
      if (t.tagName === "TEXTAREA") { state.r[t.getAttribute("data-reflection")] = t.value; count(t); lms.saveState(serialise(), pages[current].getAttribute("data-page")); }
    });
    var print = d.getElementById("print");
    if (print) print.addEventListener("click", function () { w.print(); });
    /* Commit when the tab is hidden, finish once when the page goes away (no unload: see pagehide). */
    d.addEventListener("visibilitychange", function () { if (d.visibilityState === "hidden") lms.flush(); });
    w.addEventListener("pagehide", function () { lms.finish(); });
  }

  d.body.classList.remove("no-js");
  lms.on(status);
  lms.start();
  restore(lms.loadState());
  fillForm();
  wire();
  var startAt = pages.map(function (p) { return p.getAttribute("data-page"); }).indexOf(lms.live ? lms.get(adapter.keys.location) : "");
  show(startAt >= 0 ? startAt : Math.min(state.p, pages.length - 1), false);
  SB.course = { lms: lms, state: function () { return state; }, show: show };
})(window, document);
