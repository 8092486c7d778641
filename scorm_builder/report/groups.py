"""GROUPS.csv: ``learner,group``, the learner as statements identify them, the group a path (``Salg/Oslo``).

A row that is wrong is skipped with its line; a learner listed twice is put in no group (their
rows disagree or repeat, and a guess could place a person in the wrong team), so they count in
the whole organisation only, like learners without a row.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ScormBuilderError
from .skips import Skips

#: Longest group path accepted, in characters.
MAX_PATH = 200
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_ADDRESS = re.compile(r"[^\s@/]+@[^\s@/]+\.[^\s@/]+")


@dataclass(frozen=True)
class Groups:
    """Learner -> group path, and every path in the tree (each group's ancestors included)."""

    of: dict[str, str] = field(default_factory=dict)
    paths: frozenset[str] = frozenset()

    @staticmethod
    def parent(path: str) -> str:
        """Return the path of the group above (``""``: the whole organisation)."""
        return path.rsplit("/", 1)[0] if "/" in path else ""


def read_groups(path: Path | None, skips: Skips) -> Groups:
    """Read GROUPS.csv; report bad rows to ``skips``.

    Raises:
        ScormBuilderError: the file cannot be read, is not UTF-8, or has no ``learner,group`` header.
    """
    if path is None:
        return Groups()
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ScormBuilderError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ScormBuilderError(
            f"{path}:{line}: not UTF-8 text; save GROUPS.csv as UTF-8"
        ) from None
    rows = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(rows, [])]
    if header[:2] != ["learner", "group"]:
        raise ScormBuilderError(f"{path}:1: the first line must be the header learner,group")
    seen: dict[str, int] = {}
    of: dict[str, str] = {}
    twice: set[str] = set()
    #: group as written -> (what is wrong with it, or None; its path): a few groups hold many rows.
    checked: dict[str, tuple[str | None, str]] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        learner, group = (row + ["", ""])[:2]
        learner = learner.strip()
        found = checked.get(group)
        if found is None:
            # one spelling per name: "Ålesund" typed with a combining ring is the same group
            normal = unicodedata.normalize("NFC", "/".join(p.strip() for p in group.split("/")))
            found = checked[group] = (check_path(group), normal)
        problem, normal = found
        if not learner:
            skips.problem("group rows without a learner", f"{path}:{number}", "learner: empty")
        elif learner in seen:
            skips.problem(
                "group rows of a learner listed twice",
                f"{path}:{number}",
                f"learner: listed twice (first on line {seen[learner]}); counted in the whole organisation only",
            )
            twice.add(learner)
        elif problem:
            seen[learner] = number
            skips.problem("group rows with a bad path", f"{path}:{number}", f"group: {problem}")
        else:
            seen[learner] = number
            of[learner] = normal
    for learner in twice:
        of.pop(learner, None)
    return Groups(of, frozenset(ancestor for p in set(of.values()) for ancestor in _lineage(p)))


def check_path(group: str) -> str | None:
    """Return what is wrong with a group path, or None (parts separated by ``/``, none empty)."""
    if not group.strip():
        return "empty"
    if len(group) > MAX_PATH:
        return f"longer than {MAX_PATH} characters"
    if _CONTROL.search(group):
        return "contains a control character"
    if "" in (part.strip() for part in group.split("/")):
        return f"{group!r} has an empty part (a leading, trailing or double '/')"
    if _ADDRESS.search(group):
        return "looks like an e-mail address: a group names a team, never a person"
    return None


def _lineage(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: n + 1]) for n in range(len(parts))]
