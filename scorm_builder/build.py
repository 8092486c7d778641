"""The build pipeline: load the course, package it per standard and language, move the zips into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from .errors import ScormBuilderError
from .loader import load_course
from .standards import STANDARDS, get_standard
from .standards.base import BuildContext, PackageResult

ALL = "all"


def build(
    course_dir: Path,
    standards: list[str],
    langs: list[str],
    out: Path,
    xsd_source: str | None = None,
    suspend_data: int | None = None,
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
    """
    course = load_course(course_dir)
    names = list(STANDARDS) if ALL in standards else list(dict.fromkeys(standards))
    chosen = [get_standard(name) for name in names]
    languages = list(course.languages) if ALL in langs else list(dict.fromkeys(langs))
    for lang in languages:
        if lang not in course.languages:
            raise ScormBuilderError(
                f"the course is not written in {lang!r}; its languages are {', '.join(course.languages)}"
            )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".scorm-builder-", dir=out.parent))
    try:
        results = [
            standard.package(BuildContext(course, Path(course_dir), lang, xsd_source, suspend_data), stage)
            for standard in chosen
            for lang in languages
        ]
        out.mkdir(parents=True, exist_ok=True)
        for result in results:
            os.replace(result.path, out / result.path.name)
        return [replace(r, path=out / r.path.name) for r in results]
    finally:
        shutil.rmtree(stage, ignore_errors=True)
