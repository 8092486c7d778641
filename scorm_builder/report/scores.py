"""Each learner scored by the course's own rules (``scorm_builder.scoring``), fast enough for many learners.

A learner counts when every counted statement is answered. Their category score is then exactly
``Fraction(sum, count)`` as ``evaluate_plan`` computes it; strengths and development areas are
chosen by the scoring package's own rule (``_suggest``: per course, or per questionnaire) on an
exact integer image of those scores (``sum * L / count`` with ``L`` a common multiple of every
count, which orders them as the fractions do), and the quadrant comes from ``evaluate_plan``
itself for each (x, y) pair. A property test holds this equal to ``evaluate_plan``.
"""

from __future__ import annotations

from functools import lru_cache
from math import lcm
from typing import Any, NamedTuple

from ..scoring import Answers, evaluate_plan
from ..scoring.evaluate import _suggest
from .course import CourseKeys

#: The placement key of a learner on a midline (both axes answered, no quadrant).
MIDLINE = "midline"


class Scored(NamedTuple):
    """One counted learner: category sums (score = sum / category size), rankings, placement."""

    sums: tuple[int, ...]
    strengths: tuple[str, ...]
    development_areas: tuple[str, ...]
    #: A profile id, :data:`MIDLINE`, or None when an axis is unanswered (or the course has no placement).
    placement: str | None


class Scorer:
    """Scores learners' answers (answer keys as in ``extract``) by one course's plan."""

    def __init__(self, keys: CourseKeys) -> None:
        self.keys, self.plan = keys, keys.plan
        self.members = [c.members for c in keys.categories]
        self.ids = [c.id for c in keys.categories]
        scale = lcm(*(len(m) for m in self.members)) if self.members else 1
        #: Each category's multiplier from its sum to the integer image of its score.
        self.factors = [scale // len(m) for m in self.members]
        self.needed = frozenset(range(len(keys.statements)))
        self.axes = (len(keys.statements), len(keys.statements) + 1)
        #: (first, end) index of each questionnaire's categories, in plan order.
        self.parts: list[tuple[int, int]] = []
        for n, category in enumerate(keys.categories):
            if n == 0 or category.questionnaire != keys.categories[n - 1].questionnaire:
                self.parts.append((n, n))
            self.parts[-1] = (self.parts[-1][0], n + 1)
        #: Whether strengths, then development areas, are chosen over the whole course (else per questionnaire).
        self.by_course = tuple(
            self.plan[rule].get("per", "course") == "course"
            for rule in ("strengths", "development_areas")
        )
        self.quadrant = lru_cache(maxsize=None)(self._quadrant)
        #: (first category, its scores...) -> (strengths, development areas) among those categories.
        self.chosen: dict[tuple[int, ...], tuple[list[str], list[str]]] = {}

    def score(self, answers: dict[int, int]) -> Scored | None:
        """Return the learner's scores, or None when a counted statement is unanswered."""
        if not self.needed <= answers.keys():
            return None
        get = answers.__getitem__
        sums = tuple([sum(map(get, members)) for members in self.members])
        scores = [s * f for s, f in zip(sums, self.factors, strict=True)]
        strengths, weakest = self._suggestions(scores)
        x, y = answers.get(self.axes[0]), answers.get(self.axes[1])
        place = (
            self.quadrant(x, y)
            if x is not None and y is not None and self.plan["placement"]
            else None
        )
        return Scored(sums, tuple(strengths), tuple(weakest), place)

    def _suggestions(self, scores: list[int]) -> tuple[list[str], list[str]]:
        """Return (strengths, development areas) as ``evaluate_plan`` chooses them for the whole course."""
        chosen = []
        by_course = self.by_course
        per_course = self._suggest(scores, 0, len(scores)) if any(by_course) else None
        per_part = (
            [self._suggest(scores, first, end) for first, end in self.parts]
            if not all(by_course)
            else []
        )
        for n, course_wide in enumerate(by_course):
            if per_course is not None and course_wide:
                chosen.append(per_course[n])
            else:
                chosen.append([cid for part in per_part for cid in part[n]])
        return chosen[0], chosen[1]

    def _suggest(self, scores: list[int], first: int, end: int) -> tuple[list[str], list[str]]:
        """Return ``_suggest`` of the categories ``first:end``, remembered by their scores.

        The choice depends on nothing else, and a few categories on a 1-5 scale give few different
        scores: most learners share theirs with an earlier one.
        """
        key = (first, *scores[first:end])
        found = self.chosen.get(key)
        if found is None:
            ranked = [(scores[n], n, self.ids[n]) for n in range(first, end)]
            found = self.chosen[key] = _suggest(self.plan, ranked)
        return found

    def _quadrant(self, x: int, y: int) -> str:
        found: Any = evaluate_plan(self.plan, Answers({}, {"x": x, "y": y})).quadrant
        return found if found is not None else MIDLINE
