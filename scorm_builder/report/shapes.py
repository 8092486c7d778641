"""Statements shaped as the course's runtime sends them (``runtime/xapi/statements.js``), for test data.

Both delivery forms: the Tin Can launch (ids under ``<base>``) and cmi5 (ids under the AU
``<base>/au``, the LMS's context template, the cmi5 category on defined statements). The placement
statements follow the runtime's contract: ``<base>/placement/x|y|profile``
(cmi5: ``<AU>/test/placement/question/x|y|profile``).
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from ..models import Course
from ..standards.xapi import runtime_texts

VERB = "http://adlnet.gov/expapi/verbs/"
TYPE = "http://adlnet.gov/expapi/activities/"
CMI5 = "https://w3id.org/xapi/cmi5/context/"
#: The day the generated learners start; a fixed date keeps generated files reproducible.
EPOCH = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


def stamp(seconds: float) -> str:
    """Return the ISO 8601 UTC timestamp ``seconds`` after :data:`EPOCH`, as the runtime writes it."""
    return (
        (EPOCH + timedelta(seconds=seconds))
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


class Shapes:
    """Builds one learner's statements in one delivery form (``xapi`` or ``cmi5``)."""

    def __init__(
        self, course: Course, base: str | None = None, rng: random.Random | None = None
    ) -> None:
        self.rng = rng or random.Random()
        self.cfg = runtime_texts(course, base or course.xapi.base_iri)  # type: ignore[union-attr]
        self.base = self.cfg["base"]
        self.quest_of = {s.id: (q.id, c.id) for q, c, s in course.statements()}

    def ids(self, form: str, kind: str, ident: str = "") -> str:
        """Return an activity id as the runtime's profile for ``form`` makes it."""
        if form == "xapi":
            return {"root": self.base}.get(kind) or f"{self.base}/{kind}/{ident}"
        au = self.base + "/au"
        if kind == "root":
            return au
        if kind == "likert":
            return f"{au}/test/{self.quest_of[ident][0]}/question/{ident}"
        if kind == "placement":
            return f"{au}/test/placement/question/{ident}"
        return f"{au}/{kind}/{ident}"

    def make(
        self,
        who: dict[str, Any],
        form: str,
        registration: str,
        at: float,
        verb: str,
        target: dict[str, Any],
        result: dict[str, Any] | None = None,
        parent: list[Any] | None = None,
        grouping: list[Any] | None = None,
        defined: bool = False,
    ) -> dict[str, Any]:
        """Return one statement with the runtime's context for ``form``."""
        activities: dict[str, Any] = {}
        if parent:
            activities["parent"] = parent
        if form == "cmi5":
            activities["grouping"] = [
                {"objectType": "Activity", "id": self.ids(form, "root")},
                *(grouping or []),
            ]
            if defined:
                activities["category"] = [
                    {"objectType": "Activity", "id": CMI5 + "categories/cmi5"}
                ]
        elif grouping:
            activities["grouping"] = grouping
        context: dict[str, Any] = {
            "contextActivities": activities,
            "registration": registration,
            "language": "nb",
            "platform": "scorm-builder",
            "revision": self.cfg["version"],
        }
        if form == "cmi5":
            context["extensions"] = {CMI5 + "extensions/sessionid": registration[:8]}
        statement = {
            "id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            "timestamp": stamp(at),
            "actor": who,
            "verb": {"id": VERB + verb, "display": {"en-US": verb}},
            "object": target,
            "context": context,
        }
        if result:
            statement["result"] = result
        return statement

    def activity(
        self, ident: str, kind: str, name: dict[str, str] | None = None, **extra: Any
    ) -> dict[str, Any]:
        """Return an activity object with its definition."""
        definition: dict[str, Any] = {"type": kind, **extra}
        if name:
            definition["name"] = name
        return {"objectType": "Activity", "id": ident, "definition": definition}

    def root(self, form: str) -> dict[str, Any]:
        """Return the course (xAPI) or the AU (cmi5) as the object of defined statements."""
        if form == "cmi5":
            return {"objectType": "Activity", "id": self.ids(form, "root")}
        return self.activity(self.base, TYPE + "course", self.cfg["course"]["name"])

    def page(self, form: str, page: str) -> dict[str, Any]:
        """Return a page activity."""
        return self.activity(
            self.ids(form, "pages", page),
            "http://activitystrea.ms/schema/1.0/page",
            self.cfg["pages"][page],
        )

    def likert(self, form: str, sid: str) -> tuple[dict[str, Any], list[Any], list[Any]]:
        """Return a Likert statement's object, its parent (the category) and grouping (the questionnaire)."""
        quest, cat = self.quest_of[sid]
        scale = [{"id": p, "description": d} for p, d in self.cfg["scales"][quest]]
        text = self.cfg["items"][sid]
        target = self.activity(
            self.ids(form, "likert", sid),
            TYPE + "cmi.interaction",
            text,
            description=text,
            interactionType="likert",
            scale=scale,
        )
        parent = [
            self.activity(
                f"{self.base}/categories/{cat}", TYPE + "objective", self.cfg["categories"][cat]
            )
        ]
        grouping = [
            self.activity(
                self.ids(form, "questionnaires", quest)
                if form == "xapi"
                else f"{self.base}/au/test/{quest}",
                TYPE + "assessment",
                self.cfg["questionnaires"][quest],
            )
        ]
        return target, parent, grouping

    def placement(self, form: str, axis: str) -> dict[str, Any]:
        """Return a placement question (axis ``x``/``y``, or ``profile``)."""
        kind = "choice" if axis == "profile" else "likert"
        return self.activity(
            self.ids(form, "placement", axis), TYPE + "cmi.interaction", interactionType=kind
        )
