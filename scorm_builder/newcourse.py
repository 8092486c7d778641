"""``scorm-builder new``: write a small, buildable course into a new or empty folder."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from .errors import ScormBuilderError
from .models import ID_PATTERN
from .paths import scaffold_dir
from .roundtrip import load

#: The scaffold's own course id, replaced by the new course's in ``course.yaml``.
SCAFFOLD_ID = "example-course"
#: Letters an ASCII id spells differently (NFKD does not take them apart).
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "þ": "th", "đ": "d", "ł": "l"})


class NotEmpty(ScormBuilderError):
    """The folder for a new course already holds something."""


def course_id_for(folder: Path) -> str:
    """Return a course id made from ``folder``'s name (``Mitt kurs`` -> ``mitt-kurs``).

    Raises:
        ScormBuilderError: when the name gives no valid id.
    """
    name = unicodedata.normalize("NFKD", folder.resolve().name.lower().translate(_FOLD))
    slug = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode()).strip("-")[:40].strip("-")
    if not re.match(ID_PATTERN, slug):
        raise ScormBuilderError(
            f"cannot make a course id from the folder name {folder.name!r}: give one with --id "
            "(lower-case letters, digits and hyphens, starting with a letter)"
        )
    return slug


def create(dest: Path, course_id: str | None = None) -> list[str]:
    """Write the scaffold course into ``dest`` (new or empty) with id ``course_id``; return its files.

    Everything is written into a temporary folder beside ``dest`` and moved into place at the end.

    Raises:
        NotEmpty: when ``dest`` exists and is not an empty folder.
        ScormBuilderError: when ``course_id`` is not a valid id.
    """
    dest = Path(dest)
    _check_empty(dest)
    course_id = course_id or course_id_for(dest)
    if not re.match(ID_PATTERN, course_id) or len(course_id) > 40:
        raise ScormBuilderError(
            f"--id {course_id!r} is not a valid id: use lower-case letters, digits and hyphens, "
            "starting with a letter, at most 40 characters"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".scorm-builder-new-", dir=dest.parent))
    try:
        shutil.copytree(scaffold_dir(), stage, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        _set_id(stage / "course.yaml", course_id)
        _make_public(stage)
        if dest.exists():
            dest.rmdir()
        os.replace(stage, dest)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())


def _check_empty(dest: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise NotEmpty(f"{dest} is a file: scorm-builder new writes a course into a new or empty folder")
    entries = sorted(p.name for p in dest.iterdir()) if dest.is_dir() else []
    if entries:
        shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
        raise NotEmpty(
            f"{dest} is not empty ({shown}): scorm-builder new writes a course into a new or empty folder only"
        )


def _set_id(course_yaml: Path, course_id: str) -> None:
    """Put ``course_id`` into ``course.yaml``'s id and base IRI, keeping its comments and layout."""
    doc = load(course_yaml)
    doc.data["id"] = course_id
    xapi = doc.data.get("xapi")
    if xapi is not None:
        xapi["base_iri"] = type(xapi["base_iri"])(str(xapi["base_iri"]).replace(SCAFFOLD_ID, course_id))
    course_yaml.write_text(doc.dump(), encoding="utf-8")


def _make_public(stage: Path) -> None:
    """Give the new files the modes the user's umask asks for (a temporary folder is private)."""
    umask = os.umask(0)
    os.umask(umask)
    for path in [stage, *stage.rglob("*")]:
        path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)
