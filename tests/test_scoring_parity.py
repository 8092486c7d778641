"""Python and ``runtime/scoring.js`` give identical results, rounding included, for any answers and spec.

Each hypothesis example sends one batch (plan + many answer sets) to ONE node process on stdin.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support import COURSE, ROOT, copy_course, run_node

from scorm_builder.loader import load_course
from scorm_builder.scoring import Answers, ScoringSpec, evaluate_plan, export_spec, round_half_up

SCORING_JS = ROOT / "scorm_builder" / "runtime" / "scoring.js"
#: Reads {"plan": ..., "inputs": [...]} or {"round": [[n, d, decimals], ...]}; writes one JSON list.
DRIVER = r"""
const s = require(process.argv[1]);
let data = '';
process.stdin.on('data', (c) => { data += c; }).on('end', () => {
  const b = JSON.parse(data);
  const out = b.round ? b.round.map(([n, d, k]) => s.round(s.frac(n, d), k))
    : b.inputs.map((i) => { try { return s.evaluate(b.plan, i); } catch (e) { return { error: e.message }; } });
  process.stdout.write(JSON.stringify(out));
});
"""

COURSE_OBJ = load_course(COURSE)
SEED_SPEC: ScoringSpec = COURSE_OBJ.scoring
SEED_PLAN = export_spec(COURSE_OBJ, SEED_SPEC)
STATEMENTS = [s.id for q in COURSE_OBJ.questionnaires for _, s in q.statements()]
Q1_CATEGORIES = [c.id for c in COURSE_OBJ.questionnaires[0].categories]
Q2_STATEMENTS = [s.id for _, s in COURSE_OBJ.questionnaires[1].statements()]


def batched(examples: int) -> settings:
    """Settings for one node process per example: no per-example deadline, big inputs allowed."""
    return settings(
        max_examples=examples,
        deadline=None,
        # No shrinking: every step would start node again. A failure names the exact answer set.
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def node(batch: dict[str, Any]) -> list[Any]:
    return run_node(DRIVER, [SCORING_JS], batch)


def canon(value: Any) -> str:
    """JSON text with sorted keys: equal only if values AND number types (3 vs 3.0) agree."""
    return json.dumps(value, sort_keys=True)


def python_results(plan: dict[str, Any], inputs: list[dict[str, Any]]) -> list[Any]:
    return [evaluate_plan(plan, Answers(i["answers"], i["placement"])).to_json() for i in inputs]


def assert_same(plan: dict[str, Any], inputs: list[dict[str, Any]]) -> list[Any]:
    js = node({"plan": plan, "inputs": inputs})
    py = python_results(plan, inputs)
    assert len(js) == len(py) == len(inputs)
    for given_input, p, j in zip(inputs, py, js, strict=True):
        assert canon(p) == canon(j), f"input {given_input}"
    return py


def _answer_set(mode: str, raw: bytes) -> dict[str, int | None]:
    """Map one byte per statement to an answer; cheap to generate, shrinks towards low answers."""
    if mode == "equal":  # every category ties
        return dict.fromkeys(STATEMENTS, raw[0] % 5 + 1)
    if mode == "empty":
        return {} if raw[0] % 2 else dict.fromkeys(STATEMENTS)
    pick = {
        "complete": lambda b: b % 5 + 1,
        "partial": lambda b: None if b % 6 == 0 else b % 6,  # nulls
        "sparse": lambda b: "leave out" if b % 7 < 4 else None if b % 7 == 4 else b % 5 + 1,
        "extremes": lambda b: 1 if b % 2 else 5,
    }[mode]
    values = {sid: pick(b) for sid, b in zip(STATEMENTS, raw, strict=True)}
    return {sid: v for sid, v in values.items() if v != "leave out"}


MODES = ["complete", "partial", "sparse", "empty", "equal", "extremes"]
answer_sets = st.builds(
    _answer_set,
    st.sampled_from(MODES),
    st.binary(min_size=len(STATEMENTS), max_size=len(STATEMENTS)),
)
maybe = st.none() | st.integers(1, 5)
placements = st.fixed_dictionaries({}, optional={"x": maybe, "y": maybe})
inputs = st.builds(lambda a, p: {"answers": a, "placement": p}, answer_sets, placements)


@st.composite
def specs(draw: st.DrawFn) -> ScoringSpec:
    """The seed spec with every rule parameter redrawn."""
    data = SEED_SPEC.model_dump()
    data["counts"]["questionnaires"][0]["exclude_categories"] = draw(
        st.lists(st.sampled_from(Q1_CATEGORIES), max_size=3, unique=True)
    )
    data["counts"]["questionnaires"][1]["exclude_statements"] = draw(
        st.lists(st.sampled_from(Q2_STATEMENTS), max_size=4, unique=True)
    )
    data["counts"]["questionnaires"] = draw(st.permutations(data["counts"]["questionnaires"]))
    data["category_score"]["min_answered"] = draw(st.integers(1, 3))
    data["overall"]["method"] = draw(st.sampled_from(["mean-of-categories", "mean-of-statements"]))
    for rule in ("strengths", "development_areas"):
        data[rule]["count"] = draw(st.integers(0, 8))
        data[rule]["tie_break"] = draw(st.sampled_from(["content-order", "reverse-content-order"]))
        data[rule]["per"] = draw(st.sampled_from(["course", "questionnaire"]))
    data["development_areas"]["exclude_strengths"] = draw(st.booleans())
    data["rounding"]["decimals"] = draw(st.integers(0, 4))
    data["completion"]["statements"] = draw(st.sampled_from(["all", "scored"]))
    data["completion"]["placement"] = draw(st.sampled_from(["required", "optional"]))
    if draw(st.booleans()):
        high = data["placement"]["high_from"] = draw(st.integers(2, 5))
        data["placement"]["low_to"] = draw(st.none() | st.integers(1, high - 1))
    else:
        data["placement"] = None
    return ScoringSpec.model_validate(data)


@batched(50)
@given(st.lists(inputs, min_size=40, max_size=80))
def test_seed_spec_same_in_python_and_js(batch: list[dict[str, Any]]) -> None:
    assert_same(SEED_PLAN, batch)


@batched(60)
@given(specs(), st.lists(inputs, min_size=20, max_size=50))
def test_any_spec_same_in_python_and_js(spec: ScoringSpec, batch: list[dict[str, Any]]) -> None:
    assert_same(export_spec(COURSE_OBJ, spec), batch)


halves = st.builds(
    lambda k, dec: (2 * k + 1, 2 * 10**dec, dec), st.integers(0, 10**5), st.integers(0, 4)
)
fractions = st.tuples(st.integers(0, 10**6), st.integers(1, 10**4), st.integers(0, 4))


@batched(20)
@given(st.lists(halves | fractions, min_size=100, max_size=300))
def test_half_up_rounding_same_in_python_and_js(cases: list[tuple[int, int, int]]) -> None:
    js = node({"round": cases})
    py = [round_half_up(Fraction(n, d), dec) for n, d, dec in cases]
    assert canon(py) == canon(js)


def test_exact_halves_round_up_on_both_sides() -> None:
    cases = [(5, 2, 0), (1, 8, 2), (2665, 1000, 2), (125, 1000, 2), (46875, 1000, 2), (10, 3, 2)]
    want = [3, 0.13, 2.67, 0.13, 46.88, 3.33]
    assert [round_half_up(Fraction(n, d), dec) for n, d, dec in cases] == want
    assert node({"round": cases}) == want


def test_changed_spec_changes_both_sides_without_code_change(tmp_path: Path) -> None:
    changed = copy_course(tmp_path / "course")
    spec_file = changed / "scoring.yaml"
    text = spec_file.read_text(encoding="utf-8")
    for old, new in [
        ("decimals: 2", "decimals: 1"),
        (
            "  count: 2\n  tie_break: content-order   #",
            "  count: 3\n  tie_break: content-order   #",
        ),
        ("high_from: 4", "high_from: 3"),  # with low_to: 2, no rating is left on the midline
        ("  per: questionnaire\n  description", "  per: course\n  description"),
        ("exclude_categories: []", "exclude_categories: [kompetanse]"),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    spec_file.write_text(text, encoding="utf-8")
    answers = {
        "karriere-1": 4, "karriere-2": 5, "karriere-3": 4, "kompetanse-1": 2, "kompetanse-2": 3,
        "kompetanse-3": 3, "motivasjon-1": 5, "motivasjon-2": 5, "motivasjon-3": 3, "maal-1": 2,
        "maal-2": 2, "maal-3": 3, "selvledelse-1": 4, "selvledelse-2": 4, "selvledelse-3": 5,
        "med-ledelse-1": 3, "med-ledelse-2": 4, "med-ledelse-3": 4, "medarbeiderledelse-1": 5,
        "medarbeiderledelse-2": 4, "medarbeiderledelse-3": 4,
    }  # fmt: skip
    batch = [{"answers": answers, "placement": {"x": 4, "y": 3}}]
    course = load_course(changed)
    (before,) = assert_same(SEED_PLAN, batch)
    (after,) = assert_same(export_spec(course, course.scoring), batch)
    assert before["categories"]["karriere"]["score"] == 4.33
    assert after["categories"]["karriere"]["score"] == 4.3
    assert "kompetanse" in before["categories"] and "kompetanse" not in after["categories"]
    assert before["strengths"] == ["karriere", "motivasjon", "selvledelse", "medarbeiderledelse"]
    assert after["strengths"] == ["karriere", "motivasjon", "selvledelse"]
    assert (before["quadrant"], after["quadrant"]) == (None, "proaktiv")
    assert (before["near"], after["near"]) == (["proaktiv", "reaktiv"], ["proaktiv"])
    # Without kompetanse: sum of (mean - 1) = 19 - 5/3 = 52/3; * 25 / 6 = 72.22.. -> 72.2; scaled 0.722.
    assert before["overall"]["raw"] == 67.86
    assert after["overall"] == {"raw": 72.2, "scaled": 0.722, "answered": 18, "total": 18}


def test_midline_and_suggestions_same_in_python_and_js() -> None:
    # Every placement on the seed's 1-5 scale (3 is the midline), with full and empty answers.
    batch = [
        {"answers": answers, "placement": {"x": x, "y": y}}
        for answers in ({}, dict.fromkeys(STATEMENTS, 3))
        for x in (None, 1, 2, 3, 4, 5)
        for y in (None, 1, 2, 3, 4, 5)
    ]
    results = assert_same(SEED_PLAN, batch)
    assert {len(r["near"]) for r in results} == {0, 1, 2, 4}
    centre = results[batch.index({"answers": {}, "placement": {"x": 3, "y": 3}})]
    assert centre["placement"] == {"x": "middle", "y": "middle"} and centre["quadrant"] is None


def test_js_holds_no_content_or_rule_values() -> None:
    source = SCORING_JS.read_text(encoding="utf-8")
    ids = (
        set(STATEMENTS)
        | set(Q1_CATEGORIES)
        | {p["id"] for p in SEED_PLAN["placement"]["profiles"]}
    )
    ids |= {q["id"] for q in SEED_PLAN["questionnaires"]} | {SEED_PLAN["placement"]["matrix"]}
    assert not [i for i in ids if i in source]
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.DOTALL)
    assert set(re.findall(r"\b\d+\b", code)) <= {"0", "1", "2", "10", "100"}
    compact = re.sub(r" ?([{}();,=:?<>+\-*/|&!\[\]]) ?", r"\1", re.sub(r"\s+", " ", code))
    assert len(compact) < 4096  # small: comments and spaces out, names kept


@pytest.mark.parametrize(("placement", "answer"), [({}, 6), ({}, "4"), ({"x": 0}, 3), ({}, 2.5)])
def test_js_rejects_what_python_rejects(placement: dict[str, Any], answer: Any) -> None:
    (result,) = node(
        {"plan": SEED_PLAN, "inputs": [{"answers": {"maal-1": answer}, "placement": placement}]}
    )
    assert result["error"].startswith("scoring: ")
