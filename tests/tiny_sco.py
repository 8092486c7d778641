"""A minimal hand-written SCO (both SCORM versions) used to test the test LMS itself.

On load it finds the API (parent walk, then ``window.opener``), shows what it found,
initializes, reads entry / suspend_data / location, writes status, score, suspend_data
(``visit=N``), location (``page-N``), exit=suspend and session_time, commits, and
terminates on ``pagehide``. With ``?manual`` in its URL it only finds the API and
leaves every call to the test (``window.sco.call("set", element, value)``). Its names come from
the record of the version's newest edition, and a one-SCO manifest of that edition goes beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from scorm_builder.specs import SPECS, ScormSpec
from scorm_builder.standards._xml import sco_item, sco_resource, scorm_root

#: The edition each run-time environment's tiny SCO declares.
EDITIONS = {"scorm12": SPECS["scorm12"], "scorm2004": SPECS["scorm2004-4"]}


def names(standard: str) -> dict[str, str]:
    """Return the API's names, the elements and the error codes of ``standard`` ("scorm12"/"scorm2004")."""
    rte = EDITIONS[standard].rte
    facts = rte.describe()
    return {"name": facts["object"], **facts["api"], **facts["cmi"], **facts["errors"],
            "sessionValue": rte.timespan(9000)}


SCO_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tiny SCO</title>
<link rel="icon" href="data:,"></head>
<body>
<h1>Tiny SCO</h1>
<p>API: <span id="api">searching</span> via <span id="via"></span>
  at depth <span id="depth"></span></p>
<p>Entry: <span id="entry"></span></p>
<p>Suspend data: <span id="suspend"></span></p>
<p>Location: <span id="location"></span></p>
__EXTRA__
<script>
var N = __NAMES__;
// Walk up the parents of win looking for the API; return [api, levels] or null.
function walk(win) {
  for (var level = 0; win && level < 20; level++) {
    try { if (win[N.name]) return [win[N.name], level]; } catch (e) {}
    if (win.parent === win) return null;
    win = win.parent;
  }
  return null;
}
function findApi() {
  var found = walk(window);
  if (found) return {api: found[0], via: "parent", depth: found[1]};
  found = window.opener ? walk(window.opener) : null;
  return found ? {api: found[0], via: "opener", depth: found[1]} : null;
}
function show(id, text) { document.getElementById(id).textContent = text; }
var hit = findApi();
var api = hit && hit.api;
// Call API function `fn` (a key of N) with the remaining arguments.
function call(fn) { return api[N[fn]].apply(api, [].slice.call(arguments, 1)); }
window.sco = {api: api, call: call, N: N};
if (!hit) {
  show("api", "none");
} else {
  show("api", "found"); show("via", hit.via); show("depth", String(hit.depth));
}
if (hit && location.search.indexOf("manual") < 0) {
  call("init", "");
  show("entry", call("get", N.entry));
  var suspend = call("get", "cmi.suspend_data");
  show("suspend", suspend);
  show("location", call("get", N.location));
  var visit = Number((suspend.match(/visit=(\\d+)/) || [0, 0])[1]) + 1;
  call("set", N.status, "incomplete");
  call("set", N.scoreRaw, "70");
  call("set", "cmi.suspend_data", "visit=" + visit);
  call("set", N.location, "page-" + visit);
  call("set", N.exit, "suspend");
  call("set", N.sessionTime, N.sessionValue);
  call("commit", "");
  var finished = false;
  window.addEventListener("pagehide", function () {
    if (!finished) { finished = true; call("finish", ""); }
  });
}
</script>
</body></html>
"""


def write_tiny_sco(folder: Path, standard: str, name: str = "index.html", extra: str = "") -> Path:
    """Write the tiny SCO for ``standard`` and its manifest into ``folder`` and return the folder."""
    html = SCO_HTML.replace("__NAMES__", json.dumps(names(standard))).replace("__EXTRA__", extra)
    (folder / name).write_text(html, encoding="utf-8")
    (folder / "imsmanifest.xml").write_bytes(etree.tostring(manifest(EDITIONS[standard], name), xml_declaration=True))
    return folder


def manifest(spec: ScormSpec, href: str) -> etree._Element:
    """Return a manifest of ``spec``'s edition with one item launching the SCO ``href``."""
    root = scorm_root(spec, "tiny-sco", "1.0")
    sco_item(spec, root, "Tiny SCO")
    sco_resource(spec, root, [href], href)
    return root
