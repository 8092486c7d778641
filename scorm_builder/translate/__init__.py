"""Translation of a course through XLIFF 1.2: export its texts for a translation tool, import the result.

Example:
    data, units = export_xliff(Path("content/my-course"), "nb", "sv")
    Path("course-sv.xlf").write_bytes(data)
    report = import_file(Path("content/my-course"), Path("course-sv.xlf"))
    print("\\n".join(report.lines()))
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ScormBuilderError
from ..loader import load_course
from .apply import ImportReport, import_file
from .units import Unit, collect
from .xliff import LANG_RE, write

__all__ = ["ImportReport", "Unit", "collect", "export_xliff", "import_file"]


def export_xliff(course_dir: Path, source: str | None, target: str) -> tuple[bytes, list[Unit]]:
    """Return the XLIFF 1.2 file of every text of the course, from ``source`` into ``target``, and its units.

    Args:
        course_dir: the course folder.
        source: the language to translate from (None: the course's first language).
        target: the language to translate into, a BCP 47 tag (``sv``, ``pl``, ``en-GB``).

    Raises:
        ContentError: when the course does not load.
        TranslationError: when ``source`` is not a language of the course, or a text lacks it.
        ScormBuilderError: when ``target`` is not a language tag or is the source language.
    """
    course = load_course(Path(course_dir), all_languages=False)
    source = source or course.languages[0]
    if not LANG_RE.match(target) or target.lower() == source.lower():
        raise ScormBuilderError(f"--to {target!r}: give a language tag other than {source}, e.g. sv, pl, en-GB")
    units = collect(Path(course_dir), source, target, course)
    return write(units, course.id, course.version, source, target), units
