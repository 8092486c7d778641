"""The content models form layers without a cycle: primitives, then the scoring rules, then the course,
then what evaluates and loads them (so ``Course.scoring`` is typed as the rules themselves)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scorm_builder.models import Course
from scorm_builder.scoring_rules import ScoringSpec


def imported_by(module: str) -> set[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(m for m in sys.modules if m.startswith('scorm_builder'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize(("module", "never"), [
    ("scorm_builder.primitives", {"scorm_builder.models", "scorm_builder.scoring_rules", "scorm_builder.scoring"}),
    ("scorm_builder.scoring_rules", {"scorm_builder.models", "scorm_builder.scoring", "scorm_builder.loader"}),
    ("scorm_builder.models", {"scorm_builder.scoring", "scorm_builder.loader", "scorm_builder.render"}),
])
def test_a_lower_layer_never_imports_a_higher_one(module: str, never: set[str]) -> None:
    assert not imported_by(module) & never


def test_the_course_holds_the_scoring_rules_as_their_own_type() -> None:
    field = Course.model_fields["scoring"]
    assert field.annotation == ScoringSpec | None
