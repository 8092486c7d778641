"""Parse a package's XML without resolving entities, loading DTDs or touching the network.

Every control document (imsmanifest.xml, tincan.xml, cmi5.xml) comes from a package nobody has
vetted, so the parser is locked down: ``resolve_entities=False`` (no external entity is read, no
internal one expanded: no XXE, no billion laughs), ``load_dtd=False``, ``no_network=True``, and no
huge-tree mode. Entity references survive as unexpanded nodes and are reported as errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .findings import ERROR, WARNING, Finding, finding


@dataclass
class Parsed:
    """A parsed control document and what parsing it showed."""

    name: str
    root: etree._Element | None
    findings: list[Finding] = field(default_factory=list)

    def where(self, element: etree._Element | None = None) -> str:
        """Return ``name:line`` of ``element`` (or just ``name``)."""
        line = getattr(element, "sourceline", None)
        return f"{self.name}:{line}" if line else self.name


def safe_parser() -> etree.XMLParser:
    """Return a parser that reads no entity, no DTD and nothing from the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse(name: str, data: bytes) -> Parsed:
    """Parse ``data`` (the bytes of package member ``name``) safely.

    Returns:
        The root (None when the document is not well-formed) and findings about the DOCTYPE,
        entity references and syntax errors, each with its line.
    """
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or ""
        where = f"{name}:{line}" if line else name
        return Parsed(name, None, [finding(ERROR, "xml", "invalid-xml", where, f"not well-formed XML: {exc.msg}")])
    parsed = Parsed(name, root)
    parsed.findings += _doctype_findings(parsed, root)
    return parsed


def _doctype_findings(parsed: Parsed, root: etree._Element) -> list[Finding]:
    found = []
    docinfo = root.getroottree().docinfo
    if docinfo.doctype:
        dtd = docinfo.internalDTD
        entities = [e.name for e in dtd.iterentities() if e.name] if dtd is not None else []  # a declaration is named
        if entities:
            found.append(
                finding(
                    ERROR,
                    "xml",
                    "entity-declaration",
                    parsed.name,
                    f"DOCTYPE declares entities ({', '.join(entities)}): not expanded or fetched "
                    "(XXE protection); an LMS that expands them could leak files",
                )
            )
        else:
            found.append(
                finding(
                    WARNING,
                    "xml",
                    "doctype",
                    parsed.name,
                    "DOCTYPE in a control document: ignored here, some LMS parsers refuse it",
                )
            )
    for node in root.iter(etree.Entity):
        found.append(
            finding(
                ERROR,
                "xml",
                "entity-reference",
                parsed.where(node),
                f"entity reference {node.text} left unexpanded: the document depends on a DTD entity",
            )
        )
    return found
