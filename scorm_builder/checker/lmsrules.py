"""What makes LMSs reject or half-run a package that the standards allow: warnings, each with its reason.

From the field notes and LMS vendors' documentation: spaces and non-ASCII characters in paths
(zip name encodings differ between tools; URL escaping differs between LMS file servers), a zip inside
the zip (the package was zipped twice), and sheer size (50 MB is "large" to vendors, uploads above
100 MB fail on many LMSs).
"""

from __future__ import annotations

from .findings import INFO, WARNING, Finding, finding
from .source import PackageSource

LARGE_BYTES = 50 * 1024**2
TOO_LARGE_BYTES = 100 * 1024**2
#: Characters with a meaning in URLs: a file named with them is served under another name or not at all.
URL_SPECIAL = set("#?%")


def check(source: PackageSource, skip: set[str]) -> list[Finding]:
    """Return the LMS-compatibility warnings of ``source``."""
    found: list[Finding] = []
    for entry in source.entries:
        if entry.name in skip:
            continue
        found += _name_findings(entry.name, entry.legacy_name)
        if entry.name.lower().endswith(".zip") and not entry.is_dir:
            found.append(
                finding(
                    WARNING,
                    "lms",
                    "nested-zip",
                    entry.name,
                    "a zip inside the package: LMSs do not unpack it; if it is the real package, "
                    "upload it instead of the outer zip",
                )
            )
    found += _size_findings(source)
    return found


def _name_findings(name: str, legacy: bool) -> list[Finding]:
    found = []
    if " " in name:
        found.append(
            finding(
                WARNING,
                "lms",
                "space-in-path",
                name,
                "space in the path: some LMSs and CDNs serve it only as %20 and links written "
                "with a raw space break; use - or _",
            )
        )
    if not name.isascii():
        extra = " and the zip stores it without the UTF-8 flag (read as cp437)" if legacy else ""
        found.append(
            finding(
                WARNING,
                "lms",
                "non-ascii-path",
                name,
                f"non-ASCII characters in the path{extra}: unzippers disagree on the encoding, so "
                "the LMS may store the file under another name; use ASCII names",
            )
        )
    special = sorted(URL_SPECIAL & set(name))
    if special:
        found.append(
            finding(
                WARNING,
                "lms",
                "url-special-path",
                name,
                f"{' '.join(special)} in the path: these mean something in a URL, so links to the "
                "file break unless every one is percent-encoded",
            )
        )
    return found


def _size_findings(source: PackageSource) -> list[Finding]:
    size = source.stored_size
    if size > TOO_LARGE_BYTES:
        return [
            finding(
                WARNING,
                "lms",
                "large-package",
                source.label,
                f"{size / 1024**2:,.0f} MB: many LMSs refuse uploads above 100 MB (or time out); "
                "stream large videos from a media server instead",
            )
        ]
    if size > LARGE_BYTES:
        return [
            finding(
                INFO,
                "lms",
                "large-package",
                source.label,
                f"{size / 1024**2:,.0f} MB: LMS vendors call packages above 50 MB large; check the "
                "target LMS's upload limit",
            )
        ]
    return []
