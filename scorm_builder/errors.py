"""Every error scorm-builder reports, in one place."""

from __future__ import annotations

from dataclasses import dataclass


class ScormBuilderError(Exception):
    """Base of the errors the command line reports as one message and exit code 1."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentError(ScormBuilderError):
    """The course content is wrong; holds one :class:`Problem` per mistake."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SchemaFetchError(ScormBuilderError):
    """The official XSDs could not be fetched or failed their checksum."""


class ManifestInvalid(ScormBuilderError):
    """A generated manifest failed validation against the official schemas."""


class TranslationError(ContentError):
    """A translation file cannot be exported or imported; holds one :class:`Problem` per mistake."""
