"""Validate a manifest against the official XSDs of its edition (its record's ``xsd``), extension namespaces strictly.

This reuses the builder's validator (:func:`scorm_builder.validate.check_manifest` with a
:class:`~scorm_builder.validate.SchemaSet`): the pinned official XSDs from the cache, never the ones
a package ships (they could be anything), read from local files only. Each error line it reports
becomes one finding, with the manifest line when the path can be found in the document.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import ManifestInvalid
from ..specs import UNPINNED_METADATA
from ..specs.model import XsdSet
from ..validate import check_manifest
from ..xsd import schema_set
from .findings import ERROR, WARNING, Finding, finding
from .xmlsafe import Parsed

_UNDECLARED_NS = re.compile(r"(?:element in undeclared|unavailable) namespace '([^']*)'")


def check(root: etree._Element, xsd: XsdSet, parsed: Parsed, xsd_source: str | None) -> list[Finding]:
    """Return one finding per XSD error of ``root`` (a SchemaFetchError propagates: no XSDs, no check)."""
    if any(True for _ in root.iter(etree.Entity)):
        return [
            finding(
                ERROR,
                "xsd",
                "xsd-skipped",
                parsed.name,
                "not validated against the XSDs: the manifest depends on unexpanded entities",
            )
        ]
    try:
        check_manifest(root, schema_set(xsd, xsd_source))
    except ManifestInvalid as exc:
        return _findings(str(exc).splitlines()[1:], root, parsed)
    except Exception as exc:  # noqa: BLE001 - xmlschema raises many types on hostile input; report, don't crash
        return [finding(ERROR, "xsd", "xsd-failed", parsed.name, f"could not be validated: {exc}")]
    return []


def _findings(lines: list[str], root: etree._Element, parsed: Parsed) -> list[Finding]:
    found: list[Finding] = []
    unpinned: set[str] = set()
    for line in (raw.strip() for raw in lines):
        path, _, reason = line.partition(": ")
        namespace = _UNDECLARED_NS.search(reason)
        if namespace and namespace.group(1) in UNPINNED_METADATA:
            unpinned.add(namespace.group(1))
            continue
        element_path, _, attribute = path.partition("/@")
        text = f"{_prefixed(attribute, root)}: {reason}" if attribute else reason
        found.append(finding(ERROR, "xsd", "xsd", _where(element_path, root, parsed), text or line))
    for uri in sorted(unpinned):
        found.append(
            finding(
                WARNING,
                "xsd",
                "metadata-not-validated",
                parsed.name,
                f"inline {UNPINNED_METADATA[uri]} metadata ({uri}) is not validated: "
                "its XSD is not in the pinned official set",
            )
        )
    return found


def _where(path: str, root: etree._Element, parsed: Parsed) -> str:
    """Return ``manifest:line`` for an lxml (``/*/*[2]``) or xmlschema path, else the name and path."""
    element = _lookup(path, root)
    if element is not None and element.sourceline:
        return parsed.where(element)
    return f"{parsed.name} {path}" if path else parsed.name


def _prefixed(attribute: str, root: etree._Element) -> str:
    """Return ``{ns}name`` as ``prefix:name`` when the manifest binds a prefix to ``ns``."""
    qname = etree.QName(attribute) if attribute.startswith("{") else None
    if qname is None:
        return attribute
    prefix = next((p for p, ns in root.nsmap.items() if ns == qname.namespace and p), None)
    return f"{prefix}:{qname.localname}" if prefix else attribute


def _lookup(path: str, root: etree._Element) -> etree._Element | None:
    if not path.startswith("/"):
        return None
    namespaces = {k: v for k, v in root.nsmap.items() if k}
    steps = [re.sub(r"^(?![\w*.-]+:)([A-Za-z_][\w.-]*)", r"*[local-name()='\1']", s) for s in path.split("/")[1:]]
    try:
        hits = root.getroottree().xpath("/" + "/".join(steps), namespaces=namespaces)
    except etree.XPathError:
        return None
    return hits[0] if hits and isinstance(hits[0], etree._Element) else None
