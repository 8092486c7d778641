"""Values a manifest hands to the run-time data model: they must fit the data model's types and limits.

Which elements of an item an LMS reads, the data-model element each becomes, and its type or limit
are facts of the edition's record (``spec.rte.manifest_values``: SCORM 1.2 CAM 2.3.5 and RTE 3.4,
SCORM 2004 RTE 4.2), as are the elements of another version that are errors (``spec.rules.misplaced``).
A value over a smallest permitted maximum is a warning (an LMS may keep more), over a hard type an error.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .findings import ERROR, WARNING, Finding, finding

if TYPE_CHECKING:
    from lxml import etree

    from ..specs.model import ManifestValue
    from .scorm import Manifest


def check(m: Manifest) -> list[Finding]:
    """Return the data-model findings of ``m``."""
    found: list[Finding] = []
    for item in m.root.iter(m.q("item")):
        for value in m.spec.rte.manifest_values:
            found += _check_value(m, item, value)
        for path, code, message in m.spec.rules.misplaced:
            if m.find(item, path) is not None:
                found.append(finding(ERROR, "datamodel", code, m.where(item), message))
    return found


def read(m: Manifest, item: etree._Element, value: ManifestValue) -> str | None:
    """Return what the LMS reads for ``value`` from ``item`` (None when the manifest does not set it)."""
    node = m.find(item, value.path)
    if node is None:
        return None
    if value.child is not None:
        return node.findtext(value.child, value.default, m.spec.xsd.prefixes)
    text = node.get(value.attribute) if value.attribute else None
    return text if text is not None else node.text


def _check_value(m: Manifest, item: etree._Element, value: ManifestValue) -> list[Finding]:
    text = read(m, item, value)
    if text is None or value.code is None or not text.strip():
        return []
    if value.length is not None:
        if len(text) <= value.length:
            return []
        message = (
            f"{value.path} is {len(text):,} characters; {value.cmi} holds {value.length:,} ({value.type}), "
            "the LMS truncates or rejects it"
        )
        return [finding(ERROR if value.hard else WARNING, "datamodel", value.code, m.where(item), message)]
    shown = text.strip()
    if value.range is not None:
        if _within(shown, value.range):
            return []
        low, high = value.range
        what = f"{value.cmi}, {value.type}" if value.type else value.cmi
        message = f"{value.path} {shown!r} must be a number from {low:g} to {high:g} ({what}); LMSs refuse or ignore it"
    elif value.vocabulary:
        if shown in value.vocabulary:
            return []
        message = f"{value.path} {shown!r} is not one of {sorted(value.vocabulary)}"
    elif value.pattern is None or re.match(value.pattern, shown):
        return []
    else:
        message = f"{value.path} {shown!r} is not a {value.type}"
    return [finding(ERROR, "datamodel", value.code, m.where(item), message)]


def _within(text: str, bounds: tuple[float, float]) -> bool:
    try:
        return bounds[0] <= float(text) <= bounds[1]
    except ValueError:
        return False
