"""The Python evaluator: exact rational arithmetic on the plan :func:`export_spec` makes.

``scoring.js`` implements the same generic primitives (mean, half-up rounding, ranking with a
tie-break, threshold placement) on the same plan, so the browser and Python agree to the digit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..models import Course
from ..scoring_rules import ScoringSpec
from .spec import export_spec

Value = int | None
#: A scored category: its score (the exact mean, or the report's integer on a common scale), its
#: place in content order and its id.
Ranked = tuple[Fraction | int, int, str]


@dataclass(frozen=True)
class Answers:
    """A learner's answers: statement id -> scale point (None: unanswered); axis -> rating."""

    answers: Mapping[str, Value]
    placement: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoryResult:
    """One category: its exact mean (None: too few answers) and how many statements were answered."""

    questionnaire: str
    score: Fraction | None
    answered: int
    total: int


@dataclass(frozen=True)
class Overall:
    """An overall score as an exact 0-100 number (None: nothing scored)."""

    raw: Fraction | None
    answered: int
    total: int
    #: The suggested strengths and development areas (category ids) of this part.
    strengths: list[str] = field(default_factory=list)
    development_areas: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    """The evaluated answers, exact; :meth:`to_json` rounds once, by the spec's rule."""

    decimals: int
    categories: dict[str, CategoryResult]
    questionnaires: dict[str, Overall]
    overall: Overall
    placement: dict[str, str | None] | None
    quadrant: str | None
    #: The profiles the learner's point touches, in the matrix's order (see ``_place``).
    near: list[str]
    complete: bool

    def to_json(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (numbers rounded half up)."""
        return {
            "categories": {
                cid: {
                    "questionnaire": c.questionnaire,
                    "score": round_half_up(c.score, self.decimals),
                    "answered": c.answered,
                    "total": c.total,
                }
                for cid, c in self.categories.items()
            },
            "questionnaires": {
                qid: {
                    **self._overall(o),
                    "strengths": o.strengths,
                    "development_areas": o.development_areas,
                }
                for qid, o in self.questionnaires.items()
            },
            "overall": self._overall(self.overall),
            "strengths": self.overall.strengths,
            "development_areas": self.overall.development_areas,
            "placement": self.placement,
            "quadrant": self.quadrant,
            "near": self.near,
            "complete": self.complete,
        }

    def _overall(self, overall: Overall) -> dict[str, Any]:
        raw = overall.raw
        return {
            "raw": round_half_up(raw, self.decimals),
            "scaled": None if raw is None else round_half_up(raw / 100, self.decimals + 2),
            "answered": overall.answered,
            "total": overall.total,
        }


def round_half_up(value: Fraction | None, decimals: int) -> int | float | None:
    """Round a non-negative exact number half up to ``decimals`` places (an int when whole)."""
    if value is None:
        return None
    if value < 0:
        raise ValueError("scores are never negative")
    scale = 10**decimals
    units = (2 * value.numerator * scale + value.denominator) // (2 * value.denominator)
    return units // scale if units % scale == 0 else units / scale


def _mean(values: list[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def evaluate(spec: ScoringSpec, course: Course, answers: Answers) -> Result:
    """Score ``answers`` by ``spec`` (answers assumed valid: see ``parse_answers``)."""
    return evaluate_plan(export_spec(course, spec), answers)


def evaluate_plan(plan: Mapping[str, Any], answers: Answers) -> Result:
    """Score ``answers`` by an exported plan, exactly as ``scoring.js`` does."""
    categories: dict[str, CategoryResult] = {}
    quests: dict[str, Overall] = {}
    ranked: list[tuple[Fraction, int, str]] = []
    course_parts: list[Fraction] = []
    complete = True
    for quest in plan["questionnaires"]:
        first = len(ranked)
        parts, done = _score_questionnaire(plan, quest, answers, categories, ranked)
        mine = [c for c in categories.values() if c.questionnaire == quest["id"]]
        answered, total = sum(c.answered for c in mine), sum(c.total for c in mine)
        quests[quest["id"]] = Overall(_mean(parts), answered, total, *_suggest(plan, ranked[first:]))
        course_parts += parts
        complete = complete and done
    placement, quadrant, near = _place(plan["placement"], answers.placement)
    if placement is not None and plan["completion"]["placement"] == "required":  # None: no placement rule
        complete = complete and None not in placement.values()
    per_course = _suggest(plan, ranked)
    suggested = [
        per_course[n]
        if plan[rule]["per"] == "course"
        else [cid for o in quests.values() for cid in getattr(o, rule)]
        for n, rule in enumerate(("strengths", "development_areas"))
    ]
    answered = sum(o.answered for o in quests.values())
    total = sum(o.total for o in quests.values())
    return Result(
        decimals=plan["rounding"]["decimals"],
        categories=categories,
        questionnaires=quests,
        overall=Overall(_mean(course_parts), answered, total, *suggested),
        placement=placement,
        quadrant=quadrant,
        near=near,
        complete=complete,
    )


def _score_questionnaire(
    plan: Mapping[str, Any],
    quest: Mapping[str, Any],
    answers: Answers,
    categories: dict[str, CategoryResult],
    ranked: list[tuple[Fraction, int, str]],
) -> tuple[list[Fraction], bool]:
    """Score one questionnaire's categories into ``categories`` and ``ranked``.

    Returns its 0-100 parts (one per scored category, or one per answered statement) and whether
    it is complete by the plan's completion rule.
    """
    by_statements = plan["overall"]["method"] == "mean-of-statements"
    need_all = plan["completion"]["statements"] == "all"
    low, width = quest["min"], quest["max"] - quest["min"]
    parts: list[Fraction] = []
    complete = True
    for cat in quest["categories"]:
        values = [v for v in (answers.answers.get(s) for s in cat["statements"]) if v is not None]
        count, size = len(values), len(cat["statements"])
        score = Fraction(sum(values), count) if count >= plan["category_score"]["min_answered"] else None
        if score is not None:
            ranked.append((score, len(ranked), cat["id"]))
            if not by_statements:
                parts.append((score - low) * 100 / width)
        if by_statements:
            parts += [Fraction((v - low) * 100, width) for v in values]
        complete = complete and (count == size if need_all else score is not None)
        categories[cat["id"]] = CategoryResult(quest["id"], score, count, size)
    return parts, complete


def _suggest(plan: Mapping[str, Any], ranked: Sequence[Ranked]) -> tuple[list[str], list[str]]:
    """The strengths and development areas among ``ranked`` (scored categories in content order)."""
    strengths = _rank(ranked, plan["strengths"], descending=True, skip=())
    rule = plan["development_areas"]
    weakest = _rank(ranked, rule, descending=False, skip=strengths if rule["exclude_strengths"] else ())
    return strengths, weakest


def _rank(
    ranked: Sequence[Ranked],
    rule: Mapping[str, Any],
    descending: bool,
    skip: Collection[str],
) -> list[str]:
    """Order scored categories (strongest or weakest first; ties by content order) and take ``count``."""
    order = -1 if rule["tie_break"] == "reverse-content-order" else 1
    sign = -1 if descending else 1
    pool = [r for r in ranked if r[2] not in skip]
    pool.sort(key=lambda r: (sign * r[0], order * r[1]))
    return [r[2] for r in pool[: rule["count"]]]


def _place(
    rule: Mapping[str, Any] | None, ratings: Mapping[str, Value]
) -> tuple[dict[str, str | None] | None, str | None, list[str]]:
    """Level each axis (low up to ``low_to``, high from ``high_from``, middle between).

    The quadrant is the profile at (x, y) when neither axis is in the middle; ``near`` lists the
    profiles the point touches: none while an axis is unrated, the quadrant when decided, the two
    on either side of a midline, all four at the centre.
    """
    if rule is None:
        return None, None, []
    levels: dict[str, str | None] = {}
    sides: dict[str, tuple[str, ...]] = {}
    for axis in ("x", "y"):
        value = ratings.get(axis)
        if value is None:
            levels[axis], sides[axis] = None, ()
        elif value <= rule["low_to"]:
            levels[axis], sides[axis] = "low", ("low",)
        elif value >= rule["high_from"]:
            levels[axis], sides[axis] = "high", ("high",)
        else:
            levels[axis], sides[axis] = "middle", ("low", "high")
    near = [p["id"] for p in rule["profiles"] if p["x"] in sides["x"] and p["y"] in sides["y"]]
    quadrant = near[0] if len(near) == 1 else None
    return levels, quadrant, near
