"""What the report knows of one course: its activity ids in both delivery forms, scored statements, pages.

The ids are those the runtime sends (``runtime/xapi/statements.js``, ``adapters/xapi.js``,
``adapters/cmi5.js``): the Tin Can form under ``<base>`` and the cmi5 form under the AU ``<base>/au``
(cmi5 best practice 16: ``<AU>/test/<test>/question/<question>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ScormBuilderError
from ..models import Course
from ..scoring import export_spec

#: Kinds of object a statement of this course can have.
LIKERT, AXIS, PROFILE, PAGE, ROOT = range(5)
#: The placement axes, in key order after the Likert statements.
AXES = ("x", "y")


@dataclass(frozen=True)
class CategoryPlan:
    """One scored category: its id and the indexes of its statements in :attr:`CourseKeys.statements`."""

    id: str
    questionnaire: str
    members: tuple[int, ...]


@dataclass(frozen=True)
class CourseKeys:
    """The course as the report reads statements of it."""

    course: Course
    base: str
    #: The scoring plan (``scoring.export_spec``): the course's own rules.
    plan: dict[str, Any]
    #: Every counted Likert statement id, in the scoring plan's order.
    statements: tuple[str, ...]
    categories: tuple[CategoryPlan, ...]
    #: The scale of each counted statement (min, max), by index.
    scales: tuple[tuple[int, int], ...]
    #: The placement's scale (min, max), or None when the course has no placement.
    placement_scale: tuple[int, int] | None
    pages: tuple[str, ...]
    #: Object id -> (kind, index): statements by index, axes 0/1, pages by index, the course/AU 0.
    objects: dict[str, tuple[int, int]]
    ratings_local: bool
    #: The cmi5 forms by the part after the AU's launch id (``/test/<q>/question/<id>``, ``/pages/<id>``).
    launched: dict[str, tuple[int, int]]

    def ours(self, object_id: str) -> bool:
        """Return whether an activity id lies under this course's base IRI."""
        return object_id == self.base or object_id.startswith(self.base + "/")

    def in_au(self, object_id: str) -> tuple[int, int] | None:
        """Return what a cmi5 statement's object is, as launched by an LMS under an id of its own.

        A cmi5 LMS launches the AU with an activity id it makes (cmi5 8.1: ``activityId``) and puts the
        AU's publisher id, ``<base>/au``, in every statement's context grouping (cmi5 9.6.2.2); the
        AU makes its ids from the launch id, so only the part after it names the question or page.
        """
        for marker in ("/test/", "/pages/"):
            at = object_id.rfind(marker)
            if at > 0:
                return self.launched.get(object_id[at:])
        return (ROOT, 1)


def course_keys(course: Course) -> CourseKeys:
    """Return the report's view of ``course``.

    Raises:
        ScormBuilderError: the course has no ``xapi.base_iri`` or no scoring rules.
    """
    if course.xapi is None:
        raise ScormBuilderError(
            "course.yaml: xapi.base_iri: required to read the course's statements"
        )
    if course.scoring is None:
        raise ScormBuilderError("course.yaml: scoring: the course has no scoring rules to report")
    base, plan = course.xapi.base_iri, export_spec(course, course.scoring)
    au = base + "/au"
    objects: dict[str, tuple[int, int]] = {base: (ROOT, 0), au: (ROOT, 1)}
    launched: dict[str, tuple[int, int]] = {}
    statements: list[str] = []
    scales: list[tuple[int, int]] = []
    categories = []
    for quest in plan["questionnaires"]:
        for cat in quest["categories"]:
            members = []
            for sid in cat["statements"]:
                members.append(len(statements))
                objects[f"{base}/likert/{sid}"] = (LIKERT, len(statements))
                objects[f"{au}/test/{quest['id']}/question/{sid}"] = (LIKERT, len(statements))
                launched[f"/test/{quest['id']}/question/{sid}"] = (LIKERT, len(statements))
                statements.append(sid)
                scales.append((quest["min"], quest["max"]))
            categories.append(CategoryPlan(cat["id"], quest["id"], tuple(members)))
    place = plan["placement"]
    if place is not None:
        for index, axis in enumerate(AXES):
            objects[f"{base}/placement/{axis}"] = objects[
                f"{au}/test/placement/question/{axis}"
            ] = launched[f"/test/placement/question/{axis}"] = (AXIS, index)
        objects[f"{base}/placement/profile"] = objects[f"{au}/test/placement/question/profile"] = (
            launched["/test/placement/question/profile"]
        ) = (PROFILE, 0)
    pages = tuple(p.id for p in course.pages)
    for index, page in enumerate(pages):
        objects[f"{base}/pages/{page}"] = objects[f"{au}/pages/{page}"] = launched[f"/pages/{page}"] = (PAGE, index)
    return CourseKeys(
        course=course,
        base=base,
        plan=plan,
        statements=tuple(statements),
        categories=tuple(categories),
        scales=tuple(scales),
        placement_scale=(place["min"], place["max"]) if place is not None else None,
        pages=pages,
        objects=objects,
        ratings_local=course.privacy.ratings == "local",
        launched=launched,
    )
