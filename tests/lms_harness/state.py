"""Carry CMI data saved by one SCO session into the next launch, as an LMS does."""

from __future__ import annotations

import copy
import re
from typing import Any

# Where the session-bound elements live inside the ``cmi`` JSON of each standard.
PATHS = {
    "scorm12": {
        "entry": "core.entry",
        "exit": "core.exit",
        "session_time": "core.session_time",
        "total_time": "core.total_time",
    },
    "scorm2004": {
        "entry": "entry",
        "exit": "exit",
        "session_time": "session_time",
        "total_time": "total_time",
    },
}

DEFAULT_LEARNER = {
    "scorm12": {
        "cmi.core.student_id": "learner-1",
        "cmi.core.student_name": "Learner, Test",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
    },
    "scorm2004": {
        "cmi.learner_id": "learner-1",
        "cmi.learner_name": "Learner, Test",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
    },
}

_ISO = re.compile(
    r"^P(?:(?P<Y>[\d.]+)Y)?(?:(?P<Mo>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?"
    r"(?:T(?:(?P<H>[\d.]+)H)?(?:(?P<Mi>[\d.]+)M)?(?:(?P<S>[\d.]+)S)?)?$"
)
_ISO_SECONDS = {"Y": 365 * 86400, "Mo": 30 * 86400, "W": 7 * 86400, "D": 86400,
                "H": 3600, "Mi": 60, "S": 1}
_HMS = re.compile(r"^(\d+):(\d{2}):(\d{2}(?:\.\d{1,2})?)$")


def lookup(cmi: dict | None, dotted: str) -> Any:
    """Return the value at ``dotted`` (relative to ``cmi``) or None when absent."""
    node: Any = cmi
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def assign(cmi: dict, dotted: str, value: Any) -> None:
    """Set the value at ``dotted`` (relative to ``cmi``), creating parents."""
    *parents, leaf = dotted.split(".")
    for part in parents:
        cmi = cmi.setdefault(part, {})
    cmi[leaf] = value


def flatten(tree: dict, prefix: str = "cmi") -> dict[str, str]:
    """Flatten nested CMI JSON to dotted keys, dropping empty values."""
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name))
        elif value not in (None, ""):
            flat[name] = str(value)
    return flat


def parse_duration(text: str | None) -> int:
    """Parse a SCORM 1.2 (``HH:MM:SS.SS``) or 2004 (ISO 8601) timespan to centiseconds."""
    text = (text or "").strip()
    hms = _HMS.match(text)
    if hms:
        hours, minutes, seconds = hms.groups()
        return round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 100)
    iso = _ISO.match(text)
    if not iso or text in ("P", "PT"):
        return 0
    total = sum(float(v) * _ISO_SECONDS[k] for k, v in iso.groupdict().items() if v)
    return round(total * 100)


def format_duration(centis: int, standard: str) -> str:
    """Format centiseconds as a timespan of ``standard``."""
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    seconds, hundredths = divmod(rest, 100)
    if standard == "scorm12":
        return f"{hours:04d}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"
    secs = f"{seconds}.{hundredths:02d}".rstrip("0").rstrip(".")
    return f"PT{hours}H{minutes}M{secs}S"


def finish_session(snapshot: dict, standard: str, start_total: int) -> dict:
    """Return the state to store: ``snapshot`` with total_time advanced by its session_time."""
    state = copy.deepcopy(snapshot)
    cmi = state.setdefault("cmi", {})
    paths = PATHS[standard]
    session = parse_duration(lookup(cmi, paths["session_time"]))
    assign(cmi, paths["total_time"], format_duration(start_total + session, standard))
    return state


def launch_data(
    saved: dict | None, standard: str, base: dict[str, str], entry_stuck: bool = False
) -> tuple[dict[str, str], int]:
    """Build the flattened CMI a launch starts with, and its total_time in centiseconds.

    Args:
        saved: State stored by the previous session (``{"cmi": {...}}``) or None.
        standard: ``"scorm12"`` or ``"scorm2004"``.
        base: LMS-owned values (learner, credit, mastery score...) that win over ``saved``.
        entry_stuck: Report entry as ``ab-initio`` whatever the previous exit was.
    """
    paths = PATHS[standard]
    cmi = copy.deepcopy((saved or {}).get("cmi") or {})
    previous_exit = lookup(cmi, paths["exit"])
    total = parse_duration(lookup(cmi, paths["total_time"]))
    for key in paths.values():
        assign(cmi, key, "")
    flat = {**flatten(cmi), **base}
    if saved is None or entry_stuck:
        entry = "ab-initio"
    else:
        entry = "resume" if previous_exit == "suspend" else ""
    if entry:
        flat["cmi." + paths["entry"]] = entry
    flat["cmi." + paths["total_time"]] = format_duration(total, standard)
    return flat, total
