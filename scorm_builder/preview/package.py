"""What the preview needs from a package: its SCOs, their launch URLs, the values the LMS hands them, and its files.

The package is opened with the checker's reader (never extracted) and refused when a zip-safety check
fails; its manifest is read with the checker's locked-down parser. Files are served from memory, only
under their exact names.
"""

from __future__ import annotations

import posixpath
import threading
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..checker import zipsafety
from ..checker.detect import detect
from ..checker.findings import ERROR, Unreadable
from ..checker.references import XML_BASE
from ..checker.scorm import Manifest, identify
from ..checker.scorm_datamodel import read
from ..checker.source import PackageSource, open_source
from ..checker.xmlsafe import parse
from ..errors import ScormBuilderError
from ..specs import ScormSpec

#: The largest single file served (a video, say); larger ones are refused.
MAX_SERVED_BYTES = 1024**3


class PreviewError(ScormBuilderError):
    """The package cannot be previewed (not SCORM, unsafe zip, nothing to launch)."""


@dataclass(frozen=True)
class Sco:
    """One launchable item: its identifier, title, launch URL inside the package, and LMS-owned values."""

    id: str
    title: str
    href: str
    #: Flattened CMI values the LMS sets from the manifest (mastery score, launch data...).
    lms_values: dict[str, str] = field(default_factory=dict)


@dataclass
class PreviewPackage:
    """An opened package: the record of its edition, its SCOs, and its files."""

    source: PackageSource
    spec: ScormSpec
    label: str
    scos: list[Sco]
    files: set[str]
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def standard(self) -> str:
        """Return the run-time environment the package talks to ("scorm12" or "scorm2004")."""
        return self.spec.rte.name

    @property
    def edition(self) -> int | None:
        """Return the SCORM 2004 edition (None for SCORM 1.2)."""
        return self.spec.edition

    @property
    def suspend_limit(self) -> int:
        """Return the suspend_data limit the package's edition guarantees (its smallest permitted maximum)."""
        return self.spec.limits.suspend_data

    def read(self, name: str) -> bytes | None:
        """Return the bytes of package file ``name`` (exact name), or None when it is not served."""
        if name not in self.files:
            return None
        with self._lock:  # one member at a time from the shared zip handle
            return self.source.read(name, MAX_SERVED_BYTES)

    def describe(self) -> dict:
        """Return what the LMS page needs to know about the package."""
        return {
            "label": self.label,
            "standard": self.standard,
            "edition": self.edition,
            "suspendLimit": self.suspend_limit,
            "lms": self.spec.rte.describe(),
            "scos": [{"id": s.id, "title": s.title, "href": s.href} for s in self.scos],
        }


def open_package(path: Path) -> PreviewPackage:
    """Open a SCORM package for preview.

    Raises:
        PreviewError: when the package is unsafe, not SCORM, or has nothing to launch.
    """
    try:
        source = open_source(path)
    except Unreadable as exc:
        raise PreviewError(str(exc)) from exc
    unsafe = [f.line() for f in zipsafety.check(source) if f.level == ERROR]
    if unsafe:
        raise PreviewError(
            "refusing an unsafe package (run scorm-builder validate for details):\n  " + "\n  ".join(unsafe)
        )
    skip = zipsafety.unsafe_names(source)
    try:
        detected = detect(source, skip)
    except Unreadable as exc:
        raise PreviewError(str(exc)) from exc
    if ("scorm", "imsmanifest.xml") not in detected.documents:
        raise PreviewError("preview plays SCORM 1.2 and 2004 packages; this one has no imsmanifest.xml at its root")
    root = detected.source
    manifest = _manifest(root)
    scos = _scos(manifest)
    if not scos:
        raise PreviewError("the manifest's default organization has no item that launches a resource")
    files = {n for n in root.files() if n not in skip}
    return PreviewPackage(root, manifest.spec, manifest.label, scos, files)


def _manifest(source: PackageSource) -> Manifest:
    parsed = parse("imsmanifest.xml", source.read("imsmanifest.xml"))
    if parsed.root is None:
        raise PreviewError("; ".join(f.line() for f in parsed.findings))
    manifest, findings = identify(parsed)
    if manifest is None:
        raise PreviewError("; ".join(f.line() for f in findings))
    return manifest


def _scos(m: Manifest) -> list[Sco]:
    holder = m.root.find(m.q("organizations"))
    orgs = holder.findall(m.q("organization")) if holder is not None else []
    wanted = holder.get("default") if holder is not None else None
    org = next((o for o in orgs if o.get("identifier") == wanted), orgs[0] if orgs else None)
    if org is None:
        return []
    hrefs = _resource_hrefs(m)
    scos = []
    for item in org.iter(m.q("item")):
        href = hrefs.get(item.get("identifierref", ""))
        if href:
            title = (item.findtext(m.q("title")) or item.get("identifier") or "").strip()
            scos.append(Sco(item.get("identifier", ""), title, href + _parameters(item), _lms_values(m, item)))
    return scos


def _resource_hrefs(m: Manifest) -> dict[str, str]:
    found = {}
    base_root = m.root.get(XML_BASE, "")
    for resources in m.root.iter(m.q("resources")):
        outer = posixpath.join(base_root, resources.get(XML_BASE, ""))
        for resource in resources.findall(m.q("resource")):
            href = resource.get("href")
            if href:
                found[resource.get("identifier", "")] = posixpath.join(outer, resource.get(XML_BASE, ""), href)
    return found


def _parameters(item: etree._Element) -> str:
    """Return the item's launch parameters as a URL suffix (CAM: a leading ? # or & is kept)."""
    parameters = (item.get("parameters") or "").strip()
    if not parameters or parameters[0] in "?#":
        return parameters
    return "?" + parameters.lstrip("&")


def _lms_values(m: Manifest, item: etree._Element) -> dict[str, str]:
    """Return the CMI values an LMS initialises from the manifest for this item (the record's manifest values)."""
    pairs = {value.cmi: read(m, item, value) for value in m.spec.rte.manifest_values}
    return {k: v.strip() for k, v in pairs.items() if v and v.strip()}
