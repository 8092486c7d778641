"""``scorm-builder report`` from start to end: read, tally, hide, write; nothing half-written in ``--out``."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ScormBuilderError
from ..loader import load_course
from .aggregate import group_json, tally
from .course import CourseKeys, course_keys
from .duck import read_clean
from .extract import Collector, Learner
from .groups import read_groups
from .lrs import Lrs, authorization, check_endpoint, read_lrs
from .privacy import FLOOR, progress_shown, shown_groups
from .render_data import to_csv, to_json
from .render_html import to_html
from .skips import Skips
from .sources import read_file

FILES = ("report.html", "report.json", "report.csv")


@dataclass(frozen=True)
class ReportOptions:
    """What ``scorm-builder report`` was asked for."""

    sources: list[str]
    course_dir: Path
    out: Path
    groups: Path | None = None
    min_group: int = 5
    lang: str | None = None
    auth_file: Path | None = None
    since: str | None = None
    timeout: float = 30.0
    #: ``auto``: DuckDB reads statement files it can read exactly (``duck.py``), the Collector the rest;
    #: ``python``: the Collector reads everything.
    engine: str = "auto"


@dataclass
class ReportResult:
    """What was written and what was skipped."""

    files: list[Path]
    report: dict[str, Any]
    skips: Skips = field(default_factory=Skips)
    #: Which reader read the statements: ``duckdb`` (clean files) or ``python``.
    engine: str = "python"


def make_report(options: ReportOptions) -> ReportResult:
    """Read every source, tally the groups, hide what must be hidden and write the three files.

    Raises:
        ScormBuilderError: a bad option, an unreadable course, file or LRS; nothing is written then.
    """
    if options.min_group < FLOOR:
        raise ScormBuilderError(
            f"--min-group {options.min_group}: at least {FLOOR} (a group of one or two is a person)"
        )
    if not options.sources:
        raise ScormBuilderError(
            "give at least one SOURCE: a statements file or an LRS's xAPI endpoint"
        )
    keys = course_keys(load_course(options.course_dir))
    lang = options.lang or keys.course.languages[0]
    if lang not in keys.course.languages:
        raise ScormBuilderError(
            f"--lang {lang}: the course is written in {', '.join(keys.course.languages)}"
        )
    skips = Skips()
    groups = read_groups(options.groups, skips)
    collector = Collector(keys, skips)
    files = _files(options.sources)
    clean = read_clean(files, keys, collector) if files and options.engine == "auto" else None
    if files and clean is not None:
        skips.read.update({str(path): clean.read[str(path)] for path in files})
        skips.ignored.update(clean.ignored)
        learners: Iterable[tuple[str, Learner]] = clean.learners
    else:
        gc.disable()  # reading builds many small objects and no cycles: skip the collector's full passes
        try:
            for source in options.sources:
                skips.read[source] += _read(source, options, keys, collector, skips)
        finally:
            gc.enable()
        learners = collector.learners()
    tallies = tally(keys, learners, groups)
    shown = shown_groups(
        groups.paths, {p: t.sizes() for p, t in tallies.items()}, options.min_group
    )
    progress = progress_shown(shown, {p: tuple(t.kinds) for p, t in tallies.items()}, options.min_group)
    report = {
        "course": keys.course.id,
        "min_group": options.min_group,
        "groups": [group_json(keys, path, tallies[path], path in progress) for path in shown],
        "hidden": len(groups.paths) + 1 - len(shown),
        "lang": lang,
        "ratings": "local" if keys.ratings_local else "lms",
        "input": skips.to_json(),
    }
    texts = {
        "report.html": to_html(keys, report, lang),
        "report.json": to_json(report),
        "report.csv": to_csv(report),
    }
    engine = "python" if clean is None else "duckdb"
    return ReportResult(_write(options.out, texts), report, skips, engine)


def _files(sources: list[str]) -> list[Path] | None:
    """Return the sources as paths when all are distinct files DuckDB may be given by name, else None.

    Raises:
        ScormBuilderError: a source that is neither a URL nor a file (checked before anything is read).
    """
    paths = []
    for source in sources:
        if source.startswith(("http://", "https://")):
            continue
        path = Path(source)
        if not path.is_file():
            raise ScormBuilderError(
                f"{source}: no such file (a SOURCE is a statements file or an http(s) xAPI endpoint)"
            )
        paths.append(path)
    plain = all(not set(s) & set("*?[]{}") for s in sources) and len(set(sources)) == len(sources)
    named = [str(p) for p in paths] == sources  # no URL among them, and each named as DuckDB names it
    return paths if plain and named else None


def _read(
    source: str, options: ReportOptions, keys: CourseKeys, collector: Collector, skips: Skips
) -> int:
    if source.startswith(("http://", "https://")):
        lrs = Lrs(check_endpoint(source), authorization(options.auth_file), options.timeout)
        return read_lrs(lrs, keys.base, options.since, collector.feed, skips.problem)
    return read_file(Path(source), collector.feed, skips.problem)  # _files checked it is a file


def _write(out: Path, texts: dict[str, str]) -> list[Path]:
    """Write every file beside ``out``, then put them in ``out`` together: all three or none.

    A report already there is moved aside first and put back if any file cannot be placed (a file
    open in a program that locks it, a folder in the way), so ``out`` never mixes two reports.

    Raises:
        ScormBuilderError: a file could not be placed; ``out`` holds what it held before.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".scorm-builder-report-", dir=out.parent))
    aside = Path(tempfile.mkdtemp(prefix=".scorm-builder-report-old-", dir=out.parent))
    moved: list[str] = []
    placed: list[str] = []
    keep: Path | None = None
    try:
        for name, text in texts.items():
            (stage / name).write_text(text, encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        try:
            for name in texts:
                if (out / name).is_dir():
                    raise IsADirectoryError(0, "a folder is in the way", str(out / name))
                if (out / name).exists():
                    os.replace(out / name, aside / name)
                    moved.append(name)
            for name in texts:
                os.replace(stage / name, out / name)
                placed.append(name)
        except OSError as exc:
            where = f"{exc.filename or out}: cannot write the report ({exc.strerror}); "
            try:
                for name in placed:
                    (out / name).unlink(missing_ok=True)
                for name in moved:
                    os.replace(aside / name, out / name)
            except OSError:
                keep = aside  # the earlier report stays where it was moved, and the message says where
                raise ScormBuilderError(where + f"the earlier report is in {aside}") from None
            raise ScormBuilderError(where + f"{out} holds what it held before") from None
        return [out / name for name in FILES]
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if keep is None:
            shutil.rmtree(aside, ignore_errors=True)
