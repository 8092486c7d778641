"""Where the templates, schema pins, runtime and default course live; nothing else hard-codes a path."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The JavaScript and CSS that run in the learner's browser.
RUNTIME_DIR = PACKAGE_DIR / "runtime"


@cache
def data_dir() -> Path:
    """Return the folder that holds ``templates/``, ``schemas/`` and ``content/``.

    An installed wheel carries them in ``scorm_builder/_data``; a source checkout has them at its root.
    """
    bundled = PACKAGE_DIR / "_data"
    return bundled if (bundled / "templates").is_dir() else PACKAGE_DIR.parent


def templates_dir() -> Path:
    """Return the jinja templates folder."""
    return data_dir() / "templates"


def schemas_dir() -> Path:
    """Return the folder with the committed schema pins and the generated course schema."""
    return data_dir() / "schemas"


def default_course_dir() -> Path:
    """Return ``./content`` when the working folder has one, else the bundled seed course."""
    local = Path("content")
    return local if local.is_dir() else data_dir() / "content"


def cache_dir() -> Path:
    """Return the user cache folder (``SCORM_BUILDER_CACHE``, else ``XDG_CACHE_HOME``, else ``~/.cache``)."""
    explicit = os.environ.get("SCORM_BUILDER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "scorm-builder"


def scaffold_dir() -> Path:
    """Return the files ``scorm-builder new`` copies into a new course folder."""
    return PACKAGE_DIR / "scaffold"
