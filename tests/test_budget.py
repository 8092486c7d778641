"""The resume state's size is planned per standard at build time: a fixed part, and one budget the
reflection fields share (test_state_format.py checks the runtime writes exactly this layout)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from support import COURSE, copy_course

from scorm_builder import textcode
from scorm_builder.budget import MIN_FIELD, DataLimits, plan_state
from scorm_builder.build import build
from scorm_builder.cli import main
from scorm_builder.errors import ScormBuilderError
from scorm_builder.loader import load_course
from scorm_builder.standards import STANDARDS


@pytest.fixture(scope="module")
def course():  # type: ignore[no-untyped-def]
    return load_course(COURSE)


@pytest.mark.parametrize("name", list(STANDARDS))
def test_every_field_keeps_the_authors_limit_and_the_fields_share_the_rest(name: str, course) -> None:  # type: ignore[no-untyped-def]
    limits = STANDARDS[name].limits
    plan = plan_state(course, limits, name)
    assert plan.worst_case == limits.suspend_data, "the texts get everything the fixed part leaves"
    assert len(plan.reflections) == 15 and len(plan.statements) == 21 and plan.placement == ("x", "y")
    assert plan.reflections == tuple((r.id, r.max_length, 0) for r in course.reflections()), "not reported: no LMS limit"
    # Hand count of the fixed part: "2." + head + "." + answers + "." + text masks + per field "." and a check.
    assert len(course.pages) <= 36, "page and furthest page reached take one base-36 digit each"
    head = 1 + 1 + 1 + 3 + 5 + 4  # page, reached, flags, count, save sequence and four commas
    assert plan.fixed == 2 + head + 1 + (2 + 23 + 4) + 1 + (2 + 3) + 15 * 2


@pytest.mark.parametrize("name,limit", [("scorm12", 4096), ("scorm2004-3", 4000)])
def test_the_small_standards_hold_a_thousand_and_far_more_than_three_thousand_characters(name: str, limit: int, course) -> None:  # type: ignore[no-untyped-def]
    plan = plan_state(course, STANDARDS[name].limits, name)
    assert plan.limit == limit
    assert plan.prose > 4500, "ordinary Norwegian prose in all fields together"
    norwegian = "Jeg vil bli flinkere til å prioritere oppgavene mine og å si fra når arbeidspresset blir for høyt. " * 40
    assert textcode.size(norwegian[:1000]) + 14 * textcode.size(norwegian[:200]) <= plan.text_budget


def test_a_budget_too_small_is_a_build_error(course) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScormBuilderError, match=f"too few for 15 reflection fields of at least {MIN_FIELD}"):
        plan_state(course, DataLimits(suspend_data=700, location=255, reflection_response=255, description=0), "tiny")


def test_reported_reflections_are_capped_by_the_interaction_limit(course) -> None:  # type: ignore[no-untyped-def]
    reported = course.model_copy(update={"privacy": course.privacy.model_copy(update={"reflections": "lms"})})
    plan = plan_state(reported, DataLimits(suspend_data=64000, location=255, reflection_response=255, description=0), "x")
    assert {(size, units) for _, size, units in plan.reflections} == {(255, 255)}


def test_descriptions_over_the_limit_are_a_build_error(course) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScormBuilderError, match="descriptions hold at most 10 characters"):
        plan_state(course, DataLimits(suspend_data=64000, location=1000, reflection_response=4000, description=10), "x")


def test_an_author_declares_the_lms_real_limit_for_scorm_builds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    course = copy_course(tmp_path / "course")
    results = build(course, ["scorm12", "scorm2004-3", "xapi"], ["nb"], tmp_path / "dist", suspend_data=64000)
    assert {r.standard: r.state.limit for r in results} == {"scorm12": 64000, "scorm2004-3": 64000, "xapi": 64000}
    small = build(course, ["scorm12"], ["nb"], tmp_path / "small", suspend_data=3000)[0]
    assert small.state.limit == 3000 and small.state.worst_case == 3000
    out = CliRunner().invoke(main, ["build", str(course), "-s", "scorm12", "--lms-suspend-data", "20000", "-o", str(tmp_path / "cli")])
    assert out.exit_code == 0, out.output
    assert "resume state <= 20,000 of 20,000 chars, text fields share" in out.output
    refused = CliRunner().invoke(main, ["build", str(course), "--lms-suspend-data", "12"])
    assert refused.exit_code == 2 and "--lms-suspend-data" in refused.output
