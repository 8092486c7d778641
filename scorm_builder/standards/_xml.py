"""Small lxml helpers shared by the manifest builders; what differs between standards comes from their records."""

from __future__ import annotations

from lxml import etree

from ..specs import ScormSpec

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def qn(namespace: str, name: str) -> str:
    """Return the Clark name ``{namespace}name``."""
    return f"{{{namespace}}}{name}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    """Append a child element with optional text and attributes, and return it."""
    element = etree.SubElement(parent, tag, dict(attrib))
    if text is not None:
        element.text = text
    return element


def scorm_root(spec: ScormSpec, identifier: str, version: str) -> etree._Element:
    """Return a SCORM ``manifest`` element: the record's namespaces, each XSD at the package root, and
    ``metadata`` naming the edition (``schema`` and ``schemaversion``, CAM 3.4.1.3)."""
    nsmap = {s.prefix: s.namespace for s in spec.xsd.schemas} | {"xsi": XSI}
    root = etree.Element(spec.qname(None, "manifest"), nsmap=nsmap, identifier=identifier, version=version)
    root.set(qn(XSI, "schemaLocation"), " ".join(f"{ns} {name}" for ns, name in spec.xsd.namespaces))
    metadata = sub(root, spec.qname(None, "metadata"))
    sub(metadata, spec.qname(None, "schema"), "ADL SCORM")
    sub(metadata, spec.qname(None, "schemaversion"), spec.schemaversion)
    return root


def sco_item(spec: ScormSpec, root: etree._Element, title: str, **attrib: str) -> tuple[etree._Element, etree._Element]:
    """Append ``organizations`` with the default organization and its one item, launching ``sco-1``; return both."""
    orgs = sub(root, spec.qname(None, "organizations"), default="org")
    org = sub(orgs, spec.qname(None, "organization"), identifier="org")
    sub(org, spec.qname(None, "title"), title)
    item = sub(org, spec.qname(None, "item"), identifier="item-1", identifierref="sco-1", **attrib)
    sub(item, spec.qname(None, "title"), title)
    return org, item


def sco_resource(spec: ScormSpec, root: etree._Element, files: list[str], href: str = "index.html") -> None:
    """Append ``resources`` with the one SCO (``sco-1``) that launches ``href`` and lists ``files``."""
    resources = sub(root, spec.qname(None, "resources"))
    resource = sub(resources, spec.qname(None, "resource"), identifier="sco-1", type="webcontent", href=href)
    resource.set(spec.qname("adlcp", spec.scorm_type), "sco")
    for name in files:
        sub(resource, spec.qname(None, "file"), href=name)
