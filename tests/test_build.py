"""The build: packages named and summarised, byte-identical on rebuild, nothing half-built in dist/."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree
from support import COURSE, ROOT, ROOTS, copy_course, snapshot

import scorm_builder.build as build_module
from scorm_builder.build import build
from scorm_builder.cli import main
from scorm_builder.errors import ManifestInvalid
from scorm_builder.schema import course_schema
from scorm_builder.standards import STANDARDS
from scorm_builder.standards.scorm12 import Scorm12


def break_manifest(monkeypatch: pytest.MonkeyPatch, mutate: Callable[[Any, list[str]], Any]) -> None:
    """Make Scorm12 manifests pass through ``mutate(root, files)`` (which returns the new root)."""
    original = Scorm12.build_manifest

    def broken(self, ctx, files):  # type: ignore[no-untyped-def]
        return mutate(original(self, ctx, files), files)

    monkeypatch.setattr(Scorm12, "build_manifest", broken)


def test_one_zip_per_standard_named_by_course_version_standard_lang(built: dict[str, Path]) -> None:
    assert sorted(p.name for p in built.values()) == sorted(
        f"aktivt-medarbeiderskap-1.1.0-{name}-nb.zip" for name in ("scorm12", "scorm2004-3", "scorm2004-4", "xapi", "cmi5")
    )


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build(COURSE, ["all"], ["all"], tmp_path / "a")
    build(COURSE, ["all"], ["all"], tmp_path / "b")
    # in the order asked for, whichever zip was written first
    assert [(r.standard, r.lang) for r in first] == [(s, lang) for s in STANDARDS for lang in ("nb", "en")]
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    with zipfile.ZipFile(first[0].path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_cli_prints_one_summary_line_per_package(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(COURSE), "--standard", "scorm12", "--lang", "nb", "--lang", "en", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert gc.isenabled(), "the build pauses the cycle collector only while it runs"
    for line, lang in zip(lines, ["nb", "en"], strict=True):
        path = tmp_path / f"aktivt-medarbeiderskap-1.1.0-scorm12-{lang}.zip"
        assert line.startswith(str(path))
        assert f"{path.stat().st_size:,} bytes" in line and "files  manifest valid  resume state <= " in line


def test_the_command_as_its_own_process_ends_with_every_package_written_and_said(tmp_path: Path) -> None:
    """The whole command: zips written by the zipping threads, each summarised, nothing left behind."""
    result = subprocess.run(
        [sys.executable, "-m", "scorm_builder", "build", str(COURSE), "--standard", "all", "--lang", "all",
         "--out", str(tmp_path / "dist")],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    expected = [tmp_path / "dist" / f"aktivt-medarbeiderskap-1.1.0-{s}-{lang}.zip" for s in STANDARDS for lang in ("nb", "en")]
    assert [line.split("  ")[0] for line in lines] == [str(p) for p in expected]
    for line, path in zip(lines, expected, strict=True):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            assert f"{path.stat().st_size:,} bytes  {len(archive.namelist())} files  manifest valid" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_cli_notes_a_page_file_that_course_yaml_does_not_list_and_still_builds(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    (course / "pages" / "15-ny-side.yaml").write_text("id: ny-side\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(course), "--standard", "scorm12", "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"note: {(course / 'pages' / '15-ny-side.yaml').resolve()}: not in the course:"
        " course.yaml does not list it (add it under `pages:`)"
    ]
    assert result.stdout.startswith(str(tmp_path / "dist" / "aktivt-medarbeiderskap-1.1.0-scorm12-nb.zip"))


@pytest.mark.parametrize("breakage", ["content", "manifest"])
def test_failed_build_leaves_dist_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, breakage: str) -> None:
    dist = tmp_path / "dist"
    build(ROOTS / "minimal", ["scorm12"], ["nb"], dist)
    (dist / "notes.txt").write_text("kept")
    before = snapshot(dist)
    course = copy_course(tmp_path / "course")
    if breakage == "content":
        page = course / "pages" / "01-laeringsmal.yaml"
        page.write_text(page.read_text(encoding="utf-8") + "\nextra: 1\n", encoding="utf-8")
        expected = "01-laeringsmal.yaml"
    else:
        def undefined_default(root, files):  # type: ignore[no-untyped-def]
            root.find("{*}organizations").set("default", "no such organization ")
            return root

        break_manifest(monkeypatch, undefined_default)
        expected = "not valid against the official XSDs"
    result = CliRunner().invoke(main, ["build", str(course), "--out", str(dist)])
    assert result.exit_code != 0
    assert expected in str(result.exception) + result.output
    assert snapshot(dist) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scorm-builder-")]


def zip_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("scorm-builder-zip")]


@pytest.mark.parametrize("failing", ["scorm12", "scorm2004-4", "cmi5"])
def test_a_zip_that_cannot_be_written_fails_the_build_with_nothing_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """Packages are zipped beside the staging of the next: a failing zip still stops the whole build."""
    dist = tmp_path / "dist"
    build(ROOTS / "minimal", ["scorm12"], ["nb"], dist)
    before = snapshot(dist)
    original = build_module.write_zip

    def full_disk(stage: Path, dest: Path) -> int:
        if f"-{failing}-" in dest.name:
            raise OSError(28, "No space left on device", str(dest))
        return original(stage, dest)

    monkeypatch.setattr(build_module, "write_zip", full_disk)
    with pytest.raises(OSError, match="No space left on device") as raised:
        build(COURSE, ["all"], ["all"], dist)
    assert f"-{failing}-" in str(raised.value.filename)
    assert snapshot(dist) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scorm-builder-")]
    assert zip_threads() == []


def test_a_package_that_fails_while_others_are_zipped_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorm_builder.standards.cmi5 import Cmi5

    zipped: list[str] = []
    original = build_module.write_zip

    def recording(stage: Path, dest: Path) -> int:
        count = original(stage, dest)
        zipped.append(dest.name)
        return count

    def broken(self, ctx, files):  # type: ignore[no-untyped-def]
        raise ManifestInvalid("cmi5.xml: broken on purpose")

    monkeypatch.setattr(build_module, "write_zip", recording)
    monkeypatch.setattr(Cmi5, "build_manifest", broken)
    with pytest.raises(ManifestInvalid, match="broken on purpose"):
        build(COURSE, ["all"], ["nb"], tmp_path / "dist")
    assert len(zipped) == 4, "the packages staged before it were zipped, and are gone with the rest"
    assert not (tmp_path / "dist").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scorm-builder-")]
    assert zip_threads() == []


def test_manifest_failure_raises_with_validator_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def lesson(root, files):  # type: ignore[no-untyped-def]
        root.find("{*}resources/{*}resource").set("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype", "lesson")
        return root

    break_manifest(monkeypatch, lesson)
    with pytest.raises(ManifestInvalid, match="scormtype='lesson'"):
        build(ROOTS / "minimal", ["scorm12"], ["nb"], tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_every_build_runs_the_package_validator_on_its_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Scorm12.build_manifest

    def forgetful(self, ctx, files):  # type: ignore[no-untyped-def]
        return original(self, ctx, [f for f in files if f != "assets/course.css"])  # valid XML, unlisted file

    monkeypatch.setattr(Scorm12, "build_manifest", forgetful)
    with pytest.raises(ManifestInvalid, match="does not pass validation(.|\n)*assets/course.css"):
        build(ROOTS / "minimal", ["scorm12"], ["nb"], tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_each_manifest_is_validated_against_the_xsds_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema check before the zip and the package checker on the zip share one XSD validation."""
    import xmlschema

    from scorm_builder import validate

    validate.forget()  # earlier tests built the same manifests in this process
    monkeypatch.setattr(validate, "verdicts_on_disk", False)  # nor may an earlier run's verdicts answer
    validated: list[str] = []
    original = xmlschema.XMLSchemaBase.iter_errors

    def counting(self, source, *args, **kwargs):  # type: ignore[no-untyped-def]
        validated.append(etree.fromstring(source).findtext("{*}metadata/{*}schemaversion"))
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(xmlschema.XMLSchemaBase, "iter_errors", counting)
    results = build(COURSE, ["all"], ["nb"], tmp_path / "dist")
    assert len(results) == 5
    assert sorted(validated) == ["1.2", "2004 3rd Edition", "2004 4th Edition"]


def test_unknown_language_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(ROOTS / "minimal"), "--lang", "en", "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "not written in 'en'" in str(result.exception)


def test_committed_schema_matches_models() -> None:
    committed = json.loads((ROOT / "schemas" / "course.schema.json").read_text(encoding="utf-8"))
    assert committed == course_schema(), "run: scorm-builder schema > schemas/course.schema.json"


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == course_schema()


@pytest.mark.parametrize("command", [["--help"], ["build", "--help"], ["schema", "--help"]])
def test_help_reads_like_a_manual(command: list[str]) -> None:
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0
    assert "Example" in result.output or "Start with" in result.output


def test_registry_lists_every_standard_once() -> None:
    from scorm_builder.cli import STANDARD_NAMES

    assert list(STANDARDS) == ["scorm12", "scorm2004-3", "scorm2004-4", "xapi", "cmi5"]
    assert list(STANDARDS) == STANDARD_NAMES, "the CLI offers exactly the registered standards"


def test_a_page_rendered_once_for_several_packages_is_the_page_each_would_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = copy_course(tmp_path / "course")  # reflections reported: their limits differ by standard
    yaml_path = course / "course.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "privacy:\n  reflections: lms\n", encoding="utf-8")
    shared = build(course, ["all"], ["all"], tmp_path / "shared")
    original = build_module.render_sco
    renders: list[str] = []

    def alone(course, course_dir, lang, runtime, stage, pages):  # type: ignore[no-untyped-def]
        renders.append(lang)
        return original(course, course_dir, lang, runtime, stage, None)

    monkeypatch.setattr(build_module, "render_sco", alone)
    build(course, ["all"], ["all"], tmp_path / "alone")
    assert len(renders) == len(shared) == 10
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")
