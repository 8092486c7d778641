"""Add learners up per group: counts, category means, answer distributions, placement, rankings, progress.

Each learner is added to their own group; the groups are then rolled up the tree, so a group holds
everyone under it and ``""`` holds the whole organisation (learners without a group included).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..scoring import round_half_up
from .course import CourseKeys
from .extract import Learner
from .groups import Groups
from .scores import MIDLINE, Scorer


@dataclass
class Tally:
    """One group's sums (exact integers) over the learners in it and under it."""

    width: int
    categories: int
    pages: int
    sums: list[int] = field(default_factory=list)
    answers: list[list[int]] = field(default_factory=list)
    placement: Counter[str] = field(default_factory=Counter)
    strengths: Counter[str] = field(default_factory=Counter)
    development: Counter[str] = field(default_factory=Counter)
    #: Learners whose furthest page is each page (index), and at the end those who saw no page.
    stops: list[int] = field(default_factory=list)
    #: Learners of each kind (privacy rule 3): counted and completed, counted only, completed only, neither.
    kinds: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    def __post_init__(self) -> None:
        self.sums = [0] * self.categories
        self.answers = [[0] * self.width for _ in range(self.categories)]
        self.stops = [0] * (self.pages + 1)

    def add(self, other: Tally) -> None:
        """Add another group's sums to this one."""
        self.sums = [a + b for a, b in zip(self.sums, other.sums, strict=True)]
        for mine, theirs in zip(self.answers, other.answers, strict=True):
            mine[:] = [a + b for a, b in zip(mine, theirs, strict=True)]
        self.placement.update(other.placement)
        self.strengths.update(other.strengths)
        self.development.update(other.development)
        self.stops = [a + b for a, b in zip(self.stops, other.stops, strict=True)]
        self.kinds = [a + b for a, b in zip(self.kinds, other.kinds, strict=True)]

    @property
    def learners(self) -> int:
        """Learners who counted (answered every counted statement)."""
        return self.kinds[0] + self.kinds[1]

    @property
    def started(self) -> int:
        return sum(self.kinds)

    @property
    def completed(self) -> int:
        return self.kinds[0] + self.kinds[2]

    def sizes(self) -> tuple[int, int]:
        """Return (counted, started): the two populations the privacy rules protect."""
        return self.learners, self.started


def tally(
    keys: CourseKeys, learners: Iterable[tuple[str, Learner]], groups: Groups
) -> dict[str, Tally]:
    """Return path -> the group's tally (every path of ``groups`` and ``""``), rolled up the tree."""
    width = max((high - low + 1 for low, high in keys.scales), default=0)
    lows = [keys.scales[c.members[0]][0] for c in keys.categories]
    made = lambda: Tally(width, len(keys.categories), len(keys.pages))  # noqa: E731
    tallies = {path: made() for path in ["", *groups.paths]}
    scorer = Scorer(keys)
    for who, learner in learners:
        into = tallies[groups.of.get(who, "")]
        into.stops[learner.furthest] += 1  # -1: no page seen (the last slot)
        scored = scorer.score(learner.answers)
        into.kinds[2 * (scored is None) + (not learner.completed)] += 1
        if scored is None:
            continue
        for n, category in enumerate(keys.categories):
            into.sums[n] += scored.sums[n]
            row = into.answers[n]
            for index in category.members:
                row[learner.answers[index] - lows[n]] += 1
        if scored.placement is not None:
            into.placement[scored.placement] += 1
        into.strengths.update(scored.strengths)
        into.development.update(scored.development_areas)
    for path in sorted(groups.paths, key=lambda p: -p.count("/")):
        tallies[Groups.parent(path)].add(tallies[path])
    return tallies


def group_json(keys: CourseKeys, path: str, t: Tally, progress: bool = True) -> dict[str, Any]:
    """Return one shown group as report.json holds it; without ``progress``, its progress is null."""
    decimals = keys.plan["rounding"]["decimals"]
    place = keys.plan["placement"]
    profiles = [p["id"] for p in place["profiles"]] + [MIDLINE] if place else []
    categories = {}
    for n, category in enumerate(keys.categories):
        low, high = keys.scales[category.members[0]]
        mean = Fraction(t.sums[n], len(category.members) * t.learners) if t.learners else None
        categories[category.id] = {
            "mean": round_half_up(mean, decimals),
            "counts": t.answers[n][: high - low + 1],
        }
    reached, total = [], 0
    for stopped in reversed(t.stops[:-1]):
        total += stopped
        reached.append(total)
    return {
        "path": path,
        "learners": t.learners,
        "categories": categories,
        "placement": {p: t.placement.get(p, 0) for p in profiles},
        "strengths": {c.id: t.strengths.get(c.id, 0) for c in keys.categories},
        "development_areas": {c.id: t.development.get(c.id, 0) for c in keys.categories},
        "started": t.started if progress else None,
        "completed": t.completed if progress else None,
        "pages_reached": dict(zip(keys.pages, reversed(reached), strict=True)) if progress else None,
    }
