"""The report scores each learner exactly as the course does (scorm_builder.scoring.evaluate_plan)."""

from __future__ import annotations

import copy
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from support import COURSE

from scorm_builder.loader import load_course
from scorm_builder.report.course import course_keys
from scorm_builder.report.scores import MIDLINE, Scorer
from scorm_builder.scoring import Answers, evaluate_plan

KEYS = course_keys(load_course(COURSE))
N = len(KEYS.statements)
RULES = st.fixed_dictionaries(
    {
        "strengths": st.fixed_dictionaries(
            {
                "count": st.integers(0, 7),
                "per": st.sampled_from(["course", "questionnaire"]),
                "tie_break": st.sampled_from(["content-order", "reverse-content-order"]),
            }
        ),
        "development_areas": st.fixed_dictionaries(
            {
                "count": st.integers(0, 7),
                "exclude_strengths": st.booleans(),
                "per": st.sampled_from(["course", "questionnaire"]),
                "tie_break": st.sampled_from(["content-order", "reverse-content-order"]),
            }
        ),
        "high_from": st.integers(3, 5),
    }
)


def keys_with(rules: dict) -> object:
    plan = copy.deepcopy(KEYS.plan)
    plan["strengths"].update(rules["strengths"])
    plan["development_areas"].update(rules["development_areas"])
    plan["placement"]["high_from"] = rules["high_from"]
    plan["placement"]["low_to"] = min(plan["placement"]["low_to"], rules["high_from"] - 1)
    return type(KEYS)(**{**KEYS.__dict__, "plan": plan})


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.integers(1, 5), min_size=N, max_size=N),
    st.none() | st.tuples(st.integers(1, 5), st.integers(1, 5)),
    RULES,
)
def test_scores_equal_the_course_evaluator(values, place, rules) -> None:
    keys = keys_with(rules)
    answers = dict(enumerate(values))
    if place:
        answers[N], answers[N + 1] = place
    scored = Scorer(keys).score(answers)
    expected = evaluate_plan(
        keys.plan,
        Answers(
            dict(zip(KEYS.statements, values, strict=True)), {"x": place[0], "y": place[1]} if place else {}
        ),
    )
    assert scored is not None
    for n, category in enumerate(keys.categories):
        assert (
            Fraction(scored.sums[n], len(category.members))
            == expected.categories[category.id].score
        )
    assert list(scored.strengths) == expected.overall.strengths
    assert list(scored.development_areas) == expected.overall.development_areas
    assert scored.placement == ((expected.quadrant or MIDLINE) if place else None)


@given(st.dictionaries(st.integers(0, N - 1), st.integers(1, 5), max_size=N - 1))
def test_a_learner_with_an_unanswered_statement_does_not_count(answers) -> None:
    assert Scorer(KEYS).score(answers) is None


def test_a_learner_on_a_midline_is_counted_as_midline() -> None:
    plan = copy.deepcopy(KEYS.plan)
    plan["placement"]["profiles"] = [
        p for p in plan["placement"]["profiles"] if (p["x"], p["y"]) != ("high", "high")
    ]
    keys = type(KEYS)(**{**KEYS.__dict__, "plan": plan})
    answers = dict.fromkeys(range(N), 3)
    assert Scorer(keys).score({**answers, N: 5, N + 1: 5}).placement == MIDLINE
    assert Scorer(keys).score({**answers, N: 1, N + 1: 1}).placement == "brikke"
    assert Scorer(keys).score({**answers, N: 1}).placement is None
    assert Scorer(KEYS).score({**answers, N: 3, N + 1: 5}).placement == MIDLINE, (
        "3 lies between low_to and high_from"
    )


@settings(max_examples=60, deadline=None)
@given(
    # answers 2-3 only, so that learners share a questionnaire's category scores and the choice
    # remembered for one learner is given to the next
    st.lists(st.lists(st.integers(2, 3), min_size=N, max_size=N), min_size=2, max_size=30),
    RULES,
)
def test_one_scorer_gives_every_learner_the_course_evaluators_choice(learners, rules) -> None:
    keys = keys_with(rules)
    scorer = Scorer(keys)
    for values in learners:
        scored = scorer.score(dict(enumerate(values)))
        expected = evaluate_plan(
            keys.plan, Answers(dict(zip(KEYS.statements, values, strict=True)), {})
        ).overall
        assert scored is not None
        assert (list(scored.strengths), list(scored.development_areas)) == (
            expected.strengths,
            expected.development_areas,
        )
