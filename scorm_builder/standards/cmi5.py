"""cmi5: ``cmi5.xml`` (the course structure, cmi5 section 13) with one AU; the runtime is a cmi5 AU.

The course's id is the author's ``xapi.base_iri``, the AU's ``<base>/au``, and each scored category
is a course objective ``<base>/categories/<category>`` the AU references (cmi5 best practice 1).
"""

from __future__ import annotations

from typing import Any, ClassVar

from lxml import etree

from ..budget import DataLimits
from ..namespaces import CMI5
from ..render import ui_strings
from ._xml import qn, sub
from .base import BuildContext, Standard
from .xapi import XAPI_CLIENT, Xapi, base_iri, langs, runtime_texts


class Cmi5(Standard):
    """cmi5 (xAPI profile, "Quartz"): one assignable unit launched by the LMS."""

    name: ClassVar[str] = "cmi5"
    title: ClassVar[str] = "cmi5"
    manifest_name: ClassVar[str] = "cmi5.xml"
    runtime_adapter: ClassVar[str] = "cmi5"
    runtime_scripts: ClassVar[tuple[str, ...]] = (*XAPI_CLIENT, "adapters/cmi5.js")
    schema_folder: ClassVar[str | None] = None
    #: As xAPI's (the resume state is a State API document: cmi5 LMSs must offer the State API, section 10).
    limits: ClassVar[DataLimits] = Xapi.limits

    def runtime_config(self, ctx: BuildContext) -> dict[str, Any]:
        """Return the xAPI texts plus the AU's moveOn, masteryScore and exit label."""
        settings = ctx.course.xapi
        config = runtime_texts(ctx.course, base_iri(ctx, self.title))
        assert settings is not None  # base_iri() has checked it
        config.update({
            "auId": config["base"] + "/au",
            "moveOn": settings.move_on,
            "masteryScore": settings.mastery_score,
            "exitLabel": ui_strings(ctx.lang, ctx.course)["exit_return"],
        })
        return config

    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return ``cmi5.xml``: the course, its category objectives and one AU launching index.html."""
        course, settings = ctx.course, ctx.course.xapi
        base = base_iri(ctx, self.title)
        assert settings is not None
        root = etree.Element(qn(CMI5, "courseStructure"), nsmap={None: CMI5})
        element = sub(root, qn(CMI5, "course"), id=base)
        _texts(element, course.title, course.description)
        categories = [(c, q) for q in course.questionnaires for c in q.categories]
        if categories:
            objectives = sub(root, qn(CMI5, "objectives"))
            for category, questionnaire in categories:
                objective = sub(objectives, qn(CMI5, "objective"), id=f"{base}/categories/{category.id}")
                _texts(objective, category.title, questionnaire.title)
        au = sub(root, qn(CMI5, "au"), id=f"{base}/au", moveOn=settings.move_on, launchMethod=settings.launch_method)
        if settings.mastery_score is not None:
            au.set("masteryScore", f"{settings.mastery_score:.4f}".rstrip("0").rstrip("."))
        _texts(au, course.title, course.description)
        if categories:
            refs = sub(au, qn(CMI5, "objectives"))
            for category, _ in categories:
                sub(refs, qn(CMI5, "objective"), idref=f"{base}/categories/{category.id}")
        sub(au, qn(CMI5, "url"), "index.html")
        return root


def _texts(parent: etree._Element, title: Any, description: Any) -> None:
    """Append ``title`` and ``description`` with one langstring per language of the course."""
    for tag, text in (("title", title), ("description", description)):
        holder = sub(parent, qn(CMI5, tag))
        for lang, value in langs(text).items():
            sub(holder, qn(CMI5, "langstring"), value, lang=lang)
