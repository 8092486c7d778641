"""XLIFF 1.2 for translators: write a course's units, read a translated file back and check its form.

One ``<file>`` per content file (``original`` = its path in the course folder), one ``<trans-unit>``
per text with its readable id, the existing translation as ``<target>``, where it stands as a
``<note>`` and a location ``<context-group>`` (XLIFF 1.2 sections 2.3.2, 2.6), and the hash of
its source text as a ``<context>`` of type ``x-source-sha256`` (user-defined ``x-`` values are
allowed there). Reading never resolves an entity, loads a DTD or touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from lxml import etree

from .. import __version__
from ..checker.findings import ERROR
from ..checker.xmlsafe import parse
from ..errors import Problem, TranslationError
from .units import Unit

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HASH_TYPE = "x-source-sha256"
#: Target states that mean "not translated yet" (XLIFF 1.2 section 2.3.2.5, ``state``).
UNTRANSLATED_STATES = {"new", "needs-translation"}
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
GUIDE = (
    "Translate each <source> into the <target> language. Keep every {placeholder} in curly braces "
    "as it is; a blank line separates paragraphs. The note under each unit says where the text "
    "stands in the course (file:line field)."
)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def write(units: list[Unit], course_id: str, version: str, source: str, target: str) -> bytes:
    """Return the XLIFF 1.2 document of ``units`` from ``source`` into ``target``."""
    root = etree.Element(_q("xliff"), nsmap={None: NS}, version="1.2")
    for file, group in groupby(units, key=lambda unit: unit.file):
        element = etree.SubElement(root, _q("file"), {
            "original": file, "source-language": source, "target-language": target,
            "datatype": "plaintext", "product-name": course_id, "product-version": version,
        })
        header = etree.SubElement(element, _q("header"))
        etree.SubElement(header, _q("tool"), {"tool-id": "scorm-builder", "tool-name": "scorm-builder",
                                               "tool-version": __version__})
        etree.SubElement(header, _q("note")).text = GUIDE
        body = etree.SubElement(element, _q("body"))
        for unit in group:
            _unit(body, unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unit(body: etree._Element, unit: Unit) -> None:
    element = etree.SubElement(body, _q("trans-unit"), {"id": unit.id, "resname": unit.id, XML_SPACE: "preserve"})
    etree.SubElement(element, _q("source")).text = unit.source
    if unit.target:
        etree.SubElement(element, _q("target"), state="translated").text = unit.target
    where = etree.SubElement(element, _q("context-group"), purpose="location")
    etree.SubElement(where, _q("context"), {"context-type": "sourcefile"}).text = unit.file
    if unit.line:
        etree.SubElement(where, _q("context"), {"context-type": "linenumber"}).text = str(unit.line)
    marks = etree.SubElement(element, _q("context-group"), name="scorm-builder", purpose="information")
    etree.SubElement(marks, _q("context"), {"context-type": HASH_TYPE}).text = unit.digest
    note = unit.where
    if unit.placeholders:
        note += " (interface string: keep " + ", ".join(f"{{{p}}}" for p in sorted(unit.placeholders)) + ")"
    elif unit.placeholders is not None:
        note += " (interface string)"
    etree.SubElement(element, _q("note"), {"from": "scorm-builder"}).text = note


@dataclass(frozen=True)
class Translated:
    """One unit as read back from a translated file."""

    id: str
    line: int | None
    source: str
    #: The translation, or None when the unit has none (no target, an empty one, or state new).
    target: str | None
    #: The source hash recorded on export, or None when a tool dropped it.
    digest: str | None


@dataclass(frozen=True)
class Xliff:
    """A translated file: its language pair and units."""

    label: str
    source: str
    target: str
    units: list[Translated]


def read(path: Path) -> Xliff:
    """Read and check the form of the XLIFF 1.2 file at ``path``.

    Raises:
        TranslationError: unreadable or malformed XML, not XLIFF 1.2, a missing or mixed language
            pair, a unit without an id or with an id used twice.
    """
    label = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TranslationError([Problem(label, None, "", f"cannot be read: {exc.strerror or exc}")]) from None
    parsed = parse(label, data)
    errors = [Problem(f.path, None, "", f.message) for f in parsed.findings if f.level == ERROR]
    root = parsed.root
    if errors or root is None:
        raise TranslationError(errors)
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        found = f"<{etree.QName(root).localname}> version {root.get('version')!r} in {etree.QName(root).namespace!r}"
        raise TranslationError([Problem(label, root.sourceline, "", (
            f"not an XLIFF 1.2 file (found {found}); export with scorm-builder translate export "
            "and have the translation tool save it as XLIFF 1.2"))])
    source, target = _pair(label, root)
    return Xliff(label, source, target, _units(label, root))


def _pair(label: str, root: etree._Element) -> tuple[str, str]:
    files = root.findall(_q("file"))
    if not files:
        raise TranslationError([Problem(label, root.sourceline, "", "no <file> element: the file has no units")])
    pairs, problems = set(), []
    for element in files:
        pair = (element.get("source-language") or "", element.get("target-language") or "")
        for name, tag in zip(("source-language", "target-language"), pair, strict=True):
            if not LANG_RE.match(tag):
                why = f"not a language tag: {tag!r}" if tag else "missing: the file must say which language it is in"
                problems.append(Problem(label, element.sourceline, f"file.{name}", why))
        pairs.add(pair)
    if len(pairs) > 1 and not problems:
        listed = ", ".join(f"{s} -> {t}" for s, t in sorted(pairs))
        problems.append(Problem(label, None, "", f"the <file> elements mix language pairs ({listed})"))
    if problems:
        raise TranslationError(problems)
    source, target = pairs.pop()
    if source.lower() == target.lower():
        raise TranslationError([Problem(label, files[0].sourceline, "file.target-language",
                                        f"the target language is the source language ({source})")])
    return source, target


def _units(label: str, root: etree._Element) -> list[Translated]:
    units, problems = [], []
    seen: dict[str, int | None] = {}  # unit id -> the line it first appears on
    for element in root.iter(_q("trans-unit")):
        unit_id = element.get("id")
        if not unit_id:
            problems.append(Problem(label, element.sourceline, "trans-unit", "a unit has no id"))
            continue
        if unit_id in seen:
            twice = f"the id is used twice (first at line {seen[unit_id]})"
            problems.append(Problem(label, element.sourceline, unit_id, twice))
            continue
        seen[unit_id] = element.sourceline
        units.append(_translated(element, unit_id))
    if problems:
        raise TranslationError(problems)
    return units


def _translated(element: etree._Element, unit_id: str) -> Translated:
    source = element.find(_q("source"))
    target = element.find(_q("target"))
    text = "".join(target.itertext()).strip() if target is not None else ""
    if target is not None and target.get("state") in UNTRANSLATED_STATES:
        text = ""
    mark = element.find(f"{_q('context-group')}/{_q('context')}[@context-type='{HASH_TYPE}']")
    return Translated(
        id=unit_id,
        line=element.sourceline,
        source="".join(source.itertext()) if source is not None else "",
        target=text or None,
        digest=((mark.text or "").strip() or None) if mark is not None else None,
    )
