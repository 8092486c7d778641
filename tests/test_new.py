"""``scorm-builder new``: a fresh scaffold builds for every standard and validates clean; occupied folders are refused."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import snapshot

from scorm_builder.build import build
from scorm_builder.checker import check_package
from scorm_builder.cli import main
from scorm_builder.errors import ScormBuilderError
from scorm_builder.loader import load_course
from scorm_builder.newcourse import create
from scorm_builder.paths import scaffold_dir
from scorm_builder.standards import STANDARDS


def test_a_fresh_course_builds_for_every_standard_and_language_and_validates_clean(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "feedback")])
    assert result.exit_code == 0, result.output
    course = load_course(tmp_path / "feedback")
    assert course.id == "feedback" and course.languages == ("nb", "en")
    kinds = {type(b).__name__ for page in course.pages for b in page.blocks}
    assert {"QuestionnaireBlock", "ReflectionBlock", "SummaryBlock"} <= kinds
    assert course.scoring is not None and len(course.pages) <= 3
    results = build(tmp_path / "feedback", ["all"], ["all"], tmp_path / "dist")
    assert sorted((r.standard, r.lang) for r in results) == sorted((s, lang) for s in STANDARDS for lang in ("nb", "en"))
    for packaged in results:
        report = check_package(packaged.path)
        assert report.findings == [], (packaged.path.name, [f.line() for f in report.findings])


def test_the_course_yaml_differs_from_the_scaffold_only_in_its_id(tmp_path: Path) -> None:
    create(tmp_path / "x", "customer-care")
    written = (tmp_path / "x" / "course.yaml").read_text(encoding="utf-8").splitlines()
    original = (scaffold_dir() / "course.yaml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.ndiff(original, written) if line[:1] in "+-"]
    assert changed == [
        "- id: example-course",
        "+ id: customer-care",
        '-   base_iri: "https://courses.example.org/example-course"',
        '+   base_iri: "https://courses.example.org/customer-care"',
    ]
    for name in ("pages/01-welcome.yaml", "scoring.yaml"):
        assert (tmp_path / "x" / name).read_bytes() == (scaffold_dir() / name).read_bytes()


def test_every_scaffold_file_teaches_with_comments(tmp_path: Path) -> None:
    files = create(tmp_path / "c")
    assert len(files) >= 5
    for name in files:
        text = (tmp_path / "c" / name).read_text(encoding="utf-8")
        assert text.startswith("# "), name
        assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 3, name
    assert "CHANGE THIS" in (tmp_path / "c" / "course.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("folder", "expected"), [("Mitt kurs på jobb", "mitt-kurs-pa-jobb"), ("Ærlig_Øving 2", "aerlig-oving-2")])
def test_the_id_is_made_from_the_folder_name(tmp_path: Path, folder: str, expected: str) -> None:
    create(tmp_path / folder)
    assert load_course(tmp_path / folder).id == expected


def test_an_existing_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    create(tmp_path / "empty", "kurs")
    assert (tmp_path / "empty" / "course.yaml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]  # no temporary folder left behind


@pytest.mark.parametrize("occupant", ["file", "hidden", "folder-is-a-file"])
def test_an_occupied_folder_is_refused_and_left_alone(tmp_path: Path, occupant: str) -> None:
    target = tmp_path / "course"
    if occupant == "folder-is-a-file":
        target.write_text("notes")
    else:
        target.mkdir()
        (target / ("notes.txt" if occupant == "file" else ".git")).write_text("mine")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["new", str(target)], standalone_mode=False)
    assert isinstance(result.exception, ScormBuilderError)
    message = str(result.exception)
    assert str(target) in message and ("is not empty" in message or "is a file" in message)
    assert snapshot(tmp_path) == before


def test_refusal_exits_with_code_1_and_one_error_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "course.yaml").write_text("id: mine\n")
    proc = subprocess.run(
        [sys.executable, "-m", "scorm_builder", "new", str(tmp_path / "c")],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'c'} is not empty (course.yaml): scorm-builder new writes a course into a new or empty folder only"
    ]


@pytest.mark.parametrize("bad", ["Kurs", "1-kurs", "a--b", "x" * 41])
def test_an_invalid_id_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ScormBuilderError, match="is not a valid id"):
        create(tmp_path / "c", bad)
    assert not (tmp_path / "c").exists()


def test_help_has_examples() -> None:
    result = CliRunner().invoke(main, ["new", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "scorm-builder new courses/feedback" in result.output
