"""SCORM 2004, 3rd and 4th edition: IMS CP 1.1.4 with ADL CP/Nav/Seq and IMS Simple Sequencing."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from ..budget import DataLimits
from ..namespaces import ADLCP2004 as ADLCP
from ..namespaces import ADLNAV, ADLSEQ, IMSSS
from ..namespaces import IMSCP2004 as IMSCP
from ..namespaces import SCHEMA_NAMESPACES_2004 as NAMESPACES
from ._xml import XSI, qn, schema_location, sub
from .base import BuildContext, Standard


class Scorm2004(Standard):
    """SCORM 2004: one SCO that sets its own completion and objectives."""

    title: ClassVar[str] = "SCORM 2004"
    runtime_adapter: ClassVar[str] = "scorm2004"
    runtime_scripts: ClassVar[tuple[str, ...]] = ("adapters/scorm2004.js",)
    schema_namespaces: ClassVar[tuple[tuple[str, str], ...]] = NAMESPACES
    declared_limit: ClassVar[bool] = True
    #: The ``<schemaversion>`` value of the edition (CAM 3.4.1.3).
    schemaversion: ClassVar[str]

    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return the manifest: one organization with one item, sequenced by the content."""
        course, lang = ctx.course, ctx.lang
        root = etree.Element(
            qn(IMSCP, "manifest"),
            nsmap={None: IMSCP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI},
            identifier=f"{course.id}-{course.version}",
            version=course.version,
        )
        root.set(qn(XSI, "schemaLocation"), schema_location(self.schema_namespaces))
        metadata = sub(root, qn(IMSCP, "metadata"))
        sub(metadata, qn(IMSCP, "schema"), "ADL SCORM")
        sub(metadata, qn(IMSCP, "schemaversion"), self.schemaversion)
        orgs = sub(root, qn(IMSCP, "organizations"), default="org")
        org = sub(orgs, qn(IMSCP, "organization"), identifier="org")
        org.set(qn(ADLSEQ, "objectivesGlobalToSystem"), "false")
        sub(org, qn(IMSCP, "title"), course.title.get(lang))
        item = sub(org, qn(IMSCP, "item"), identifier="item-1", identifierref="sco-1")
        sub(item, qn(IMSCP, "title"), course.title.get(lang))
        sequencing = sub(item, qn(IMSSS, "sequencing"))
        sub(sequencing, qn(IMSSS, "deliveryControls"), completionSetByContent="true", objectiveSetByContent="true")
        org_seq = sub(org, qn(IMSSS, "sequencing"))
        sub(org_seq, qn(IMSSS, "controlMode"), choice="true", flow="true")
        resources = sub(root, qn(IMSCP, "resources"))
        resource = sub(resources, qn(IMSCP, "resource"), identifier="sco-1", type="webcontent", href="index.html")
        resource.set(qn(ADLCP, "scormType"), "sco")
        for name in files:
            sub(resource, qn(IMSCP, "file"), href=name)
        return root


class Scorm2004v3(Scorm2004):
    """SCORM 2004 3rd edition."""

    name: ClassVar[str] = "scorm2004-3"
    title: ClassVar[str] = "SCORM 2004 3rd edition"
    schema_folder: ClassVar[str] = "scorm20043rdedition"
    schemaversion: ClassVar[str] = "2004 3rd Edition"
    #: SPEC COMPLIANCE NOTE: the 3rd edition's smallest permitted maximum for suspend_data is 64000,
    #: but we hold 3rd-edition packages to 4000 (the 2nd edition's), because LMSs whose players grew
    #: from the 2nd edition still enforce it; location 1000, long-fill-in 4000, descriptions 250 (RTE 4.2).
    limits: ClassVar[DataLimits] = DataLimits(suspend_data=4000, location=1000, reflection_response=4000, description=250)


class Scorm2004v4(Scorm2004):
    """SCORM 2004 4th edition."""

    name: ClassVar[str] = "scorm2004-4"
    title: ClassVar[str] = "SCORM 2004 4th edition"
    schema_folder: ClassVar[str] = "scorm20044thedition"
    schemaversion: ClassVar[str] = "2004 4th Edition"
    #: RTE 4.2 (4th edition): suspend_data 64000, location 1000, long-fill-in 4000, descriptions 250.
    limits: ClassVar[DataLimits] = DataLimits(suspend_data=64000, location=1000, reflection_response=4000, description=250)
