"""The preview LMS's memory: what each SCO committed, carried into its next launch as an LMS does.

SPEC COMPLIANCE NOTE: a SCORM 2004 LMS starts a new attempt (fresh data) when a SCO exits with
``normal`` or ``""``; the preview keeps the data until the author presses "Reset attempt", so closing
and relaunching always shows what was saved. ``cmi.entry`` is still set as the standard says:
``ab-initio`` on the first launch, ``resume`` after ``exit=suspend``, else ``""``.
"""

from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass, field

#: Elements that belong to one session: never carried over as they were.
SESSION_KEYS = {
    "scorm12": ("core.entry", "core.exit", "core.session_time", "core.total_time"),
    "scorm2004": ("entry", "exit", "session_time", "total_time"),
}
#: Who the learner is, as an LMS tells the SCO (RTE 3.4 cmi.core.*, 4.2 cmi.*).
LEARNER = {
    "scorm12": {
        "cmi.core.student_id": "preview-learner",
        "cmi.core.student_name": "Learner, Preview",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
    },
    "scorm2004": {
        "cmi.learner_id": "preview-learner",
        "cmi.learner_name": "Learner, Preview",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
    },
}
_ISO = re.compile(
    r"^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?"
    r"(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$"
)
_ISO_SECONDS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1)
_HMS = re.compile(r"^(\d+):(\d{2}):(\d{2}(?:\.\d{1,2})?)$")


def duration(text: str | None) -> int:
    """Return centiseconds of a SCORM 1.2 (``HHHH:MM:SS.SS``) or 2004 (ISO 8601) timespan; 0 if unreadable."""
    text = (text or "").strip()
    hms = _HMS.match(text)
    if hms:
        return round((int(hms[1]) * 3600 + int(hms[2]) * 60 + float(hms[3])) * 100)
    iso = _ISO.match(text)
    if not iso or text in ("P", "PT"):
        return 0
    try:
        return round(sum(float(v) * s for v, s in zip(iso.groups(), _ISO_SECONDS) if v) * 100)
    except ValueError:
        return 0


def format_duration(centis: int, standard: str) -> str:
    """Return centiseconds as the timespan format of ``standard``."""
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    seconds, hundredths = divmod(rest, 100)
    if standard == "scorm12":
        return f"{min(hours, 9999):04d}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"
    return f"PT{hours}H{minutes}M{seconds}.{hundredths:02d}S"


def lookup(tree: dict, dotted: str) -> object:
    """Return the value at ``dotted`` inside nested CMI JSON, or None."""
    node: object = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


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


@dataclass
class ScoRecord:
    """What the LMS keeps for one SCO between launches."""

    #: CMI JSON ({"cmi": {...}}) of the last successful Commit/Terminate of the current session.
    committed: dict | None = None
    #: total_time (centiseconds) before the current session.
    total: int = 0
    #: session_time (centiseconds) of the current session's last commit, added to total at the next launch.
    session: int = 0
    launches: int = 0


@dataclass
class Store:
    """Every SCO's record, behind a lock (the server is threaded)."""

    standard: str
    records: dict[str, ScoRecord] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def launch(self, sco: str, lms_values: dict[str, str]) -> dict:
        """Start a session of ``sco``: fold the last session into total_time and return its start data."""
        with self._lock:
            record = self.records.setdefault(sco, ScoRecord())
            saved = copy.deepcopy((record.committed or {}).get("cmi") or {})
            keys = dict(zip(("entry", "exit", "session", "total"), SESSION_KEYS[self.standard]))
            record.total, record.session = record.total + record.session, 0
            previous_exit = lookup(saved, keys["exit"])
            entry = "ab-initio" if record.committed is None else ("resume" if previous_exit == "suspend" else "")
            record.launches += 1
            flat = {k: v for k, v in flatten(saved).items() if k.removeprefix("cmi.") not in keys.values()}
            flat.update(LEARNER[self.standard])
            flat.update(lms_values)
            flat["cmi." + keys["total"]] = format_duration(record.total, self.standard)
            if entry:
                flat["cmi." + keys["entry"]] = entry
            return {"startData": flat, "entry": entry, "previousExit": previous_exit, "launch": record.launches}

    def commit(self, sco: str, snapshot: dict) -> None:
        """Keep what ``sco`` committed (the whole CMI JSON), as the LMS database would."""
        keys = SESSION_KEYS[self.standard]
        with self._lock:
            record = self.records.setdefault(sco, ScoRecord())
            record.committed = snapshot
            record.session = duration(lookup(snapshot.get("cmi") or {}, keys[2]))

    def reset(self) -> None:
        """Forget every SCO's data: the next launch is a new attempt (entry=ab-initio)."""
        with self._lock:
            self.records.clear()

    def state(self) -> dict:
        """Return every record as JSON-ready data."""
        with self._lock:
            return {
                sco: {
                    "committed": r.committed,
                    "total": format_duration(r.total, self.standard),
                    "launches": r.launches,
                }
                for sco, r in self.records.items()
            }
