"""The build pipeline: load the course, make every package in a work folder, move the zips into place.

Each package goes through the same steps, in this order (:func:`package`): plan the resume state,
render the pages and runtime, build the manifest, check it against the official XSDs, stage the
control documents beside the pages, zip, and check the zip once with the package checker that
``scorm-builder validate`` runs. Nothing reaches the output folder unless every package passed.

A build of several packages zips them in two threads while the next one is staged: deflating the
files at level 9 is most of a package's time, and zlib works outside the interpreter's lock, so
staging and zipping share the cores. Each zip is checked once it is written and every package is
staged; a package that fails stops the build with nothing in ``out``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from queue import SimpleQueue

from lxml import etree

from .budget import StatePlan, plan_state
from .checker import check_package, render_text
from .checker.findings import INFO
from .errors import ManifestInvalid, ScormBuilderError
from .loader import load_course
from .models import Course
from .package import write_zip
from .render import Pages, Runtime, render_sco
from .standards import STANDARDS, get_standard
from .standards.base import BuildContext, Standard
from .validate import SchemaSet, check_manifest
from .xsd import schema_set

ALL = "all"
#: Threads that zip packages while the next is staged (zlib compresses outside the interpreter's lock).
ZIP_THREADS = 2


@dataclass(frozen=True)
class PackageResult:
    """What one packaging run produced."""

    path: Path
    standard: str
    lang: str
    size: int
    files: int
    #: The resume state's layout, with its worst-case size against the standard's limit.
    state: StatePlan


def build(
    course_dir: Path,
    standards: list[str],
    langs: list[str],
    out: Path,
    xsd_source: str | None = None,
    suspend_data: int | None = None,
    course: Course | None = None,
) -> list[PackageResult]:
    """Build one zip per standard and language into ``out``; nothing reaches ``out`` unless all succeed.

    Args:
        course_dir: the course folder (holding ``course.yaml``).
        standards: standard names, or ``["all"]``.
        langs: language codes, or ``["all"]`` for every language of the course.
        out: the output folder (created if missing).
        xsd_source: a local copy of the official XSDs instead of the fetched cache.
        suspend_data: the target LMS's real ``suspend_data`` limit (SCORM packages), if it stores more
            (or less) than the standard's smallest permitted maximum.
        course: the course already loaded from ``course_dir`` (None: it is loaded here).
    """
    course = course or load_course(course_dir)
    chosen = [get_standard(name) for name in _selected(standards, list(STANDARDS))]
    languages = _languages(course, langs)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".scorm-builder-", dir=out.parent))
    try:
        pages: Pages = {}  # a page rendered once serves every package with its language and limits
        with _Zipper() as zipper:  # leaving the block waits for every zip begun
            for standard in chosen:
                for lang in languages:
                    ctx = BuildContext(course, Path(course_dir), lang, xsd_source, suspend_data)
                    zipper.put(stage_package(standard, ctx, work, pages))
            # every package is staged: each zip is checked once written, while others may still be zipped
            checked = sorted((order, finish(staged, files)) for order, staged, files in zipper.zipped())
        results = [result for _, result in checked]
        out.mkdir(parents=True, exist_ok=True)
        for result in results:
            os.replace(result.path, out / result.path.name)
        return [replace(r, path=out / r.path.name) for r in results]
    finally:
        shutil.rmtree(work, ignore_errors=True)


@dataclass(frozen=True)
class Staged:
    """A package laid out in its stage folder, checked against the XSDs, waiting to be zipped."""

    standard: Standard
    ctx: BuildContext
    stage: Path
    #: Where its zip goes.
    path: Path
    state: StatePlan


def package(standard: Standard, ctx: BuildContext, work: Path, pages: Pages | None = None) -> PackageResult:
    """Make one package as a zip in ``work``, every step in order; raise on the first failure.

    ``pages``: pages already rendered for other packages of this build (``render.render_sco``).
    """
    staged = stage_package(standard, ctx, work, pages)
    return finish(staged, zip_staged(staged))


def stage_package(standard: Standard, ctx: BuildContext, work: Path, pages: Pages | None = None) -> Staged:
    """Render one package into its stage folder in ``work``, its manifest checked against the XSDs.

    Raises on the first failure, with the stage folder removed.
    """
    stage = work / f".{standard.name}-{ctx.lang}"
    stage.mkdir(parents=True)
    try:
        limits = standard.data_limits(ctx)
        plan = plan_state(ctx.course, limits, standard.name)
        config = standard.runtime_config(ctx)
        runtime = Runtime(standard.runtime_adapter, standard.runtime_scripts, plan, config)
        files = render_sco(ctx.course, ctx.course_dir, ctx.lang, runtime, stage, pages)
        manifest = standard.build_manifest(ctx, files)
        document = to_bytes(manifest)
        schemas = schema_check(standard, manifest, ctx.xsd_source)
        stage_control_documents(stage, standard.spec.control_document, document, schemas)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    path = work / f"{ctx.course.id}-{ctx.course.version}-{standard.name}-{ctx.lang}.zip"
    return Staged(standard, ctx, stage, path, plan)


def zip_staged(staged: Staged) -> int:
    """Zip the stage folder into the package's zip, remove the folder, and return the number of files."""
    try:
        return write_zip(staged.stage, staged.path)
    finally:
        shutil.rmtree(staged.stage, ignore_errors=True)


def finish(staged: Staged, files: int) -> PackageResult:
    """Check the written zip as ``scorm-builder validate`` would; return what was made."""
    check_zip(staged.path, staged.ctx.xsd_source)
    return PackageResult(staged.path, staged.standard.name, staged.ctx.lang, staged.path.stat().st_size, files, staged.state)


class _Zipper:
    """Threads that zip staged packages while the caller stages the next one.

    ``concurrent.futures`` would do the same, but importing it brings in ``logging``: 5 to 10 ms of
    every build's start-up for 30 lines saved.
    """

    def __init__(self) -> None:
        self._todo: SimpleQueue[tuple[int, Staged] | None] = SimpleQueue()
        self._done: SimpleQueue[tuple[int, Staged, int | BaseException]] = SimpleQueue()
        self._given = 0
        self._threads = [
            threading.Thread(target=self._run, name=f"scorm-builder-zip-{n}", daemon=True)
            for n in range(ZIP_THREADS)
        ]

    def __enter__(self) -> _Zipper:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for _ in self._threads:
            self._todo.put(None)
        for thread in self._threads:
            thread.join()

    def put(self, staged: Staged) -> None:
        self._todo.put((self._given, staged))
        self._given += 1

    def zipped(self) -> Iterator[tuple[int, Staged, int]]:
        """Yield (the order it was given in, the package, its number of files) as each zip is written.

        Raises what zipping a package raised.
        """
        for _ in range(self._given):
            order, staged, done = self._done.get()
            if isinstance(done, BaseException):
                raise done
            yield order, staged, done

    def _run(self) -> None:
        while (job := self._todo.get()) is not None:
            order, staged = job
            try:
                self._done.put((order, staged, zip_staged(staged)))
            except BaseException as exc:  # raised in the caller's thread by zipped()
                self._done.put((order, staged, exc))


def schema_check(standard: Standard, manifest: etree._Element, xsd_source: str | None) -> SchemaSet | None:
    """Validate the manifest against the standard's official XSDs, if it has any; return the set used.

    Raises:
        ManifestInvalid: listing every XSD error.
    """
    if standard.spec.xsd is None:
        return None  # tincan.xml and cmi5.xml: the package checker checks them in code
    schemas = schema_set(standard.spec.xsd, xsd_source)
    check_manifest(manifest, schemas)
    return schemas


def stage_control_documents(stage: Path, name: str, document: bytes, schemas: SchemaSet | None) -> None:
    """Write the manifest and every XSD it names at the package root (ADL CP: control documents)."""
    (stage / name).write_bytes(document)
    for xsd in schemas.files if schemas is not None else []:
        shutil.copyfile(xsd, stage / xsd.name)


def check_zip(path: Path, xsd_source: str | None) -> None:
    """Run ``scorm-builder validate``'s checks on a finished package; any error or warning fails the build."""
    report = check_package(path, xsd_source)
    if any(f.level != INFO for f in report.findings):
        raise ManifestInvalid(f"{path.name} does not pass validation:\n{render_text(report)}")


def to_bytes(root: etree._Element) -> bytes:
    """Serialise a manifest: UTF-8, XML declaration, indented."""
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _selected(names: list[str], known: list[str]) -> list[str]:
    return known if ALL in names else list(dict.fromkeys(names))


def _languages(course: Course, langs: list[str]) -> list[str]:
    languages = list(course.languages) if ALL in langs else list(dict.fromkeys(langs))
    for lang in languages:
        if lang not in course.languages:
            raise ScormBuilderError(
                f"the course is not written in {lang!r}; its languages are {', '.join(course.languages)}"
            )
    return languages
