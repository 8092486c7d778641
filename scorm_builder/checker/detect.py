"""Which standard is this package? Found from its control documents: imsmanifest.xml, tincan.xml, cmi5.xml.

An LMS looks for the control document at the root of the zip, with exactly that name. When none is
there, a manifest one folder down (the folder was zipped instead of its contents) or spelt in another
case is reported as an error and the checks go on from where it is, so the rest of the package is
still checked; a package whose only control document is inside a nested zip, or that has none, cannot
be checked at all.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..specs import CONTROL_DOCUMENTS
from .findings import ERROR, Finding, Unreadable, finding
from .source import PackageSource, SubSource


@dataclass
class Detected:
    """Where the checks start: the (possibly re-rooted) source and the control documents found at its root."""

    source: PackageSource
    #: (kind, document name) pairs, e.g. ("scorm", "imsmanifest.xml").
    documents: list[tuple[str, str]]
    findings: list[Finding]


def detect(source: PackageSource, skip: set[str]) -> Detected:
    """Find the control documents of ``source``, ignoring unsafe entries in ``skip``.

    Raises:
        Unreadable: when no control document is found anywhere.
    """
    files = [n for n in source.files() if n not in skip]
    at_root = [(CONTROL_DOCUMENTS[n], n) for n in files if n in CONTROL_DOCUMENTS]
    if at_root:
        return Detected(source, sorted(at_root), [])
    miscased = _miscased(source, files)
    if miscased:
        return miscased
    nested = _in_subfolder(source, files)
    if nested:
        return nested
    raise Unreadable(_nothing_found(source, files))


def _miscased(source: PackageSource, files: list[str]) -> Detected | None:
    for name in files:
        kind = CONTROL_DOCUMENTS.get(name.lower())
        if kind and "/" not in name:
            message = (
                f"the control document must be named {name.lower()!r} exactly: an LMS on Linux does "
                f"not find {name!r}. Checked as if it were."
            )
            return Detected(source, [(kind, name)], [finding(ERROR, "files", "control-document-case", name, message)])
    return None


def _in_subfolder(source: PackageSource, files: list[str]) -> Detected | None:
    candidates = sorted((n.count("/"), n) for n in files if posixpath.basename(n) in CONTROL_DOCUMENTS)
    if not candidates:
        return None
    depth, name = candidates[0]
    folder = posixpath.dirname(name) + "/"
    shallowest = [n for d, n in candidates if d == depth and n.startswith(folder)]
    message = (
        f"control document in the subfolder {folder!r}, not at the root: LMSs read "
        f"{posixpath.basename(name)} only at the root of the zip (the folder was zipped instead of "
        f"its contents); zip what is inside {folder!r}. Checked from that folder on."
    )
    sub = SubSource(source, folder)
    documents = sorted((CONTROL_DOCUMENTS[posixpath.basename(n)], posixpath.basename(n)) for n in shallowest)
    return Detected(sub, documents, [finding(ERROR, "lms", "manifest-in-subfolder", name, message)])


def _nothing_found(source: PackageSource, files: list[str]) -> str:
    zips = [n for n in files if n.lower().endswith(".zip")]
    hint = ""
    if zips:
        hint = (
            f"; it holds {', '.join(zips[:3])}: a zip inside the zip is a common mistake, upload the "
            "inner package itself"
        )
    return f"{source.label}: no imsmanifest.xml, tincan.xml or cmi5.xml found{hint}"
