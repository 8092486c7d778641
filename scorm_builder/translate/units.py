"""The translation units of a course: every text of every content file and every interface string.

Texts are found generically: :func:`~scorm_builder.models.iter_texts` walks each file's validated
model, so a text field added to the content format later is translated without a change here.
A unit's id is made from the nearest content id above the text and the field path below it
(``hva-kan-du.label``), or from the file and field path where no id is above it
(``scoring.yaml#overall.description``); interface strings are ``ui.yaml#<key>``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .. import ui
from ..errors import Problem, TranslationError
from ..loader import COURSE_FILE, load_course
from ..models import Course, CourseFile, iter_texts
from ..roundtrip import Document, line_of, load, node_at

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Unit:
    """One text to translate: where it stands, its source text and its translation so far."""

    id: str
    #: The content file, relative to the course folder (``ui.yaml`` for interface strings).
    file: str
    #: The field path of the text inside that file.
    loc: Loc
    line: int | None
    source: str
    target: str | None
    #: The ``{placeholders}`` a translation must keep (interface strings); None for content text.
    placeholders: frozenset[str] | None = None

    @property
    def field(self) -> str:
        """The field path, dotted (``blocks.2.label``)."""
        return ".".join(str(part) for part in self.loc)

    @property
    def where(self) -> str:
        """``file:line field``, as the build's errors name a place."""
        line = f":{self.line}" if self.line else ""
        return f"{self.file}{line} {self.field}"

    @property
    def digest(self) -> str:
        """A short hash of the source text: recorded on export, compared on import to find stale units."""
        return digest(self.source)


def digest(text: str) -> str:
    """Return the hash that marks a source text (sha256, first 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise(text: str) -> str:
    """Join a text's wrapped lines: paragraphs (blank-line separated) each become one line.

    The page shows a text the same either way (HTML folds line breaks), and a translation tool
    segments whole sentences better.
    """
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


def collect(course_dir: Path, source: str, target: str, course: Course | None = None) -> list[Unit]:
    """Return every unit of the course in ``course_dir``, from ``source`` into ``target``, in course order.

    Args:
        course_dir: the course folder.
        source: the language translated from; every text must have it.
        target: the language translated into (texts already in it become the units' targets).
        course: the course as loaded from ``course_dir`` without the all-languages rule (loaded if None).

    Raises:
        ContentError: when the course does not load.
        TranslationError: when ``source`` is not a language of the course or a text lacks it.
    """
    course_dir = Path(course_dir)
    course = course or load_course(course_dir, all_languages=False)
    if source not in course.languages:
        raise TranslationError([Problem(str(course_dir / COURSE_FILE), None, "languages", (
            f"the course is not written in {source!r}; its languages are {', '.join(course.languages)}"))])
    units: list[Unit] = []
    problems: list[Problem] = []
    for rel, model in content_files(course_dir, course):
        doc = load(course_dir / rel, for_writing=False)
        for loc, text in iter_texts(model):
            if node_at(doc.data, loc) is None:
                continue  # a default the author did not write
            unit = Unit(unit_id(rel, model, loc), rel, loc, line_of(doc.data, loc), "", None)
            if source not in text.root:
                problems.append(Problem(str(course_dir / rel), unit.line, unit.field, f"text missing in {source}"))
                continue
            found = text.root.get(target)
            units.append(_with(unit, normalise(text.root[source]), normalise(found) if found else None))
    if problems:
        raise TranslationError(problems)
    return units + ui_units(course_dir, course, source, target)


def _with(unit: Unit, source: str, target: str | None) -> Unit:
    return Unit(unit.id, unit.file, unit.loc, unit.line, source, target, unit.placeholders)


def content_files(course_dir: Path, course: Course) -> list[tuple[str, BaseModel]]:
    """Return each content file (relative path) with its validated model, in course order."""
    data = yaml.safe_load((course_dir / COURSE_FILE).read_text(encoding="utf-8"))
    head = CourseFile.model_validate(data)  # the loader has checked it
    files: list[tuple[str, BaseModel]] = [(COURSE_FILE, head)]
    files += zip(head.pages, course.pages, strict=True)
    files += zip(head.questionnaires, course.questionnaires, strict=True)
    if head.scoring is not None:
        assert course.scoring is not None  # the loader has loaded the file head.scoring names
        files.append((head.scoring, course.scoring))
    return files


def unit_id(rel: str, model: BaseModel, loc: Loc) -> str:
    """Return the unit id of the text at ``loc`` in ``model`` (the file ``rel``)."""
    anchor, rest = _own_id(model), loc
    node: Any = model
    for index, part in enumerate(loc):
        node = getattr(node, part) if isinstance(node, BaseModel) and isinstance(part, str) else node[part]
        if _own_id(node) is not None:
            anchor, rest = _own_id(node), loc[index + 1 :]
    path = ".".join(str(part) for part in rest)
    return f"{anchor}.{path}" if anchor else f"{rel}#{path}"


def _own_id(node: Any) -> str | None:
    if not isinstance(node, BaseModel) or "id" not in type(node).model_fields:
        return None
    ident = getattr(node, "id", None)
    return ident if isinstance(ident, str) else None


def ui_units(course_dir: Path, course: Course, source: str, target: str) -> list[Unit]:
    """Return a unit per interface string: the course's own (``ui.yaml``) or the built-in one."""
    path = course_dir / ui.UI_FILE
    doc: Document | None = load(path, for_writing=False) if path.is_file() else None
    sources, units = ui.strings(source, course.ui), []
    for key, builtin in ui.builtin().items():
        own = course.ui[key].root if key in course.ui else {}
        found = own.get(target, builtin.get(target))
        line = line_of(doc.data, (key,)) if doc is not None and key in own else None
        expected = frozenset(ui.expected_placeholders(key))
        units.append(Unit(f"{ui.UI_FILE}#{key}", ui.UI_FILE, (key,), line, sources[key], found, expected))
    return units
