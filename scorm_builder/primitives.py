"""The building blocks every content file uses: ids, paths, languages, texts and the Likert scale.

They sit below :mod:`scorm_builder.models` (the course) and :mod:`scorm_builder.scoring_rules` (the
scoring rules), which both build on them, so neither model module needs the other's imports.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    RootModel,
    StringConstraints,
    field_validator,
    model_validator,
)

#: A content id: lower-case ASCII, digits and hyphens, starting with a letter. Safe as an XML
#: ``xs:ID`` (SCORM 2004 CP identifiers), a SCORM 1.2 CMIIdentifier, a 2004 long_identifier_type
#: and an IRI path segment, so interaction and objective ids can be derived from it verbatim.
ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=40)]
#: A BCP 47 language tag as the content uses it (``nb``, ``en``, ``en-GB``).
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
VERSION_PATTERN = r"^\d+\.\d+(\.\d+)?$"
Version = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
#: A path inside the course folder: relative, forward slashes, no ``..``, no spaces.
REL_PATH_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9._/-]*$"


def _no_parent_segment(value: str) -> str:
    if ".." in value.split("/") or "//" in value:
        raise ValueError("a path must stay inside the course folder (no '..', no empty segment)")
    return value


RelPath = Annotated[
    str,
    StringConstraints(pattern=REL_PATH_PATTERN, max_length=200),
    AfterValidator(_no_parent_segment),
]
URL_RE = re.compile(r"^https://[^\s]+$")


class Model(BaseModel):
    """Base of every content model: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("the text is empty")
    return value.strip()


class Text(RootModel[dict[Lang, Annotated[str, AfterValidator(_not_blank)]]]):
    """A text in one or more languages: ``{nb: "...", en: "..."}``."""

    model_config = ConfigDict(frozen=True)

    @field_validator("root")
    @classmethod
    def _not_empty(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("a text needs at least one language, e.g. {nb: ...}")
        return value

    def get(self, lang: str) -> str:
        """Return the text in ``lang``."""
        return self.root[lang]

    @property
    def languages(self) -> frozenset[str]:
        """The languages this text is written in."""
        return frozenset(self.root)


class Scale(Model):
    """A Likert scale: integer points from ``min`` to ``max`` with labels for (at least) the ends."""

    min: int = 1
    max: int = 5
    labels: dict[int, Text] = {}

    @model_validator(mode="after")
    def _labels_in_range(self) -> Scale:
        if not 0 <= self.min < self.max <= 10:
            raise ValueError("the scale needs 0 <= min < max <= 10")
        for point in self.labels:
            if not self.min <= point <= self.max:
                raise ValueError(f"label for {point} is outside the scale {self.min}-{self.max}")
        return self
