"""The scoring rules as content (``scoring.yaml``): every rule that can change, as validated models.

:mod:`scorm_builder.scoring` joins them with the course and evaluates them; these models know only
the building blocks in :mod:`scorm_builder.primitives`, so the course model can hold them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from .primitives import Id, Model, Scale, Text

TieBreak = Literal["content-order", "reverse-content-order"]


class Counted(Model):
    """Which categories and statements of one questionnaire count (all, unless excluded)."""

    questionnaire: Id
    exclude_categories: list[Id] = Field(default_factory=list)
    exclude_statements: list[Id] = Field(default_factory=list)


class Counts(Model):
    """The questionnaires that are scored, in the order used for ``content-order`` tie-breaks."""

    questionnaires: list[Counted] = Field(min_length=1)
    description: Text


class CategoryScore(Model):
    """A category's score: the mean of its answered statements, on the questionnaire's scale."""

    method: Literal["mean"] = "mean"
    #: A category with fewer answered statements has no score (null).
    min_answered: int = Field(default=1, ge=1)
    description: Text


class Overall(Model):
    """The overall score: 0-100 raw (scale minimum = 0, maximum = 100) and 0-1 scaled (raw / 100)."""

    #: ``mean-of-categories``: every scored category weighs the same;
    #: ``mean-of-statements``: every answered statement weighs the same.
    method: Literal["mean-of-categories", "mean-of-statements"] = "mean-of-categories"
    #: Whether the overall score goes to the LMS as the course's score (SCORM ``score``, the xAPI
    #: ``result.score``; Moodle turns it into a grade). ``score`` computes it either way.
    report: bool = False
    #: Whether the learner sees the overall score on the summary page.
    show: bool = False
    description: Text


class Ranking(Model):
    """Pick ``count`` scored categories by score; equal scores are ordered by ``tie_break``."""

    count: int = Field(default=2, ge=0, le=20)
    tie_break: TieBreak = "content-order"
    #: ``course``: ``count`` categories from the whole course; ``questionnaire``: ``count`` from each
    #: questionnaire (the course-wide list is then the questionnaires' lists one after the other).
    per: Literal["course", "questionnaire"] = "course"
    description: Text


class DevelopmentAreas(Ranking):
    """The weakest categories; ``exclude_strengths``: a strength is never also a development area."""

    exclude_strengths: bool = True


class PlacementQuestions(Model):
    """What the learner is asked for each axis."""

    x: Text
    y: Text


class Placement(Model):
    """The 2x2 placement: the learner rates themself on each axis.

    A rating up to ``low_to`` is low, from ``high_from`` on high, anything between lies on the
    axis's midline (between the two profiles on either side of it).
    """

    matrix: Id
    scale: Scale = Scale()
    high_from: int
    #: The highest rating that still counts as low; default ``high_from - 1`` (no midline).
    low_to: int | None = None
    questions: PlacementQuestions | None = None
    #: Must tell the learner the placement is a reflection aid, not a diagnosis.
    description: Text

    @field_validator("high_from")
    @classmethod
    def _threshold_in_scale(cls, value: int, info: ValidationInfo) -> int:
        scale = info.data.get("scale")
        if scale is not None and not scale.min < value <= scale.max:
            raise ValueError(
                f"must be above {scale.min} and at most {scale.max}, the placement scale"
            )
        return value

    @field_validator("low_to")
    @classmethod
    def _low_below_high(cls, value: int | None, info: ValidationInfo) -> int | None:
        scale, high = info.data.get("scale"), info.data.get("high_from")
        if value is not None and scale is not None and high is not None and not scale.min <= value < high:
            raise ValueError(f"must be at least {scale.min} and below high_from ({high})")
        return value

    @property
    def low_limit(self) -> int:
        """The highest rating that counts as low (``low_to``, else ``high_from - 1``)."""
        return self.high_from - 1 if self.low_to is None else self.low_to


class Rounding(Model):
    """The one rounding rule for every reported number (scaled scores get 2 more decimals)."""

    decimals: int = Field(default=2, ge=0, le=4)
    mode: Literal["half-up"] = "half-up"
    description: Text


class Completion(Model):
    """When the self-assessment counts as complete."""

    #: ``all``: every counted statement is answered; ``scored``: every counted category has a score.
    statements: Literal["all", "scored"] = "all"
    placement: Literal["required", "optional"] = "required"
    description: Text


class ScoringSpec(Model):
    """``scoring.yaml``: how the course's self-assessments are scored."""

    counts: Counts
    category_score: CategoryScore
    overall: Overall
    strengths: Ranking
    development_areas: DevelopmentAreas
    placement: Placement | None = None
    rounding: Rounding
    completion: Completion
