"""Values a manifest hands to the run-time data model: they must fit the data model's types and limits.

SCORM 1.2 (CAM 2.3.5, RTE 3.4): ``adlcp:masteryscore`` becomes ``cmi.student_data.mastery_score``
(CMIDecimal 0-100), ``adlcp:datafromlms`` becomes ``cmi.launch_data`` (CMIString4096),
``adlcp:maxtimeallowed`` is a CMITimespan (``HHHH:MM:SS.SS``) and ``adlcp:timelimitaction`` one of
four values. SCORM 2004: ``adlcp:dataFromLMS`` becomes ``cmi.launch_data`` (SPM 4000 characters);
``adlcp:completionThreshold`` (0-1) becomes ``cmi.completion_threshold``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .findings import ERROR, WARNING, Finding, finding

if TYPE_CHECKING:
    from lxml import etree

    from .scorm import Manifest

#: RTE 3.4.2 CMITimespan: HHHH:MM:SS.SS, hours 2-4 digits, optional 1-2 decimals.
TIMESPAN_12 = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
TIME_LIMIT_ACTIONS = {"exit,message", "exit,no message", "continue,message", "continue,no message"}
LAUNCH_DATA_12 = 4096
LAUNCH_DATA_2004 = 4000


def check(m: Manifest) -> list[Finding]:
    """Return the data-model findings of ``m``."""
    found: list[Finding] = []
    for item in m.root.iter(m.q("item")):
        found += _item_12(m, item) if m.version == "1.2" else _item_2004(m, item)
    return found


def _item_12(m: Manifest, item: etree._Element) -> list[Finding]:
    found = _mastery(m, item)
    limit = item.findtext(m.a("maxtimeallowed"))
    if limit is not None and not TIMESPAN_12.match(limit.strip()):
        found.append(
            finding(
                ERROR,
                "datamodel",
                "maxtimeallowed-format",
                m.where(item),
                f"adlcp:maxtimeallowed {limit!r} is not a CMITimespan (HHHH:MM:SS.SS, e.g. 00:30:00)",
            )
        )
    action = item.findtext(m.a("timelimitaction"))
    if action is not None and action.strip() not in TIME_LIMIT_ACTIONS:
        found.append(
            finding(
                ERROR,
                "datamodel",
                "timelimitaction-value",
                m.where(item),
                f"adlcp:timelimitaction {action!r} is not one of {sorted(TIME_LIMIT_ACTIONS)}",
            )
        )
    found += _launch_data(m, item, "datafromlms", LAUNCH_DATA_12, ERROR, "CMIString4096")
    return found


def _mastery(m: Manifest, item: etree._Element) -> list[Finding]:
    text = item.findtext(m.a("masteryscore"))
    if text is None:
        return []
    try:
        value = float(text.strip())
    except ValueError:
        value = None
    if value is None or not 0 <= value <= 100:
        return [
            finding(
                ERROR,
                "datamodel",
                "masteryscore-range",
                m.where(item),
                f"adlcp:masteryscore {text.strip()!r} must be a number from 0 to 100 "
                "(cmi.student_data.mastery_score, CMIDecimal); LMSs refuse or ignore it",
            )
        ]
    return []


def _launch_data(m: Manifest, item: etree._Element, name: str, limit: int, level: str, kind: str) -> list[Finding]:
    text = item.findtext(m.a(name))
    if text is None or len(text) <= limit:
        return []
    return [
        finding(
            level,
            "datamodel",
            "datafromlms-too-long",
            m.where(item),
            f"adlcp:{name} is {len(text):,} characters; cmi.launch_data holds {limit:,} ({kind}), "
            "the LMS truncates or rejects it",
        )
    ]


def _item_2004(m: Manifest, item: etree._Element) -> list[Finding]:
    found = _launch_data(m, item, "dataFromLMS", LAUNCH_DATA_2004, WARNING, "SPM, an LMS may keep more")
    if item.find(m.a("masteryscore")) is not None:
        found.append(
            finding(
                ERROR,
                "datamodel",
                "masteryscore-in-2004",
                m.where(item),
                "adlcp:masteryscore is SCORM 1.2: in SCORM 2004 set imsss:minNormalizedMeasure "
                '(0-1) on the primary objective with satisfiedByMeasure="true"',
            )
        )
    threshold = item.find(m.a("completionThreshold"))
    if threshold is not None:
        value = threshold.get("minProgressMeasure", threshold.text)
        found += _unit_interval(m, item, "adlcp:completionThreshold", value)
    return found


def _unit_interval(m: Manifest, element: etree._Element, name: str, text: str | None) -> list[Finding]:
    if text is None or not text.strip():
        return []
    try:
        ok = 0 <= float(text) <= 1
    except ValueError:
        ok = False
    if ok:
        return []
    return [
        finding(ERROR, "datamodel", "value-range", m.where(element), f"{name} {text!r} must be a number from 0 to 1")
    ]
