"""Every file a control document names must be in the package, spelt exactly; every file in the package should be named.

Paths are compared case-sensitively, as an LMS on Linux serves them: ``Index.html`` is not
``index.html``. An ``href`` is a URI reference (percent-decoded, query and fragment dropped) relative
to the package root and any ``xml:base`` on the way (IMS CP 1.1.4); one that climbs above the root, or
is absolute, is an error. Files nobody lists are warnings (ADL CP rules): the control documents at the
root (the manifest and the ``.xsd``/``.dtd`` files it names) are exempt.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .findings import ERROR, INFO, WARNING, Finding, finding
from .source import PackageSource

if TYPE_CHECKING:
    from .scorm import Manifest

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
#: At most this many unlisted files are reported one by one.
MAX_UNLISTED = 25
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Files:
    """The package's file names, exact and case-folded, and those no check may read."""

    names: frozenset[str]
    folded: dict[str, str]

    @classmethod
    def of(cls, source: PackageSource, skip: set[str]) -> Files:
        """Index the regular files of ``source``."""
        names = frozenset(n for n in source.files() if n not in skip)
        return cls(names, {n.casefold(): n for n in names})


def is_absolute_url(href: str) -> bool:
    """Return True for ``http:``, ``https:``, ``data:``... (a scheme), False for a package path."""
    return bool(_SCHEME.match(href)) and not re.match(r"^[A-Za-z]:[\\/]", href)


def resolve(href: str, base: str = "") -> str:
    """Return the package path ``href`` names: percent-decoded, without query or fragment, normalised."""
    path = unquote(urlsplit(href).path) if not href.startswith("/") else href
    joined = posixpath.join(base, path) if base else path
    return posixpath.normpath(joined) if joined else ""


def check_href(href: str, where: str, files: Files, check: str, base: str = "") -> list[Finding]:
    """Return findings for one reference: outside the root, missing, or present in another case."""
    if is_absolute_url(href):
        return []
    if href.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", href):
        return [
            finding(
                ERROR, check, "outside-root", where, f"{href!r} is an absolute path: the LMS serves only the package"
            )
        ]
    path = resolve(href, base)
    if path == ".." or path.startswith("../"):
        return [
            finding(
                ERROR,
                check,
                "outside-root",
                where,
                f"{href!r} points outside the package root: no LMS serves it (and it may be a traversal attempt)",
            )
        ]
    if path in files.names:
        return []
    other = files.folded.get(path.casefold())
    if other is not None:
        return [
            finding(
                ERROR,
                check,
                "wrong-case",
                where,
                f"{href!r} is in the package as {other!r}: an LMS on Linux will not find it (case matters)",
            )
        ]
    return [finding(ERROR, check, "missing-file", where, f"{href!r} is not in the package")]


def check(m: Manifest, source: PackageSource, skip: set[str]) -> list[Finding]:
    """Return the file findings of a SCORM manifest: references, external launches, unlisted files, control documents."""
    files = Files.of(source, skip)
    found: list[Finding] = []
    listed: set[str] = {m.parsed.name}
    for element, href, base in _references(m):
        found += check_href(href, m.where(element), files, "files", base)
        if is_absolute_url(href) and element.tag == m.q("resource"):
            found.append(
                finding(
                    WARNING,
                    "files",
                    "external-launch",
                    m.where(element),
                    f"resource launches {href!r} from another site: a SCO there cannot reach "
                    "the LMS's API (different origin)",
                )
            )
        listed.add(resolve(href, base))
    found += _unlisted(files, listed)
    found += _schema_locations(m, files)
    return found


def _references(m: Manifest):
    root_base = m.root.get(XML_BASE, "")
    for resources in m.root.iter(m.q("resources")):
        outer = posixpath.join(root_base, resources.get(XML_BASE, ""))
        for resource in resources.findall(m.q("resource")):
            base = posixpath.join(outer, resource.get(XML_BASE, ""))
            if resource.get("href"):
                yield resource, resource.get("href"), base
            for file in resource.findall(m.q("file")):
                if file.get("href") is not None:
                    yield file, file.get("href"), base
    for location in m.root.iter(m.a("location")):
        if location.text and location.text.strip():
            yield location, location.text.strip(), ""


def _unlisted(files: Files, listed: set[str]) -> list[Finding]:
    folded = {name.casefold() for name in listed}  # a wrong-case reference is reported once, as wrong-case
    extra = sorted(n for n in files.names if n.casefold() not in folded and not _control_document(n))
    found = [
        finding(
            WARNING,
            "files",
            "unlisted-file",
            name,
            "in the package but listed in no <file>: LMSs that copy only listed files drop it",
        )
        for name in extra[:MAX_UNLISTED]
    ]
    if len(extra) > MAX_UNLISTED:
        found.append(
            finding(
                WARNING,
                "files",
                "unlisted-file",
                "...",
                f"and {len(extra) - MAX_UNLISTED} more files listed in no <file>",
            )
        )
    return found


def _control_document(name: str) -> bool:
    return "/" not in name and name.lower().endswith((".xsd", ".dtd"))


def _schema_locations(m: Manifest, files: Files) -> list[Finding]:
    hints = m.root.get(XSI_LOCATION, "").split()
    found = []
    for location in hints[1::2]:
        if is_absolute_url(location) or location in files.names:
            continue
        found.append(
            finding(
                INFO if "/" in location else WARNING,
                "files",
                "control-document-missing",
                m.where(m.root),
                f"xsi:schemaLocation names {location!r}, which is not in the package root: ADL's "
                "conformance test requires the control documents beside the manifest",
            )
        )
    return found
