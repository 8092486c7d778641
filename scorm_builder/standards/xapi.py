"""xAPI with the Tin Can launch: ``tincan.xml`` names the course's activities; the runtime sends statements.

Every activity id is an IRI under the author's ``xapi.base_iri`` (course.yaml)::

    <base>                          the course            http://adlnet.gov/expapi/activities/course
    <base>/pages/<page>             a page                http://activitystrea.ms/schema/1.0/page
    <base>/questionnaires/<q>       a self-assessment     http://adlnet.gov/expapi/activities/assessment
    <base>/categories/<category>    a scored category     http://adlnet.gov/expapi/activities/objective
    <base>/likert/<statement>       a Likert statement    http://adlnet.gov/expapi/activities/cmi.interaction
    <base>/reflections/<field>      a reflection field    http://adlnet.gov/expapi/activities/cmi.interaction
    <base>/placement/x, /y          a placement rating    http://adlnet.gov/expapi/activities/cmi.interaction
    <base>/placement/profile        the placed profile    http://adlnet.gov/expapi/activities/cmi.interaction

and each category's score travels as the result extension ``<base>/extensions/category/<category>``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from lxml import etree

from ..errors import ScormBuilderError
from ..models import Course, MatrixBlock, ReflectionBlock, Text
from ..specs import Spec
from ..specs.xapi import TINCAN, XAPI
from ._xml import qn, sub
from .base import BuildContext, Standard

ADL = "http://adlnet.gov/expapi/activities/"
TYPES = {
    "course": ADL + "course",
    "pages": "http://activitystrea.ms/schema/1.0/page",
    "questionnaires": ADL + "assessment",
    "categories": ADL + "objective",
    "likert": ADL + "cmi.interaction",
    "reflections": ADL + "cmi.interaction",
    "placement": ADL + "cmi.interaction",
}
#: The cmi5 progress extension (cmi5 section 9.5.5.1), used by both runtimes.
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"
#: The stateId of the State API document that holds the resume state (any string, xAPI part 3 2.3.1).
STATE_ID = "scorm-builder.resume"


def base_iri(ctx: BuildContext, standard: str) -> str:
    """Return the course's base IRI, or fail naming course.yaml when the author has not set one."""
    if ctx.course.xapi is None:
        raise ScormBuilderError(
            f"{ctx.course_dir / 'course.yaml'}: xapi.base_iri: required to build {standard}: add "
            '`xapi: {base_iri: "https://learning.example.org/courses/<course>"}` with an address your '
            "organisation owns (activity ids are made under it)"
        )
    return ctx.course.xapi.base_iri


def langs(text: Text | None) -> dict[str, str]:
    """Return a text as an xAPI language map (every language of the course)."""
    return dict(text.root) if text is not None else {}


def activities(course: Course, base: str) -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """Return (id, type, name, description) of every activity of the course, the course first."""
    rows = [(base, TYPES["course"], langs(course.title), langs(course.description))]
    rows += [(f"{base}/pages/{p.id}", TYPES["pages"], langs(p.title), {}) for p in course.pages]
    for q in course.questionnaires:
        rows.append((f"{base}/questionnaires/{q.id}", TYPES["questionnaires"], langs(q.title), {}))
        rows += [(f"{base}/categories/{c.id}", TYPES["categories"], langs(c.title), langs(q.title)) for c in q.categories]
    rows += [(f"{base}/likert/{s.id}", TYPES["likert"], langs(s.text), langs(s.text)) for _, _, s in course.statements()]
    rows += [(f"{base}/reflections/{r.id}", TYPES["reflections"], langs(r.label), langs(r.prompt)) for r in course.reflections()]
    placement = placement_texts(course)
    if placement is not None:
        for key in ("x", "y"):
            rows.append((f"{base}/placement/{key}", TYPES["placement"], placement["questions"][key], {}))
        rows.append((f"{base}/placement/profile", TYPES["placement"], placement["title"], {}))
    return rows


def placement_texts(course: Course) -> dict[str, Any] | None:
    """Return the 2x2 placement's questions, scale, profiles and page in every language, or None."""
    spec = course.scoring.placement if course.scoring is not None else None
    if spec is None:
        return None
    page, matrix = next((p, b) for p in course.pages for b in p.blocks if isinstance(b, MatrixBlock) and b.id == spec.matrix)
    axes = {"x": matrix.x_axis, "y": matrix.y_axis}
    questions = spec.questions
    scale = [
        [str(point), {lang: f"{point} – {spec.scale.labels[point].get(lang)}" if point in spec.scale.labels else str(point)
                      for lang in course.languages}]
        for point in range(spec.scale.min, spec.scale.max + 1)
    ]
    return {
        "page": page.id,
        "title": langs(matrix.title or page.title),
        "questions": {k: langs(getattr(questions, k) if questions else axes[k].label) for k in ("x", "y")},
        "scale": scale,
        "profiles": [[p.id, langs(p.name)] for p in matrix.profiles],
    }


def runtime_texts(course: Course, base: str) -> dict[str, Any]:
    """Return what the xAPI runtimes need to describe activities in every language of the course."""
    return {
        "base": base,
        "languages": list(course.languages),
        "version": course.version,
        "stateId": STATE_ID,
        "ext": {"category": f"{base}/extensions/category/", "progress": PROGRESS},
        "course": {"name": langs(course.title), "description": langs(course.description)},
        "pages": {p.id: langs(p.title) for p in course.pages},
        "questionnaires": {q.id: langs(q.title) for q in course.questionnaires},
        "categories": {c.id: langs(c.title) for q in course.questionnaires for c in q.categories},
        "items": {s.id: langs(s.text) for _, _, s in course.statements()},
        "scales": {q.id: _scale(q) for q in course.questionnaires},
        "reflections": {r.id: langs(r.label) for r in course.reflections()},
        "reflectionPages": {b.id: p.id for p in course.pages for b in p.blocks if isinstance(b, ReflectionBlock)},
        "placement": placement_texts(course),
    }


def _scale(questionnaire: Any) -> list[list[Any]]:
    """Return the scale as [point, language map]: the author's label, else the number itself."""
    scale, out = questionnaire.scale, []
    for point in range(scale.min, scale.max + 1):
        label = scale.labels.get(point)
        out.append([str(point), {lang: (f"{point} – {label.get(lang)}" if label else str(point))
                                 for lang in sorted(questionnaire.title.languages)}])
    return out


#: The statement client both xAPI and cmi5 packages load before their adapter.
XAPI_CLIENT = ("xapi/util.js", "xapi/queue.js", "xapi/statements.js", "xapi/connection.js")


class Xapi(Standard):
    """xAPI 1.0.3 with the Tin Can launch convention (``tincan.xml``); the limits are in its record."""

    spec: ClassVar[Spec] = XAPI
    runtime_adapter: ClassVar[str] = "xapi"
    runtime_scripts: ClassVar[tuple[str, ...]] = (*XAPI_CLIENT, "adapters/xapi.js")

    def runtime_config(self, ctx: BuildContext) -> dict[str, Any]:
        """Return the activity ids, extension IRIs and texts in every language of the course."""
        return runtime_texts(ctx.course, base_iri(ctx, self.title))

    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return ``tincan.xml``: every activity with its names; the course activity launches index.html."""
        base = base_iri(ctx, self.title)
        root = etree.Element(qn(TINCAN, "tincan"), nsmap={None: TINCAN})
        holder = sub(root, qn(TINCAN, "activities"))
        for ident, kind, name, description in activities(ctx.course, base):
            activity = sub(holder, qn(TINCAN, "activity"), id=ident, type=kind)
            for lang, text in name.items():
                sub(activity, qn(TINCAN, "name"), text, lang=lang)
            for lang, text in description.items():
                sub(activity, qn(TINCAN, "description"), text, lang=lang)
            if ident == base:
                sub(activity, qn(TINCAN, "launch"), "index.html", lang=ctx.lang)
        return root
