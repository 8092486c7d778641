"""Every error scorm-builder reports, in one place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches


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


def closest(wrong: str, known: Iterable[str], *, cutoff: float = 0.8) -> str | None:
    """Return the one of ``known`` closest to ``wrong``, or None when none is close enough.

    Two equally close (``maal-4`` beside ``maal-1`` and ``maal-2``) are no guess: None.
    """
    close = get_close_matches(wrong, sorted(set(known)), n=2, cutoff=cutoff)
    if len(close) == 2 and _likeness(wrong, close[0]) == _likeness(wrong, close[1]):
        return None
    return close[0] if close else None


def did_you_mean(wrong: str, known: Iterable[str], *, cutoff: float = 0.8) -> str:
    """Return `` (did you mean 'x'?)`` for the :func:`closest` of ``known``, else ``""``."""
    near = closest(wrong, known, cutoff=cutoff)
    return f" (did you mean {near!r}?)" if near else ""


def _likeness(a: str, b: str) -> float:
    return SequenceMatcher(None, b, a).ratio()  # as get_close_matches scores


def close_or_all(wrong: str, known: Iterable[str], *, most: int = 6) -> str:
    """Return the id close to ``wrong``, else all of ``known`` when few, for a reference that is not there.

    `` (did you mean 'x'?)`` for a typing slip (a looser match than a field name's: ids are long and
    share words), `` (known: 'a', 'b')`` when there are at most ``most`` of them, `` (there is none)``.
    """
    names = sorted(set(known))
    hint = did_you_mean(wrong, names, cutoff=0.6)
    if hint:
        return hint
    if not names:
        return " (there is none)"
    if len(names) <= most:
        return f" (known: {', '.join(repr(n) for n in names)})"
    return ""


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
