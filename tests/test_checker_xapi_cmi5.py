"""`scorm-builder validate` on xAPI (tincan.xml) and cmi5 (cmi5.xml) packages, and the in-code cmi5 model against the official XSD."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema
from support import official_cmi5_xsd
from test_checker_corpus import codes, messages, validate_json, write_zip

from scorm_builder.checker import cmi5 as cmi5_check
from scorm_builder.checker.xmlsafe import parse

ROOT = Path(__file__).resolve().parents[1]

TINCAN = """<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="{id}" type="http://adlnet.gov/expapi/activities/course">
      <name>Aktivt medarbeiderskap</name>
      <launch lang="nb">{launch}</launch>
    </activity>
  </activities>
</tincan>
"""

CMI5_NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def cmi5_doc(au_attrs: str = 'moveOn="Completed"', au_body: str = "<url>au/index.html</url>", extra: str = "") -> str:
    """Return a cmi5.xml with one AU; the arguments replace parts of it."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="{CMI5_NS}">
  <course id="https://example.org/course/1">
    <title><langstring lang="nb">Kurs</langstring></title>
    <description><langstring lang="nb">Et kurs</langstring></description>
  </course>{extra}
  <au id="https://example.org/course/1/au/1" {au_attrs}>
    <title><langstring lang="nb">Del 1</langstring></title>
    <description><langstring lang="nb">Første del</langstring></description>
    {au_body}
  </au>
</courseStructure>
"""


def test_good_tincan_package_is_valid(tmp_path: Path) -> None:
    files = {
        "tincan.xml": TINCAN.format(id="https://example.org/course", launch="index.html").encode(),
        "index.html": b"x",
    }
    code, data = validate_json(write_zip(tmp_path / "x.zip", files))
    assert code == 0, data["findings"]
    assert data["kinds"] == ["xAPI (tincan.xml)"]


def test_bad_tincan_package(tmp_path: Path) -> None:
    files = {"tincan.xml": TINCAN.format(id="course-1", launch="Index.html").encode(), "index.html": b"x"}
    code, data = validate_json(write_zip(tmp_path / "x.zip", files))
    assert code == 1
    assert any("activity id 'course-1' is not an absolute IRI" in m for m in messages(data, "activity-id"))
    assert any("'Index.html' is in the package as 'index.html'" in m for m in messages(data, "wrong-case"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("<tincan xmlns='http://projecttincan.com/tincan.xsd'><activities/></tincan>", "no-activity"),
        (
            (
                "<tincan xmlns='http://projecttincan.com/tincan.xsd'><activities>"
                "<activity id='urn:x:1'><name>a</name></activity></activities></tincan>"
            ),
            "no-launch",
        ),
        ("<tincan><activities>", "invalid-xml"),
    ],
)
def test_tincan_defects(text: str, code: str, tmp_path: Path) -> None:
    exit_code, data = validate_json(write_zip(tmp_path / "x.zip", {"tincan.xml": text.encode()}))
    assert exit_code == 1 and code in codes(data, "error"), data["findings"]


def test_good_cmi5_package_is_valid(tmp_path: Path) -> None:
    files = {"cmi5.xml": cmi5_doc().encode(), "au/index.html": b"x"}
    code, data = validate_json(write_zip(tmp_path / "c.zip", files))
    assert code == 0, data["findings"]
    assert data["kinds"] == ["cmi5"]


def test_bad_cmi5_package(tmp_path: Path) -> None:
    attrs = 'id="au-1" moveOn="Sometimes" masteryScore="1.5" launchMethod="NewWindow"'
    text = cmi5_doc().replace('id="https://example.org/course/1/au/1" moveOn="Completed"', attrs)
    files = {"cmi5.xml": text.encode(), "au/index.htm": b"x"}
    code, data = validate_json(write_zip(tmp_path / "c.zip", files))
    assert code == 1
    assert codes(data, "error") >= {"moveon", "mastery-score", "launch-method", "id-not-iri", "missing-file"}
    assert any("moveOn 'Sometimes' is not one of" in m for m in messages(data, "moveon"))
    assert any("masteryScore '1.5' must be a decimal from 0 to 1" in m for m in messages(data, "mastery-score"))


def _official_xsd() -> Path:
    return official_cmi5_xsd()


BLOCK = """
  <block id="https://example.org/course/1/block/1">
    <title><langstring>Blokk</langstring></title><description><langstring>B</langstring></description>
    <au id="https://example.org/course/1/au/9"><title><langstring>A</langstring></title>
      <description><langstring>A</langstring></description><url>https://example.org/au9</url></au>
  </block>"""
OBJECTIVES = """
  <objectives><objective id="https://example.org/obj/1"><description><langstring>D</langstring></description>
    <title><langstring>T</langstring></title></objective></objectives>"""

#: name -> (document, valid?); each bad one breaks one rule the XSD also checks.
CMI5_CASES = {
    "minimal": (cmi5_doc(), True),
    "all-attributes": (
        cmi5_doc('moveOn="CompletedOrPassed" masteryScore="0.8" launchMethod="OwnWindow" activityType="x"'),
        True,
    ),
    "block-and-objectives": (
        cmi5_doc(
            extra=OBJECTIVES + BLOCK,
            au_body='<objectives><objective idref="https://example.org/obj/1"/></objectives>'
            "<url>au/index.html</url><launchParameters>a=1</launchParameters>",
        ),
        True,
    ),
    "extension-element": (cmi5_doc(au_body='<url>au/index.html</url><x:note xmlns:x="urn:x">n</x:note>'), True),
    "missing-url": (cmi5_doc(au_body=""), False),
    "empty-url": (cmi5_doc(au_body="<url></url>"), False),
    "wrong-order": (
        cmi5_doc(
            au_body="<url>au/index.html</url><entitlementKey>k</entitlementKey><launchParameters>p</launchParameters>"
        ),
        False,
    ),
    "bad-moveon": (cmi5_doc('moveOn="Whenever"'), False),
    "bad-launch-method": (cmi5_doc('launchMethod="NewWindow"'), False),
    "mastery-above-1": (cmi5_doc('masteryScore="1.2"'), False),
    "unknown-attribute": (cmi5_doc('moveon="Completed"'), False),
    "missing-description": (
        cmi5_doc().replace('<description><langstring lang="nb">Et kurs</langstring></description>', ""),
        False,
    ),
    "no-au": (cmi5_doc().split("<au ")[0] + "</courseStructure>", False),
    "unqualified-element": (cmi5_doc(au_body="<url>au/index.html</url><note>n</note>"), False),
}


@pytest.mark.parametrize("name", sorted(CMI5_CASES))
def test_in_code_cmi5_model_agrees_with_the_official_xsd(name: str) -> None:
    document, valid = CMI5_CASES[name]
    schema = xmlschema.XMLSchema(str(_official_xsd()), allow="local")
    assert schema.is_valid(document) is valid, list(schema.iter_errors(document))[:1]
    findings = cmi5_check.structure(parse("cmi5.xml", document.encode()))
    assert (not [f for f in findings if f.level == "error"]) is valid, [f.line() for f in findings]
