"""IMS Simple Sequencing (SCORM 2004 SN) rules the XSDs accept but an LMS cannot sensibly run.

The imsss XSDs type each attribute, but not how they combine: a cluster whose learner may neither
choose nor flow cannot be entered by the learner (before the 4th edition, nothing can enter it), a
``satisfiedByMeasure`` objective without a threshold demands a perfect score (the default
``minNormalizedMeasure`` is 1.0, SN 5.1.5), a selection larger than the children available selects
nothing new, and a reference to a missing shared sequencing is dropped. Attribute values are read as
the XSDs type them (``xs:ID``/``xs:IDREF``, ``xs:anyURI``, ``xs:boolean``: whitespace collapsed).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from lxml import etree

from ..specs.scorm2004 import IMSSS
from .findings import ERROR, WARNING, Finding, finding

if TYPE_CHECKING:
    from .scorm import Manifest


#: xs:boolean's lexical forms for true (XML Schema 1.0 Part 2, 3.2.2).
TRUE = ("true", "1")


def _ss(local: str) -> str:
    return f"{{{IMSSS}}}{local}"


def _flag(m: Manifest, element: etree._Element, name: str, default: str) -> bool:
    """Return an ``xs:boolean`` attribute (``default`` when absent)."""
    return (m.value(element, name) or default) in TRUE


def check(m: Manifest) -> list[Finding]:
    """Return the sequencing findings of a SCORM 2004 manifest."""
    found = _idrefs(m)
    for activity in m.root.iter(m.q("organization"), m.q("item")):
        sequencing = activity.find(_ss("sequencing"))
        if sequencing is None:
            continue
        children = len(activity.findall(m.q("item")))
        found += _control_mode(m, activity, sequencing, children)
        found += _objectives(m, sequencing)
        found += _counts(m, sequencing, children)
        found += _delivery(m, sequencing)
    return found


def _idrefs(m: Manifest) -> list[Finding]:
    collection = m.root.find(_ss("sequencingCollection"))
    ids = {m.value(s, "ID") for s in collection.findall(_ss("sequencing"))} if collection is not None else set()
    found = []
    for sequencing in m.root.iter(_ss("sequencing")):
        ref = m.value(sequencing, "IDRef")
        if ref is not None and ref not in ids:
            found.append(
                finding(
                    ERROR,
                    "sequencing",
                    "sequencing-idref-unresolved",
                    m.where(sequencing),
                    f"imsss:sequencing IDRef {ref!r} names no sequencing in the sequencingCollection",
                )
            )
    return found


def _control_mode(m: Manifest, activity: etree._Element, sequencing: etree._Element, children: int) -> list[Finding]:
    mode = sequencing.find(_ss("controlMode"))
    if mode is None or not children:
        return []
    if _flag(m, mode, "choice", "true") or _flag(m, mode, "flow", "false"):
        return []
    what = f"{m.value(activity)!r} has children but controlMode allows neither choice nor flow (SN 3.2.1, 3.2.3)"
    if m.spec.rules.jump_navigation:
        # Content may still reach the children with a jump navigation request
        # (adl.nav.request {target=...}jump), which no control mode restricts.
        message = f"{what}: only a jump request from the content reaches them, the learner's menu and buttons cannot"
        return [finding(WARNING, "sequencing", "no-navigation", m.where(mode), message)]
    message = f"{what}: the learner cannot reach any of them ({m.label} has no jump request)"
    return [finding(ERROR, "sequencing", "no-navigation", m.where(mode), message)]


def _objectives(m: Manifest, sequencing: etree._Element) -> list[Finding]:
    holder = sequencing.find(_ss("objectives"))
    if holder is None:
        return []
    objectives = holder.findall(_ss("primaryObjective")) + holder.findall(_ss("objective"))
    found = []
    counts = Counter(m.value(o, "objectiveID") for o in objectives if m.value(o, "objectiveID"))
    for ident, count in counts.items():
        if count > 1:
            found.append(
                finding(
                    ERROR,
                    "sequencing",
                    "objective-id-duplicate",
                    m.where(holder),
                    f"objectiveID {ident!r} appears {count} times in one activity",
                )
            )
    for objective in objectives:
        found += _measure(m, objective)
    return found


def _measure(m: Manifest, objective: etree._Element) -> list[Finding]:
    text = objective.findtext(_ss("minNormalizedMeasure"))
    if text is not None:
        try:
            inside = -1 <= float(text) <= 1
        except ValueError:
            inside = False
        if not inside:
            return [
                finding(
                    ERROR,
                    "sequencing",
                    "measure-range",
                    m.where(objective),
                    f"minNormalizedMeasure {text!r} must be a number from -1 to 1",
                )
            ]
        return []
    if _flag(m, objective, "satisfiedByMeasure", "false"):
        return [
            finding(
                WARNING,
                "sequencing",
                "measure-default",
                m.where(objective),
                f"objective {objective.get('objectiveID')!r} is satisfied by measure without "
                "minNormalizedMeasure: the default 1.0 means only a perfect score passes",
            )
        ]
    return []


def _counts(m: Manifest, sequencing: etree._Element, children: int) -> list[Finding]:
    found = []
    random = sequencing.find(_ss("randomizationControls"))
    select = random.get("selectCount") if random is not None else None
    if select is not None and select.isdigit() and int(select) > children:
        found.append(
            finding(
                WARNING,
                "sequencing",
                "select-count",
                m.where(random),
                f"selectCount {select} is more than the {children} child activities",
            )
        )
    for rule in sequencing.iter(_ss("rollupRule")):
        minimum = rule.get("minimumCount")
        if minimum is not None and minimum.isdigit() and int(minimum) > children:
            found.append(
                finding(
                    WARNING,
                    "sequencing",
                    "minimum-count",
                    m.where(rule),
                    f"rollupRule minimumCount {minimum} is more than the {children} children: the rule can never fire",
                )
            )
    return found


def _delivery(m: Manifest, sequencing: etree._Element) -> list[Finding]:
    controls = sequencing.find(_ss("deliveryControls"))
    if controls is None or _flag(m, controls, "tracked", "true"):
        return []
    if _flag(m, controls, "completionSetByContent", "false") or _flag(m, controls, "objectiveSetByContent", "false"):
        return [
            finding(
                WARNING,
                "sequencing",
                "untracked-set-by-content",
                m.where(controls),
                'tracked="false" with status set by content: the LMS keeps no tracking data, so what '
                "the content sets is lost",
            )
        ]
    return []
