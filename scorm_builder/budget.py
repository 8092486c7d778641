"""The resume state's layout and its worst-case size per standard, computed at build time.

The runtime (``runtime/state.js``) writes the learner's state into ``suspend_data`` as

    "1" HASH "|" page "," reached "," flags "," count "|" ANSWERS PLACEMENT "|" MASK "|" (len ":" text)*

where every number is base 36, ``ANSWERS`` has one character per Likert statement (``-`` when
unanswered), ``PLACEMENT`` one per placement axis, ``MASK`` five report bits per character, and each
reflection is stored raw behind its length, so no character of it is ever escaped. That makes the
worst case a plain sum, which :func:`plan_state` checks against the standard's ``suspend_data`` limit
before anything is packaged, shrinking the reflection fields' limits when they would not fit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from .errors import ScormBuilderError
from .models import Course

#: The smallest reflection field worth offering; below it the build fails instead.
MIN_FIELD = 60
#: Widest interaction count reserved in the state (36**4 - 1 reports).
COUNT_WIDTH = 4


@dataclass(frozen=True)
class DataLimits:
    """The data-model limits of one standard (smallest permitted maximums, in characters)."""

    suspend_data: int
    location: int
    #: Longest reflection an interaction response can carry (after any language tag).
    reflection_response: int
    #: Longest interaction/objective description, or 0 when the standard has none.
    description: int


@dataclass(frozen=True)
class StatePlan:
    """The resume state's layout for one course and standard."""

    hash: str
    statements: tuple[str, ...]
    placement: tuple[str, ...]
    #: (reflection id, character limit) in course order.
    reflections: tuple[tuple[str, int], ...]
    pages: int
    worst_case: int
    limit: int

    def field_limit(self, reflection_id: str) -> int:
        """Return the character limit of one reflection field."""
        return dict(self.reflections)[reflection_id]


def b36_width(value: int) -> int:
    """Return how many base-36 digits ``value`` takes."""
    width = 1
    while value >= 36:
        value //= 36
        width += 1
    return width


def fixed_size(pages: int, statements: int, placement: int, reflections: int) -> int:
    """Return the size of everything in the state except the reflections' texts and lengths."""
    head = 1 + 4 + 1
    positions = 2 * b36_width(max(pages - 1, 0)) + 1 + COUNT_WIDTH + 3 + 1
    mask = -(-(statements + reflections) // 5)
    return head + positions + statements + placement + 1 + mask + 1


def plan_state(course: Course, limits: DataLimits, standard: str) -> StatePlan:
    """Fit the course's resume state into ``limits``; return the layout with each field's limit.

    Raises:
        ScormBuilderError: when the reflection fields cannot get at least :data:`MIN_FIELD` characters.
    """
    _check_descriptions(course, limits, standard)
    statements = tuple(s.id for _, _, s in course.statements())
    placement = ("x", "y") if course.scoring is not None and course.scoring.placement is not None else ()
    fields = course.reflections()
    reported = course.privacy.reflections == "lms"
    caps = [min(f.max_length, limits.reflection_response) if reported else f.max_length for f in fields]
    fixed = fixed_size(len(course.pages), len(statements), len(placement), len(fields))
    budget = limits.suspend_data - fixed - sum(1 + b36_width(c) for c in caps)
    sizes = _fill(caps, budget)
    if fields and min(sizes) < MIN_FIELD:
        raise ScormBuilderError(
            f"{standard}: suspend_data holds {limits.suspend_data} characters, too few for "
            f"{len(fields)} reflection fields of at least {MIN_FIELD} characters each; "
            "remove fields, lower max_length or build for a standard with more room"
        )
    worst = fixed + sum(1 + b36_width(s) + s for s in sizes)
    layout = {"s": statements, "p": placement, "r": [f.id for f in fields], "n": len(course.pages)}
    digest = hashlib.sha256(json.dumps(layout).encode()).hexdigest()[:4]
    return StatePlan(
        hash=digest,
        statements=statements,
        placement=placement,
        reflections=tuple((f.id, s) for f, s in zip(fields, sizes)),
        pages=len(course.pages),
        worst_case=worst,
        limit=limits.suspend_data,
    )


def _check_descriptions(course: Course, limits: DataLimits, standard: str) -> None:
    """Reject texts the LMS gets as descriptions (statements, categories, reflection labels) that are too long."""
    if not limits.description:
        return
    texts = [(s.id, s.text) for _, _, s in course.statements()]
    texts += [(c.id, c.title) for q in course.questionnaires for c in q.categories]
    texts += [(r.id, r.label) for r in course.reflections()]
    long = [f"{ident} ({lang})" for ident, text in texts for lang, value in text.root.items() if len(value) > limits.description]
    if long:
        raise ScormBuilderError(
            f"{standard}: descriptions hold at most {limits.description} characters; too long: {', '.join(long)}"
        )


def _fill(caps: list[int], budget: int) -> list[int]:
    """Share ``budget`` among fields: each gets its cap, or an equal level when they do not all fit."""
    if sum(caps) <= budget:
        return list(caps)
    remaining, left = budget, len(caps)
    level = 0
    for cap in sorted(caps):
        share = remaining // left
        if cap <= share:
            remaining -= cap
            left -= 1
        else:
            level = share
            break
    return [min(cap, level) for cap in caps]
