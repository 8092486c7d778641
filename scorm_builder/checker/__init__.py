"""Check any e-learning package (SCORM 1.2, SCORM 2004, xAPI, cmi5; a .zip or a folder) as an LMS would take it.

The checks run in this order, each in its own module:

1. :mod:`.source` opens the package without extracting it; :mod:`.zipsafety` judges every entry from
   the central directory (zip slip, absolute paths, links, zip bombs) before a byte is inflated;
2. :mod:`.lmsrules` warns about what LMSs reject though the standards allow it;
3. :mod:`.detect` finds the control documents (imsmanifest.xml, tincan.xml, cmi5.xml), which
   :mod:`.xmlsafe` parses with entities, DTDs and network access off;
4. :mod:`.scorm` (XSDs, structure, data model, sequencing, files), :mod:`.xapi` or :mod:`.cmi5`.

Example:
    report = check_package(Path("course.zip"))
    print(render_text(report)); sys.exit(report.exit_code)
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ..errors import SchemaFetchError
from ..specs import SPECS
from . import cmi5, lmsrules, scorm, xapi, zipsafety
from .detect import detect
from .findings import ERROR, Finding, Report, Unreadable, finding
from .references import Files
from .report import render_json, render_text, render_unreadable
from .source import PackageSource, TooLarge, open_source
from .xmlsafe import Parsed, parse

__all__ = ["Report", "Unreadable", "check_package", "render_json", "render_text", "run"]

#: The checked kind of a control document -> what the report calls it (SCORM: the edition found).
LABELS = {s.kind: s.title for s in SPECS.values() if s.kind != "scorm"}


def check_package(path: Path, xsd_source: str | None = None) -> Report:
    """Check the package at ``path`` and return every finding.

    Raises:
        Unreadable: when ``path`` is not a zip or folder, the zip is corrupt, or no control document exists.
        SchemaFetchError: when a SCORM manifest needs the official XSDs and they cannot be had.
    """
    source = open_source(Path(path))
    try:
        return _check(source, xsd_source)
    finally:
        source.close()


def _check(source: PackageSource, xsd_source: str | None) -> Report:
    report = Report(source.label)
    skip = zipsafety.unsafe_names(source)
    report.findings += zipsafety.check(source)
    report.findings += lmsrules.check(source, skip)
    detected = detect(source, skip)
    report.findings += detected.findings
    for kind, name in detected.documents:
        label, found = _check_document(detected.source, kind, name, skip, xsd_source)
        report.kinds.append(label)
        report.findings += found
    return report


def _check_document(
    source: PackageSource, kind: str, name: str, skip: set[str], xsd_source: str | None
) -> tuple[str, list[Finding]]:
    parsed = _read(source, name)
    if parsed.root is None:
        return LABELS.get(kind, "SCORM"), parsed.findings
    if kind == "scorm":
        label, found = scorm.check(source, parsed, skip, xsd_source)
        return label, parsed.findings + found
    files = Files.of(source, skip)
    checker = xapi.check if kind == "xapi" else cmi5.check
    return LABELS[kind], parsed.findings + checker(parsed, files)


def _read(source: PackageSource, name: str) -> Parsed:
    try:
        data = source.read(name)
    except (TooLarge, zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        return Parsed(name, None, [finding(ERROR, "xml", "unreadable-document", name, f"cannot be read: {exc}")])
    return parse(name, data)


def run(path: Path, as_json: bool = False, xsd_source: str | None = None) -> tuple[str, int]:
    """Check ``path`` and return (printed report, exit code): 0 valid, 1 invalid, 2 cannot be read."""
    try:
        report = check_package(path, xsd_source)
    except Unreadable as exc:
        return render_unreadable(str(path), str(exc), as_json), 2
    except SchemaFetchError as exc:
        return render_unreadable(str(path), f"cannot validate without the official XSDs: {exc}", as_json), 2
    return (render_json(report) if as_json else render_text(report)), report.exit_code
