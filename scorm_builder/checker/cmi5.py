"""cmi5 packages: ``cmi5.xml`` checked against the cmi5 course structure (cmi5 spec section 13), in code.

The official CourseStructure.xsd is not redistributed with scorm-builder, so its content model is
written out here: element order and cardinality, allowed attributes, enumerations and ranges. On top
of it come the spec's own rules the XSD cannot express: every id an absolute IRI and unique, objective
references resolved, and relative AU urls present in the package.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from ..specs.xapi import CMI5_NAMESPACE as CMI5
from .findings import ERROR, INFO, Finding, finding
from .references import Files, check_href, is_absolute_url
from .xmlsafe import Parsed

MOVE_ON = {"Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"}
LAUNCH_METHODS = {"AnyWindow", "OwnWindow"}
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")

#: element -> (children as a regex over "name " tokens, a readable form, allowed unqualified attributes).
MODEL = {
    "courseStructure": (r"course (objectives )?((au|block) )+", "course, objectives?, (au | block)+", set()),
    "course": (r"title description ", "title, description", {"id"}),
    "block": (
        r"title description (objectives )?((au|block) )+",
        "title, description, objectives?, (au | block)+",
        {"id"},
    ),
    "au": (
        r"title description (objectives )?url (launchParameters )?(entitlementKey )?",
        "title, description, objectives?, url, launchParameters?, entitlementKey?",
        {"id", "moveOn", "masteryScore", "launchMethod", "activityType"},
    ),
    "objectives": (r"(objective )+", "objective+", set()),
    "course-objective": (r"(title description |description title )", "title and description", {"id"}),
    "ref-objective": (r"", "no child elements", {"idref"}),
    "title": (r"(langstring )+", "langstring+", set()),
    "description": (r"(langstring )+", "langstring+", set()),
    "langstring": (r"", "text only", {"lang"}),
    "url": (r"", "text only", set()),
}
REQUIRED = {"course": "id", "block": "id", "au": "id", "course-objective": "id"}


def _c(local: str) -> str:
    return f"{{{CMI5}}}{local}"


def check(parsed: Parsed, files: Files) -> list[Finding]:
    """Return the findings of a parsed ``cmi5.xml``: structure, ids, and AU urls in the package."""
    found = structure(parsed)
    if parsed.root is None or etree.QName(parsed.root).localname != "courseStructure":
        return found
    for au in parsed.root.iter(_c("au")):
        url = (au.findtext(_c("url")) or "").strip()
        if url and is_absolute_url(url):
            found.append(
                finding(INFO, "cmi5", "url-external", parsed.where(au), f"AU url {url!r} is outside the package")
            )
        elif url:
            found += check_href(url, parsed.where(au.find(_c("url"))), files, "cmi5")
    return found


def structure(parsed: Parsed) -> list[Finding]:
    """Return the findings of the course structure alone (what the official XSD checks, and the id rules)."""
    root = parsed.root
    assert root is not None
    if root.tag != _c("courseStructure"):
        return [
            finding(
                ERROR,
                "cmi5",
                "not-cmi5",
                parsed.where(root),
                f"root element is {root.tag!r}, not courseStructure in {CMI5}",
            )
        ]
    found: list[Finding] = []
    _walk(parsed, root, "courseStructure", found)
    found += _ids(parsed, root)
    return found


def _kind(element: etree._Element, parent_kind: str) -> str:
    local = etree.QName(element).localname
    if local == "objective":
        return "course-objective" if parent_kind == "objectives" and _top_objectives(element) else "ref-objective"
    return local


def _top_objectives(objective: etree._Element) -> bool:
    holder = objective.getparent()
    above = holder.getparent() if holder is not None else None
    return above is not None and above.tag == _c("courseStructure")


def _walk(parsed: Parsed, element: etree._Element, kind: str, found: list[Finding]) -> None:
    pattern, readable, allowed = MODEL[kind]
    ours = []
    foreign_seen = False
    for child in element.iterchildren(etree.Element):
        namespace = etree.QName(child).namespace
        if namespace == CMI5 and not foreign_seen and kind not in ("langstring", "url"):
            ours.append(child)
        elif namespace in (None, CMI5) or kind in ("langstring", "url"):
            found.append(
                finding(
                    ERROR,
                    "cmi5",
                    "unexpected-element",
                    parsed.where(child),
                    f"{etree.QName(child).localname!r} is not allowed here in {kind}",
                )
            )
        else:
            foreign_seen = True  # extension elements (##other) may only follow the cmi5 ones
    tokens = "".join(etree.QName(c).localname + " " for c in ours)
    if not re.fullmatch(pattern, tokens):
        found.append(
            finding(
                ERROR,
                "cmi5",
                "structure",
                parsed.where(element),
                f"{kind} must contain {readable}; found: {tokens.strip() or 'nothing'}",
            )
        )
    found += _attributes(parsed, element, kind, allowed)
    for child in ours:
        child_kind = _kind(child, etree.QName(element).localname)
        if child_kind in MODEL:
            _walk(parsed, child, child_kind, found)


def _attributes(parsed: Parsed, element: etree._Element, kind: str, allowed: set[str]) -> list[Finding]:
    found = []
    for name in element.attrib:
        namespace = etree.QName(name).namespace
        if namespace is None and name not in allowed or namespace == CMI5:
            found.append(
                finding(
                    ERROR,
                    "cmi5",
                    "unexpected-attribute",
                    parsed.where(element),
                    f"attribute {name!r} is not allowed on {kind}",
                )
            )
    required = REQUIRED.get(kind)
    if required and element.get(required) is None:
        found.append(finding(ERROR, "cmi5", "missing-id", parsed.where(element), f"{kind} has no {required} attribute"))
    return found + _values(parsed, element, kind)


def _values(parsed: Parsed, element: etree._Element, kind: str) -> list[Finding]:
    where, found = parsed.where(element), []
    if kind == "au":
        move_on, method, score = (element.get("moveOn"), element.get("launchMethod"), element.get("masteryScore"))
        if move_on is not None and move_on not in MOVE_ON:
            found.append(finding(ERROR, "cmi5", "moveon", where, f"moveOn {move_on!r} is not one of {sorted(MOVE_ON)}"))
        if method is not None and method not in LAUNCH_METHODS:
            found.append(
                finding(
                    ERROR,
                    "cmi5",
                    "launch-method",
                    where,
                    f"launchMethod {method!r} is not one of {sorted(LAUNCH_METHODS)}",
                )
            )
        if score is not None and not (_DECIMAL.match(score.strip()) and 0 <= float(score) <= 1):
            found.append(
                finding(ERROR, "cmi5", "mastery-score", where, f"masteryScore {score!r} must be a decimal from 0 to 1")
            )
    if kind == "url" and not (element.text or "").strip():
        found.append(finding(ERROR, "cmi5", "url-empty", where, "url is empty: the LMS has nothing to launch"))
    lang = element.get("lang")
    if kind == "langstring" and lang is not None and not _LANGUAGE.match(lang):
        found.append(finding(ERROR, "cmi5", "lang", where, f"lang {lang!r} is not a language tag"))
    return found


def _ids(parsed: Parsed, root: etree._Element) -> list[Finding]:
    kinds = (_c("course"), _c("block"), _c("au"), _c("objective"))
    holders = [(e, given) for e in root.iter(*kinds) if (given := e.get("id")) is not None]
    counts = Counter(ident for _, ident in holders)
    found = []
    for element, ident in holders:
        if not is_absolute_url(ident.strip()):
            found.append(
                finding(
                    ERROR,
                    "cmi5",
                    "id-not-iri",
                    parsed.where(element),
                    f"id {ident!r} is not an absolute IRI (cmi5 section 13: ids are globally unique IRIs)",
                )
            )
        elif counts[ident] > 1:
            found.append(
                finding(
                    ERROR, "cmi5", "duplicate-id", parsed.where(element), f"id {ident!r} is used {counts[ident]} times"
                )
            )
    defined = {ident for e, ident in holders if e.tag == _c("objective")}
    for ref in root.iter(_c("objective")):
        idref = ref.get("idref")
        if idref is not None and idref not in defined:
            found.append(
                finding(
                    ERROR,
                    "cmi5",
                    "objective-idref",
                    parsed.where(ref),
                    f"objective idref {idref!r} names no objective of the course",
                )
            )
    return found
