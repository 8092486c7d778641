"""Validate manifests against the official XSDs, extension namespaces included, without network access."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .errors import ManifestInvalid
from .paths import cache_dir

if TYPE_CHECKING:
    import xmlschema

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: How many validated manifests are remembered in one process (see :func:`schema_errors`).
REMEMBERED = 32


@dataclass(frozen=True)
class SchemaSet:
    """The XSDs a manifest is checked against: one folder, one schema file per namespace."""

    #: The folder (inside the fetched definitionFiles) holding this edition's XSDs.
    folder: Path
    #: namespace URI -> schema file name in ``folder``; the first is the manifest's own namespace.
    namespaces: tuple[tuple[str, str], ...]
    #: XSD 1.0 or 1.1 (see the SPEC COMPLIANCE NOTE in :func:`_build`).
    xsd_version: str = "1.0"
    #: (file name, sha256) of every file of ``folder`` as ``schemas/scorm-xsd.lock.json`` pins it; empty
    #: for a folder nobody has checked (a package's own copy), whose validator is never kept on disk.
    pins: tuple[tuple[str, str], ...] = ()

    @property
    def files(self) -> list[Path]:
        """Return every file of the folder: the schemas and what they include or import."""
        return sorted(p for p in self.folder.iterdir() if p.is_file())


def check_manifest(root: etree._Element, schemas: SchemaSet) -> None:
    """Validate ``root`` against ``schemas`` and check every extension element and attribute strictly.

    Raises:
        ManifestInvalid: listing every error, each with the path of the offending node.
    """
    errors = schema_errors(root, schemas)
    if errors:
        raise ManifestInvalid("manifest is not valid against the official XSDs:\n  " + "\n  ".join(errors))


_remembered: dict[tuple[SchemaSet, str], tuple[str, ...]] = {}


def schema_errors(root: etree._Element, schemas: SchemaSet) -> tuple[str, ...]:
    """Return every XSD error of ``root`` as ``path: reason``, validating each distinct document once.

    The build checks a manifest before it zips it, and then runs the package checker on the zip,
    which reads the same bytes back: that second check is answered from memory, keyed by the
    document's sha256, so every package is validated against the XSDs once. A document found valid
    against a pinned schema set is also remembered on disk (:func:`verdict_path`), so a rebuild that
    makes the very same bytes does not validate them again.
    """
    document = etree.tostring(root)
    key = (schemas, hashlib.sha256(document).hexdigest())
    if key not in _remembered:
        verdict = verdict_path(schemas, key[1])
        if verdict is not None and verdict.is_file():
            errors: list[str] = []
        else:
            schema = load_schema(schemas)
            errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(document)]
            errors += _strict_extensions(root, schema, {ns for ns, _ in schemas.namespaces})
            if verdict is not None and not errors:
                _keep(verdict)
        if len(_remembered) >= REMEMBERED:
            _remembered.pop(next(iter(_remembered)))
        _remembered[key] = tuple(errors)
    return _remembered[key]


#: Whether valid verdicts are read from and written to the user cache; ``SCORM_BUILDER_XSD_VERDICTS=0``
#: switches it off (benchmarks of validation itself do).
verdicts_on_disk = os.environ.get("SCORM_BUILDER_XSD_VERDICTS", "1") != "0"


def verdict_path(schemas: SchemaSet, document_sha256: str) -> Path | None:
    """Return the file whose presence says "this document is valid against this pinned schema set".

    The name is a digest of everything the verdict depends on: the document's bytes, the schema files'
    pinned sums, the namespaces and XSD version, the xmlschema release and the validator's format. None
    for an unpinned set (a package's own copy of the XSDs) or when :data:`verdicts_on_disk` is off.
    """
    if not schemas.pins or not verdicts_on_disk:
        return None
    from importlib.metadata import version

    from .xsdcache import FORMAT

    identity = [FORMAT, version("xmlschema"), schemas.xsd_version, schemas.namespaces, schemas.pins, document_sha256]
    digest = hashlib.sha256(repr(identity).encode()).hexdigest()
    return cache_dir() / "xsd-verdicts" / digest[:2] / digest


def _keep(verdict: Path) -> None:
    """Record a valid verdict; a cache that cannot be written is ignored."""
    try:
        verdict.parent.mkdir(parents=True, exist_ok=True)
        verdict.touch()
    except OSError:
        pass


def forget(validators: bool = True) -> None:
    """Forget the documents validated in this process, and the validators loaded (benchmarks, tests)."""
    _remembered.clear()
    if validators:
        load_schema.cache_clear()


@cache
def load_schema(schemas: SchemaSet) -> xmlschema.XMLSchemaBase:
    """Return the compiled validator of ``schemas``: from the user cache when it holds one, else built."""
    from .xsdcache import cached

    return cached(schemas, _build)


def _build(schemas: SchemaSet) -> xmlschema.XMLSchemaBase:
    """Build a schema importing every namespace the manifest may use, from local files only.

    SPEC COMPLIANCE NOTE: SCORM 1.2's ``ims_xml.xsd`` binds the ``xml`` namespace as the default
    namespace, which the Namespaces in XML rules forbid, so libxml2 and Python's expat both refuse to
    parse it. We validate with a copy whose only change is that declaration removed (the file uses no
    unprefixed QName, so nothing else changes); the package still ships the original. The IMS MD 1.2.1
    schema also breaks XSD 1.0's Unique Particle Attribution rule (an optional element beside a
    ``##any`` wildcard), which XSD 1.1 resolves in the element's favour: the SCORM 1.2 set is built as
    XSD 1.1 for that reason.
    """
    import xmlschema

    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in schemas.namespaces
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    cls = xmlschema.XMLSchema11 if schemas.xsd_version == "1.1" else xmlschema.XMLSchema10
    return cls(
        driver,
        base_url=str(schemas.folder),
        allow="local",
        defuse="always",
        uri_mapper=_map_ims_xml,
    )


def _map_ims_xml(url: str) -> str:
    if not url.endswith("/ims_xml.xsd"):
        return url
    source = Path(url.removeprefix("file://"))
    patched = cache_dir() / "xsd-patched" / "ims_xml.xsd"
    text = re.sub(r'\sxmlns="http://www\.w3\.org/XML/1998/namespace"', "", source.read_text(), count=1)
    if not patched.is_file() or patched.read_text() != text:
        patched.parent.mkdir(parents=True, exist_ok=True)
        temp = patched.with_name(f".{patched.name}.{os.getpid()}")
        temp.write_text(text)
        os.replace(temp, patched)  # whole or not at all, for a build running beside this one
    return patched.as_uri()


def _strict_extensions(root: etree._Element, schema: xmlschema.XMLSchemaBase, known: set[str]) -> list[str]:
    """Reject extension elements and attributes the schemas do not declare (lax wildcards skip them)."""
    errors = []
    tree = root.getroottree()
    main = etree.QName(root).namespace
    for element in root.iter(etree.Element):
        qname = etree.QName(element)
        if qname.namespace not in known:
            errors.append(f"{tree.getpath(element)}: element in undeclared namespace {qname.namespace!r}")
        elif (
            qname.namespace != main
            and _parent_ns(element) != qname.namespace
            and element.tag not in schema.maps.elements
        ):
            errors.append(f"{tree.getpath(element)}: {qname.localname} is not declared in {qname.namespace}")
        for name in element.attrib:
            attr = etree.QName(name)
            if attr.namespace in (None, XSI, XML_NS) or attr.namespace == qname.namespace:
                continue
            if attr.namespace not in known or name not in schema.maps.attributes:
                errors.append(f"{tree.getpath(element)}/@{name}: attribute is not declared by any imported schema")
    return errors


def _parent_ns(element: etree._Element) -> str | None:
    parent = element.getparent()
    return etree.QName(parent).namespace if parent is not None else None
