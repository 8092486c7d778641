"""cmi5: ``cmi5.xml`` (the course structure, cmi5 section 13) with one AU; the runtime is a cmi5 AU.

The course's id is the author's ``xapi.base_iri``, the AU's ``<base>/au``, and each scored category
is a course objective ``<base>/categories/<category>`` the AU references (cmi5 best practice 1).
"""

from __future__ import annotations

from typing import Any, ClassVar

from lxml import etree

from ..render import ui_strings
from ..specs import Spec
from ..specs.xapi import CMI5
from ._xml import qn, sub
from .base import BuildContext, Standard
from .xapi import XAPI_CLIENT, base_iri, langs, runtime_texts

NS = CMI5.namespace


class Cmi5(Standard):
    """cmi5 (xAPI profile, "Quartz"): one assignable unit launched by the LMS."""

    spec: ClassVar[Spec] = CMI5
    runtime_adapter: ClassVar[str] = "cmi5"
    runtime_scripts: ClassVar[tuple[str, ...]] = (*XAPI_CLIENT, "adapters/cmi5.js")

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
        root = etree.Element(qn(NS, "courseStructure"), nsmap={None: NS})
        element = sub(root, qn(NS, "course"), id=base)
        _texts(element, course.title, course.description)
        categories = [(c, q) for q in course.questionnaires for c in q.categories]
        if categories:
            objectives = sub(root, qn(NS, "objectives"))
            for category, questionnaire in categories:
                objective = sub(objectives, qn(NS, "objective"), id=f"{base}/categories/{category.id}")
                _texts(objective, category.title, questionnaire.title)
        au = sub(root, qn(NS, "au"), id=f"{base}/au", moveOn=settings.move_on, launchMethod=settings.launch_method)
        if settings.mastery_score is not None:
            au.set("masteryScore", f"{settings.mastery_score:.4f}".rstrip("0").rstrip("."))
        _texts(au, course.title, course.description)
        if categories:
            refs = sub(au, qn(NS, "objectives"))
            for category, _ in categories:
                sub(refs, qn(NS, "objective"), idref=f"{base}/categories/{category.id}")
        sub(au, qn(NS, "url"), "index.html")
        return root


def _texts(parent: etree._Element, title: Any, description: Any) -> None:
    """Append ``title`` and ``description`` with one langstring per language of the course."""
    for tag, text in (("title", title), ("description", description)):
        holder = sub(parent, qn(NS, tag))
        for lang, value in langs(text).items():
            sub(holder, qn(NS, "langstring"), value, lang=lang)
