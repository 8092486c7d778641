"""The resume state's worst case is computed per standard at build time and always fits."""

from __future__ import annotations

import pytest
from support import COURSE

from scorm_builder.budget import MIN_FIELD, DataLimits, b36_width, plan_state
from scorm_builder.errors import ScormBuilderError
from scorm_builder.loader import load_course
from scorm_builder.standards import STANDARDS


@pytest.fixture(scope="module")
def course():  # type: ignore[no-untyped-def]
    return load_course(COURSE)


@pytest.mark.parametrize("name", list(STANDARDS))
def test_worst_case_fits_every_standard(name: str, course) -> None:  # type: ignore[no-untyped-def]
    limits = STANDARDS[name].limits
    plan = plan_state(course, limits, name)
    assert plan.worst_case <= limits.suspend_data
    assert len(plan.reflections) == 15 and len(plan.statements) == 21 and plan.placement == ("x", "y")
    for rid, size in plan.reflections:
        authored = next(r.max_length for r in course.reflections() if r.id == rid)
        assert MIN_FIELD <= size <= authored


def test_small_budgets_shrink_fields_evenly_and_large_ones_keep_the_authors_limits(course) -> None:  # type: ignore[no-untyped-def]
    small = plan_state(course, STANDARDS["scorm12"].limits, "scorm12")
    large = plan_state(course, STANDARDS["scorm2004-4"].limits, "scorm2004-4")
    assert len({size for _, size in small.reflections}) == 1
    assert dict(large.reflections) == {r.id: r.max_length for r in course.reflections()}
    # The budget is used, not wasted: one more character per field would not fit.
    size = small.reflections[0][1]
    assert small.worst_case + len(small.reflections) * (1 + b36_width(size + 1) - b36_width(size)) > 4096


def test_a_budget_too_small_is_a_build_error(course) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScormBuilderError, match="too few for 15 reflection fields"):
        plan_state(course, DataLimits(suspend_data=900, location=255, reflection_response=255, description=0), "tiny")


def test_reported_reflections_are_capped_by_the_interaction_limit(course) -> None:  # type: ignore[no-untyped-def]
    reported = course.model_copy(update={"privacy": course.privacy.model_copy(update={"reflections": "lms"})})
    plan = plan_state(reported, DataLimits(suspend_data=64000, location=255, reflection_response=255, description=0), "x")
    assert {size for _, size in plan.reflections} == {255}


def test_descriptions_over_the_limit_are_a_build_error(course) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScormBuilderError, match="descriptions hold at most 10 characters"):
        plan_state(course, DataLimits(suspend_data=64000, location=1000, reflection_response=4000, description=10), "x")
