"""The build pipeline: load the course, make every package in a work folder, move the zips into place.

Each package goes through the same steps, in this order (:func:`package`): plan the resume state,
render the pages and runtime, build the manifest, check it against the official XSDs, stage the
control documents beside the pages, zip, and check the zip once with the package checker that
``scorm-builder validate`` runs. Nothing reaches the output folder unless every package passed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

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
        results = [
            package(standard, BuildContext(course, Path(course_dir), lang, xsd_source, suspend_data), work, pages)
            for standard in chosen
            for lang in languages
        ]
        out.mkdir(parents=True, exist_ok=True)
        for result in results:
            os.replace(result.path, out / result.path.name)
        return [replace(r, path=out / r.path.name) for r in results]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def package(standard: Standard, ctx: BuildContext, work: Path, pages: Pages | None = None) -> PackageResult:
    """Make one package as a zip in ``work``, every step in order; raise on the first failure.

    ``pages``: pages already rendered for other packages of this build (``render.render_sco``).
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
        path = work / f"{ctx.course.id}-{ctx.course.version}-{standard.name}-{ctx.lang}.zip"
        count = write_zip(stage, path)
        check_zip(path, ctx.xsd_source)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return PackageResult(path, standard.name, ctx.lang, path.stat().st_size, count, plan)


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
