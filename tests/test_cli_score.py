"""`scorm-builder score`: the template, a scored answers file, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from support import COURSE

from scorm_builder.cli import main


def test_template_then_score(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["score", "--template", str(COURSE)])
    assert result.exit_code == 0, result.output
    template = json.loads(result.output)
    assert len(template["answers"]) == 21 and set(template["answers"].values()) == {None}
    assert template["statements"]["karriere-1"]["category"] == "karriere"
    template["answers"] = dict.fromkeys(template["answers"], 5)
    template["placement"] = {"x": 5, "y": 1}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(template), encoding="utf-8")
    result = runner.invoke(main, ["score", str(COURSE), str(answers)])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["overall"] == {"raw": 100, "scaled": 1, "answered": 21, "total": 21}
    assert scored["categories"]["selvledelse"] == {"questionnaire": "aktivt-medarbeiderskap-egenvurdering", "score": 5, "answered": 3, "total": 3}
    assert scored["quadrant"] == "reaktiv" and scored["near"] == ["reaktiv"] and scored["complete"] is True
    assert scored["placement"] == {"x": "high", "y": "low"}
    # Two strengths per self-assessment, each list also under its questionnaire.
    assert scored["strengths"] == ["karriere", "kompetanse", "selvledelse", "med-ledelse"]
    assert scored["questionnaires"]["karrierebevissthet"]["strengths"] == ["karriere", "kompetanse"]
    assert scored["questionnaires"]["karrierebevissthet"]["development_areas"] == ["motivasjon", "maal-og-utvikling"]


def test_score_at_the_centre_of_the_model(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {}, "placement": {"x": 3, "y": 3}}), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(COURSE), str(answers)])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["placement"] == {"x": "middle", "y": "middle"} and scored["quadrant"] is None
    assert scored["near"] == ["handlingslammet", "proaktiv", "brikke", "reaktiv"]


def test_bad_answers_name_the_file_and_field(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {"karriere-1": 6}}', encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(COURSE), str(answers)])
    assert result.exit_code != 0
    assert "answers.karriere-1: 6 is outside the scale 1-5" in str(result.exception)


def test_usage_error_without_answers() -> None:
    result = CliRunner().invoke(main, ["score"])
    assert result.exit_code == 2 and "ANSWERS.json" in result.output
