"""SCORM 2004, 3rd and 4th edition: IMS CP 1.1.4 with ADL CP/Nav/Seq and IMS Simple Sequencing."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from ..specs import ScormSpec
from ..specs.scorm2004 import ADLSEQ, IMSSS, SCORM2004_3, SCORM2004_4
from ._xml import qn, sco_item, sco_resource, scorm_root, sub
from .base import BuildContext, Standard


class Scorm2004(Standard):
    """SCORM 2004: one SCO that sets its own completion and objectives; an edition is a subclass naming its record."""

    spec: ClassVar[ScormSpec]  # each edition names its record
    runtime_adapter: ClassVar[str] = SCORM2004_4.rte.name
    runtime_scripts: ClassVar[tuple[str, ...]] = ("adapters/scorm2004.js",)

    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return the manifest: one organization with one item, sequenced by the content."""
        course, lang = ctx.course, ctx.lang
        root = scorm_root(self.spec, f"{course.id}-{course.version}", course.version)
        org, item = sco_item(self.spec, root, course.title.get(lang))
        org.set(qn(ADLSEQ, "objectivesGlobalToSystem"), "false")
        sequencing = sub(item, qn(IMSSS, "sequencing"))
        sub(sequencing, qn(IMSSS, "deliveryControls"), completionSetByContent="true", objectiveSetByContent="true")
        org_seq = sub(org, qn(IMSSS, "sequencing"))
        sub(org_seq, qn(IMSSS, "controlMode"), choice="true", flow="true")
        sco_resource(self.spec, root, files)
        return root


class Scorm2004v3(Scorm2004):
    """SCORM 2004 3rd edition (held to the 2nd edition's suspend_data: see its record)."""

    spec: ClassVar[ScormSpec] = SCORM2004_3


class Scorm2004v4(Scorm2004):
    """SCORM 2004 4th edition."""

    spec: ClassVar[ScormSpec] = SCORM2004_4
