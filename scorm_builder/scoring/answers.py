"""ANSWERS.json: the template to fill in, its validation, and ``scorm-builder score``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from ..models import Course, MatrixBlock
from ..scoring_rules import ScoringSpec
from .evaluate import Answers, evaluate

#: Keys of ANSWERS.json that only explain the template to the person filling it in.
INFO_KEYS = ("statements", "axes")
AXES = ("x", "y")


def answers_template(course: Course) -> dict[str, Any]:
    """Return a valid ANSWERS.json with every answer null, plus what each statement and axis is."""
    lang = course.languages[0]
    template: dict[str, Any] = {
        "answers": {s.id: None for q in course.questionnaires for _, s in q.statements()},
        "placement": {},
        "statements": {
            s.id: {"category": c.id, "text": s.text.get(lang)}
            for q in course.questionnaires
            for c, s in q.statements()
        },
    }
    spec: ScoringSpec | None = course.scoring
    if spec is not None and spec.placement is not None:
        place = spec.placement
        matrix = next(
            b
            for p in course.pages
            for b in p.blocks
            if isinstance(b, MatrixBlock) and b.id == place.matrix
        )
        template["placement"] = dict.fromkeys(AXES)
        template["axes"] = {
            axis: {
                "label": getattr(matrix, f"{axis}_axis").label.get(lang),
                "scale": f"{place.scale.min}-{place.scale.max}, low up to {place.low_limit}, "
                f"high from {place.high_from}",
            }
            for axis in AXES
        }
    return template


def parse_answers(
    data: Any, course: Course, spec: ScoringSpec, label: str = "answers.json"
) -> Answers:
    """Check ANSWERS.json data against the course; raise ContentError with one problem per mistake."""
    problems: list[Problem] = []

    def bad(where: str, message: str) -> None:
        problems.append(Problem(label, None, where, message))

    if not isinstance(data, dict):
        raise ContentError(
            [Problem(label, None, "", "must be a JSON object with 'answers' and 'placement'")]
        )
    for key in sorted(set(data) - {"answers", "placement", *INFO_KEYS}):
        bad(key, "unknown field")
    scales = {s.id: q.scale for q in course.questionnaires for _, s in q.statements()}
    answers = _mapping(data, "answers", bad, required=True)
    for sid, value in answers.items():
        scale = scales.get(sid)
        if scale is None:
            bad(f"answers.{sid}", "no statement has this id")
        else:
            _check_point(value, scale.min, scale.max, f"answers.{sid}", bad)
    placement = _mapping(data, "placement", bad, required=False)
    for axis, value in placement.items():
        if spec.placement is None:
            bad(f"placement.{axis}", "the course's scoring has no placement")
        elif axis not in AXES:
            bad(f"placement.{axis}", "unknown axis; expected 'x' or 'y'")
        else:
            _check_point(
                value, spec.placement.scale.min, spec.placement.scale.max, f"placement.{axis}", bad
            )
    if problems:
        raise ContentError(problems)
    return Answers(answers=dict(answers), placement=dict(placement))


def _mapping(data: dict[str, Any], key: str, bad: Any, required: bool) -> dict[str, Any]:
    if key not in data:
        if required:
            bad(key, "required field is missing")
        return {}
    value = data[key]
    if not isinstance(value, dict):
        bad(key, f"must be an object, not {_kind(value)}")
        return {}
    return value


def _check_point(value: Any, low: int, high: int, where: str, bad: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        bad(
            where,
            f"must be a whole number {low}-{high} or null, not {_kind(value)} {json.dumps(value)}",
        )
    elif not low <= value <= high:
        bad(where, f"{value} is outside the scale {low}-{high}")


def _kind(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list"}
    return names.get(type(value), "an object" if isinstance(value, dict) else "null")


def score_file(course_dir: Path, answers_path: Path) -> dict[str, Any]:
    """Load the course in ``course_dir``, check ``answers_path`` and return the result as JSON data.

    Raises:
        ContentError: the course or the answers file is wrong, or the course has no scoring spec.
    """
    from ..loader import COURSE_FILE, _label, load_course  # the loader imports this package

    course = load_course(Path(course_dir))
    spec: ScoringSpec | None = course.scoring
    if spec is None:
        where = _label(Path(course_dir) / COURSE_FILE)
        raise ContentError(
            [Problem(where, None, "scoring", "the course has no scoring specification")]
        )
    label = _label(Path(answers_path))
    try:
        text = Path(answers_path).read_text(encoding="utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        raise ContentError([Problem(label, None, "", "answers file not found")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ContentError(
            [Problem(label, line, "", f"not valid JSON: {getattr(exc, 'msg', exc)}")]
        ) from None
    try:
        answers = parse_answers(data, course, spec, label)
    except ContentError as exc:
        raise ContentError([_with_line(p, text) for p in exc.problems]) from None
    return evaluate(spec, course, answers).to_json()


def _with_line(problem: Problem, text: str) -> Problem:
    """Find the line of ``problem``'s field by looking for its keys, in order, in the JSON text."""
    pos = 0
    for key in problem.field.split(".") if problem.field else ():
        found = text.find(json.dumps(key), pos)
        if found < 0:
            break
        pos = found
    line = text.count("\n", 0, pos) + 1 if pos else None
    return Problem(problem.file, line, problem.field, problem.message)
