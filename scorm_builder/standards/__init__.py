"""The registry of standards: one module each, selected by name."""

from __future__ import annotations

from ..errors import ScormBuilderError
from .base import Standard
from .cmi5 import Cmi5
from .scorm12 import Scorm12
from .scorm2004 import Scorm2004v3, Scorm2004v4
from .xapi import Xapi


def _registry(*classes: type[Standard]) -> dict[str, type[Standard]]:
    registry: dict[str, type[Standard]] = {}
    for cls in classes:
        name = getattr(cls, "name", None)
        if not name:
            raise TypeError(f"{cls.__name__} has no name")
        if name in registry:
            raise TypeError(f"two standards are named {name!r}")
        registry[name] = cls
    return registry


STANDARDS: dict[str, type[Standard]] = _registry(Scorm12, Scorm2004v3, Scorm2004v4, Xapi, Cmi5)


def get_standard(name: str) -> Standard:
    """Return the standard called ``name``."""
    try:
        return STANDARDS[name]()
    except KeyError:
        raise ScormBuilderError(f"unknown standard {name!r}; known: {', '.join(STANDARDS)}") from None
