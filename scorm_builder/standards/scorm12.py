"""SCORM 1.2: an IMS CP 1.1.2 manifest with ADL CP 1.2 extensions and IMS MD 1.2.1 metadata."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from ..specs import ScormSpec
from ..specs.scorm12 import IMSCP, IMSMD, SCORM12
from ._xml import XML_LANG, qn, sco_item, sco_resource, scorm_root, sub
from .base import BuildContext, Standard


class Scorm12(Standard):
    """SCORM 1.2 (ADL, 2001): one SCO, metadata inline."""

    spec: ClassVar[ScormSpec] = SCORM12
    runtime_adapter: ClassVar[str] = SCORM12.rte.name
    runtime_scripts: ClassVar[tuple[str, ...]] = ("adapters/scorm12.js",)

    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return the manifest: metadata, one organization with one item, one SCO resource."""
        course, lang = ctx.course, ctx.lang
        ident = f"{course.id}-{course.version}"
        root = scorm_root(self.spec, ident, course.version)
        metadata = root.find(qn(IMSCP, "metadata"))
        assert metadata is not None  # scorm_root() writes it
        metadata.append(self._lom(ctx, ident))
        sco_item(self.spec, root, course.title.get(lang), isvisible="true")
        sco_resource(self.spec, root, files)
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
