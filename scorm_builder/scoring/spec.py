"""The scoring rules joined with the course: reference checks and the plan both evaluators run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import close_or_all
from ..models import Course, MatrixBlock, Page, Questionnaire
from ..scoring_rules import Counted, ScoringSpec

Loc = tuple[str | int, ...]


def check_references(
    spec: ScoringSpec, questionnaires: Sequence[Questionnaire], pages: Sequence[Page]
) -> list[tuple[Loc, str]]:
    """Return ``(field path, message)`` for every id in ``spec`` the content does not have."""
    problems: list[tuple[Loc, str]] = []
    by_id = {q.id: q for q in questionnaires}
    seen: set[str] = set()
    for index, counted in enumerate(spec.counts.questionnaires):
        loc: Loc = ("counts", "questionnaires", index)
        quest = by_id.get(counted.questionnaire)
        if quest is None:
            problems.append(
                (
                    (*loc, "questionnaire"),
                    f"no questionnaire has the id {counted.questionnaire!r}"
                    f"{close_or_all(counted.questionnaire, by_id)}",
                )
            )
            continue
        if quest.id in seen:
            problems.append(
                ((*loc, "questionnaire"), f"questionnaire {quest.id!r} is listed twice")
            )
        seen.add(quest.id)
        categories = {c.id: c for c in quest.categories}
        for n, cid in enumerate(counted.exclude_categories):
            if cid not in categories:
                problems.append(
                    (
                        (*loc, "exclude_categories", n),
                        f"{quest.id!r} has no category {cid!r}{close_or_all(cid, categories)}",
                    )
                )
        statements = {s.id for _, s in quest.statements()}
        for n, sid in enumerate(counted.exclude_statements):
            if sid not in statements:
                problems.append(
                    (
                        (*loc, "exclude_statements", n),
                        f"{quest.id!r} has no statement {sid!r}{close_or_all(sid, statements)}",
                    )
                )
        if not _plan_categories(quest, counted):
            problems.append((loc, f"every statement of {quest.id!r} is excluded"))
    if spec.placement is not None:
        matrices = [b.id for p in pages for b in p.blocks if isinstance(b, MatrixBlock)]
        if spec.placement.matrix not in matrices:
            problems.append(
                (
                    ("placement", "matrix"),
                    f"no matrix block has the id {spec.placement.matrix!r}"
                    f"{close_or_all(spec.placement.matrix, matrices)}",
                )
            )
    return problems


def _plan_categories(quest: Questionnaire, counted: Counted) -> list[dict[str, Any]]:
    cats = []
    for cat in quest.categories:
        ids = [s.id for s in cat.statements if s.id not in counted.exclude_statements]
        if cat.id not in counted.exclude_categories and ids:
            cats.append({"id": cat.id, "statements": ids})
    return cats


def export_spec(course: Course, spec: ScoringSpec) -> dict[str, Any]:
    """Return the spec joined with the course structure: what ``scoring.js`` (and ``evaluate``) run."""
    quests = []
    for counted in spec.counts.questionnaires:
        quest = course.questionnaire(counted.questionnaire)
        scale = {"min": quest.scale.min, "max": quest.scale.max}
        quests.append({"id": quest.id, **scale, "categories": _plan_categories(quest, counted)})
    placement = None
    if spec.placement is not None:
        place = spec.placement
        matrix = next(
            b
            for p in course.pages
            for b in p.blocks
            if isinstance(b, MatrixBlock) and b.id == place.matrix
        )
        placement = {
            "matrix": matrix.id,
            "min": place.scale.min,
            "max": place.scale.max,
            "high_from": place.high_from,
            "low_to": place.low_limit,
            "profiles": [{"id": p.id, "x": p.x, "y": p.y} for p in matrix.profiles],
            "labels": {str(point): text.root for point, text in place.scale.labels.items()},
            "questions": place.questions.model_dump() if place.questions else None,
        }
    rules: tuple[str, ...] = ("counts", "category_score", "overall", "strengths", "development_areas", "placement")
    rules += ("rounding", "completion")
    return {
        "format": 1,
        "questionnaires": quests,
        "category_score": spec.category_score.model_dump(include={"method", "min_answered"}),
        "overall": spec.overall.model_dump(include={"method", "report", "show"}),
        "strengths": spec.strengths.model_dump(exclude={"description"}),
        "development_areas": spec.development_areas.model_dump(exclude={"description"}),
        "placement": placement,
        "rounding": spec.rounding.model_dump(exclude={"description"}),
        "completion": spec.completion.model_dump(exclude={"description"}),
        "descriptions": {
            rule: getattr(spec, rule).description.root
            for rule in rules
            if getattr(spec, rule) is not None
        },
    }
