"""The preview LMS's memory: what each SCO committed, carried into its next launch as an LMS does.

SPEC COMPLIANCE NOTE: a SCORM 2004 LMS starts a new attempt (fresh data) when a SCO exits with
``normal`` or ``""`` (the record's ``exit_ends_attempt``); the preview keeps the data until the author
presses "Reset attempt", so closing and relaunching always shows what was saved. The tests' launch
option ``new_attempts`` plays the real LMS. ``cmi.entry`` is still set as the standard says:
``ab-initio`` on the first launch, ``resume`` after ``exit=suspend``, else ``""``.
"""

from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass, field

from ..specs import RTES
from ..specs.model import Rte

#: Who the learner is, as the LMS tells the SCO (the elements are the record's).
LEARNER = {"learner_id": "preview-learner", "learner_name": "Learner, Preview", "credit": "credit", "mode": "normal"}
_ISO = re.compile(
    r"^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?"
    r"(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$"
)
_ISO_SECONDS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1)
_HMS = re.compile(r"^(\d+):(\d{2}):(\d{2}(?:\.\d{1,2})?)$")


def duration(value: object) -> int:
    """Return centiseconds of a SCORM 1.2 (``HHHH:MM:SS.SS``) or 2004 (ISO 8601) timespan; 0 if unreadable.

    ``value`` is what the CMI JSON holds (``lookup``): anything but a string (None, a number) is unreadable.
    """
    text = value.strip() if isinstance(value, str) else ""
    hms = _HMS.match(text)
    if hms:
        return round((int(hms[1]) * 3600 + int(hms[2]) * 60 + float(hms[3])) * 100)
    iso = _ISO.match(text)
    if not iso or text in ("P", "PT"):
        return 0
    try:
        return round(sum(float(v) * s for v, s in zip(iso.groups(), _ISO_SECONDS, strict=True) if v) * 100)
    except ValueError:
        return 0


def lookup(tree: dict, dotted: str) -> object:
    """Return the value at ``dotted`` inside nested CMI JSON, or None."""
    node: object = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def assign(tree: dict, dotted: str, value: object) -> None:
    """Set the value at ``dotted`` inside nested CMI JSON, creating parents."""
    *parents, leaf = dotted.split(".")
    for part in parents:
        tree = tree.setdefault(part, {})
    tree[leaf] = value


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

    #: CMI JSON ({"cmi": {...}}) of the last successful Commit/Terminate, its total_time advanced by
    #: its session_time, as the LMS database holds it; None before any commit.
    committed: dict | None = None
    #: total_time (centiseconds) handed to the current session.
    total: int = 0
    launches: int = 0


@dataclass
class Store:
    """Every SCO's record, behind a lock (the server is threaded); ``standard`` names the run-time environment."""

    standard: str
    records: dict[str, ScoRecord] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def rte(self) -> Rte:
        """Return the record of the run-time environment ("scorm12" or "scorm2004")."""
        return RTES[self.standard]

    def launch(self, sco: str, lms_values: dict[str, str], new_attempts: str = "") -> dict:
        """Start a session of ``sco``: carry the saved CMI and total_time over and return its start data.

        ``new_attempts`` (``LmsOptions.new_attempts``) says when this launch starts a new attempt with
        no data instead, as a real LMS does (the previous attempt's data is gone).
        """
        cmi = self.rte.cmi
        with self._lock:
            record = self.records.setdefault(sco, ScoRecord())
            saved = copy.deepcopy((record.committed or {}).get("cmi") or {})
            previous_exit = lookup(saved, cmi.relative(cmi.exit))
            statuses = [lookup(saved, cmi.relative(e)) for e in (cmi.status, cmi.success) if e is not None]
            ended = {
                "exit": previous_exit != cmi.exit_suspend,
                "completed": bool({"completed", "passed", "failed"} & set(statuses)),
                "always": True,
            }
            if record.committed is not None and ended.get(new_attempts, False):
                record.committed, saved, previous_exit = None, {}, None
            record.total = duration(lookup(saved, cmi.relative(cmi.total_time)))
            entry = "ab-initio" if record.committed is None else ("resume" if previous_exit == cmi.exit_suspend else "")
            record.launches += 1
            session = {cmi.entry, cmi.exit, cmi.session_time, cmi.total_time}
            flat = {k: v for k, v in flatten(saved).items() if k not in session}
            flat.update({getattr(cmi, key): value for key, value in LEARNER.items()})
            flat.update(lms_values)
            flat[cmi.total_time] = self.rte.timespan(record.total)
            if entry:
                flat[cmi.entry] = entry
            return {"startData": flat, "entry": entry, "previousExit": previous_exit, "launch": record.launches}

    def commit(self, sco: str, snapshot: dict) -> None:
        """Keep what ``sco`` committed (the whole CMI JSON) with total_time advanced, as the LMS database would."""
        cmi = self.rte.cmi
        state = copy.deepcopy(snapshot)
        tree = state.setdefault("cmi", {})
        with self._lock:
            record = self.records.setdefault(sco, ScoRecord())
            session = duration(lookup(tree, cmi.relative(cmi.session_time)))
            assign(tree, cmi.relative(cmi.total_time), self.rte.timespan(record.total + session))
            record.committed = state

    def saved(self, sco: str) -> dict | None:
        """Return what the LMS holds for ``sco``: the stored object, so a change to it is what the next launch gets."""
        with self._lock:
            record = self.records.get(sco)
            return record.committed if record is not None else None

    def reset(self) -> None:
        """Forget every SCO's data: the next launch is a new attempt (entry=ab-initio)."""
        with self._lock:
            self.records.clear()

    def state(self) -> dict:
        """Return every record as JSON-ready data."""
        total = self.rte.cmi.relative(self.rte.cmi.total_time)
        with self._lock:
            return {
                sco: {
                    "committed": r.committed,
                    "total": self.rte.timespan(duration(lookup((r.committed or {}).get("cmi") or {}, total))),
                    "launches": r.launches,
                }
                for sco, r in self.records.items()
            }
