"""xAPI (Tin Can) packages: ``tincan.xml`` names the activities and the file that launches each.

The Tin Can launch convention (Rustici's "Launching Tin Can content" and the tincan.xsd it ships)
wants ``tincan/activities/activity`` elements, each with an ``id`` that is an absolute IRI (it becomes
the xAPI activity id) and, for what the LMS launches, a ``launch`` element naming a file of the package.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from ..specs.xapi import TINCAN
from .findings import ERROR, INFO, WARNING, Finding, finding
from .references import Files, check_href, is_absolute_url
from .xmlsafe import Parsed

IRI = "absolute IRI (a scheme such as https: or urn:, then the rest)"


def _t(local: str) -> str:
    return f"{{{TINCAN}}}{local}"


def _f(parsed: Parsed, level: str, code: str, element: etree._Element, message: str) -> Finding:
    return finding(level, "xapi", code, parsed.where(element), message)


def check(parsed: Parsed, files: Files) -> list[Finding]:
    """Return the findings of a parsed ``tincan.xml``."""
    root = parsed.root
    assert root is not None
    name = etree.QName(root)
    if name.localname != "tincan":
        return [_f(parsed, ERROR, "not-tincan", root, f"root element is {name.localname!r}, not 'tincan'")]
    found = []
    if name.namespace != TINCAN:
        message = f"root element is not in the Tin Can namespace {TINCAN}: LMSs look elements up in it"
        found.append(_f(parsed, WARNING, "tincan-namespace", root, message))
    activities = root.findall(f"{_t('activities')}/{_t('activity')}")
    if not activities:
        message = "no activities/activity: the LMS has nothing to register or launch"
        return [*found, _f(parsed, ERROR, "no-activity", root, message)]
    found += _ids(parsed, activities)
    launches = [launch for a in activities if (launch := a.find(_t("launch"))) is not None]
    if not launches:
        message = "no activity has a launch element: the LMS has nothing to open"
        found.append(_f(parsed, ERROR, "no-launch", activities[0], message))
    for launch in launches:
        found += _launch(parsed, launch, files)
    return found


def _ids(parsed: Parsed, activities: list[etree._Element]) -> list[Finding]:
    found = []
    counts = Counter(a.get("id") for a in activities)
    for activity in activities:
        ident = activity.get("id")
        if not ident or not is_absolute_url(ident):
            found.append(
                finding(
                    ERROR,
                    "xapi",
                    "activity-id",
                    parsed.where(activity),
                    f"activity id {ident!r} is not an {IRI}: xAPI activity ids must be",
                )
            )
        elif counts[ident] > 1:
            found.append(
                finding(
                    ERROR,
                    "xapi",
                    "duplicate-id",
                    parsed.where(activity),
                    f"activity id {ident!r} is used {counts[ident]} times",
                )
            )
        if activity.find(_t("name")) is None:
            found.append(
                finding(
                    WARNING,
                    "xapi",
                    "activity-name",
                    parsed.where(activity),
                    f"activity {ident!r} has no name: LMSs show the id instead",
                )
            )
    return found


def _launch(parsed: Parsed, launch: etree._Element, files: Files) -> list[Finding]:
    href = (launch.text or "").strip()
    if not href:
        return [finding(ERROR, "xapi", "launch-empty", parsed.where(launch), "launch element is empty")]
    if is_absolute_url(href):
        return [
            finding(
                INFO,
                "xapi",
                "launch-external",
                parsed.where(launch),
                f"launch {href!r} is outside the package: not checked",
            )
        ]
    return check_href(href, parsed.where(launch), files, "xapi")
