"""Carry CMI data saved by one SCO session into the next launch, as an LMS does."""

from __future__ import annotations

import copy
from typing import Any

from scorm_builder.preview.session import duration as parse_duration
from scorm_builder.preview.session import flatten, format_duration, lookup

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


def assign(cmi: dict, dotted: str, value: Any) -> None:
    """Set the value at ``dotted`` (relative to ``cmi``), creating parents."""
    *parents, leaf = dotted.split(".")
    for part in parents:
        cmi = cmi.setdefault(part, {})
    cmi[leaf] = value


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
