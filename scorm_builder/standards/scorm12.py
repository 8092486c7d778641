"""SCORM 1.2: an IMS CP 1.1.2 manifest with ADL CP 1.2 extensions and IMS MD 1.2.1 metadata."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from ..budget import DataLimits
from ..namespaces import ADLCP12 as ADLCP
from ..namespaces import IMSCP12 as IMSCP
from ..namespaces import IMSMD12 as IMSMD
from ..namespaces import SCHEMA_NAMESPACES_12
from ._xml import XML_LANG, XSI, qn, schema_location, sub
from .base import BuildContext, Standard


class Scorm12(Standard):
    """SCORM 1.2 (ADL, 2001): one SCO, metadata inline."""

    name: ClassVar[str] = "scorm12"
    title: ClassVar[str] = "SCORM 1.2"
    runtime_adapter: ClassVar[str] = "scorm12"
    runtime_scripts: ClassVar[tuple[str, ...]] = ("adapters/scorm12.js",)
    schema_folder: ClassVar[str] = "scorm12edition"
    schema_namespaces: ClassVar[tuple[tuple[str, str], ...]] = SCHEMA_NAMESPACES_12
    xsd_version: ClassVar[str] = "1.1"
    #: RTE 3.4: suspend_data CMIString4096, lesson_location CMIString255, student_response CMIFeedback
    #: (255 characters); interactions carry no description.
    limits: ClassVar[DataLimits] = DataLimits(suspend_data=4096, location=255, reflection_response=255, description=0)
    declared_limit: ClassVar[bool] = True

    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return the manifest: metadata, one organization with one item, one SCO resource."""
        course, lang = ctx.course, ctx.lang
        ident = f"{course.id}-{course.version}"
        root = etree.Element(
            qn(IMSCP, "manifest"),
            nsmap={None: IMSCP, "adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI},
            identifier=ident,
            version=course.version,
        )
        root.set(qn(XSI, "schemaLocation"), schema_location(self.schema_namespaces))
        metadata = sub(root, qn(IMSCP, "metadata"))
        sub(metadata, qn(IMSCP, "schema"), "ADL SCORM")
        sub(metadata, qn(IMSCP, "schemaversion"), "1.2")
        metadata.append(self._lom(ctx, ident))
        orgs = sub(root, qn(IMSCP, "organizations"), default="org")
        org = sub(orgs, qn(IMSCP, "organization"), identifier="org")
        sub(org, qn(IMSCP, "title"), course.title.get(lang))
        item = sub(org, qn(IMSCP, "item"), identifier="item-1", identifierref="sco-1", isvisible="true")
        sub(item, qn(IMSCP, "title"), course.title.get(lang))
        resources = sub(root, qn(IMSCP, "resources"))
        resource = sub(resources, qn(IMSCP, "resource"), identifier="sco-1", type="webcontent", href="index.html")
        resource.set(qn(ADLCP, "scormtype"), "sco")
        for name in files:
            sub(resource, qn(IMSCP, "file"), href=name)
        return root

    def _lom(self, ctx: BuildContext, ident: str) -> etree._Element:
        course, lang = ctx.course, ctx.lang
        lom = etree.Element(qn(IMSMD, "lom"))
        general = sub(lom, qn(IMSMD, "general"))
        sub(general, qn(IMSMD, "identifier"), ident)
        _langstring(sub(general, qn(IMSMD, "title")), course.title.get(lang), lang)
        sub(general, qn(IMSMD, "language"), lang)
        _langstring(sub(general, qn(IMSMD, "description")), course.description.get(lang), lang)
        for keyword in course.keywords:
            _langstring(sub(general, qn(IMSMD, "keyword")), keyword.get(lang), lang)
        lifecycle = sub(lom, qn(IMSMD, "lifecycle"))
        _langstring(sub(lifecycle, qn(IMSMD, "version")), course.version, "x-none")
        return lom


def _langstring(parent: etree._Element, text: str, lang: str) -> None:
    sub(parent, qn(IMSMD, "langstring"), text).set(XML_LANG, lang)
