"""The JSON Schema of the content format, generated from the models."""

from __future__ import annotations

from typing import Any

from .models import CourseFile, Page, Questionnaire
from .scoring import ScoringSpec


def course_schema() -> dict[str, Any]:
    """Return one JSON Schema whose ``oneOf`` accepts a course, page or questionnaire file."""
    defs: dict[str, Any] = {}
    roots = []
    for model in (CourseFile, Page, Questionnaire, ScoringSpec):
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
        roots.append({"$ref": f"#/$defs/{model.__name__}"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "scorm-builder course content",
        "description": "course.yaml, pages/*.yaml, questionnaires/*.yaml and scoring.yaml of a scorm-builder course.",
        "oneOf": roots,
        "$defs": dict(sorted(defs.items())),
    }
