"""The JSON Schema of the content format, generated from the models."""

from __future__ import annotations

from typing import Any

from .models import CourseFile, Page, Questionnaire, UiFile
from .scoring import ScoringSpec
from .ui import builtin


def course_schema() -> dict[str, Any]:
    """Return one JSON Schema whose ``oneOf`` accepts a course, page, questionnaire, scoring or ui file."""
    defs: dict[str, Any] = {}
    roots = []
    for model in (CourseFile, Page, Questionnaire, ScoringSpec, UiFile):
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
        roots.append({"$ref": f"#/$defs/{model.__name__}"})
    defs[UiFile.__name__]["propertyNames"] = {"enum": list(builtin())}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "scorm-builder course content",
        "description": (
            "course.yaml, pages/*.yaml, questionnaires/*.yaml, scoring.yaml and ui.yaml of a scorm-builder course."
        ),
        "oneOf": roots,
        "$defs": dict(sorted(defs.items())),
    }
