"""Build a course folder into a previewable package in a temp folder the preview owns, one build at a time.

Each build runs the build pipeline's :func:`~scorm_builder.build.package` (render, manifest, XSDs,
zip, the package checker) into its own folder ``build-<n>`` under the preview's temp folder, and is
opened as a package only when all of it succeeded: a failed build leaves nothing behind, and what is
being served is never written to. Nothing goes near the course folder or ``dist/``.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, ScormBuilderError
from ..specs import SPECS
from ..standards import STANDARDS, get_standard
from .package import PreviewPackage, open_package

#: The standard built when none is chosen.
DEFAULT_STANDARD = "scorm2004-4"


class BuildFailed(Exception):
    """A build did not produce a package; ``lines`` are what to show, one problem per line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Built:
    """One successful build: its number, the opened package, and the language it was built in."""

    serial: int
    package: PreviewPackage
    lang: str
    folder: Path
    #: What the author should know that did not stop the build (``Course.notes``).
    notes: tuple[str, ...] = ()


def playable(standard: str) -> str:
    """Return ``standard`` if the preview plays it.

    Raises:
        ScormBuilderError: for xapi and cmi5 (they need an LRS, not a SCORM API) or an unknown name.
    """
    spec = SPECS.get(standard)
    if spec is not None and spec.rte is not None and standard in STANDARDS:
        return standard
    raise ScormBuilderError(
        f"the preview plays SCORM packages (scorm12, scorm2004-3, scorm2004-4) with a SCORM API, not {standard}: "
        f"an {standard} package talks to an LRS. Preview the course as SCORM (the pages are the same), "
        f"or build it with `scorm-builder build --standard {standard}` and try it in an LMS with an LRS"
    )


def problem_lines(exc: BaseException) -> list[str]:
    """Return what a failed build shows: the build's own ``file:line: field: message`` lines for content errors."""
    if isinstance(exc, ContentError):
        return [str(problem) for problem in exc.problems]
    if isinstance(exc, ScormBuilderError):
        return str(exc).splitlines() or [type(exc).__name__]
    return [f"internal error: {type(exc).__name__}: {exc}"]


class CourseBuilder:
    """Make numbered builds of one course, standard and language into a temp folder the builder owns."""

    def __init__(
        self, course_dir: Path, standard: str, lang: str | None = None, xsd_source: str | None = None
    ) -> None:
        """Prepare (not build yet); ``lang`` None means the course's first language at each build."""
        self.course_dir = Path(course_dir)
        self.standard = get_standard(playable(standard))
        self.lang = lang
        self.xsd_source = xsd_source
        self.root = Path(tempfile.mkdtemp(prefix="scorm-builder-preview-"))
        self.serial = 0

    @property
    def family(self) -> str:
        """Return the SCORM API family the packages use ("scorm12" or "scorm2004")."""
        rte = self.standard.spec.rte
        assert rte is not None  # playable() has checked it
        return rte.name

    def build(self) -> Built:
        """Make the next build in its own folder and open it; remove the folder again if anything fails.

        Raises:
            BuildFailed: with the lines to show (content errors as ``file:line: field: message``).
        """
        self.serial += 1
        folder = self.root / f"build-{self.serial}"
        try:
            return self._build(folder)
        except Exception as exc:  # any failure is shown, and the preview goes on with the last good build
            shutil.rmtree(folder, ignore_errors=True)
            raise BuildFailed(problem_lines(exc)) from exc

    def _build(self, folder: Path) -> Built:
        from ..build import package  # the whole build pipeline: imported on the first build only
        from ..loader import load_course
        from ..standards.base import BuildContext

        course = load_course(self.course_dir)
        lang = self.lang or course.languages[0]
        if lang not in course.languages:
            raise ScormBuilderError(
                f"--lang {lang}: the course is written in {', '.join(course.languages)}"
            )
        folder.mkdir(parents=True)
        result = package(self.standard, BuildContext(course, self.course_dir, lang, self.xsd_source), folder)
        return Built(self.serial, open_package(result.path), lang, folder, course.notes)

    def discard(self, built: Built) -> None:
        """Close a build that is no longer served and delete its folder."""
        built.package.source.close()
        shutil.rmtree(built.folder, ignore_errors=True)

    def close(self) -> None:
        """Delete the builder's temp folder and every build in it."""
        shutil.rmtree(self.root, ignore_errors=True)
