/* scorm-builder runtime: the course as the learner meets it, page by page. */
(function (w, d) {
  "use strict";
  var SB = w.SB;
  var data = JSON.parse(d.getElementById("course-data").textContent);
  var ui = JSON.parse(d.getElementById("ui-strings").textContent);
  var layout = data.state;
  /* The API and data-model names of a SCORM standard come from its record (data.standard.lms). */
  var adapter = Object.assign({}, SB.adapters[data.adapter], data.standard.lms);
  /* The browser's copies (state, text over a limit, unsent statements) are the course's, not one
     version's: a package replaced mid-attempt still finds them (the state's digests tell which parts
     still fit, as for the LMS's copy). */
  var key = "scorm-builder:" + data.id + ":" + data.lang + ":" + data.adapter;
  SB.moveOldCopies(key, "scorm-builder:" + data.id + ":", ":" + data.lang + ":" + data.adapter, data.version);
  /* An adapter may bring its own connection (xAPI/cmi5 talk to an LRS, not to an API object). */
  var lms = new (adapter.Connection || SB.Lms)(adapter, key);
  var codec = SB.TextCode.make(layout.code);
  var State = SB.State.make(layout, codec);
  var fields = new SB.Fields(data, ui, codec, key);
  var report = new SB.Report(data, lms);
  var pages = [].slice.call(d.querySelectorAll("section.page"));
  var st = State.empty();
  var times = { shown: {}, changed: {} };
  var current = 0;
  var encoded = null;
  /* The LMS's save sequence this tab found at launch (-1: none). */
  var launchSeq = -1;
  /* A change reaches the LMS at most a minute after it is made, even while the learner stays on one
     page writing: a crash or a laptop closed without a page close then costs another computer at
     most that minute, and an LMS that ends an idle session (SuccessFactors after 30 minutes) hears
     from the course while the learner writes. One commit a minute at the most, never per keystroke. */
  var AUTOSAVE_MS = 60000, autosave = null;
  lms.seqOf = State.seq;
  lms.doneOf = function (text) { return !!(State.decode(text).state.flags & SB.DONE); };

  function $(id) { return d.getElementById(id); }
  function fmt(template, values) { return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }
  function location() { return data.pages[current]; }
  function result() {
    return data.scoring ? w.SBScoring.evaluate(data.scoring, { answers: st.answers, placement: st.placement }) : null;
  }

  /* Save the state: always in the browser; to the LMS when commit is asked (a finished page or
     questionnaire, the tab hidden, a minute after a change), never per keystroke. `settled` also
     reports what the learner has finished with (answers are reported when they leave the page, not
     per arrow key). Every change raises the save sequence, so a newer copy is known wherever it is
     read. */
  function save(commit, settled) {
    if (commit && autosave !== null) { w.clearTimeout(autosave); autosave = null; }
    st.page = current;
    if (settled) report.update(st, result(), times);
    var text = State.encode(st);
    if (encoded !== null && text !== encoded) {
      st.seq += 1;
      text = State.encode(st);
    }
    encoded = text;
    lms.saveState(text, location());
    if (commit) lms.flush();
  }

  /* The learner changed something: a held state (one that could not be fully read) may now be replaced. */
  function changed(id) {
    if (lms.held) { lms.release(); encoded = ""; }
    times.changed[id] = Date.now();
    if (autosave === null) autosave = w.setTimeout(function () { autosave = null; save(true); }, AUTOSAVE_MS);
  }

  function fillForm() {
    Object.keys(st.answers).forEach(function (id) { check('input[name="' + id + '"][value="' + st.answers[id] + '"]'); });
    Object.keys(st.placement).forEach(function (axis) { check('input[name="placement-' + axis + '"][value="' + st.placement[axis] + '"]'); });
    fields.ids.forEach(function (id) {
      var area = d.querySelector('textarea[data-reflection="' + id + '"]');
      if (area) area.value = fields.text(id);
    });
    counters();
    showPlacement();
  }
  function check(selector) { var input = d.querySelector(selector); if (input) input.checked = true; }

  /* Every field's counter (the shared room changes them all), and the note of text kept only here. */
  function counters() {
    [].forEach.call(d.querySelectorAll("textarea[data-reflection]"), function (area) {
      var c = fields.counter(area.getAttribute("data-reflection")), out = $(area.id + "-count");
      out.textContent = c.text;
      out.classList.toggle("is-over", c.over);
      out.classList.toggle("is-low", c.low);
      if (c.over) area.setAttribute("aria-invalid", "true"); else area.removeAttribute("aria-invalid");
    });
    var missing = fields.unsaved(), note = $("unsaved");
    if (!note) return;
    note.hidden = !missing.length;
    note.textContent = missing.length ? fmt(fields.unkept ? ui.unsaved_nowhere : ui.unsaved, { fields: missing.map(function (m) {
      return fmt(ui.unsaved_field, { label: data.reflections[m.id], n: m.over });
    }).join("; ") }) : "";
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
    return layout.statements.every(function (id) { return data.items[id].q !== qid || st.answers[id]; });
  }

  function onChange(event) {
    var t = event.target;
    if (t.type !== "radio") return;
    var value = Number(t.value);
    if (t.name.indexOf("placement-") === 0) {
      st.placement[t.name.slice(10)] = value;
      st.reported[t.name] = false;
      changed(t.name);
      showPlacement();
      save(false);
      return;
    }
    st.answers[t.name] = value;
    st.reported[t.name] = false;
    changed(t.name);
    save(questionnaireDone(data.items[t.name].q)); /* a finished questionnaire's state is committed at once */
  }

  function onInput(event) {
    var t = event.target;
    if (t.tagName !== "TEXTAREA") return;
    var id = t.getAttribute("data-reflection"), before = st.texts[id];
    fields.input(id, t.value);
    counters();
    if (st.texts[id] === before) return;
    st.reported[id] = false;
    changed(id);
    save(false);
  }

  function show(index, focus) {
    current = Math.max(0, Math.min(index, pages.length - 1));
    pages.forEach(function (page, i) { page.hidden = i !== current; });
    st.reached = Math.max(st.reached, current);
    var now = Date.now();
    [].forEach.call(pages[current].querySelectorAll("[data-statement], [data-reflection], [data-axis]"), function (el) {
      var id = el.getAttribute("data-statement") || el.getAttribute("data-reflection") || "placement-" + el.getAttribute("data-axis");
      times.shown[id] = now;
    });
    $("prev").disabled = current === 0;
    $("next").hidden = current === pages.length - 1;
    $("progress-text").textContent = fmt(ui.progress, { n: current + 1, total: pages.length });
    $("progress-bar").style.width = Math.round(((current + 1) / pages.length) * 100) + "%";
    if (current === data.summaryPage) summary();
    save(true, true);
    if (focus) {
      pages[current].querySelector("h1").focus();
      w.scrollTo(0, 0);
    }
  }

  /* Completion: both self-assessments answered (the scoring spec's rule) and the summary reached. */
  function summary() {
    var r = result();
    if (r) SB.Summary.render(r, st, data, ui);
    if ((!r || r.complete) && !(st.flags & SB.DONE)) report.complete(st);
  }

  function status(what) {
    var el = $("lms-status");
    if (what === "local") el.textContent = ui.status_local;
    else if (what === "review") el.textContent = ui.status_review;
    else if (what === "browse") el.textContent = ui.status_browse;
    else if (what === "statelocal") el.textContent = ui.status_state_local;
    else if (what === "retry") el.textContent = ui.status_retry;
    else if (what === "unread") el.textContent = ui.status_unread;
    else if (what === "unstored") el.textContent = ui.status_unstored;
    else if (what === "saved" && el.textContent === ui.status_retry) {
      el.textContent = lms.unread ? ui.status_unread : lms.stateApi === false ? ui.status_state_local : "";
    }
  }

  /* Tell the learner what of their saved work could not be restored (the rest is filled in). */
  function restoreNote(problems) {
    var el = $("restore-note");
    if (!el || !problems.length) return;
    var what = problems.map(function (p) {
      if (p.indexOf("text:") === 0) return fmt(ui.restore_text, { label: data.reflections[p.slice(5)] });
      return ui["restore_" + p];
    });
    el.textContent = fmt(ui.restore_problem, { what: what.filter(function (x, i) { return what.indexOf(x) === i; }).join(", ") });
    el.hidden = false;
  }
  /* An earlier attempt's answers and texts, kept in this browser when the LMS started a new attempt
     (SB.Lms.earlier): offered back while any of them is missing here, until the learner brings them
     back or deletes them. Brought back, they fill what this attempt has not given yet; they count as
     new in this attempt (reported again, and the course is completed again at the summary), never as
     reported or completed in it already. */
  function offerEarlier() {
    var box = $("earlier"), kept = lms.earlier && !lms.review ? lms.earlier() : null;
    if (!box || !kept) return;
    var old = State.decode(kept).state;
    if (!missing(old).length) { lms.dropEarlier(); return; }
    box.hidden = false;
    $("earlier-restore").addEventListener("click", function () {
      var items = missing(old), texts = [];
      items.forEach(function (item) {
        if (item[0] === st.texts) texts.push(item[1]);
        if (item[2]) item[0][item[1]] = item[2];
        changed(item[3]);
      });
      st.reached = Math.max(st.reached, old.reached);
      st.seq = Math.max(st.seq, old.seq);
      fields.takeBack(texts);
      fields.restore(st);
      lms.dropEarlier();
      fillForm();
      box.hidden = true;
      addNote(ui.earlier_restored);
      show(Math.min(old.page, pages.length - 1), true); /* back where they were; saved and reported */
    });
    /* Or gone for good from this browser (a shared computer): the learner decides, and is told. */
    $("earlier-drop").addEventListener("click", function () {
      lms.dropEarlier();
      fields.dropEarlier();
      box.hidden = true;
      addNote(ui.earlier_dropped);
      pages[current].querySelector("h1").focus(); /* the button is gone: focus stays on the page */
    });
  }
  /* What `old` holds that this attempt lacks: [where, key, value, item id]. */
  function missing(old) {
    var out = [];
    Object.keys(old.answers).forEach(function (id) { if (!st.answers[id]) out.push([st.answers, id, old.answers[id], id]); });
    Object.keys(old.placement).forEach(function (a) { if (!st.placement[a]) out.push([st.placement, a, old.placement[a], "placement-" + a]); });
    var beyond = fields.earlier();
    fields.ids.forEach(function (id) {
      if ((old.texts[id] || beyond[id]) && !fields.text(id)) out.push([st.texts, id, old.texts[id], id]);
    });
    return out;
  }

  /* Add a sentence to the note at the top of every page. */
  function addNote(text) {
    var el = $("restore-note");
    if (!el) return;
    el.textContent = (el.hidden ? "" : el.textContent + " ") + text;
    el.hidden = false;
  }

  /* The course open twice for the same learner (two tabs or windows, each its own LMS session): when
     another saves a newer state, this one takes it over (localStorage tells every other tab of the
     origin), so that saving or closing this one never writes an older state over it. The learner is
     told once. Two tabs changed at the same moment still leave the last save. */
  function onStorage(event) {
    if (lms.review) return;
    if (event.key === fields.key) {
      fields.merge();
      fillForm();
      return;
    }
    if (event.key !== lms.copyKey() || !event.newValue) return;
    var copy = null;
    try { copy = JSON.parse(event.newValue); } catch (ignored) { return; }
    if (!copy || typeof copy.s !== "string") return;
    lms.adopt(copy, false); /* what any tab sent to the shared record holds here too */
    if (State.seq(copy.s) <= st.seq) return;
    /* A copy of an older history (a tab left open while the learner went on on another device) is
       never taken over: what it last knew of the LMS predates what this tab found at launch. */
    if (typeof copy.b === "number" && copy.b < launchSeq) return;
    var loaded = State.decode(copy.s);
    if (loaded.problems.length) return;
    var before = st, completes = false;
    lms.adopt(copy, true);
    st = loaded.state;
    st.page = current;
    st.reached = Math.max(st.reached, before.reached);
    if (lms.sharedRecord) st.count = Math.max(st.count, before.count);
    else {
      /* SCORM: each tab is an LMS session of its own, which holds what this tab reported, at this
         tab's interaction indices (the LMS refuses any other), and its own completion. What the
         other tab changed is reported again from here, so whichever session the LMS keeps has the
         latest answers and the completion. */
      st.count = before.count;
      st.reported = {};
      Object.keys(before.reported).forEach(function (k) {
        if (before.reported[k] && same(before, st, k)) st.reported[k] = true;
      });
      completes = !!(st.flags & SB.DONE) && !(before.flags & SB.DONE);
      st.flags = (st.flags & ~SB.DONE) | (before.flags & SB.DONE);
    }
    if (lms.held) lms.release();
    fields.restore(st);
    encoded = State.encode(st);
    fillForm();
    if (completes) report.complete(st);
    save(completes, completes);
    if (!otherTold) addNote(ui.other_window);
    otherTold = true;
  }
  var otherTold = false;
  /* Whether item `k` (a statement, a placement axis or a reflection) has the same value in two states. */
  function same(a, b, k) {
    var axis = k.indexOf("placement-") === 0 ? k.slice(10) : null;
    return axis ? a.placement[axis] === b.placement[axis] : a.answers[k] === b.answers[k] && a.texts[k] === b.texts[k];
  }

  function wire() {
    $("prev").addEventListener("click", function () { show(current - 1, true); });
    $("next").addEventListener("click", function () { show(current + 1, true); });
    d.addEventListener("change", onChange);
    d.addEventListener("input", onInput);
    w.addEventListener("storage", onStorage);
    var print = $("print");
    if (print) print.addEventListener("click", function () { w.print(); });
    /* Commit when the tab is hidden; finish exactly once when the page goes away (pagehide, not
       unload, which Chrome and Moodle's iframe policy block). */
    d.addEventListener("visibilitychange", function () { if (d.visibilityState === "hidden") save(true, true); });
    w.addEventListener("pagehide", function () {
      if (lms.finished) return;
      save(false, true);
      lms.finish(!!(st.flags & SB.DONE));
    });
    /* Back from the browser's back/forward cache: the session above ended at pagehide, so the page
       starts again (a new session, or this browser's copy with the learner told where it goes). */
    w.addEventListener("pageshow", function (event) { if (event.persisted && lms.finished) w.location.reload(); });
  }

  function boot() {
    d.body.classList.remove("no-js");
    fields.key = lms.base + ":texts"; /* the learner's own, as the state's copy (lms.start) */
    var stored = lms.loadState(), loaded = State.decode(stored);
    launchSeq = lms.remoteSeq;
    st = loaded.state;
    /* A state begun afresh (a first launch, a new attempt) counts its saves on from the minutes since
       1970, so that a later attempt outranks any copy of an earlier one (SB.localWins), wherever each
       was saved (an attempt makes fewer changes than it lasts minutes before the next begins). */
    if (!stored) st.seq = Math.floor(Date.now() / 60000) % 60466176;
    if (lms.newAttempt) fields.setAside();
    /* A saved state that could not be read in full is not replaced until the learner changes something. */
    if (loaded.problems.length) lms.hold();
    st.count = Math.max(st.count, parseInt(lms.get(lms.adapter.keys.interactionCount), 10) || 0);
    fields.restore(st);
    encoded = State.encode(st);
    fillForm();
    restoreNote(loaded.problems);
    /* Changes kept only in this browser gave way to the copy the LMS holds. */
    if (lms.superseded) addNote(ui.restore_superseded);
    offerEarlier();
    wire();
    var saved = data.pages.indexOf(lms.get(lms.adapter.keys.location));
    show(saved >= 0 ? saved : Math.min(st.page, pages.length - 1), false);
    SB.course = { lms: lms, state: function () { return st; }, decode: State.decode, fields: fields, show: show, result: result };
  }

  lms.on(status);
  /* An LRS connection (xAPI, cmi5) starts asynchronously and returns a promise; an API object answers at once. */
  var started = lms.start();
  if (started && typeof started.then === "function") started.then(boot, boot);
  else boot();
})(window, document);
