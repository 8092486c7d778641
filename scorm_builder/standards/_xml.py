"""Small lxml helpers shared by the manifest builders; no standard-specific logic."""

from __future__ import annotations

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def qn(namespace: str, name: str) -> str:
    """Return the Clark name ``{namespace}name``."""
    return f"{{{namespace}}}{name}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    """Append a child element with optional text and attributes, and return it."""
    element = etree.SubElement(parent, tag, {k: v for k, v in attrib.items()})
    if text is not None:
        element.text = text
    return element


def schema_location(pairs: tuple[tuple[str, str], ...]) -> str:
    """Return an ``xsi:schemaLocation`` value naming each namespace's XSD at the package root."""
    return " ".join(f"{ns} {name}" for ns, name in pairs)
