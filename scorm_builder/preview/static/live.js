/*
 * scorm-builder preview of a course folder: follows the builds through Server-Sent Events (/api/live).
 * A new good build reloads the SCO frame, which resumes from what the preview's LMS stored (the
 * bookmark and suspend_data), so the learner stays on their page while it still exists. A failed
 * build's problems (file:line: field: message, as the build prints them) are shown over the last good
 * build until the next good one. Before the first good build the page shows the problems alone
 * (live.html) and turns into the LMS page once a build succeeds.
 */
(function () {
  "use strict";

  var P = window.__preview; /* the LMS page's state (lms.js); absent on the problems-only page */
  var live = (window.__live = { latest: null, shown: null, reloads: 0 });
  var busy = false;

  /* An alert region present from the start and empty while all is well: filling it is announced. */
  function region() {
    var box = document.getElementById("build-errors");
    if (!box) {
      box = document.createElement("section");
      box.id = "build-errors";
      box.setAttribute("role", "alert");
      box.setAttribute("aria-labelledby", "build-errors-title");
      document.body.insertBefore(box, document.body.firstChild);
    }
    return box;
  }

  function showProblems(status) {
    var box = region();
    box.textContent = "";
    if (!status.errors.length) return;
    var title = document.createElement("h2");
    title.id = "build-errors-title";
    title.textContent = status.build
      ? "The course has errors: the preview shows the last good build until they are fixed"
      : "The course has errors: nothing is built until they are fixed";
    var list = document.createElement("ul");
    status.errors.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
  }

  function onStatus(status) {
    live.latest = status;
    showProblems(status);
    if (!P) {
      if (status.build) window.location.reload(); /* the first good build: the LMS page takes over */
      return;
    }
    follow();
  }

  /* Bring the page to the latest good build: close the SCO (it saves), take the new package, relaunch. */
  function follow() {
    var latest = live.latest;
    if (busy || !latest || !P.ready || !latest.build || latest.build === P.pkg.build) return;
    busy = true;
    var relaunch = P.launched;
    (relaunch ? P.actions.close() : Promise.resolve())
      .then(function () { return fetch("/api/package"); })
      .then(function (response) { return response.json(); })
      .then(function (pkg) {
        P.pkg = pkg;
        P.sco = pkg.scos.filter(function (sco) { return sco.id === P.sco.id; })[0] || pkg.scos[0];
        document.getElementById("package-label").textContent = pkg.label + ": " + P.sco.title;
        live.reloads += 1;
        return relaunch ? P.actions.launch() : null;
      })
      .then(done, function (error) {
        document.getElementById("lms-note").textContent = "could not load build " + latest.build + ": " + error;
        done();
      });
  }

  function done() {
    busy = false;
    live.shown = P.pkg.build;
    follow();
  }

  function whenReady() {
    if (P.ready) follow();
    else setTimeout(whenReady, 100);
  }

  region();
  new EventSource("/api/live").onmessage = function (event) { onStatus(JSON.parse(event.data)); };
  if (P) whenReady();
})();
