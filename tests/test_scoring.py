"""The scoring spec and the Python evaluator, against results computed by hand from the seed course."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import COURSE, copy_course

from scorm_builder.errors import ContentError
from scorm_builder.loader import load_course
from scorm_builder.models import Course
from scorm_builder.scoring import (
    Answers,
    ScoringSpec,
    answers_template,
    evaluate,
    export_spec,
    parse_answers,
    round_half_up,
    score_file,
)

KARRIERE = ["karriere", "kompetanse", "motivasjon", "maal-og-utvikling"]
MEDARBEIDER = ["selvledelse", "med-ledelse", "medarbeiderledelse"]
Q1, Q2 = "karrierebevissthet", "aktivt-medarbeiderskap-egenvurdering"

#: One learner, every statement answered. By hand, category means (sum / 3):
#: karriere 13/3 = 4.33, kompetanse 8/3 = 2.67, motivasjon 13/3 = 4.33, maal 7/3 = 2.33,
#: selvledelse 13/3 = 4.33, med-ledelse 11/3 = 3.67, medarbeiderledelse 13/3 = 4.33.
FULL = {
    "karriere-1": 4, "karriere-2": 5, "karriere-3": 4,
    "kompetanse-1": 2, "kompetanse-2": 3, "kompetanse-3": 3,
    "motivasjon-1": 5, "motivasjon-2": 5, "motivasjon-3": 3,
    "maal-1": 2, "maal-2": 2, "maal-3": 3,
    "selvledelse-1": 4, "selvledelse-2": 4, "selvledelse-3": 5,
    "med-ledelse-1": 3, "med-ledelse-2": 4, "med-ledelse-3": 4,
    "medarbeiderledelse-1": 5, "medarbeiderledelse-2": 4, "medarbeiderledelse-3": 4,
}  # fmt: skip


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(COURSE)


def run(
    course: Course, answers: dict[str, Any], placement: dict[str, Any] | None = None
) -> dict[str, Any]:
    return evaluate(course.scoring, course, Answers(answers, placement or {})).to_json()


def with_spec(course: Course, **changes: Any) -> ScoringSpec:
    """The seed spec with some rules changed (``rule={'param': value}``), validated again."""
    data = course.scoring.model_dump()
    for rule, params in changes.items():
        data[rule].update(params)
    return ScoringSpec.model_validate(data)


def test_seed_course_has_a_spec_with_texts_for_every_rule(course: Course) -> None:
    spec = course.scoring
    assert isinstance(spec, ScoringSpec)
    plan = export_spec(course, spec)
    rules = {"counts", "category_score", "overall", "strengths", "development_areas", "placement"}
    assert set(plan["descriptions"]) == rules | {"rounding", "completion"}
    assert all(set(text) == {"nb", "en"} for text in plan["descriptions"].values())
    assert "ikke en diagnose" in plan["descriptions"]["placement"]["nb"]
    assert "not a diagnosis" in plan["descriptions"]["placement"]["en"]
    assert [q["id"] for q in plan["questionnaires"]] == [Q1, Q2]
    assert [len(c["statements"]) for q in plan["questionnaires"] for c in q["categories"]] == [
        3
    ] * 7


def test_full_answer_set_by_hand(course: Course) -> None:
    result = run(course, FULL, {"x": 4, "y": 3})
    scores = {cid: c["score"] for cid, c in result["categories"].items()}
    assert scores == {
        "karriere": 4.33, "kompetanse": 2.67, "motivasjon": 4.33, "maal-og-utvikling": 2.33,
        "selvledelse": 4.33, "med-ledelse": 3.67, "medarbeiderledelse": 4.33,
    }  # fmt: skip
    assert all((c["answered"], c["total"]) == (3, 3) for c in result["categories"].values())
    assert result["categories"]["selvledelse"]["questionnaire"] == Q2
    # 0-100 per category = (mean - 1) * 25; Q1: (10/3 + 5/3 + 10/3 + 4/3) * 25 / 4 = 725/12 = 60.4166..
    # Suggestions per self-assessment (the seed asks for two of each after each one). Q1: karriere and
    # motivasjon tie at 13/3, the first in the course first; weakest first.
    assert result["questionnaires"][Q1] == {
        "raw": 60.42,
        "scaled": 0.6042,
        "answered": 12,
        "total": 12,
        "strengths": ["karriere", "motivasjon"],
        "development_areas": ["maal-og-utvikling", "kompetanse"],
    }
    # Q2: (10/3 + 8/3 + 10/3) * 25 / 3 = 700/9 = 77.77..; three categories: two strengths leave one.
    assert result["questionnaires"][Q2] == {
        "raw": 77.78,
        "scaled": 0.7778,
        "answered": 9,
        "total": 9,
        "strengths": ["selvledelse", "medarbeiderledelse"],
        "development_areas": ["med-ledelse"],
    }
    # All seven: sum of (mean - 1) = 57/3 = 19; 19 * 25 / 7 = 475/7 = 67.857..
    assert result["overall"] == {"raw": 67.86, "scaled": 0.6786, "answered": 21, "total": 21}
    # per: questionnaire -> the course-wide lists are the questionnaires' lists one after the other.
    assert result["strengths"] == ["karriere", "motivasjon", "selvledelse", "medarbeiderledelse"]
    assert result["development_areas"] == ["maal-og-utvikling", "kompetanse", "med-ledelse"]
    # x = 4 >= high_from 4: high adaptability; y = 3: neither <= low_to 2 nor >= 4, the midline.
    assert result["placement"] == {"x": "high", "y": "middle"}
    assert result["quadrant"] is None
    assert result["near"] == ["proaktiv", "reaktiv"]
    assert result["complete"] is True


def test_suggestions_per_course_rank_all_categories_together(course: Course) -> None:
    spec = with_spec(course, strengths={"per": "course"}, development_areas={"per": "course"})
    result = evaluate(spec, course, Answers(FULL, {"x": 4, "y": 2})).to_json()
    # Four categories tie at 13/3: the first two in the course win; weakest first.
    assert result["strengths"] == ["karriere", "motivasjon"]
    assert result["development_areas"] == ["maal-og-utvikling", "kompetanse"]
    # The per-questionnaire lists are there either way.
    assert result["questionnaires"][Q2]["strengths"] == ["selvledelse", "medarbeiderledelse"]
    assert result["quadrant"] == "reaktiv" and result["near"] == ["reaktiv"]


ALL_FOUR = ["handlingslammet", "proaktiv", "brikke", "reaktiv"]  # the matrix's profile order


@pytest.mark.parametrize(
    ("x", "y", "levels", "near"),
    [
        (1, 5, ("low", "high"), ["handlingslammet"]),
        (5, 5, ("high", "high"), ["proaktiv"]),
        (2, 2, ("low", "low"), ["brikke"]),
        (4, 1, ("high", "low"), ["reaktiv"]),
        # 3 is the midline: never told flatly "Brikke" at 3/3.
        (3, 3, ("middle", "middle"), ALL_FOUR),
        (3, 4, ("middle", "high"), ["handlingslammet", "proaktiv"]),
        (2, 3, ("low", "middle"), ["handlingslammet", "brikke"]),
        (3, 1, ("middle", "low"), ["brikke", "reaktiv"]),
    ],
)
def test_placement_with_a_midline(
    course: Course, x: int, y: int, levels: tuple[str, str], near: list[str]
) -> None:
    result = run(course, FULL, {"x": x, "y": y})
    assert (result["placement"]["x"], result["placement"]["y"]) == levels
    assert result["near"] == near
    assert result["quadrant"] == (near[0] if len(near) == 1 else None)
    assert result["complete"] is True  # both axes rated, wherever the point lies


def test_without_low_to_there_is_no_midline(course: Course) -> None:
    data = course.scoring.model_dump()
    data["placement"]["low_to"] = None
    spec = ScoringSpec.model_validate(data)
    assert export_spec(course, spec)["placement"]["low_to"] == 3  # high_from - 1
    result = evaluate(spec, course, Answers(FULL, {"x": 3, "y": 3})).to_json()
    assert result["placement"] == {"x": "low", "y": "low"}
    assert (result["quadrant"], result["near"]) == ("brikke", ["brikke"])


def test_the_seed_plan_carries_the_midline_and_the_overall_choices(course: Course) -> None:
    plan = export_spec(course, course.scoring)
    assert (plan["placement"]["low_to"], plan["placement"]["high_from"]) == (2, 4)
    assert plan["overall"] == {"method": "mean-of-categories", "report": False, "show": False}
    assert plan["strengths"]["per"] == plan["development_areas"]["per"] == "questionnaire"
    # The course states both choices itself rather than leaning on the defaults.
    raw = yaml.safe_load((COURSE / "scoring.yaml").read_text(encoding="utf-8"))
    assert raw["overall"]["report"] is False and raw["overall"]["show"] is False
    changed = with_spec(course, overall={"report": True, "show": True})
    assert export_spec(course, changed)["overall"]["report"] is True
    assert export_spec(course, changed)["overall"]["show"] is True
    # Whether reported or not, `score` computes it.
    assert run(course, FULL)["overall"]["raw"] == 67.86


def test_all_equal_answers_tie_break_in_content_order(course: Course) -> None:
    result = run(course, dict.fromkeys(FULL, 3), {"x": 2, "y": 5})
    assert {c["score"] for c in result["categories"].values()} == {3}
    assert result["overall"]["raw"] == 50 and result["overall"]["scaled"] == 0.5
    assert result["questionnaires"][Q1]["strengths"] == ["karriere", "kompetanse"]
    # Not a strength as well: the next two in content order.
    assert result["questionnaires"][Q1]["development_areas"] == ["motivasjon", "maal-og-utvikling"]
    assert result["questionnaires"][Q2]["strengths"] == ["selvledelse", "med-ledelse"]
    assert result["questionnaires"][Q2]["development_areas"] == ["medarbeiderledelse"]
    assert result["quadrant"] == "handlingslammet"
    assert result["complete"] is True


def test_tie_break_rules_are_parameters(course: Course) -> None:
    answers = dict.fromkeys(FULL, 3)
    spec = with_spec(
        course,
        strengths={"tie_break": "reverse-content-order", "per": "course"},
        development_areas={"exclude_strengths": False, "per": "course"},
    )
    result = evaluate(spec, course, Answers(answers)).to_json()
    assert result["strengths"] == ["medarbeiderledelse", "med-ledelse"]
    assert result["development_areas"] == ["karriere", "kompetanse"]


def test_extremes(course: Course) -> None:
    low = run(course, dict.fromkeys(FULL, 1), {"x": 1, "y": 1})
    high = run(course, dict.fromkeys(FULL, 5), {"x": 5, "y": 5})
    assert low["overall"] == {"raw": 0, "scaled": 0, "answered": 21, "total": 21}
    assert high["overall"] == {"raw": 100, "scaled": 1, "answered": 21, "total": 21}
    assert (low["quadrant"], high["quadrant"]) == ("brikke", "proaktiv")


def test_partial_answers(course: Course) -> None:
    answers = {
        "karriere-1": 5,
        "karriere-2": 4,
        "kompetanse-3": 2,
        "selvledelse-1": 1,
        "med-ledelse-2": 4,
    }
    result = run(course, answers, {"x": 5, "y": None})
    cats = result["categories"]
    assert cats["karriere"] == {"questionnaire": Q1, "score": 4.5, "answered": 2, "total": 3}
    assert cats["kompetanse"]["score"] == 2 and cats["kompetanse"]["answered"] == 1
    assert cats["motivasjon"] == {"questionnaire": Q1, "score": None, "answered": 0, "total": 3}
    assert cats["medarbeiderledelse"]["score"] is None
    # Q1: scored categories karriere (3.5 * 25 = 87.5) and kompetanse (25): 56.25.
    assert result["questionnaires"][Q1] == {
        "raw": 56.25,
        "scaled": 0.5625,
        "answered": 3,
        "total": 12,
        "strengths": ["karriere", "kompetanse"],
        "development_areas": [],
    }
    # All: 87.5 + 25 + 0 (selvledelse 1) + 75 (med-ledelse 4) = 187.5 / 4 = 46.875 -> half up 46.88.
    assert result["overall"] == {"raw": 46.88, "scaled": 0.4688, "answered": 5, "total": 21}
    # Per self-assessment, two scored categories each: both are strengths, none is left over.
    assert result["strengths"] == ["karriere", "kompetanse", "med-ledelse", "selvledelse"]
    assert result["development_areas"] == []
    assert result["placement"] == {"x": "high", "y": None}
    assert result["quadrant"] is None and result["near"] == []
    assert result["complete"] is False


def test_completion_rules(course: Course) -> None:
    missing_one = {**FULL, "maal-3": None}
    assert run(course, FULL, {"x": 1, "y": 1})["complete"] is True
    assert run(course, FULL, {"x": 1})["complete"] is False  # placement required
    assert run(course, missing_one, {"x": 1, "y": 1})["complete"] is False
    relaxed = with_spec(course, completion={"statements": "scored", "placement": "optional"})
    assert evaluate(relaxed, course, Answers(missing_one)).to_json()["complete"] is True
    no_maal = {**FULL, "maal-1": None, "maal-2": None, "maal-3": None}
    assert evaluate(relaxed, course, Answers(no_maal)).to_json()["complete"] is False


def test_empty_answers(course: Course) -> None:
    result = run(course, answers_template(course)["answers"], {"x": None, "y": None})
    assert all(c["score"] is None and c["answered"] == 0 for c in result["categories"].values())
    assert result["overall"] == {"raw": None, "scaled": None, "answered": 0, "total": 21}
    assert result["strengths"] == [] and result["development_areas"] == []
    assert result["placement"] == {"x": None, "y": None}
    assert result["quadrant"] is None and result["complete"] is False


def test_min_answered_and_mean_of_statements(course: Course) -> None:
    answers = {
        "karriere-1": 5,
        "karriere-2": 5,
        "kompetanse-1": 1,
        "motivasjon-1": 2,
        "motivasjon-2": 2,
    }
    spec = with_spec(
        course, category_score={"min_answered": 2}, overall={"method": "mean-of-statements"}
    )
    result = evaluate(spec, course, Answers(answers)).to_json()
    assert result["categories"]["kompetanse"] == {
        "questionnaire": Q1,
        "score": None,
        "answered": 1,
        "total": 3,
    }
    assert result["strengths"] == ["karriere", "motivasjon"]
    # Every answered statement weighs the same: (100 + 100 + 0 + 25 + 25) / 5 = 50.
    assert result["overall"]["raw"] == 50


def test_excluded_category_and_statement(course: Course) -> None:
    data = course.scoring.model_dump()
    data["counts"]["questionnaires"][0]["exclude_categories"] = ["kompetanse"]
    data["counts"]["questionnaires"][1]["exclude_statements"] = ["selvledelse-3"]
    spec = ScoringSpec.model_validate(data)
    result = evaluate(spec, course, Answers(FULL)).to_json()
    assert "kompetanse" not in result["categories"]
    assert result["categories"]["selvledelse"] == {
        "questionnaire": Q2,
        "score": 4,
        "answered": 2,
        "total": 2,
    }
    assert result["development_areas"] == ["maal-og-utvikling", "med-ledelse"]


def test_round_half_up_on_exact_numbers() -> None:
    assert round_half_up(Fraction(2665, 1000), 2) == 2.67
    assert round_half_up(Fraction(1, 8), 2) == 0.13  # round-half-even would give 0.12
    assert round_half_up(Fraction(5, 2), 0) == 3 and isinstance(
        round_half_up(Fraction(5, 2), 0), int
    )
    assert round_half_up(Fraction(10, 3), 2) == 3.33
    assert round_half_up(Fraction(20, 3), 2) == 6.67
    assert round_half_up(Fraction(4), 2) == 4 and isinstance(round_half_up(Fraction(4), 2), int)
    assert round_half_up(None, 2) is None
    with pytest.raises(ValueError):
        round_half_up(Fraction(-1, 2), 2)


def test_rounding_decimals_is_a_parameter(course: Course) -> None:
    # karriere 4 + 5 = 4.5; Q1 raw = 87.5 (one category) -> 88 with 0 decimals; scaled 0.875 -> 0.88.
    spec = with_spec(course, rounding={"decimals": 0})
    result = evaluate(spec, course, Answers({"karriere-1": 4, "karriere-2": 5})).to_json()
    assert result["categories"]["karriere"]["score"] == 5
    assert result["overall"] == {"raw": 88, "scaled": 0.88, "answered": 2, "total": 21}


def test_template_is_valid_and_describes_each_statement(course: Course, tmp_path: Path) -> None:
    template = answers_template(course)
    assert list(template["answers"]) == list(FULL)
    assert set(template["answers"].values()) == {None}
    assert template["placement"] == {"x": None, "y": None}
    assert template["statements"]["maal-2"] == {
        "category": "maal-og-utvikling",
        "text": "Jeg vet hvordan målene skal nås",
    }
    assert template["axes"]["x"]["label"] == "Omstillingsdyktighet"
    assert template["axes"]["y"]["label"] == "Selvbevissthet"
    assert template["axes"]["x"]["scale"] == "1-5, low up to 2, high from 4"
    parse_answers(template, course, course.scoring)
    path = tmp_path / "answers.json"
    template["answers"].update(FULL)
    template["placement"] = {"x": 4, "y": 3}
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    assert score_file(COURSE, path) == run(course, FULL, {"x": 4, "y": 3})


def _problems(tmp_path: Path, data: Any) -> list[str]:
    path = tmp_path / "answers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        score_file(COURSE, path)
    assert all(p.file.endswith("answers.json") for p in caught.value.problems)
    return [f"{p.line}|{p.field}|{p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"answers": {"karriere-9": 3}}, "answers.karriere-9|no statement has this id"),
        ({"answers": {"karriere-1": 6}}, "answers.karriere-1|6 is outside the scale 1-5"),
        ({"answers": {"karriere-1": 0}}, "answers.karriere-1|0 is outside the scale 1-5"),
        (
            {"answers": {"karriere-1": "4"}},
            'answers.karriere-1|must be a whole number 1-5 or null, not a string "4"',
        ),
        (
            {"answers": {"karriere-1": 3.5}},
            "answers.karriere-1|must be a whole number 1-5 or null, not a number 3.5",
        ),
        (
            {"answers": {"karriere-1": True}},
            "answers.karriere-1|must be a whole number 1-5 or null, not a boolean",
        ),
        ({"answers": [3, 4]}, "answers|must be an object, not a list"),
        ({"placement": {}}, "answers|required field is missing"),
        ({"answers": {}, "extra": 1}, "extra|unknown field"),
        ({"answers": {}, "placement": {"z": 3}}, "placement.z|unknown axis; expected 'x' or 'y'"),
        ({"answers": {}, "placement": {"x": 9}}, "placement.x|9 is outside the scale 1-5"),
    ],
)
def test_invalid_answers(course: Course, data: dict[str, Any], expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_answers(data, course, course.scoring, "mine.json")
    found = [f"{p.field}|{p.message}" for p in caught.value.problems]
    assert len(found) == 1 and found[0].startswith(expected), found
    assert caught.value.problems[0].file == "mine.json"


def test_answers_problems_name_the_line_and_are_reported_together(tmp_path: Path) -> None:
    text = '{\n "answers": {\n  "karriere-1": 3,\n  "karriere-2": 7,\n  "nope": 1\n },\n "placement": {"y": "høy"}\n}'
    found = _problems(tmp_path, text)
    assert found == [
        "4|answers.karriere-2|7 is outside the scale 1-5",
        "5|answers.nope|no statement has this id",
        '7|placement.y|must be a whole number 1-5 or null, not a string "h\\u00f8y"',
    ]


def test_answers_file_not_json_or_missing(tmp_path: Path) -> None:
    assert _problems(tmp_path, '{\n "answers": {,\n}') == [
        "2||not valid JSON: Expecting property name enclosed in double quotes"
    ]
    with pytest.raises(ContentError, match="answers file not found"):
        score_file(COURSE, tmp_path / "absent.json")


def test_score_needs_a_spec(tmp_path: Path) -> None:
    course_dir = copy_course(tmp_path / "course")
    course_yaml = course_dir / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text(encoding="utf-8").replace("scoring: scoring.yaml\n", ""), "utf-8"
    )
    (tmp_path / "a.json").write_text('{"answers": {}}', encoding="utf-8")
    with pytest.raises(ContentError, match="scoring: the course has no scoring specification"):
        score_file(course_dir, tmp_path / "a.json")


def _spec_problems(tmp_path: Path, old: str, new: str) -> list[str]:
    course_dir = copy_course(tmp_path / "course")
    spec = course_dir / "scoring.yaml"
    text = spec.read_text(encoding="utf-8")
    assert text.count(old) == 1
    spec.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_course(course_dir)
    return [f"{Path(p.file).name}:{p.line}: {p.field}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "- questionnaire: karrierebevissthet",
            "- questionnaire: karriere",
            "counts.questionnaires.0.questionnaire: no questionnaire has the id 'karriere'"
            " (did you mean 'karrierebevissthet'?)",
        ),
        (
            "exclude_categories: []",
            "exclude_categories: [selvledelse]",
            "counts.questionnaires.0.exclude_categories.0: 'karrierebevissthet' has no category 'selvledelse'"
            " (known: 'karriere', 'kompetanse', 'maal-og-utvikling', 'motivasjon')",
        ),
        (
            "exclude_categories: []",
            "exclude_categories: [motivasjn]",
            "counts.questionnaires.0.exclude_categories.0: 'karrierebevissthet' has no category 'motivasjn'"
            " (did you mean 'motivasjon'?)",
        ),
        (
            "exclude_statements: []",
            "exclude_statements: [maal-4]",
            # as close to 'maal-1' as to 'maal-2' and 'maal-3': no guess, and too many to list
            "counts.questionnaires.0.exclude_statements.0: 'karrierebevissthet' has no statement 'maal-4'",
        ),
        (
            "exclude_statements: []",
            "exclude_statements: [kompetanse-01]",
            "counts.questionnaires.0.exclude_statements.0: 'karrierebevissthet' has no statement 'kompetanse-01'"
            " (did you mean 'kompetanse-1'?)",
        ),
        (
            "matrix: selvbevissthet-omstillingsdyktighet",
            "matrix: modellen",
            "placement.matrix: no matrix block has the id 'modellen'"
            " (known: 'selvbevissthet-omstillingsdyktighet')",
        ),
        ("high_from: 4", "high_from: 1", "placement.high_from: must be above 1 and at most 5"),
        ("low_to: 2", "low_to: 4", "placement.low_to: must be at least 1 and below high_from (4)"),
        ("low_to: 2", "low_to: 0", "placement.low_to: must be at least 1 and below high_from (4)"),
        ("  per: questionnaire\n  description", "  per: assessment\n  description", "strengths.per: Input should be"),
        ("  report: false", "  report: maybe", "overall.report: true or false is expected here, not 'maybe'"),
        ("mode: half-up", "mode: half-even", "rounding.mode: Input should be 'half-up'"),
        (
            "tie_break: content-order   #",
            "tie_break: alphabetical   #",
            "strengths.tie_break: Input should be",
        ),
        (
            "  min_answered: 1",
            "  min_answered: 1\n  weights: {}",
            "category_score.weights: unknown field",
        ),
        (
            "  count: 2\n  tie_break: content-order   #",
            "  count: -1\n  tie_break: content-order   #",
            "strengths.count: at least 0, not -1",
        ),
    ],
)
def test_spec_errors_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    found = _spec_problems(tmp_path, old, new)
    assert len(found) == 1, found
    assert found[0].startswith("scoring.yaml:") and expected in found[0]
    lines = (tmp_path / "course" / "scoring.yaml").read_text(encoding="utf-8").splitlines()
    changed = (
        # ``new`` may have one line more than ``old``: the padding "" makes that line differ.
        next(n for o, n in zip([*old.split("\n"), ""], new.split("\n"), strict=False) if o != n)
        .split("#")[0]
        .strip()
    )
    assert int(found[0].split(":")[1]) == next(
        n for n, line in enumerate(lines, 1) if changed in line
    )


def test_spec_text_missing_a_language(tmp_path: Path) -> None:
    found = _spec_problems(
        tmp_path,
        '    en: "Both self-assessments count, with every category and every statement."\n',
        "",
    )
    lines = (COURSE / "scoring.yaml").read_text(encoding="utf-8").splitlines()
    # the line of the field named (``description:``), the one above its texts
    at = next(n for n, line in enumerate(lines, 1) if "Begge egenvurderingene teller" in line) - 1
    assert lines[at - 1].strip() == "description:"
    assert found == [f"scoring.yaml:{at}: counts.description: text missing in en"]


def test_missing_spec_file_is_reported(tmp_path: Path) -> None:
    course_dir = copy_course(tmp_path / "course")
    (course_dir / "scoring.yaml").unlink()
    with pytest.raises(ContentError) as caught:
        load_course(course_dir)
    (problem,) = caught.value.problems
    assert problem.file.endswith("course.yaml") and problem.field == "scoring"
    assert problem.message == "file not found: scoring.yaml"
