"""Is the package safe to open? Judged from the zip's central directory alone, before any member is read.

Entry names that are absolute or climb out with ``..`` (zip slip), symbolic links, encrypted
members, duplicate names, and sizes that betray a zip bomb (a huge declared total, or one member that
inflates far more than any real content does) are all visible in the central directory, so they are
found without inflating a byte. Members flagged here are never read by the later checks.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from .findings import ERROR, WARNING, Finding, finding
from .source import Entry, PackageSource

#: Refuse packages whose members add up to more than this uncompressed (a zip bomb or no course at all).
MAX_TOTAL_BYTES = 2 * 1024**3
#: Refuse packages with more members than this.
MAX_ENTRIES = 100_000
#: A member inflating more than this many times... (deflate tops out near 1032:1; HTML/JS/XML rarely pass 20:1)
MAX_RATIO = 200
#: ...is a bomb if it also inflates to more than this.
RATIO_MIN_BYTES = 1024 * 1024
#: Compression methods every LMS unzipper reads: stored and deflated.
PORTABLE_METHODS = {0, 8}

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_names(source: PackageSource) -> set[str]:
    """Return the entries no check may read: unsafe paths, links, encrypted or bomb-like members."""
    return {e.name for e in source.entries if _path_problem(e.name) or e.is_symlink or e.encrypted or _is_bomb(e)}


def check(source: PackageSource) -> list[Finding]:
    """Return the zip-safety findings of ``source`` (paths, links, sizes, encryption, duplicates)."""
    found: list[Finding] = []
    for entry in source.entries:
        found += _entry_findings(entry, source.is_zip)
    found += _total_findings(source)
    found += _duplicate_findings(source.entries)
    return found


SYMLINK = (
    "symbolic link: unzipping it can write or read outside the package; LMSs refuse or drop links, "
    "so store the file itself"
)
BACKSLASH = (
    "backslash in the entry name: an LMS on Linux sees one file with a backslash in its name, not a folder "
    "(the zip was made with a Windows tool that ignores the zip spec)"
)


def _entry_findings(entry: Entry, is_zip: bool) -> list[Finding]:
    problem = _path_problem(entry.name)
    code, message = problem or ("", "")
    odd_method = is_zip and entry.method not in PORTABLE_METHODS and not entry.is_dir
    checks = [
        (problem is not None, ERROR, code, message),
        (entry.is_symlink, ERROR, "symlink", SYMLINK),
        (entry.encrypted, ERROR, "encrypted", "encrypted member: no LMS can read it"),
        (
            _is_bomb(entry),
            ERROR,
            "zip-bomb",
            f"declares {entry.size:,} bytes from {entry.compressed:,} compressed "
            f"(ratio {_ratio(entry):,.0f}:1, limit {MAX_RATIO}:1): refused as a zip bomb, not inflated",
        ),
        (
            odd_method,
            WARNING,
            "compression-method",
            f"compression method {entry.method}: many LMS unzippers read only stored (0) and deflated (8) members",
        ),
        ("\\" in entry.name, WARNING, "backslash", BACKSLASH),
    ]
    return [finding(level, "zip", code, entry.name, text) for hit, level, code, text in checks if hit]


def _path_problem(name: str) -> tuple[str, str] | None:
    """Return (code, message) when ``name`` is absolute or leaves the package root."""
    plain = name.replace("\\", "/")
    if plain.startswith("/") or _DRIVE.match(plain):
        return "absolute-path", "absolute path in the zip: unzipping it writes outside the target folder"
    if ".." in plain.split("/"):
        where = posixpath.normpath(plain)
        leaves = where == ".." or where.startswith("../")
        text = "leaves the package root (zip slip)" if leaves else "contains '..' (zip slip risk)"
        return "zip-slip", f"entry path {text}: unzipping it can overwrite files outside the package"
    return None


def _ratio(entry: Entry) -> float:
    return entry.size / max(entry.compressed, 1)


def _is_bomb(entry: Entry) -> bool:
    return entry.size > RATIO_MIN_BYTES and _ratio(entry) > MAX_RATIO


def _total_findings(source: PackageSource) -> list[Finding]:
    found = []
    total = sum(e.size for e in source.entries if not e.is_dir)
    if total > MAX_TOTAL_BYTES:
        found.append(
            finding(
                ERROR,
                "zip",
                "too-large-uncompressed",
                source.label,
                f"members declare {total:,} bytes uncompressed, more than the {MAX_TOTAL_BYTES:,} "
                "limit: refused without inflating (zip bomb or not a course)",
            )
        )
    if len(source.entries) > MAX_ENTRIES:
        found.append(
            finding(
                ERROR,
                "zip",
                "too-many-entries",
                source.label,
                f"{len(source.entries):,} entries, more than the {MAX_ENTRIES:,} limit",
            )
        )
    return found


def _duplicate_findings(entries: list[Entry]) -> list[Finding]:
    found = []
    exact = Counter(e.name for e in entries)
    for name, count in sorted(exact.items()):
        if count > 1:
            found.append(
                finding(
                    ERROR, "zip", "duplicate-entry", name, f"stored {count} times: LMSs disagree about which copy wins"
                )
            )
    folded: dict[str, set[str]] = {}
    for name in exact:
        folded.setdefault(name.casefold(), set()).add(name)
    for names in sorted(folded.values(), key=sorted):
        if len(names) > 1:
            listed = ", ".join(sorted(names))
            found.append(
                finding(
                    WARNING,
                    "zip",
                    "case-collision",
                    min(names),
                    f"names differ only in case ({listed}): unzipped on Windows or macOS one overwrites the other",
                )
            )
    return found
