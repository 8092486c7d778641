"""`scorm-builder preview COURSE_DIR`: the live preview, its watcher and its builds, and the page in Chromium."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import guard_context
from playwright.sync_api import Browser, Page, expect
from support import copy_course, ctrl_c_as_in_a_terminal, snapshot
from test_preview import heading, sco

from scorm_builder.errors import ContentError
from scorm_builder.loader import load_course
from scorm_builder.preview.live import make_live_server, start_course
from scorm_builder.preview.runtime import SCORM_AGAIN_ENV, scorm_again_root
from scorm_builder.preview.watch import Debounce, Watcher

PAGE3 = Path("pages/03-selvbevissthet-og-omstilling.yaml")
PAGE5 = Path("pages/05-tre-sporsmal.yaml")
TITLE3 = "Hva er de viktigste kompetansekravene i et arbeidsliv i endring?"
TITLE5 = "Tre sentrale spørsmål vi alle må stille oss …"
WAIT = 30_000  # ms: the machine is shared and slow; every wait below is a polling wait


@pytest.fixture(scope="module")
def scorm_again() -> str:
    """The verified scorm-again folder (fetched once into the user cache, as a first preview does)."""
    return str(scorm_again_root())


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(tmp_path / "course")


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (present exactly once) in a content file, as an editor's save does."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(course: Path) -> list[str]:
    """Return the ``file:line: field: message`` lines the loader reports for ``course``."""
    with pytest.raises(ContentError) as caught:
        load_course(course)
    return [str(p) for p in caught.value.problems]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


# --- the watcher --------------------------------------------------------------------------------------------


def test_debounce_signals_once_per_settled_burst() -> None:
    debounce = Debounce(quiet=0.3)
    assert not debounce.observe(False, 0.0)  # nothing changed: nothing to say
    assert not debounce.observe(True, 1.0)  # an editor's save: three writes 0.1 s apart
    assert not debounce.observe(True, 1.1)
    assert not debounce.observe(True, 1.2)
    assert not debounce.observe(False, 1.4) and debounce.pending  # quiet for 0.2 s only
    assert debounce.observe(False, 1.5)  # quiet for 0.3 s after the last write: one signal
    assert not debounce.observe(False, 1.9) and not debounce.pending  # and only one
    assert not debounce.observe(True, 2.0)
    assert not debounce.observe(True, 2.25)  # a change inside the quiet time starts it again
    assert not debounce.observe(False, 2.45)
    assert debounce.observe(False, 2.6)


def test_watcher_calls_once_per_burst_and_ignores_editor_files(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "01.yaml"
    page.write_text("a")
    calls: list[int] = []
    watcher = Watcher(tmp_path, lambda: calls.append(1), quiet=0.3)
    assert not watcher.step(0.0) and calls == []
    for n, now in enumerate((1.0, 1.1, 1.2)):  # a save in three writes, each one longer
        page.write_text("ab" * (n + 1))
        assert not watcher.step(now)
    assert not watcher.step(1.3) and calls == []
    assert watcher.step(1.6) and calls == [1]
    assert not watcher.step(2.5) and calls == [1]
    (tmp_path / "pages" / ".01.yaml.swp").write_text("swap")
    (tmp_path / "pages" / "01.yaml~").write_text("backup")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("x")
    assert not watcher.step(3.0) and not watcher.step(4.0) and calls == [1]
    page.unlink()  # a removed file is a change
    assert not watcher.step(5.0)
    assert watcher.step(5.4) and calls == [1, 1]
    (tmp_path / "pages" / "02.yaml").write_text("new")  # so is a new one
    assert not watcher.step(6.0) and watcher.step(6.5) and calls == [1, 1, 1]


# --- the builds and the swap, over HTTP ---------------------------------------------------------------------


def test_a_failed_build_is_shown_and_the_last_good_build_stays_served(
    course: Path, scorm_again: str, tmp_path: Path
) -> None:
    before = snapshot(course)
    server = make_live_server(course, scorm_again_source=scorm_again).start(watch=False)
    root = server.builder.root
    try:
        assert server.status.as_json() == {"serial": 1, "build": 1, "errors": []}
        good = server.package
        status, first = get(server.url + "pkg/index.html")
        assert status == 200 and TITLE3.encode() in first
        assert json.loads(get(server.url + "api/package")[1])["build"] == 1

        edit(course / PAGE3, "id: selvbevissthet-og-omstilling\n", "id: selvbevissthet-og-omstilling\nsubtitle: x\n")
        expected = problems(course)
        assert expected == [f"{(course / PAGE3).resolve()}:4: subtitle: unknown field"]
        failed = server.rebuild()
        assert failed.as_json() == {"serial": 2, "build": 1, "errors": expected}
        assert server.package is good and get(server.url + "pkg/index.html") == (200, first)
        assert json.loads(get(server.url + "api/package")[1])["build"] == 1
        assert not (root / "build-2").exists()  # a failed build leaves nothing behind
        printed = subprocess.run(  # the same lines as the build command prints
            [sys.executable, "-m", "scorm_builder", "build", str(course), "--out", str(tmp_path / "dist")],
            check=False, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        assert printed.returncode == 1 and [line.removeprefix("error: ") for line in printed.stderr.splitlines()] == expected
        assert not (tmp_path / "dist").exists()

        edit(course / PAGE3, "subtitle: x\n", "")
        edit(course / PAGE3, TITLE3, "Ny tittel på siden")
        fixed = server.rebuild()
        assert fixed.as_json() == {"serial": 3, "build": 3, "errors": []}
        status, third = get(server.url + "pkg/index.html")
        assert b"Ny tittel p\xc3\xa5 siden" in third and TITLE3.encode() not in third
        assert json.loads(get(server.url + "api/package")[1])["build"] == 3
        assert server.rebuild().build == 4
        assert sorted(p.name for p in root.iterdir()) == ["build-3", "build-4"]  # the previous one is kept, no more
    finally:
        server.stop()
    assert not root.exists()
    after = snapshot(course)  # the preview wrote nothing into the course folder
    assert set(after) == set(before) and {k for k in after if after[k] != before[k]} == {PAGE3.as_posix()}


def test_the_preview_notes_a_page_file_that_course_yaml_does_not_list(course: Path, scorm_again: str) -> None:
    (course / "pages" / "15-ny-side.yaml").write_text("id: ny-side\n", encoding="utf-8")
    said: list[str] = []
    server = make_live_server(course, scorm_again_source=scorm_again, report=said.append).start(watch=False)
    try:
        assert server.status.as_json() == {"serial": 1, "build": 1, "errors": []}
        assert said[-1].startswith("build 1: ")
        assert said[-1].endswith(
            f"\n  note: {(course / 'pages' / '15-ny-side.yaml').resolve()}: not in the course:"
            " course.yaml does not list it (add it under `pages:`)"
        )
    finally:
        server.stop()


def test_requests_during_rebuilds_get_one_whole_build(course: Path, scorm_again: str) -> None:
    server = make_live_server(course, scorm_again_source=scorm_again).start(watch=False)
    seen: list[tuple[int, bytes]] = []
    done = threading.Event()

    def fetch() -> None:
        while not done.is_set():
            described = json.loads(get(server.url + "api/package")[1])
            seen.append((described["build"], get(server.url + "pkg/index.html")[1]))

    reader = threading.Thread(target=fetch)
    try:
        bodies = {1: get(server.url + "pkg/index.html")[1]}
        reader.start()
        current = TITLE3
        for n, title in enumerate(["Tittel A", "Tittel B", "Tittel A", "Tittel B"], start=2):
            edit(course / PAGE3, current, title)
            current = title
            assert server.rebuild().build == n
            bodies[n] = get(server.url + "pkg/index.html")[1]
        done.set()
        reader.join(timeout=30)
    finally:
        done.set()
        server.stop()
    assert bodies[2] == bodies[4] and bodies[3] == bodies[5]  # the same content builds the same package
    assert seen and all(body in (bodies[1], bodies[2], bodies[3]) for _, body in seen)
    assert all(build in bodies for build, _ in seen)


# --- the command --------------------------------------------------------------------------------------------


def test_preview_refuses_xapi_and_cmi5_and_options_meant_for_a_course(
    course: Path, built: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from scorm_builder.cli import main
    from scorm_builder.cli_inspect import LIVE_STANDARDS
    from scorm_builder.standards import STANDARDS

    assert set(LIVE_STANDARDS) == set(STANDARDS)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    for standard in ("xapi", "cmi5"):
        result = CliRunner().invoke(main, ["preview", str(course), "--standard", standard, "--no-browser"])
        assert result.exit_code == 1
        refused = f"the preview plays SCORM packages (scorm12, scorm2004-3, scorm2004-4) with a SCORM API, not {standard}"
        assert refused in result.output
    assert list(temp.iterdir()) == []
    result = CliRunner().invoke(main, ["preview", str(built["scorm12"]), "--lang", "en", "--no-browser"])
    assert result.exit_code == 2 and "--standard and --lang are for a course folder" in result.output


def test_preview_help_shows_the_course_folder_mode_with_examples() -> None:
    from click.testing import CliRunner

    from scorm_builder.cli import main

    result = CliRunner().invoke(main, ["preview", "--help"])
    assert result.exit_code == 0
    assert "scorm-builder preview content/aktivt-medarbeiderskap --standard scorm12 --lang en" in result.output
    assert "rebuilt on every save" in result.output and "file:line: field: message" in result.output


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_preview_of_a_course_as_a_subprocess(course: Path, scorm_again: str, tmp_path: Path, stop: int) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, SCORM_AGAIN_ENV: scorm_again, "PYTHONUNBUFFERED": "1", "TMPDIR": str(temp),
           "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "scorm_builder", "preview", str(course), "--lang", "en", "--standard", "scorm12",
         "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
        assert first.startswith("build 1: SCORM 1.2, en, "), first + process.stderr.read()
        match = re.search(r"as SCORM 1\.2 at (http://127\.0\.0\.1:\d+/)", second)
        assert match, second
        described = json.loads(get(match.group(1) + "api/package")[1])
        assert described["standard"] == "scorm12" and described["build"] == 1
        assert b'<html lang="en"' in get(match.group(1) + "pkg/index.html")[1]
        assert [p.name[:22] for p in temp.iterdir()] == ["scorm-builder-preview-"]
    finally:
        process.send_signal(stop)
        process.wait(timeout=30)
    assert process.returncode == 0
    assert list(temp.iterdir()) == []  # the builds went with it


# --- the page in Chromium -----------------------------------------------------------------------------------


@pytest.fixture
def live_page(browser: Browser, scorm_again: str) -> Iterator:
    """Start a live preview of a course folder and open its page (off-loopback requests fail the test)."""
    made: list = []

    def open_page(course: Path, **options: object) -> Page:
        server = start_course(course, scorm_again_source=scorm_again, **options)
        blocked: list[str] = []
        context = browser.new_context(service_workers="block")
        guard_context(context, server.url.rstrip("/"), blocked)
        made.append((server, context, blocked))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url)
        page.errors = errors  # type: ignore[attr-defined]
        page.server = server  # type: ignore[attr-defined]
        return page

    yield open_page
    for server, context, blocked in made:
        context.close()
        server.stop()
        assert blocked == [], f"requests off loopback: {blocked}"


def alert_lines(page: Page) -> list[str]:
    return page.get_by_role("alert").locator("li").all_inner_texts()


def wait_for_problems(page: Page, expected: list[str]) -> None:
    page.wait_for_function(
        """lines => JSON.stringify([...document.querySelectorAll('[role=alert] li')].map(li => li.textContent))
                   === JSON.stringify(lines)""",
        arg=expected,
        timeout=WAIT,
    )


def wait_for_heading(page: Page, launch: int, title: str) -> None:
    page.wait_for_function(
        """([n, title]) => { const p = window.__preview, f = document.querySelector('#stage iframe');
                             const d = f && f.contentDocument;
                             const h = d && d.querySelector('section.page:not([hidden]) h1');
                             return p.launch && p.launch.launch === n && h && h.textContent.trim() === title; }""",
        arg=[launch, title],
        timeout=WAIT,
    )


def test_a_save_reloads_the_page_where_the_learner_is_and_mistakes_show_until_fixed(
    course: Path, live_page
) -> None:
    page = live_page(course)
    page.wait_for_function("() => window.__preview && window.__preview.ready", timeout=WAIT)
    frame = sco(page, 1)
    for _ in range(4):
        frame.click("#next")
    assert heading(frame) == TITLE5
    text = "Jeg er en som lærer av å prøve."
    frame.fill('textarea[data-reflection="hvem-er-du"]', text)
    expect(page.get_by_role("alert")).to_have_text("")

    edit(course / PAGE5, TITLE5, "Tre spørsmål til deg")
    wait_for_heading(page, 2, "Tre spørsmål til deg")  # the new build, still on the learner's page
    frame = sco(page, 2)
    assert frame.locator('textarea[data-reflection="hvem-er-du"]').input_value() == text
    assert page.evaluate("() => window.__preview.launch.entry") == "resume"
    expect(page.locator("#cmi-location")).to_have_text("tre-sporsmal")  # the CMI panel follows the new launch

    edit(course / PAGE5, "id: tre-sporsmal\n", "id: tre-sporsmal\nsubtitle: x\n")  # an unknown field
    expected = problems(course)
    assert expected == [f"{(course / PAGE5).resolve()}:4: subtitle: unknown field"]
    wait_for_problems(page, expected)
    assert heading(sco(page, 2)) == "Tre spørsmål til deg"  # the last good build, under the message

    edit(course / PAGE5, "subtitle: x\n", "blocks: [\n")  # broken YAML
    expected = problems(course)
    assert len(expected) == 1 and ": YAML: " in expected[0]
    wait_for_problems(page, expected)

    edit(course / PAGE5, "blocks: [\n", "")
    edit(course / "course.yaml", "  - pages/05-tre-sporsmal.yaml\n", "  - pages/05-tre-sporsmaal.yaml\n")
    expected = problems(course)  # a missing file
    course_file = (course / "course.yaml").resolve()
    assert expected == [
        f"{course_file}:29: pages.4: file not found: pages/05-tre-sporsmaal.yaml"
        " (did you mean 'pages/05-tre-sporsmal.yaml'?)"
    ]
    wait_for_problems(page, expected)

    edit(course / "course.yaml", "05-tre-sporsmaal.yaml", "05-tre-sporsmal.yaml")
    edit(course / PAGE5, "Tre spørsmål til deg", "Tre spørsmål, rettet")
    wait_for_heading(page, 3, "Tre spørsmål, rettet")
    expect(page.get_by_role("alert")).to_have_text("")
    assert alert_lines(page) == []
    assert sco(page, 3).locator('textarea[data-reflection="hvem-er-du"]').input_value() == text
    assert page.errors == []  # type: ignore[attr-defined]


def test_before_the_first_good_build_the_page_shows_the_problems_alone(course: Path, live_page) -> None:
    edit(course / PAGE3, "id: selvbevissthet-og-omstilling\n", "id: selvbevissthet-og-omstilling\nsubtitle: x\n")
    expected = problems(course)
    page = live_page(course, standard="scorm12", lang="en")
    wait_for_problems(page, expected)
    assert page.locator("#stage").count() == 0 and page.locator("iframe").count() == 0
    assert get(page.url + "api/package")[0] == 503 and get(page.url + "pkg/index.html")[0] == 404

    edit(course / PAGE3, "subtitle: x\n", "")
    page.wait_for_function("() => window.__preview && window.__preview.ready", timeout=WAIT)
    frame = sco(page, 1)
    assert heading(frame) == "Active employeeship – what, how and why?"
    assert page.evaluate("() => window.__preview.pkg.standard") == "scorm12"
    expect(page.get_by_role("alert")).to_have_text("")
    assert page.errors == []  # type: ignore[attr-defined]
