"""A course's own ui.yaml: merged over the built-in interface strings, checked like the rest of the content."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from support import ROOTS, copy_course

from scorm_builder.build import build
from scorm_builder.errors import ContentError
from scorm_builder.loader import load_course
from scorm_builder.render import ui_strings
from scorm_builder.ui import builtin


def _course(tmp_path: Path, ui_yaml: str | None, languages: str = "[nb]") -> Path:
    course = copy_course(tmp_path / "course", ROOTS / "minimal")
    head = course / "course.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("languages: [nb]", f"languages: {languages}"))
    if languages != "[nb]":
        for path in (head, course / "pages" / "start.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r'\{nb: "([^"]*)"\}', r'{nb: "\1", sv: "\1 (sv)"}', text), encoding="utf-8")
    if ui_yaml is not None:
        (course / "ui.yaml").write_text(ui_yaml, encoding="utf-8")
    return course


def _page(zip_path: Path) -> str:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.read("index.html").decode("utf-8")


def test_course_strings_replace_built_in_ones_in_the_built_page(tmp_path: Path) -> None:
    course = _course(tmp_path, 'next: {nb: "Videre"}\nprevious: {nb: "Tilbake"}\n')
    [result] = build(course, ["scorm12"], ["nb"], tmp_path / "dist")
    page = _page(result.path)
    assert 'data-next="Videre"' in page and ">Tilbake</button>" in page
    assert builtin()["finish"]["nb"] in page  # not overridden: the built-in string


def test_a_language_without_built_in_strings_uses_the_course_ones_then_english(tmp_path: Path) -> None:
    course = _course(tmp_path, 'next: {sv: "Nästa"}\n', languages="[nb, sv]")
    strings = ui_strings("sv", load_course(course))
    assert strings["next"] == "Nästa"
    assert strings["previous"] == builtin()["previous"]["en"]
    assert ui_strings("nb", load_course(course))["next"] == builtin()["next"]["nb"]
    [result] = build(course, ["scorm12"], ["sv"], tmp_path / "dist")
    assert 'data-next="Nästa"' in _page(result.path)


@pytest.mark.parametrize(
    ("ui_yaml", "expected"),
    [
        ('next: {nb: "Videre"}\nnexxt: {nb: "x"}\n', "ui.yaml:2: nexxt: unknown interface string (did you mean 'next'?)"),
        ('neste: {nb: "Videre"}\n', "ui.yaml:1: neste: unknown interface string; the keys are: skip, "),
        (
            'progress: {nb: "Side {n} av {totalt}"}\n',
            "ui.yaml:1: progress.nb: drops {total}; keep every placeholder ({n}, {total});"
            " {totalt} is not a placeholder of this string (did you mean {total}?) (it has: {n}, {total})",
        ),
        ('progress:\n  nb: "Side {n}"\n', "ui.yaml:2: progress.nb: drops {total}; keep every placeholder ({n}, {total})"),
        ('next: {nb: "Neste {side}"}\n', "ui.yaml:1: next.nb: {side} is not a placeholder of this string (it has: none)"),
        ('next: {nb: "Videre", de: "Weiter"}\n', "ui.yaml:1: next.de: language de is not in the course's languages"),
        ('next: {nb: ""}\n', "ui.yaml:1: next.nb: the text is empty"),
        ("- next\n", "ui.yaml:1: the file must hold fields (key: value lines), not a list"),
        ("next: Videre\n", 'ui.yaml:1: next: a text is written per language: {nb: "…", en: "…"}, or nb: and en: on lines of their own below it'),
    ],
)
def test_mistakes_in_ui_yaml_are_reported_with_file_line_and_field(tmp_path: Path, ui_yaml: str, expected: str) -> None:
    course = _course(tmp_path, ui_yaml)
    with pytest.raises(ContentError) as caught:
        load_course(course)
    assert expected in str(caught.value)
