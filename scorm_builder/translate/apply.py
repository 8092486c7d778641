"""``translate import``: check a translated XLIFF against the course, then write its texts into the content files.

Everything is checked before anything is written: the file's form, its language pair, every unit
id, every interface string's placeholders. Then the edited files are written to temporary files
beside the originals and moved into place together, so a bad file changes nothing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import ui
from ..errors import Problem, TranslationError
from ..loader import COURSE_FILE, load_course
from ..roundtrip import Document, append, load, new_document, set_text, text_mapping
from . import xliff
from .units import Unit, collect, digest, normalise

UI_HEADER = (
    "Interface strings of this course (buttons, progress, messages), per key and language, over\n"
    "scorm-builder's built-in ones. Keep every {placeholder}. Written by scorm-builder translate import."
)


@dataclass
class ImportReport:
    """What an import wrote and what it left out, by unit."""

    label: str
    source: str
    target: str
    dry_run: bool = False
    written: list[Unit] = field(default_factory=list)
    unchanged: list[Unit] = field(default_factory=list)
    untranslated: list[Unit] = field(default_factory=list)
    stale: list[Unit] = field(default_factory=list)
    not_in_file: list[Unit] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    language_added: bool = False
    #: Whether the course has the target language once the import is done.
    target_in_course: bool = False
    #: Files ruamel.yaml could not write back byte for byte (their layout was normalised).
    relaid: list[str] = field(default_factory=list)

    def still_missing(self) -> list[Unit]:
        """Return the content texts (not interface strings) the course still lacks in the target language."""
        left = self.untranslated + self.stale + self.not_in_file
        return [u for u in left if u.target is None and u.placeholders is None]

    def lines(self) -> list[str]:
        """Return the report as printed by the command."""
        verb = "would write" if self.dry_run else "wrote"
        added = f"; {self.target} added to the course's languages" if self.language_added else ""
        lines = [f"{self.label}: {self.source} -> {self.target}: {verb} {len(self.written)} texts into "
                 f"{len(self.files)} files, {len(self.unchanged)} unchanged{added}"]
        for title, units in (
            ("untranslated, left out", self.untranslated),
            ("stale (the source text changed since the export), left out", self.stale),
            ("not in the file (added to the course since the export)", self.not_in_file),
        ):
            if units:
                lines.append(f"{title} ({len(units)}):")
                lines += [f"  {u.id}  {u.where}" for u in units]
        if self.relaid:
            lines.append(f"layout normalised (comments and order kept): {', '.join(self.relaid)}")
        missing = self.still_missing()
        if missing and self.target_in_course:
            lines.append(f"{len(missing)} texts are still missing in {self.target}: the build names each "
                         "with its file and line until they are translated and imported")
        return lines


def import_file(course_dir: Path, path: Path, dry_run: bool = False) -> ImportReport:
    """Import the translations in the XLIFF file ``path`` into the course in ``course_dir``.

    Raises:
        TranslationError: when the file is malformed, its language pair does not fit the course, a
            unit id is unknown or an interface string's translation drops a placeholder. Nothing is
            written then.
        ContentError: when the course itself does not load.
    """
    course_dir = Path(course_dir)
    doc = xliff.read(path)
    course = load_course(course_dir, all_languages=False)
    source, target = _languages(doc, course.languages)
    units = collect(course_dir, source, target, course)
    report = _classify(doc, units, ImportReport(doc.label, source, target, dry_run))
    report.language_added = bool(report.written) and target not in course.languages
    report.target_in_course = report.language_added or target in course.languages
    docs = _edit(course_dir, report)
    report.files = sorted(docs)
    report.relaid = sorted(name for name, edited in docs.items() if not edited.exact)
    if not dry_run:
        write_all(course_dir, {name: edited.dump() for name, edited in docs.items()})
    return report


def _languages(doc: xliff.Xliff, languages: Sequence[str]) -> tuple[str, str]:
    """Return the course's own tags for the file's pair (``nb-NO`` in the file is the course's ``nb``)."""
    source = match_language(doc.source, languages)
    if source is None:
        raise TranslationError([Problem(doc.label, None, "file.source-language", (
            f"the file translates from {doc.source}, but the course is written in {', '.join(languages)}: "
            "was it exported from another course?"))])
    primary, dash, rest = doc.target.partition("-")
    target = match_language(doc.target, languages) or primary.lower() + dash + rest
    if target == source:
        raise TranslationError([Problem(doc.label, None, "file.target-language",
                                        f"the target language {doc.target} is the course's {source}")])
    return source, target


def match_language(tag: str, languages: Sequence[str]) -> str | None:
    """Return the course language ``tag`` names: the same tag, or the only one with its primary subtag."""
    exact = [lang for lang in languages if lang.lower() == tag.lower()]
    primary = [lang for lang in languages if lang.split("-")[0].lower() == tag.split("-")[0].lower()]
    found = exact or primary
    return found[0] if len(found) == 1 else None


def _classify(doc: xliff.Xliff, units: list[Unit], report: ImportReport) -> ImportReport:
    by_id = {unit.id: unit for unit in units}
    problems, values = [], {}
    for item in doc.units:
        unit = by_id.get(item.id)
        if unit is None:
            problems.append(Problem(doc.label, item.line, item.id, (
                "unknown unit id: no text of this course has it (a text removed or renamed since the "
                "export, or a file from another course)")))
        elif item.target is not None and unit.placeholders is not None:
            problem = ui.placeholder_problem(item.target, set(unit.placeholders))
            if problem:
                problems.append(Problem(doc.label, item.line, item.id, f"the translation {problem}"))
        values[item.id] = item
    if problems:
        raise TranslationError(problems)
    for unit in units:
        sent = values.get(unit.id)
        if sent is None:
            report.not_in_file.append(unit)
        elif sent.target is None:
            report.untranslated.append(unit)
        elif (sent.digest or digest(sent.source)) != unit.digest:
            report.stale.append(unit)
        elif unit.target is not None and _same(unit, sent.target):
            report.unchanged.append(unit)
        else:
            report.written.append(Unit(unit.id, unit.file, unit.loc, unit.line, unit.source, sent.target,
                                       unit.placeholders))
    return report


def _same(unit: Unit, value: str) -> bool:
    if unit.placeholders is not None:
        return unit.target == value
    return unit.target == normalise(value)


def _edit(course_dir: Path, report: ImportReport) -> dict[str, Document]:
    """Return every file the import changes, edited in memory."""
    docs: dict[str, Document] = {}

    def doc(name: str) -> Document:
        if name not in docs:
            path = course_dir / name
            docs[name] = load(path) if path.is_file() or name != ui.UI_FILE else new_document(UI_HEADER)
        return docs[name]

    for unit in report.written:
        assert unit.target is not None
        data = doc(unit.file).data
        if unit.file == ui.UI_FILE:
            text_mapping(data, str(unit.loc[0]))
        set_text(data, unit.loc, report.target, unit.target, report.source)
    if report.language_added:
        append(doc(COURSE_FILE).data["languages"], report.target)
    return docs


def write_all(course_dir: Path, contents: dict[str, str]) -> None:
    """Write every file of ``contents`` (relative path: text) at once: all to temporary files, then replace."""
    staged: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for name, text in contents.items():
            path = course_dir / name
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((temp, path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask)
    except BaseException:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    for temp, path in staged:
        os.replace(temp, path)
