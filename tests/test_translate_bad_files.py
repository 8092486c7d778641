"""``translate import`` of a bad XLIFF file: one clear error per mistake, with file and line, and nothing changed."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, copy_course, snapshot
from xliff_tool import fill, swedish

from scorm_builder.cli import main
from scorm_builder.errors import TranslationError
from scorm_builder.translate import export_xliff


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A correctly translated XLIFF file of the seed course (nb -> sv), as text."""
    folder = tmp_path_factory.mktemp("good")
    course = copy_course(folder / "course")
    xlf = folder / "good.xlf"
    xlf.write_bytes(export_xliff(course, "nb", "sv")[0])
    return fill(xlf, swedish).read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _first_file_only(text: str, old: str, new: str) -> str:
    return text.replace(old, new, 1)


def _duplicate(text: str) -> str:
    unit = re.search(r'      <trans-unit id="hva-kan-du.label".*?</trans-unit>\n', text, re.S)
    assert unit
    return text.replace(unit.group(0), unit.group(0) * 2)


def _entity(secret: Path) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        text = text.replace("<xliff ", f'<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<xliff ', 1)
        return text.replace(">SV Hva kan du?</target>", ">&xxe;</target>", 1)
    return mutate


CASES: dict[str, tuple[Callable[[str], str], str]] = {
    "truncated XML": (lambda t: t[: len(t) // 2], "not well-formed XML"),
    "not XML": (lambda t: "PK\x03\x04 a zip, not XLIFF", "not well-formed XML"),
    "XLIFF 2.0": (
        lambda t: t.replace('xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"',
                            'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"'),
        "not an XLIFF 1.2 file (found <xliff> version '2.0' in 'urn:oasis:names:tc:xliff:document:2.0')",
    ),
    "other source language": (
        lambda t: t.replace('source-language="nb"', 'source-language="de"'),
        "file.source-language: the file translates from de, but the course is written in nb, en",
    ),
    "no target language": (
        lambda t: t.replace(' target-language="sv"', ""),
        "file.target-language: missing: the file must say which language it is in",
    ),
    "mixed pairs": (
        lambda t: _first_file_only(t, 'target-language="sv"', 'target-language="pl"'),
        "the <file> elements mix language pairs (nb -> pl, nb -> sv)",
    ),
    "target is the source": (
        lambda t: t.replace('target-language="sv"', 'target-language="nb"'),
        "file.target-language: the target language is the source language (nb)",
    ),
    "unknown id": (
        lambda t: t.replace('id="hva-kan-du.label"', 'id="hva-kan-du.labelx"'),
        "hva-kan-du.labelx: unknown unit id: no text of this course has it",
    ),
    "dropped placeholder": (
        lambda t: t.replace(">SV Side {n} av {total}</target>", ">SV Sida {n}</target>"),
        "ui.yaml#progress: the translation drops {total}; keep every placeholder ({n}, {total})",
    ),
    "foreign placeholder": (
        lambda t: t.replace(">SV Neste</target>", ">Nästa {sida}</target>"),
        "ui.yaml#next: the translation {sida} is not a placeholder of this string (it has: none)",
    ),
    "duplicate id": (_duplicate, "hva-kan-du.label: the id is used twice (first at line "),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_with_its_reason_and_changes_nothing(tmp_path: Path, good: str, case: str) -> None:
    mutate, expected = CASES[case]
    course = copy_course(tmp_path / "course")
    xlf = tmp_path / "bad.xlf"
    xlf.write_text(mutate(good), encoding="utf-8")
    before = snapshot(course)
    result = CliRunner().invoke(main, ["translate", "import", str(course), str(xlf)])
    assert isinstance(result.exception, TranslationError), result.output
    message = str(result.exception)
    assert expected in message
    assert all(line.startswith(str(xlf)) for line in message.splitlines()), message
    assert snapshot(course) == before


def test_errors_name_the_line_of_the_unit(tmp_path: Path, good: str) -> None:
    course = copy_course(tmp_path / "course")
    xlf = tmp_path / "bad.xlf"
    text = good.replace('id="hva-kan-du.label"', 'id="gone"').replace(">SV Side {n} av {total}</target>", ">Sida</target>")
    xlf.write_text(text, encoding="utf-8")
    with pytest.raises(TranslationError) as caught:
        CliRunner().invoke(main, ["translate", "import", str(course), str(xlf)], catch_exceptions=False)
    gone, progress = line_of(text, 'id="gone"'), line_of(text, 'id="ui.yaml#progress"')
    assert [str(p) for p in caught.value.problems] == [
        f"{xlf}:{gone}: gone: unknown unit id: no text of this course has it (a text removed or "
        "renamed since the export, or a file from another course)",
        f"{xlf}:{progress}: ui.yaml#progress: the translation drops {{n}}, {{total}}; "
        "keep every placeholder ({n}, {total})",
    ]


def test_an_entity_is_never_expanded_and_the_file_is_refused(tmp_path: Path, good: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    course = copy_course(tmp_path / "course")
    xlf = tmp_path / "xxe.xlf"
    xlf.write_text(_entity(secret)(good), encoding="utf-8")
    before = snapshot(course)
    with pytest.raises(TranslationError, match=r"DOCTYPE declares entities \(xxe\)"):
        CliRunner().invoke(main, ["translate", "import", str(course), str(xlf)], catch_exceptions=False)
    assert snapshot(course) == before
    assert not any("TOP SECRET" in p.read_text(encoding="utf-8") for p in course.rglob("*.yaml"))


def test_the_command_exits_1_with_one_error_line_per_mistake(tmp_path: Path, good: str) -> None:
    course = copy_course(tmp_path / "course")
    xlf = tmp_path / "bad.xlf"
    xlf.write_text(good.replace('source-language="nb"', 'source-language="de"'), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "scorm_builder", "translate", "import", str(course), str(xlf)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"error: {xlf}: file.source-language: the file translates from de, but the course is written in nb, en: "
        "was it exported from another course?"
    ]
    missing = subprocess.run([sys.executable, "-m", "scorm_builder", "translate", "import", str(course), str(tmp_path / "none.xlf")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 1 and f"{tmp_path / 'none.xlf'}: cannot be read: No such file or directory" in missing.stderr
