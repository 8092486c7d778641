"""The records of the standards: their facts hold against scorm-again and the runtime's JavaScript, and a
new edition is one record plus one module."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest
from lxml import etree
from state_js import RUNTIME
from support import COURSE, run_node
from tiny_sco import manifest, write_tiny_sco

from scorm_builder.build import build
from scorm_builder.checker import check_package
from scorm_builder.preview.session import duration
from scorm_builder.specs import RTES, SPECS, ScormSpec
from scorm_builder.standards import STANDARDS
from scorm_builder.standards.scorm2004 import Scorm2004

#: What the SCORM books call each error code the records name (SCORM 1.2 RTE 3.3.2; SCORM 2004 RTE 3.1.7).
MEANINGS = {
    "scorm12": {"setFailure": "General Exception", "commitFailure": "General Exception",
                "typeMismatch": "Incorrect Data Type", "notInitialized": "No error",
                "getFailure": "General Exception", "finishFailure": "General Exception"},
    "scorm2004": {"setFailure": "General Set Failure", "commitFailure": "General Commit Failure",
                  "typeMismatch": "Data Model Element Type Mismatch",
                  "notInitialized": "Data Model Element Value Not Initialized",
                  "getFailure": "General Get Failure", "finishFailure": "General Termination Failure"},
}
#: The codes scorm-again answers for an element it does not know (1.2: 201 invalid argument, 401 not implemented).
UNKNOWN_ELEMENT = {"scorm12": {"201", "401"}, "scorm2004": {"401"}}

#: Answers, for each element path, the error code scorm-again leaves after GetValue, and each error code's text.
PROBE = """([paths, codes]) => {
  const p = window.__preview, api = p.api, raw = p.raw;
  const left = {};
  for (const path of paths) { raw.get.call(api, path); left[path] = String(raw.lastError.call(api)); }
  const texts = {};
  for (const [kind, code] of Object.entries(codes)) texts[kind] = String(raw.errorString.call(api, code));
  const kinds = Object.keys(p.lms.api).filter((kind) => typeof raw[kind] !== "function");
  return {left, texts, missing: kinds};
}"""


@pytest.mark.parametrize("standard", sorted(RTES))
def test_the_api_elements_and_error_codes_are_scorm_agains(
    standard: str, tmp_path: Path, lms_harness: Callable[..., Any]
) -> None:
    rte = RTES[standard]
    run = lms_harness(write_tiny_sco(tmp_path, standard), standard, launch="index.html?manual=1").launch()
    assert run.sco.evaluate("() => window.sco.call('init', '')") == "true"
    named = [v for v in rte.describe()["cmi"].values() if isinstance(v, str)] + list(rte.cmi.report_only)
    # an element, or a prefix of elements ("cmi.objectives."): its _children must be known
    paths = sorted({v + "_children" if v.endswith(".") else v for v in named if v.startswith("cmi.")}
                   | {v.cmi for v in rte.manifest_values})
    found = run.page.evaluate(PROBE, [paths, rte.describe()["errors"]])
    assert found["missing"] == [], "every function the record names is scorm-again's"
    unknown = {path: code for path, code in found["left"].items() if code in UNKNOWN_ELEMENT[standard]}
    assert unknown == {}, "every element is in its data model"
    for kind, meaning in MEANINGS[standard].items():
        assert meaning.lower() in found["texts"][kind].lower(), (kind, found["texts"][kind])
    response = f"cmi.interactions.0.{rte.cmi.response}"
    writes = [("cmi.interactions.0.id", "q1"), ("cmi.interactions.0.type", "fill-in"), (response, "an answer")]
    assert [run.sco.evaluate("([k, v]) => window.sco.call('set', k, v)", [k, v]) for k, v in writes] == ["true"] * 3


#: Runs an adapter in node the way a page loads it, and answers what its functions write.
ADAPTER = r"""
global.window = {SB: {adapters: {}}};
require(process.argv[1]);
const a = Object.values(window.SB.adapters)[0], at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
const keys = (pairs) => pairs.map((p) => p[0]);
process.stdout.write(JSON.stringify({
  own: Object.keys(a),
  score: keys(a.score({raw: 40, scaled: 0.4})),
  objective: keys(a.objective(0, {id: "c", min: 1, max: 5, t: "C"}, {score: 3, answered: 1, total: 1}, "nb")),
  interaction: keys(a.interaction(0, {kind: "likert", id: "s", value: 3, at: at, latency: 1000, description: "S"}, "nb")),
  time: a.formatTime(5430000 + 450),
}));
"""


@pytest.mark.parametrize("standard", sorted(RTES))
def test_what_the_runtime_adapter_still_holds_agrees_with_the_record(standard: str) -> None:
    rte = RTES[standard]
    script = RUNTIME / "adapters" / f"{standard}.js"
    held = run_node(ADAPTER, [script], None)
    assert set(held["own"]) & set(rte.runtime()) == set(), "API names and elements come from the record only"
    assert rte.cmi.score_raw in held["score"]
    scaled = [key for key in held["score"] if key.endswith(".scaled")]
    assert scaled == ([rte.cmi.score_scaled] if rte.cmi.score_scaled else [])
    assert f"cmi.interactions.0.{rte.cmi.response}" in held["interaction"]
    assert all(key.startswith("cmi.objectives.0.") for key in held["objective"])
    assert duration(held["time"]) == duration(rte.timespan(543045)) == 543045
    assert re.fullmatch(r"\d{4}:\d\d:\d\d\.\d\d" if standard == "scorm12" else r"PT[\dHMS.]+", held["time"])


def test_the_checker_names_every_scorm_edition_from_its_record(tmp_path: Path) -> None:
    for spec in (s for s in SPECS.values() if isinstance(s, ScormSpec)):
        folder = tmp_path / spec.name
        folder.mkdir()
        write_tiny_sco(folder, spec.rte.name)
        (folder / "imsmanifest.xml").write_bytes(etree.tostring(manifest(spec, "index.html")))
        report = check_package(folder)
        assert report.kinds == [spec.title]
        assert [f.line() for f in report.errors] == []  # (warnings: the tiny package ships no XSDs)
        notes = [f.message for f in report.findings if f.code == "xsd-set"]
        assert notes == ([spec.xsd.stand_in] if spec.xsd.stand_in else [])


#: A SCORM 2004 edition that does not exist: the 4th edition's facts under a new schemaversion.
FIFTH = replace(SPECS["scorm2004-4"], name="scorm2004-5", title="SCORM 2004 5th edition", edition=5,
                schemaversion="2004 5th Edition")


class Scorm2004v5(Scorm2004):
    """The module of the edition above: it names its record."""

    spec: ClassVar[ScormSpec] = FIFTH


def test_a_new_edition_is_one_record_and_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SPECS, FIFTH.name, FIFTH)
    monkeypatch.setitem(STANDARDS, Scorm2004v5.name, Scorm2004v5)
    [result] = build(COURSE, ["scorm2004-5"], ["nb"], tmp_path / "dist")  # validated and checked as it is built
    assert result.path.name.endswith("-scorm2004-5-nb.zip")
    with zipfile.ZipFile(result.path) as archive:
        assert b"<schemaversion>2004 5th Edition</schemaversion>" in archive.read("imsmanifest.xml")
    assert check_package(result.path).kinds == ["SCORM 2004 5th edition"]
    monkeypatch.delitem(SPECS, FIFTH.name)
    unknown = check_package(result.path)
    assert unknown.kinds == ["SCORM 2004 (unknown edition)"] and not unknown.valid

