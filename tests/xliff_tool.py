"""A translator's tool for the tests: the Translate Toolkit reads an exported XLIFF and writes targets into it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from translate.storage import factory
from translate.storage.xliff import xlifffile


def open_store(path: Path) -> xlifffile:
    """Read an XLIFF file as the Translate Toolkit does."""
    store = factory.getobject(str(path))
    assert isinstance(store, xlifffile), type(store)
    return store


def unit_id(unit) -> str:  # type: ignore[no-untyped-def]
    """Return a unit's own id (the toolkit prefixes it with its file's ``original`` and a separator)."""
    return str(unit.getid()).split("\x04")[-1]


def fill(path: Path, translate: Callable[[str, str], str | None], out: Path | None = None) -> Path:
    """Set each unit's target to ``translate(id, source)`` (None: leave it) and save the file like a tool does."""
    store = open_store(path)
    for unit in store.units:
        value = translate(unit_id(unit), str(unit.source))
        if value is not None:
            unit.target = value
    out = out or path
    out.write_bytes(bytes(store))
    return out


def swedish(unit_id: str, source: str) -> str:
    """A stand-in Swedish translation: recognisable in the built page, placeholders kept."""
    return f"SV {source}"
