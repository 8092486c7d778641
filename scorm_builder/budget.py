"""The resume state's layout and its size per standard, computed at build time.

The runtime (``runtime/state.js``) writes the learner's state into ``suspend_data`` as sections
joined by ``.``::

    "2" . page "," reached "," flags "," count "," seq . HA ANSWERS AMASK . HT TMASK . T1 . T2 ... . Tn

Numbers are base 36. ``HA`` and ``HT`` are two-character digests of the statement and reflection ids,
so a course that changes one part still restores the other. ``ANSWERS`` has one base-36 character per
Likert statement and placement axis (``-`` when unanswered); the masks hold one "reported" bit per item,
six per URL-safe base64 character; each ``T`` is one reflection in the text code of
:mod:`scorm_builder.textcode`. Every character is ASCII and none is a line break or a space, so what
the runtime writes is exactly what any LMS stores, even one that rewrites line breaks.

Everything but the texts has a fixed worst case; the reflections share the rest (one budget, not an
even split), and the runtime never lets their stored size pass it. :func:`plan_state` computes both
and checks them against the standard's ``suspend_data`` limit before anything is packaged. The
limits come from the standard's record (:class:`scorm_builder.specs.DataLimits`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from . import textcode
from .errors import ScormBuilderError
from .models import Course
from .specs import DataLimits

__all__ = ["DataLimits", "StatePlan", "plan_state"]

#: The state format the runtime writes (the first section).
FORMAT = "2"
#: Characters of ordinary prose each reflection field must at least be able to hold.
MIN_FIELD = 60
#: Widest interaction count and save sequence reserved in the state (base 36).
COUNT_WIDTH = 3
SEQ_WIDTH = 5


@dataclass(frozen=True)
class StatePlan:
    """The resume state's layout for one course and standard."""

    answers_hash: str
    texts_hash: str
    statements: tuple[str, ...]
    placement: tuple[str, ...]
    #: (lowest, highest) answer of each statement and placement axis, in state order.
    ranges: tuple[tuple[int, int], ...]
    #: (reflection id, most characters the learner may write, most UTF-16 code units the LMS takes as
    #: the interaction's response or 0 when the text is not reported) in course order.
    reflections: tuple[tuple[str, int, int], ...]
    pages: int
    #: Worst case of everything but the coded texts (one check character per field included).
    fixed: int
    #: Stored characters the coded texts share.
    text_budget: int
    limit: int
    #: About how many characters of ordinary prose (the text code's own weights) the text budget holds.
    prose: int

    @property
    def worst_case(self) -> int:
        """The longest state the runtime can write."""
        return self.fixed + self.text_budget

    def field_limit(self, reflection_id: str) -> int:
        """Return the character limit of one reflection field."""
        return next(cap for rid, cap, _ in self.reflections if rid == reflection_id)

    def runtime(self) -> dict[str, object]:
        """Return the layout as the runtime reads it (``data.state`` in the page)."""
        return {
            "format": FORMAT,
            "ha": self.answers_hash,
            "ht": self.texts_hash,
            "statements": list(self.statements),
            "placement": list(self.placement),
            "ranges": [list(r) for r in self.ranges],
            "reflections": [list(r) for r in self.reflections],
            "pages": self.pages,
            "textBudget": self.text_budget,
            "prose": self.prose,
            "limit": self.limit,
            "code": textcode.runtime_table(),
        }


def b36_width(value: int) -> int:
    """Return how many base-36 digits ``value`` takes."""
    width = 1
    while value >= 36:
        value //= 36
        width += 1
    return width


def fixed_size(pages: int, answers: int, reflections: int) -> int:
    """Return the worst-case size of everything in the state but the texts' codes."""
    head = 2 * b36_width(max(pages - 1, 0)) + 1 + COUNT_WIDTH + SEQ_WIDTH + 4
    answer_part = 2 + answers + -(-answers // 6)
    text_part = 2 + -(-reflections // 6)
    # format, three separators, and per field one separator and one check character
    return len(FORMAT) + 1 + head + 1 + answer_part + 1 + text_part + 2 * reflections


def digest(ids: list[str]) -> str:
    """Return a two-character digest of a list of ids (URL-safe base64 of 12 bits of SHA-256)."""
    raw = hashlib.sha256(json.dumps(ids).encode()).digest()
    return textcode.DIGITS[raw[0] >> 2] + textcode.DIGITS[raw[1] >> 2]


def plan_state(course: Course, limits: DataLimits, standard: str) -> StatePlan:
    """Lay out the course's resume state within ``limits``.

    Raises:
        ScormBuilderError: when the reflection fields cannot hold :data:`MIN_FIELD` characters each.
    """
    _check_descriptions(course, limits, standard)
    items = course.statements()
    statements = tuple(s.id for _, _, s in items)
    ranges = [(q.scale.min, q.scale.max) for q, _, _ in items]
    placement: tuple[str, ...] = ()
    if course.scoring is not None and course.scoring.placement is not None:
        placement = ("x", "y")
        scale = course.scoring.placement.scale
        ranges += [(scale.min, scale.max)] * 2
    fields = course.reflections()
    reported = course.privacy.reflections == "lms"
    # A reported text is also the interaction's response, which the LMS may hold to its limit counted
    # in UTF-16 code units (as its JavaScript API counts): an emoji can take two or more of them.
    caps = [min(f.max_length, limits.reflection_response) if reported else f.max_length for f in fields]
    units = limits.reflection_response if reported else 0
    fixed = fixed_size(len(course.pages), len(statements) + len(placement), len(fields))
    budget = limits.suspend_data - fixed
    prose = _prose(budget - len(fields)) if fields else 0
    if fields and prose < MIN_FIELD * len(fields):
        raise ScormBuilderError(
            f"{standard}: suspend_data holds {limits.suspend_data} characters, too few for "
            f"{len(fields)} reflection fields of at least {MIN_FIELD} characters each; "
            "remove fields, lower max_length or build for a standard with more room"
        )
    return StatePlan(
        answers_hash=digest(list(statements) + list(placement)),
        texts_hash=digest([f.id for f in fields]),
        statements=statements,
        placement=placement,
        ranges=tuple(ranges),
        reflections=tuple((f.id, cap, units) for f, cap in zip(fields, caps, strict=True)),
        pages=len(course.pages),
        fixed=fixed,
        text_budget=max(budget, 0) if fields else 0,
        limit=limits.suspend_data,
        prose=prose,
    )


def _prose(stored: int) -> int:
    """Return about how many characters of ordinary prose ``stored`` coded characters hold."""
    return max(int(stored * 6 / textcode.prose_bits()), 0)


def _check_descriptions(course: Course, limits: DataLimits, standard: str) -> None:
    """Reject texts the LMS gets as descriptions (statements, categories, reflection labels) that are too long."""
    if not limits.description:
        return
    texts = [(s.id, s.text) for _, _, s in course.statements()]
    texts += [(c.id, c.title) for q in course.questionnaires for c in q.categories]
    texts += [(r.id, r.label) for r in course.reflections()]
    placement = course.scoring.placement if course.scoring is not None else None
    if placement is not None and placement.questions is not None:
        texts += [(f"{placement.matrix}-{axis}", getattr(placement.questions, axis)) for axis in ("x", "y")]
    long = [f"{ident} ({lang})" for ident, text in texts for lang, value in text.root.items() if len(value) > limits.description]
    if long:
        raise ScormBuilderError(
            f"{standard}: descriptions hold at most {limits.description} characters; too long: {', '.join(long)}"
        )
