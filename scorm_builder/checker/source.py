"""Read a package (a .zip or a folder) without extracting anything: entries from the zip's central directory, members in memory.

A zip is opened with :mod:`zipfile`, which reads only the central directory; a member is read only
when a check asks for it, only if it passed the zip-safety checks, and never beyond its declared size
(``zipfile`` stops inflating at the size the central directory gives, and the declared size is capped
before reading). A folder is walked without following symbolic links. Nothing is written to disk.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .findings import Unreadable

#: The largest control document (manifest, tincan.xml, cmi5.xml) read into memory.
MAX_XML_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One member of a package as listed before anything is read."""

    #: The path as stored (zip) or relative to the folder, with ``/`` separators.
    name: str
    #: Declared (zip) or actual (folder) uncompressed size.
    size: int
    #: Compressed size in the zip (equal to ``size`` for a folder).
    compressed: int
    is_dir: bool = False
    is_symlink: bool = False
    encrypted: bool = False
    #: Zip compression method (0 stored, 8 deflated...); 0 for a folder.
    method: int = 0
    #: True when a zip entry's name was stored without the UTF-8 flag (decoded as cp437).
    legacy_name: bool = False


class PackageSource:
    """A package's entries and a way to read one member in memory."""

    label: str
    entries: list[Entry]
    #: Bytes the package takes as uploaded (zip size, or the sum of the folder's files).
    stored_size: int
    is_zip: bool

    def read(self, name: str, limit: int = MAX_XML_BYTES) -> bytes:
        """Return the bytes of member ``name`` (at most ``limit``)."""
        raise NotImplementedError

    def files(self) -> list[str]:
        """Return the names of regular file entries (no folders, no links)."""
        return [e.name for e in self.entries if not e.is_dir and not e.is_symlink]

    def close(self) -> None:
        """Release the open archive, if any."""


class TooLarge(ValueError):
    """A member is larger than the caller allows."""


class ZipSource(PackageSource):
    """A package zip, read from its central directory."""

    is_zip = True

    def __init__(self, path: Path) -> None:
        """Open ``path`` (reads the central directory only)."""
        self.label = str(path)
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise Unreadable(f"{path}: not a readable zip file ({exc})") from exc
        self._infos = {info.filename: info for info in self._zip.infolist()}
        self.entries = [_zip_entry(info) for info in self._zip.infolist()]
        self.stored_size = path.stat().st_size

    def read(self, name: str, limit: int = MAX_XML_BYTES) -> bytes:
        """Return the bytes of ``name``, refusing members declared larger than ``limit``."""
        info = self._infos[name]
        if info.file_size > limit:
            raise TooLarge(f"{name}: {info.file_size:,} bytes, more than the {limit:,} read in memory")
        with self._zip.open(info) as member:
            data = member.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"{name}: inflates beyond {limit:,} bytes")
        return data

    def close(self) -> None:
        """Close the archive."""
        self._zip.close()


def _zip_entry(info: zipfile.ZipInfo) -> Entry:
    mode = info.external_attr >> 16
    symlink = info.create_system == 3 and stat.S_ISLNK(mode)
    return Entry(
        name=info.filename,
        size=info.file_size,
        compressed=info.compress_size,
        is_dir=info.is_dir(),
        is_symlink=symlink,
        encrypted=bool(info.flag_bits & 0x1),
        method=info.compress_type,
        legacy_name=not (info.flag_bits & 0x800) and not info.filename.isascii(),
    )


class FolderSource(PackageSource):
    """An unpacked package folder, walked without following links."""

    is_zip = False

    def __init__(self, path: Path) -> None:
        """List every file, folder and link under ``path``."""
        self.label = str(path)
        self.root = path.resolve()
        self.entries = list(_walk(self.root))
        self.stored_size = sum(e.size for e in self.entries if not e.is_dir and not e.is_symlink)
        self._names = {e.name: e for e in self.entries}

    def read(self, name: str, limit: int = MAX_XML_BYTES) -> bytes:
        """Return the bytes of the regular file ``name`` (links are never followed)."""
        entry = self._names[name]
        if entry.is_symlink or entry.is_dir:
            raise TooLarge(f"{name}: not a regular file")
        if entry.size > limit:
            raise TooLarge(f"{name}: {entry.size:,} bytes, more than the {limit:,} read in memory")
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.root / name, flags)
        with os.fdopen(fd, "rb") as handle:
            return handle.read(limit + 1)[:limit]


def _walk(root: Path):
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs) + sorted(files):
            path = base / name
            rel = path.relative_to(root).as_posix()
            info = path.lstat()
            link = stat.S_ISLNK(info.st_mode)
            is_dir = stat.S_ISDIR(info.st_mode)
            yield Entry(rel + ("/" if is_dir else ""), info.st_size, info.st_size, is_dir, link)


class SubSource(PackageSource):
    """The part of another source below ``prefix`` (used when the manifest sits in a subfolder)."""

    def __init__(self, parent: PackageSource, prefix: str) -> None:
        """View ``parent`` as if ``prefix`` were its root."""
        self.parent, self.prefix = parent, prefix
        self.label = f"{parent.label} [{prefix}]"
        self.is_zip = parent.is_zip
        self.stored_size = parent.stored_size
        self.entries = [
            Entry(
                e.name[len(prefix) :],
                e.size,
                e.compressed,
                e.is_dir,
                e.is_symlink,
                e.encrypted,
                e.method,
                e.legacy_name,
            )
            for e in parent.entries
            if e.name.startswith(prefix) and len(e.name) > len(prefix)
        ]

    def read(self, name: str, limit: int = MAX_XML_BYTES) -> bytes:
        """Read ``prefix + name`` from the parent."""
        return self.parent.read(self.prefix + name, limit)


def open_source(path: Path) -> PackageSource:
    """Return the source for a .zip file or a folder.

    Raises:
        Unreadable: when ``path`` is neither, or the zip cannot be read.
    """
    if path.is_dir():
        return FolderSource(path)
    if not path.is_file():
        raise Unreadable(f"{path}: no such file or folder")
    if not zipfile.is_zipfile(path):
        raise Unreadable(f"{path}: not a zip file or a folder")
    return ZipSource(path)
