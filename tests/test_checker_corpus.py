"""`scorm-builder validate`: a corpus of broken SCORM packages, generated from our own, one defect each.

The helpers here (package files, zip writer, CLI runner) are shared by the other test_checker* modules.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.checker import check_package
from scorm_builder.checker.findings import Report
from scorm_builder.cli import main
from scorm_builder.standards import STANDARDS

Files = dict[str, bytes]


def package_files(zip_path: Path) -> Files:
    """Return {name: bytes} of a built package."""
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, files: Files) -> Path:
    """Write ``files`` into a zip at ``path`` (names verbatim) and return it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def edit_manifest(files: Files, *pairs: tuple[str, str]) -> Files:
    """Return a copy of ``files`` whose manifest has each (old, new) replaced once (old must exist)."""
    text = files["imsmanifest.xml"].decode("utf-8")
    for old, new in pairs:
        assert old in text, f"{old!r} not in the manifest"
        text = text.replace(old, new, 1)
    return {**files, "imsmanifest.xml": text.encode("utf-8")}


def validate_cli(path: Path, *args: str) -> tuple[int, str]:
    """Run ``scorm-builder validate`` in-process; return (exit code, output)."""
    result = CliRunner().invoke(main, ["validate", str(path), *args])
    return result.exit_code, result.output


def validate_json(path: Path) -> tuple[int, dict]:
    """Run ``scorm-builder validate --json`` in-process; return (exit code, parsed report)."""
    code, output = validate_cli(path, "--json")
    return code, json.loads(output)


def codes(data: dict, level: str | None = None) -> set[str]:
    """Return the finding codes of a JSON report (of one level, or all)."""
    return {f["code"] for f in data["findings"] if level is None or f["level"] == level}


def messages(data: dict, code: str) -> list[str]:
    """Return ``path: message`` of every finding with ``code``."""
    return [f"{f['path']}: {f['message']}" for f in data["findings"] if f["code"] == code]


@pytest.fixture
def pkg(built: dict[str, Path]) -> Callable[[str], Files]:
    """Return the files of a built package of one standard (a fresh copy each call)."""
    return lambda standard: package_files(built[standard])


# --- our own packages -----------------------------------------------------------------------------------------


KINDS = {
    "scorm12": "SCORM 1.2",
    "scorm2004-3": "SCORM 2004 3rd edition",
    "scorm2004-4": "SCORM 2004 4th edition",
    "xapi": "xAPI (tincan.xml)",
    "cmi5": "cmi5",
}


@pytest.mark.parametrize("standard", sorted(STANDARDS))  # every standard we build, as soon as it is registered
def test_our_packages_validate_clean(standard: str, built: dict[str, Path], tmp_path: Path) -> None:
    code, data = validate_json(built[standard])
    assert code == 0, data
    assert data["counts"] == {"error": 0, "warning": 0, "info": 0}, data["findings"]
    assert data["kinds"] == [KINDS[standard]]
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(built[standard]) as archive:
        archive.extractall(folder)
    report = check_package(folder)
    assert report.valid and not report.findings, report.findings


# --- one defect each ------------------------------------------------------------------------------------------

#: name -> (base standard, manifest edits, expected error code, message fragment)
MANIFEST_DEFECTS = {
    "invalid-xml": ("scorm2004-4", [("</manifest>", "</manifes>")], "invalid-xml", "not well-formed XML"),
    "xsd-error": ("scorm2004-4", [("<title>", '<title lang="nb">')], "xsd", "'lang' attribute not allowed"),
    "xsd-error-12": ("scorm12", [('isvisible="true"', 'isvisible="maybe"')], "xsd", "not a boolean"),
    "lowercase-scormtype-2004": (
        "scorm2004-4",
        [("adlcp:scormType=", "adlcp:scormtype=")],
        "scormtype-lowercase",
        "adlcp:scormtype is the wrong spelling for SCORM 2004 4th edition",
    ),
    "camelcase-scormtype-12": (
        "scorm12",
        [("adlcp:scormtype=", "adlcp:scormType=")],
        "scormtype-camelcase",
        "needs adlcp:scormtype",
    ),
    "scormtype-missing": (
        "scorm2004-3",
        [(' adlcp:scormType="sco"', "")],
        "scormtype-missing",
        "has no adlcp:scormType",
    ),
    "dangling-identifierref": (
        "scorm2004-4",
        [('identifierref="sco-1"', 'identifierref="sco-9"')],
        "identifierref-unresolved",
        "identifierref 'sco-9' names no resource",
    ),
    "unknown-default-organization": (
        "scorm12",
        [('default="org"', 'default="gone"')],
        "default-organization-unknown",
        "default organization 'gone' does not name any organization",
    ),
    "missing-default-organization": (
        "scorm2004-4",
        [(' default="org"', "")],
        "default-organization-missing",
        "no default attribute",
    ),
    "duplicate-identifier": (
        "scorm2004-4",
        [('identifier="item-1"', 'identifier="org"')],
        "duplicate-identifier",
        "identifier 'org' is used 2 times",
    ),
    "duplicate-identifier-padded": (  # xs:ID collapses whitespace: "  org " is "org"
        "scorm2004-3",
        [('identifier="item-1"', 'identifier="  org "')],
        "duplicate-identifier",
        "identifier 'org' is used 2 times",
    ),
    "file-outside-root": (
        "scorm12",
        [('<file href="index.html"/>', '<file href="index.html"/><file href="../x.html"/>')],
        "outside-root",
        "'../x.html' points outside the package root",
    ),
    "absolute-href": ("scorm2004-3", [('href="index.html"', 'href="/index.html"')], "outside-root", "absolute path"),
    "unknown-schemaversion": (
        "scorm2004-4",
        [("2004 4th Edition", "2004 5th Edition")],
        "schemaversion-unknown",
        "unknown schemaversion '2004 5th Edition'",
    ),
    "unknown-schemaversion-12": (
        "scorm12",
        [("<schemaversion>1.2<", "<schemaversion>1.3<")],
        "schemaversion-unknown",
        "expected '1.2'",
    ),
    "masteryscore-150": (
        "scorm12",
        [('isvisible="true">', 'isvisible="true"><adlcp:masteryscore>150</adlcp:masteryscore>')],
        "masteryscore-range",
        "adlcp:masteryscore '150' must be a number from 0 to 100",
    ),
    "maxtimeallowed-format": (
        "scorm12",
        [('isvisible="true">', 'isvisible="true"><adlcp:maxtimeallowed>30 min</adlcp:maxtimeallowed>')],
        "maxtimeallowed-format",
        "is not a CMITimespan",
    ),
    "masteryscore-in-2004": (
        "scorm2004-4",
        [('identifierref="sco-1">', 'identifierref="sco-1"><adlcp:masteryscore>80</adlcp:masteryscore>')],
        "masteryscore-in-2004",
        "minNormalizedMeasure",
    ),
    "no-navigation": (  # before the 4th edition's jump request, nothing reaches the children
        "scorm2004-3",
        [('choice="true" flow="true"', 'choice="false" flow="false"')],
        "no-navigation",
        "neither choice nor flow",
    ),
    "sequencing-idref": (
        "scorm2004-4",
        [("<imsss:sequencing>", '<imsss:sequencing IDRef="shared">')],
        "sequencing-idref-unresolved",
        "IDRef 'shared' names no sequencing",
    ),
}


@pytest.mark.parametrize("name", sorted(MANIFEST_DEFECTS))
def test_manifest_defect_is_reported(name: str, pkg: Callable[[str], Files], tmp_path: Path) -> None:
    standard, edits, code, fragment = MANIFEST_DEFECTS[name]
    path = write_zip(tmp_path / f"{name}.zip", edit_manifest(pkg(standard), *edits))
    exit_code, data = validate_json(path)
    assert exit_code == 1, data
    assert code in codes(data, "error"), data["findings"]
    assert any(fragment in m for m in messages(data, code)), messages(data, code)
    assert re.search(r"imsmanifest\.xml(:\d+)?", messages(data, code)[0])


def test_defect_lines_carry_the_manifest_line(pkg: Callable[[str], Files], tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "p.zip", edit_manifest(pkg("scorm2004-4"), ('identifierref="sco-1"', 'identifierref="nope"'))
    )
    code, output = validate_cli(path)
    assert code == 1
    line = next(
        i
        for i, text in enumerate(pkg("scorm2004-4")["imsmanifest.xml"].decode().splitlines(), 1)
        if "identifierref" in text
    )
    assert f"ERROR imsmanifest.xml:{line}: item identifierref 'nope' names no resource of the manifest" in output
    assert "Manifest rules" in output and output.rstrip().endswith("info") and "INVALID" in output


def test_cam_13_is_checked_against_the_3rd_edition_xsds(pkg: Callable[[str], Files], tmp_path: Path) -> None:
    path = write_zip(tmp_path / "p.zip", edit_manifest(pkg("scorm2004-3"), ("2004 3rd Edition", "CAM 1.3")))
    code, data = validate_json(path)
    assert code == 0, data
    assert data["kinds"] == ["SCORM 2004 2nd edition"]
    assert any("3rd edition XSDs" in m for m in messages(data, "xsd-set"))
    assert {f["level"] for f in data["findings"] if f["code"] == "xsd-set"} == {"info"}


def test_a_cluster_without_choice_or_flow_is_a_warning_in_the_4th_edition(
    pkg: Callable[[str], Files], tmp_path: Path
) -> None:
    """The 4th edition's jump request reaches it; before that edition nothing does (see no-navigation)."""
    files = edit_manifest(pkg("scorm2004-4"), ('choice="true" flow="true"', 'choice=" false " flow="0"'))
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 0, data
    assert {f["level"] for f in data["findings"] if f["code"] == "no-navigation"} == {"warning"}
    assert any("jump request" in m for m in messages(data, "no-navigation"))


def test_missing_file(pkg: Callable[[str], Files], tmp_path: Path) -> None:
    files = pkg("scorm2004-4")
    del files["assets/course.css"]
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 1
    assert any("'assets/course.css' is not in the package" in m for m in messages(data, "missing-file"))


def test_wrong_case_is_an_error(pkg: Callable[[str], Files], tmp_path: Path) -> None:
    files = pkg("scorm12")
    files["Index.html"] = files.pop("index.html")
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 1
    assert any("'index.html' is in the package as 'Index.html'" in m for m in messages(data, "wrong-case"))
    assert "missing-file" not in codes(data)


def test_unlisted_file_is_a_warning_but_control_documents_are_not(pkg: Callable[[str], Files], tmp_path: Path) -> None:
    files = {**pkg("scorm2004-4"), "notes/draft.txt": b"x", "extra.xsd": b"<x/>"}
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 0
    assert [f["path"] for f in data["findings"] if f["code"] == "unlisted-file"] == ["notes/draft.txt"]


def test_datafromlms_longer_than_cmi_launch_data(pkg: Callable[[str], Files], tmp_path: Path) -> None:
    long = "x" * 4097
    path = write_zip(
        tmp_path / "p.zip",
        edit_manifest(
            pkg("scorm12"), ('isvisible="true">', f'isvisible="true"><adlcp:datafromlms>{long}</adlcp:datafromlms>')
        ),
    )
    code, data = validate_json(path)
    assert code == 1
    assert any("4,097 characters; cmi.launch_data holds 4,096" in m for m in messages(data, "datafromlms-too-long"))


def test_sequencing_satisfied_by_measure_without_threshold_is_a_warning(
    pkg: Callable[[str], Files], tmp_path: Path
) -> None:
    objectives = (
        '<imsss:objectives><imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true"/></imsss:objectives>'
    )
    path = write_zip(
        tmp_path / "p.zip",
        edit_manifest(pkg("scorm2004-4"), ("<imsss:deliveryControls", objectives + "<imsss:deliveryControls")),
    )
    code, data = validate_json(path)
    assert code == 0, data["findings"]
    assert any("only a perfect score passes" in m for m in messages(data, "measure-default"))


def test_validate_as_a_subprocess(pkg: Callable[[str], Files], tmp_path: Path, built: dict[str, Path]) -> None:
    bad = write_zip(tmp_path / "bad.zip", edit_manifest(pkg("scorm12"), ('identifierref="sco-1"', 'identifierref="x"')))
    command = [sys.executable, "-m", "scorm_builder", "validate"]
    good = subprocess.run([*command, str(built["scorm12"])], capture_output=True, text=True, timeout=120, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.rstrip().endswith("valid: 0 errors, 0 warnings, 0 info")
    invalid = subprocess.run([*command, str(bad), "--json"], capture_output=True, text=True, timeout=120, check=False)
    assert invalid.returncode == 1
    assert json.loads(invalid.stdout)["valid"] is False
    unreadable = subprocess.run(
        [*command, str(tmp_path / "none.zip")], capture_output=True, text=True, timeout=120, check=False
    )
    assert unreadable.returncode == 2 and "no such file or folder" in unreadable.stderr


def test_report_object(built: dict[str, Path]) -> None:
    report: Report = check_package(built["scorm2004-4"])
    assert report.exit_code == 0 and report.kinds == ["SCORM 2004 4th edition"]


OTHER_TOOL_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.course" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:lom="http://ltsc.ieee.org/xsd/LOM">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 3rd Edition</schemaversion>
    <lom:lom><lom:general><lom:title><lom:string language="en">T</lom:string></lom:title></lom:general></lom:lom>
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Course</title>
      <item identifier="I1" identifierref="R1"><title>Part 1</title></item>
      <item identifier="I2" identifierref="R2" parameters="?page=2"><title>Part 2</title></item>
    </organization>
  </organizations>
  <resources xml:base="res/">
    <resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource>
    <resource identifier="R2" type="webcontent" adlcp:scormType="asset" href="b.html">
      <file href="b.html"/><dependency identifierref="R1"/>
    </resource>
  </resources>
</manifest>
"""


def other_tool_package(tmp_path: Path) -> Path:
    """Return a two-item SCORM 2004 package as other tools write them: inline LOM, xml:base, parameters."""
    files = {"imsmanifest.xml": OTHER_TOOL_MANIFEST.encode(), "res/a.html": b"a", "res/b.html": b"b"}
    return write_zip(tmp_path / "other.zip", files)


def test_a_package_from_another_tool(tmp_path: Path) -> None:
    code, data = validate_json(other_tool_package(tmp_path))
    assert code == 0, data["findings"]
    assert codes(data) == {"metadata-not-validated"}  # inline LOM: no pinned XSD, so a warning, not an error
    files = {"imsmanifest.xml": OTHER_TOOL_MANIFEST.encode(), "res/a.html": b"a", "b.html": b"b"}
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 1 and messages(data, "missing-file") == [
        "imsmanifest.xml:18: 'b.html' is not in the package",  # the resource's href (under xml:base res/)
        "imsmanifest.xml:19: 'b.html' is not in the package",  # its <file>
    ]
