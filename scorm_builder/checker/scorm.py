"""SCORM 1.2 and 2004 packages: which version and edition the manifest declares, and the checks run on it.

The version comes from the manifest's namespace (IMS CP 1.1.2 for SCORM 1.2, IMS CP 1.1.4 for 2004)
and the edition from ``metadata/schemaversion`` (SCORM 2004 CAM 3.4.1.3): "CAM 1.3" (2nd edition),
"2004 3rd Edition", "2004 4th Edition"; SCORM 1.2's is "1.2".
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..namespaces import ADLCP12, ADLCP2004, IMSCP12, IMSCP2004
from . import references, scorm_datamodel, scorm_structure, sequencing, xsdcheck
from .findings import ERROR, INFO, WARNING, Finding, finding
from .source import PackageSource
from .xmlsafe import Parsed

#: schemaversion -> (edition, XSD set used, label).
EDITIONS_2004 = {
    "CAM 1.3": (2, "2004-3", "SCORM 2004 2nd edition"),
    "2004 3rd Edition": (3, "2004-3", "SCORM 2004 3rd edition"),
    "2004 4th Edition": (4, "2004-4", "SCORM 2004 4th edition"),
}


@dataclass(frozen=True)
class Manifest:
    """A parsed SCORM manifest and what it declares itself to be."""

    parsed: Parsed
    #: "1.2" or "2004".
    version: str
    #: 2, 3 or 4 for SCORM 2004; None for 1.2.
    edition: int | None
    #: Key of the XSD set it is validated against (see :mod:`.xsdcheck`).
    xsd_set: str
    label: str

    @property
    def root(self) -> etree._Element:
        """Return the manifest element."""
        assert self.parsed.root is not None
        return self.parsed.root

    @property
    def cp(self) -> str:
        """Return the IMS CP namespace of this version."""
        return IMSCP12 if self.version == "1.2" else IMSCP2004

    @property
    def adlcp(self) -> str:
        """Return the ADL CP namespace of this version."""
        return ADLCP12 if self.version == "1.2" else ADLCP2004

    def q(self, local: str) -> str:
        """Return the Clark name of an IMS CP element."""
        return f"{{{self.cp}}}{local}"

    def a(self, local: str) -> str:
        """Return the Clark name of an ADL CP attribute or element."""
        return f"{{{self.adlcp}}}{local}"

    def where(self, element: etree._Element | None = None) -> str:
        """Return ``imsmanifest.xml:line``."""
        return self.parsed.where(element)

    def value(self, element: etree._Element, name: str = "identifier") -> str | None:
        """Return an attribute typed ``xs:ID``, ``xs:IDREF``, ``xs:anyURI`` or ``xs:boolean`` as the XSDs read it."""
        return collapse(element.get(name))


def collapse(value: str | None) -> str | None:
    """Return ``value`` with XML Schema's ``collapse`` whitespace rule applied (None stays None).

    ``xs:ID`` and ``xs:IDREF`` derive from ``xs:token``, and ``xs:anyURI`` and ``xs:boolean`` fix the
    same facet (XML Schema 1.0 Part 2, 3.3.2, 3.3.8, 3.3.9, 3.2.17, 3.2.2 and 4.3.6 whiteSpace): the value
    of ``identifier="   CASETEST   "`` is ``CASETEST``, which is what every reference to it must name.
    """
    return " ".join(value.split()) if value is not None else None


def identify(parsed: Parsed) -> tuple[Manifest | None, list[Finding]]:
    """Return what the manifest declares (None when it is no SCORM manifest) and findings about it."""
    root = parsed.root
    assert root is not None
    namespace = etree.QName(root).namespace
    if etree.QName(root).localname != "manifest" or namespace not in (IMSCP12, IMSCP2004):
        message = (
            f"root element {{{namespace}}}{etree.QName(root).localname} is not an IMS CP manifest "
            f"({IMSCP12} for SCORM 1.2, {IMSCP2004} for SCORM 2004)"
        )
        return None, [finding(ERROR, "manifest", "not-a-manifest", parsed.where(root), message)]
    text = root.findtext(f"{{{namespace}}}metadata/{{{namespace}}}schemaversion")
    value = text.strip() if text is not None else None
    if namespace == IMSCP12:
        return _identify_12(parsed, value)
    return _identify_2004(parsed, value)


def _identify_12(parsed: Parsed, value: str | None) -> tuple[Manifest, list[Finding]]:
    manifest = Manifest(parsed, "1.2", None, "1.2", "SCORM 1.2")
    if value == "1.2":
        return manifest, []
    if value is None:
        return manifest, [
            finding(
                WARNING,
                "manifest",
                "schemaversion-missing",
                parsed.name,
                "no metadata/schemaversion: taken as SCORM 1.2 from the namespace; "
                "write <schemaversion>1.2</schemaversion>",
            )
        ]
    return manifest, [
        finding(
            ERROR,
            "manifest",
            "schemaversion-unknown",
            parsed.name,
            f"unknown schemaversion {value!r} for an IMS CP 1.1.2 (SCORM 1.2) manifest; expected '1.2'",
        )
    ]


def _identify_2004(parsed: Parsed, value: str | None) -> tuple[Manifest, list[Finding]]:
    known = EDITIONS_2004.get(value or "")
    if known is None:
        manifest = Manifest(parsed, "2004", 4, "2004-4", "SCORM 2004 (unknown edition)")
        expected = ", ".join(repr(v) for v in EDITIONS_2004)
        what = f"unknown schemaversion {value!r}" if value is not None else "no metadata/schemaversion"
        return manifest, [
            finding(
                ERROR,
                "manifest",
                "schemaversion-unknown" if value is not None else "schemaversion-missing",
                parsed.name,
                f"{what} in a SCORM 2004 manifest (CAM 3.4.1.3); expected one of {expected}",
            ),
            finding(INFO, "xsd", "xsd-set", parsed.name, "validated against the SCORM 2004 4th edition XSDs"),
        ]
    edition, xsd_set, label = known
    manifest = Manifest(parsed, "2004", edition, xsd_set, label)
    if edition == 2:
        return manifest, [
            finding(
                INFO,
                "xsd",
                "xsd-set",
                parsed.name,
                "SCORM 2004 2nd edition (CAM 1.3): validated against the 3rd edition XSDs, "
                "which the pinned official set has instead of the 2nd edition's",
            )
        ]
    return manifest, []


def check(source: PackageSource, parsed: Parsed, skip: set[str], xsd_source: str | None) -> tuple[str, list[Finding]]:
    """Run every SCORM check on a parsed manifest; return the detected label and the findings."""
    manifest, found = identify(parsed)
    if manifest is None:
        return "not SCORM", found
    found += xsdcheck.check(manifest.root, manifest.xsd_set, parsed, xsd_source)
    found += scorm_structure.check(manifest)
    found += scorm_datamodel.check(manifest)
    if manifest.version == "2004":
        found += sequencing.check(manifest)
    found += references.check(manifest, source, skip)
    return manifest.label, found
