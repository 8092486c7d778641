"""SCORM 1.2 and 2004 packages: which version and edition the manifest declares, and the checks run on it.

The version comes from the manifest's namespace (IMS CP 1.1.2 for SCORM 1.2, IMS CP 1.1.4 for 2004)
and the edition from ``metadata/schemaversion`` (SCORM 2004 CAM 3.4.1.3): "CAM 1.3" (2nd edition),
"2004 3rd Edition", "2004 4th Edition"; SCORM 1.2's is "1.2". Both are looked up in the records
(:mod:`scorm_builder.specs`), whose facts every check reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..specs import SPECS, ScormSpec, scorm_editions
from . import references, scorm_datamodel, scorm_structure, sequencing, xsdcheck
from .findings import ERROR, INFO, WARNING, Finding, finding
from .source import PackageSource
from .xmlsafe import Parsed


@dataclass(frozen=True)
class Manifest:
    """A parsed SCORM manifest and the record of the edition it declares itself to be."""

    parsed: Parsed
    spec: ScormSpec
    label: str

    @property
    def root(self) -> etree._Element:
        """Return the manifest element."""
        assert self.parsed.root is not None
        return self.parsed.root

    def q(self, local: str) -> str:
        """Return the Clark name of an IMS CP element."""
        return self.spec.qname(None, local)

    def a(self, local: str) -> str:
        """Return the Clark name of an ADL CP attribute or element."""
        return self.spec.qname("adlcp", local)

    def find(self, element: etree._Element, path: str) -> etree._Element | None:
        """Return the first match of a path written with the record's prefixes (``adlcp:masteryscore``)."""
        return element.find(path, self.spec.xsd.prefixes)

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
    editions = scorm_editions(namespace)
    if etree.QName(root).localname != "manifest" or not editions:
        versions = {s.namespace: s.rte.title for s in SPECS.values() if isinstance(s, ScormSpec)}
        known = ", ".join(f"{ns} for {title}" for ns, title in versions.items())
        message = f"root element {{{namespace}}}{etree.QName(root).localname} is not an IMS CP manifest ({known})"
        return None, [finding(ERROR, "manifest", "not-a-manifest", parsed.where(root), message)]
    text = root.findtext(f"{{{namespace}}}metadata/{{{namespace}}}schemaversion")
    value = text.strip() if text is not None else None
    spec = next((s for s in editions if s.schemaversion == value), None)
    if spec is not None:
        note = [finding(INFO, "xsd", "xsd-set", parsed.name, spec.xsd.stand_in)] if spec.xsd.stand_in else []
        return Manifest(parsed, spec, spec.title), note
    return _unknown_edition(parsed, editions, value)


def _unknown_edition(
    parsed: Parsed, editions: tuple[ScormSpec, ...], value: str | None
) -> tuple[Manifest, list[Finding]]:
    """Take a manifest whose schemaversion names no edition as the newest edition of its version."""
    newest, title = editions[-1], editions[-1].rte.title
    expected = " or ".join(repr(s.schemaversion) for s in editions)
    if value is None and not newest.rules.schemaversion_required:
        message = (
            f"no metadata/schemaversion: taken as {newest.title} from the namespace; "
            f"write <schemaversion>{newest.schemaversion}</schemaversion>"
        )
        return Manifest(parsed, newest, newest.title), [
            finding(WARNING, "manifest", "schemaversion-missing", parsed.name, message)
        ]
    what = f"unknown schemaversion {value!r}" if value is not None else "no metadata/schemaversion"
    code = "schemaversion-unknown" if value is not None else "schemaversion-missing"
    message = f"{what} in a {title} manifest (CAM: metadata/schemaversion); expected {expected}"
    found = [finding(ERROR, "manifest", code, parsed.name, message)]
    if len(editions) == 1:
        return Manifest(parsed, newest, newest.title), found
    note = f"validated against the {newest.title} XSDs"
    found.append(finding(INFO, "xsd", "xsd-set", parsed.name, note))
    return Manifest(parsed, newest, f"{title} (unknown edition)"), found


def check(source: PackageSource, parsed: Parsed, skip: set[str], xsd_source: str | None) -> tuple[str, list[Finding]]:
    """Run every SCORM check on a parsed manifest; return the detected label and the findings."""
    manifest, found = identify(parsed)
    if manifest is None:
        return "not SCORM", found
    found += xsdcheck.check(manifest.root, manifest.spec.xsd, parsed, xsd_source)
    found += scorm_structure.check(manifest)
    found += scorm_datamodel.check(manifest)
    if manifest.spec.rules.sequencing:
        found += sequencing.check(manifest)
    found += references.check(manifest, source, skip)
    return manifest.label, found
