"""The author's guide (docs/authoring.md): its examples are valid content, cover every block and field, and build."""

from __future__ import annotations

import re
import shutil
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter
from support import ROOT, ROOTS

from scorm_builder.build import build
from scorm_builder.checker import check_package
from scorm_builder.cli import main
from scorm_builder.models import AnyBlock, Text
from scorm_builder.ui import check_course_ui

GUIDE = ROOT / "docs" / "authoring.md"


def fenced(language: str) -> list[str]:
    """Return the guide's code blocks in ``language``."""
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def files() -> dict[str, str]:
    """Return the guide's examples of whole files, by the path their first line names (``# scoring.yaml``)."""
    return {m.group(1): text for text in fenced("yaml") if (m := re.match(r"# ([\w./-]+\.yaml)\n", text))}


def block_examples() -> list[dict[str, Any]]:
    return [yaml.safe_load(text)[0] for text in fenced("yaml") if text.lstrip().startswith("- type:")]


def block_models() -> dict[str, Any]:
    """Return {type name: model} for every block type of the content format."""
    union = typing.get_args(typing.get_args(AnyBlock)[0])
    return {typing.get_args(model.model_fields["type"].annotation)[0]: model for model in union}


def test_the_readme_links_the_guide() -> None:
    assert "](docs/authoring.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_yaml_example_is_valid_yaml() -> None:
    examples = fenced("yaml")
    assert len(examples) >= 15
    for text in examples:
        yaml.safe_load(text)


def test_every_block_type_has_an_example_that_shows_each_of_its_fields() -> None:
    examples = block_examples()
    TypeAdapter(list[AnyBlock]).validate_python(examples)
    models = block_models()
    assert sorted(b["type"] for b in examples) == sorted(models)
    for example in examples:
        shown, fields = set(example), set(models[example["type"]].model_fields) - {"origin"}
        assert fields <= shown, (example["type"], sorted(fields - shown))
    assert any("origin" in b for b in examples)


def test_the_guide_examples_make_a_course_that_builds_and_validates(tmp_path: Path) -> None:
    examples = files()
    assert {"course.yaml", "pages/01-welcome.yaml", "questionnaires/feedback-habits.yaml", "scoring.yaml", "ui.yaml"} <= set(examples)
    course = tmp_path / "feedback"
    for name in ("pages/01-welcome.yaml", "questionnaires/feedback-habits.yaml", "scoring.yaml"):
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        (course / name).write_text(examples[name], encoding="utf-8")
    page = {"id": "examples", "title": {"nb": "Eksempler", "en": "Examples"}, "blocks": block_examples()}
    (course / "pages" / "02-blocks.yaml").write_text(yaml.safe_dump(page, allow_unicode=True), encoding="utf-8")
    head = yaml.safe_load(examples["course.yaml"])
    head["pages"] = ["pages/01-welcome.yaml", "pages/02-blocks.yaml"]
    (course / "course.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), encoding="utf-8")
    shutil.copytree(ROOTS / "video" / "media", course / "media")
    for result in build(course, ["all"], ["all"], tmp_path / "dist"):
        assert check_package(result.path).findings == [], result.path.name


def test_the_ui_example_is_valid_for_a_course_in_its_languages() -> None:
    data = yaml.safe_load(files()["ui.yaml"])
    strings = {key: Text.model_validate(value) for key, value in data.items()}
    assert check_course_ui(strings, ["nb", "en", "sv"]) == []


@pytest.mark.parametrize("line", [line for text in fenced("sh") for line in text.splitlines() if line.startswith("scorm-builder ")])
def test_every_command_in_the_guide_exists(line: str) -> None:
    words = line.split()
    command = main.commands[words[1]]
    if words[1] == "translate":
        assert words[2] in command.commands  # type: ignore[attr-defined]
