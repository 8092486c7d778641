"""Scoring defined once as content (``scoring.yaml``), evaluated exactly in Python and in the browser.

``export_spec`` joins the spec with the course structure into the plan that both
:func:`evaluate` and ``runtime/scoring.js`` run; see ``spec.py`` for the rules.
"""

from .answers import answers_template, parse_answers, score_file
from .evaluate import (
    Answers,
    CategoryResult,
    Overall,
    Result,
    evaluate,
    evaluate_plan,
    round_half_up,
)
from .spec import ScoringSpec, check_references, export_spec

__all__ = [
    "Answers",
    "CategoryResult",
    "Overall",
    "Result",
    "ScoringSpec",
    "answers_template",
    "check_references",
    "evaluate",
    "evaluate_plan",
    "export_spec",
    "parse_answers",
    "round_half_up",
    "score_file",
]
