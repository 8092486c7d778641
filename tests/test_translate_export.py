"""``translate export``: one XLIFF 1.2 unit per text, readable ids that stay put, notes, existing translations."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from support import COURSE, copy_course
from xliff_tool import open_store, unit_id

from scorm_builder.cli import main
from scorm_builder.errors import ContentError, ScormBuilderError, TranslationError
from scorm_builder.newcourse import create
from scorm_builder.translate import export_xliff
from scorm_builder.ui import builtin

Loc = tuple[Any, ...]


def language_maps(data: Any, languages: set[str], loc: Loc = ()) -> Iterator[Loc]:
    """Yield the path of every mapping whose keys are languages: a text, found without the content models."""
    if isinstance(data, dict):
        if data and set(data) <= languages and all(isinstance(v, str) for v in data.values()):
            yield loc
            return
        for key, value in data.items():
            yield from language_maps(value, languages, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from language_maps(item, languages, (*loc, index))


def block_index(page: Path, block_id: str) -> int:
    """Return the position of the block with ``block_id`` on ``page``, read without the content models."""
    blocks = yaml.safe_load(page.read_text(encoding="utf-8"))["blocks"]
    return next(n for n, block in enumerate(blocks) if block.get("id") == block_id)


def _export(tmp_path: Path, course: Path = COURSE, *args: str) -> Path:
    out = tmp_path / "out.xlf"
    result = CliRunner().invoke(main, ["translate", "export", str(course), *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_text_of_every_file_and_every_interface_string_is_one_unit(tmp_path: Path) -> None:
    _, units = export_xliff(COURSE, "nb", "sv")
    expected = set()
    for path in sorted(COURSE.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rel = path.relative_to(COURSE).as_posix()
        expected |= {(rel, ".".join(map(str, loc))) for loc in language_maps(data, {"nb", "en"})}
    assert {(u.file, u.field) for u in units if u.file != "ui.yaml"} == expected
    assert [u.field for u in units if u.file == "ui.yaml"] == list(builtin())
    assert any(u.file == "scoring.yaml" and u.field == "development_areas.description" for u in units)
    assert len({u.id for u in units}) == len(units)
    store = open_store(_export(tmp_path, COURSE, "--from", "nb", "--to", "sv"))
    assert store.getsourcelanguage() == "nb" and store.gettargetlanguage() == "sv"
    assert sorted(unit_id(u) for u in store.units) == sorted(u.id for u in units)
    assert {str(u.source) for u in store.units} == {u.source for u in units}


def test_ids_come_from_content_ids_and_each_note_says_file_line_and_field(tmp_path: Path) -> None:
    _, units = export_xliff(COURSE, "nb", "sv")
    by_id = {u.id: u for u in units}
    lines = (COURSE / "pages" / "05-tre-sporsmal.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == 'label: {nb: "Hva kan du?", en: "What can you do?"}')
    assert by_id["hva-kan-du.label"].source == "Hva kan du?"
    field = f"blocks.{block_index(COURSE / 'pages' / '05-tre-sporsmal.yaml', 'hva-kan-du')}.label"
    assert by_id["hva-kan-du.label"].where == f"pages/05-tre-sporsmal.yaml:{line} {field}"
    quest = yaml.safe_load((COURSE / "questionnaires" / "karrierebevissthet.yaml").read_text(encoding="utf-8"))
    statement = quest["categories"][0]["statements"][1]
    assert by_id[f"{statement['id']}.text"].source == " ".join(statement["text"]["nb"].split())
    assert by_id[f"{quest['id']}.scale.labels.5"].source == quest["scale"]["labels"][5]["nb"]
    scoring = yaml.safe_load((COURSE / "scoring.yaml").read_text(encoding="utf-8"))
    assert by_id["scoring.yaml#overall.description"].source == scoring["overall"]["description"]["nb"]
    assert by_id["aktivt-medarbeiderskap.title"].file == "course.yaml"
    assert by_id["ui.yaml#progress"].placeholders == {"n", "total"}
    store = open_store(_export(tmp_path, COURSE, "--to", "sv"))
    unit = next(u for u in store.units if unit_id(u) == "hva-kan-du.label")
    assert unit.getnotes() == f"pages/05-tre-sporsmal.yaml:{line} {field}"
    assert unit.getlocations() == [f"pages/05-tre-sporsmal.yaml:{line}"]
    progress = next(u for u in store.units if unit_id(u) == "ui.yaml#progress")
    assert "keep {n}, {total}" in progress.getnotes()


def test_ids_survive_a_new_block_and_a_renamed_page_file(tmp_path: Path) -> None:
    before = {u.id: u.source for u in export_xliff(COURSE, "nb", "sv")[1]}
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "05-tre-sporsmal.yaml"
    text = page.read_text(encoding="utf-8").replace(
        "blocks:\n", 'blocks:\n  - type: text\n    body: {nb: "Ny tekst.", en: "New text."}\n', 1)
    page.unlink()
    (course / "pages" / "05-sporsmal.yaml").write_text(text, encoding="utf-8")
    head = course / "course.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("05-tre-sporsmal.yaml", "05-sporsmal.yaml"))
    after = {u.id: u.source for u in export_xliff(course, "nb", "sv")[1]}
    for kept in ("hva-kan-du.label", "hva-kan-du.prompt", "hvem-er-du.label", "tre-sporsmal.title"):
        assert after[kept] == before[kept]
    assert after["tre-sporsmal.blocks.0.body"] == "Ny tekst."


def test_two_exports_are_identical_and_existing_translations_are_targets(tmp_path: Path) -> None:
    first = export_xliff(COURSE, "nb", "en")[0]
    assert first == export_xliff(COURSE, "nb", "en")[0]
    store = open_store(_export(tmp_path, COURSE, "--from", "nb", "--to", "en"))
    targets = {unit_id(u): str(u.target) for u in store.units}
    assert targets["hva-kan-du.label"] == "What can you do?"
    assert targets["ui.yaml#next"] == "Next"
    assert all(targets.values())
    none_yet = open_store(_export(tmp_path, COURSE, "--to", "sv"))
    assert all(not u.target for u in none_yet.units if unit_id(u) != "ui.yaml#next")


def test_wrapped_lines_become_one_line_per_paragraph(tmp_path: Path) -> None:
    create(tmp_path / "c")
    by_id = {u.id: u for u in export_xliff(tmp_path / "c", "nb", "sv")[1]}
    body = by_id["welcome.blocks.0.body"].source
    assert body.count("\n\n") == 1 and "\n" not in body.replace("\n\n", "")
    assert body.startswith("Tilbakemeldinger hjelper oss å se det vi selv ikke ser. De gjør det lettere å lære, og de")


@pytest.mark.parametrize(
    ("args", "error", "expected"),
    [
        (["--from", "de", "--to", "sv"], TranslationError, "languages: the course is not written in 'de'; its languages are nb, en"),
        (["--from", "nb", "--to", "nb"], ScormBuilderError, "--to 'nb': give a language tag other than nb"),
        (["--to", "svensk språk"], ScormBuilderError, "--to 'svensk språk': give a language tag"),
    ],
)
def test_a_wrong_language_is_refused_and_nothing_written(tmp_path: Path, args: list[str], error: type, expected: str) -> None:
    out = tmp_path / "out.xlf"
    result = CliRunner().invoke(main, ["translate", "export", str(COURSE), *args, "--out", str(out)])
    assert isinstance(result.exception, error) and expected in str(result.exception)
    assert not out.exists()


def test_a_broken_course_is_reported_by_the_loader(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "01-laeringsmal.yaml"
    page.write_text(page.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"01-laeringsmal.yaml:\d+: extra: unknown field"):
        export_xliff(course, "nb", "sv")


def test_a_text_missing_in_the_source_language_is_named(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "05-tre-sporsmal.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace('{nb: "Hva kan du?", en:', "{en:"), encoding="utf-8")
    with pytest.raises(TranslationError, match=r"05-tre-sporsmal.yaml:\d+: blocks.\d+.label: text missing in nb"):
        export_xliff(course, "nb", "sv")
    assert export_xliff(course, "en", "sv")[1]  # from English it is complete


def test_default_output_name_and_help(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(COURSE, tmp_path / "kurs")
    result = CliRunner().invoke(main, ["translate", "export", "kurs", "--to", "pl"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("kurs-pl.xlf: ") and "units to translate into pl, 0 already translated" in result.output
    assert open_store(tmp_path / "kurs-pl.xlf").gettargetlanguage() == "pl"
    for command in (["translate", "--help"], ["translate", "export", "--help"], ["translate", "import", "--help"]):
        assert "Examples:" in CliRunner().invoke(main, command).output
