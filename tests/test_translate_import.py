"""``translate import``: translations land beside the other languages, the build shows them, bad files change nothing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from support import COURSE, copy_course, snapshot
from xliff_tool import fill, open_store, swedish, unit_id

from scorm_builder.build import build
from scorm_builder.cli import main
from scorm_builder.errors import ContentError
from scorm_builder.loader import load_course
from scorm_builder.paths import templates_dir
from scorm_builder.translate import export_xliff, import_file
from scorm_builder.ui import builtin


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the seed course to translate."""
    return copy_course(tmp_path / "course")


def exported(course: Path, tmp_path: Path, source: str = "nb", target: str = "sv") -> Path:
    """Export ``course`` with the command line and return the XLIFF file."""
    out = tmp_path / f"course-{target}.xlf"
    result = CliRunner().invoke(main, ["translate", "export", str(course), "--from", source, "--to", target, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def imported(course: Path, xlf: Path, *args: str) -> list[str]:
    """Import ``xlf`` with the command line and return its report lines."""
    result = CliRunner().invoke(main, ["translate", "import", str(course), str(xlf), *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def page_html(zip_path: Path) -> str:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.read("index.html").decode("utf-8")


def without_sv(text: str) -> str:
    """Undo exactly what a Swedish import adds: sv entries of flow and block mappings, sv in languages."""
    text = re.sub(r', sv: "(?:[^"\\]|\\.)*"', "", text).replace("languages: [nb, en, sv]", "languages: [nb, en]")
    return "".join(line for line in text.splitlines(keepends=True) if not re.match(r"\s*sv: ", line))


def test_every_text_translated_builds_a_swedish_package(course: Path, tmp_path: Path) -> None:
    xlf = fill(exported(course, tmp_path), swedish)
    units = export_xliff(course, "nb", "sv")[1]
    report = imported(course, xlf)
    files = len(list(COURSE.rglob("*.yaml"))) + 1  # and the course's new ui.yaml
    assert report == [f"{xlf}: nb -> sv: wrote {len(units)} texts into {files} files, 0 unchanged; sv added to the course's languages"]
    assert load_course(course).languages == ("nb", "en", "sv")
    [result] = build(course, ["scorm12"], ["sv"], tmp_path / "dist")
    page = page_html(result.path)
    assert '<html lang="sv">' in page
    for heading in load_course(course).pages:
        assert f'tabindex="-1">SV {heading.title.get("nb")}</h1>' in page, heading.id
    assert "SV Hva kan du?" in page and "SV Jeg har en klar forståelse for hva karriere betyr for meg" in page
    assert 'data-next="SV Neste"' in page and ">SV Forrige</button>" in page
    assert '"progress":"SV Side {n} av {total}"' in page.replace(": ", ":").replace(", ", ",")
    nb_page = page_html(build(course, ["scorm12"], ["nb"], tmp_path / "nb")[0].path)
    assert '<html lang="nb">' in nb_page and "SV " not in nb_page.split('id="course-data"')[0]


def test_the_files_keep_their_comments_order_and_quoting(course: Path, tmp_path: Path) -> None:
    imported(course, fill(exported(course, tmp_path), swedish))
    for path in sorted(COURSE.rglob("*.yaml")):
        rel = path.relative_to(COURSE)
        after = (course / rel).read_text(encoding="utf-8")
        assert after != path.read_text(encoding="utf-8"), rel
        assert without_sv(after) == path.read_text(encoding="utf-8"), rel
        lines = after.splitlines()
        for number, line in enumerate(lines[1:], 2):
            block = re.match(r"(\s*)sv: ", line)
            if block:  # right below the English, above any comment that introduces the next field
                assert re.match(rf"{block.group(1)}en: ", lines[number - 2]), (rel, number)
    page = (course / "pages" / "05-tre-sporsmal.yaml").read_text(encoding="utf-8")
    assert '    label: {nb: "Hva kan du?", en: "What can you do?", sv: "SV Hva kan du?"}\n' in page


def test_interface_strings_go_into_the_course_ui_yaml_and_never_into_templates(course: Path, tmp_path: Path) -> None:
    templates = snapshot(templates_dir())
    imported(course, fill(exported(course, tmp_path), swedish))
    assert snapshot(templates_dir()) == templates
    text = (course / "ui.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Interface strings of this course")
    assert 'next: {sv: "SV Neste"}\n' in text and 'progress: {sv: "SV Side {n} av {total}"}\n' in text
    assert load_course(course).ui["characters"].get("sv") == f"SV {builtin()['characters']['nb']}"


def test_a_second_export_has_the_same_ids_with_the_targets_filled(course: Path, tmp_path: Path) -> None:
    first = exported(course, tmp_path)
    ids = [unit_id(u) for u in open_store(first).units]
    imported(course, fill(first, swedish))
    (tmp_path / "again").mkdir()
    second = open_store(exported(course, tmp_path / "again"))
    assert [unit_id(u) for u in second.units] == ids
    assert all(str(u.target) == f"SV {u.source}" for u in second.units)
    again = imported(course, exported(course, tmp_path / "again"))
    assert again[0].endswith(f"wrote 0 texts into 0 files, {len(ids)} unchanged")


def test_a_source_text_changed_since_the_export_is_reported_stale_and_left_out(course: Path, tmp_path: Path) -> None:
    xlf = fill(exported(course, tmp_path), swedish)
    page = course / "pages" / "05-tre-sporsmal.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace('label: {nb: "Hva kan du?"', 'label: {nb: "Hva kan du nå?"'), encoding="utf-8")
    line = next(n for n, t in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "Hva kan du nå?" in t)
    report = imported(course, xlf)
    assert "stale (the source text changed since the export), left out (1):" in report
    blocks = yaml.safe_load(page.read_text(encoding="utf-8"))["blocks"]
    field = f"blocks.{next(n for n, b in enumerate(blocks) if b.get('id') == 'hva-kan-du')}.label"
    assert f"  hva-kan-du.label  pages/05-tre-sporsmal.yaml:{line} {field}" in report
    assert report[-1] == "1 texts are still missing in sv: the build names each with its file and line until they are translated and imported"
    now = next(n for n, t in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "Hva kan du nå?" in t)
    assert page.read_text(encoding="utf-8").splitlines()[now - 1] == '    label: {nb: "Hva kan du nå?", en: "What can you do?"}'
    with pytest.raises(ContentError, match=rf"05-tre-sporsmal.yaml:{now}: {field}: text missing in sv"):
        build(course, ["scorm12"], ["sv"], tmp_path / "dist")


def test_untranslated_units_are_listed_and_left_out(course: Path, tmp_path: Path) -> None:
    skip = {"hvem-er-du.prompt", "ui.yaml#finish"}
    xlf = fill(exported(course, tmp_path), lambda uid, source: None if uid in skip else swedish(uid, source))
    report = imported(course, xlf)
    assert "untranslated, left out (2):" in report
    assert any(line.startswith("  hvem-er-du.prompt  pages/05-tre-sporsmal.yaml:") for line in report)
    assert "  ui.yaml#finish  ui.yaml finish" in report
    assert "finish" not in (course / "ui.yaml").read_text(encoding="utf-8")
    with pytest.raises(ContentError, match=r"05-tre-sporsmal.yaml:\d+: blocks.\d+.prompt: text missing in sv"):
        load_course(course)


def test_dry_run_reports_and_writes_nothing(course: Path, tmp_path: Path) -> None:
    xlf = fill(exported(course, tmp_path), swedish)
    before = snapshot(course)
    report = imported(course, xlf, "--dry-run")
    assert ": nb -> sv: would write " in report[0]
    assert snapshot(course) == before


def test_regional_tags_from_a_translation_tool_match_the_course_languages(course: Path, tmp_path: Path) -> None:
    xlf = fill(exported(course, tmp_path), swedish)
    xlf.write_text(xlf.read_text(encoding="utf-8").replace('source-language="nb"', 'source-language="nb-NO"'), encoding="utf-8")
    report = import_file(course, xlf)
    assert (report.source, report.target) == ("nb", "sv") and report.written


def test_a_new_course_translated_to_swedish_builds_every_standard(tmp_path: Path) -> None:
    from scorm_builder.checker import check_package
    from scorm_builder.newcourse import create

    create(tmp_path / "c")
    imported(tmp_path / "c", fill(exported(tmp_path / "c", tmp_path), swedish))
    welcome = (tmp_path / "c" / "pages" / "01-welcome.yaml").read_text(encoding="utf-8")
    # a | block stays a | block, right below the English one and above the comment on the next block
    assert "on one small next step.\n      sv: |\n        SV Tilbakemeldinger hjelper oss" in welcome
    assert "ett lite steg videre.\n  # A list block:" in welcome
    for result in build(tmp_path / "c", ["all"], ["sv"], tmp_path / "dist"):
        assert check_package(result.path).findings == [], result.path.name
    assert "SV Hva er ditt neste steg?" in page_html(tmp_path / "dist" / "c-1.0.0-scorm12-sv.zip")


def test_a_file_with_no_translation_adds_no_language(course: Path, tmp_path: Path) -> None:
    before = snapshot(course)
    report = imported(course, exported(course, tmp_path))
    assert report[0].endswith(": nb -> sv: wrote 0 texts into 0 files, 0 unchanged")
    assert report[1] == f"untranslated, left out ({len(export_xliff(course, 'nb', 'sv')[1])}):"
    assert "still missing" not in report[-1]
    assert snapshot(course) == before
