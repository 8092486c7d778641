"""`scorm-builder preview`: our SCORM 1.2 and 2004 packages played in headless Chromium against the preview LMS page."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from learner import fill_page
from playwright.sync_api import Frame, Page, expect
from support import ctrl_c_as_in_a_terminal
from test_checker_corpus import package_files, write_zip

from scorm_builder.errors import SchemaFetchError
from scorm_builder.npm_assets import fetch
from scorm_builder.preview import LmsOptions, PreviewError, make_server, start
from scorm_builder.preview.runtime import SCORM_AGAIN, SCORM_AGAIN_ENV
from scorm_builder.preview.session import Store
from scorm_builder.specs import SPECS

ROOT = Path(__file__).resolve().parents[1]
RETRY = yaml.safe_load((ROOT / "templates" / "ui.yaml").read_text(encoding="utf-8"))["status_retry"]["nb"]
LIMITS = {"scorm12": 4096, "scorm2004-4": 64000, "scorm2004-3": 64000}


@pytest.fixture(scope="module")
def scorm_again(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fetch scorm-again once with npm into an empty cache, as a first preview does."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCORM_BUILDER_CACHE", str(cache))
        patch.delenv(SCORM_AGAIN_ENV, raising=False)
        root = fetch(SCORM_AGAIN)
    lock = SCORM_AGAIN.lock()
    assert root == cache / "npm" / f"scorm-again-{lock.version}"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == sorted(lock.files)
    return root


def test_a_tampered_copy_of_scorm_again_is_refused(scorm_again: Path, tmp_path: Path) -> None:
    copy = tmp_path / "scorm-again"
    shutil.copytree(scorm_again, copy)
    assert fetch(SCORM_AGAIN, str(copy)) == copy
    bundle = copy / "dist" / "scorm12.min.js"
    bundle.write_bytes(bundle.read_bytes().replace(b"LMSCommit", b"LMSCommix", 1))
    with pytest.raises(SchemaFetchError, match=r"scorm12\.min\.js: sha256 .* does not match"):
        fetch(SCORM_AGAIN, str(copy))


# --- the browser runs ---------------------------------------------------------------------------------------


@pytest.fixture
def page_of(built: dict[str, Path], lms_harness) -> Iterator:  # noqa: ANN001
    """Start a preview of a built package in-process, the test LMS, and return its LMS page (off-loopback requests fail the test)."""
    runs: list = []

    def open_page(standard: str) -> Page:
        runs.append(lms_harness(built[standard], SPECS[standard].rte.name, timeout=15.0).launch())
        runs[-1].page.errors = runs[-1].page_errors  # type: ignore[attr-defined]
        return runs[-1].page

    yield open_page
    for run in runs:
        assert run.external_requests == [], f"requests off loopback: {run.external_requests}"


def sco(page: Page, launch: int) -> Frame:
    """Return the SCO frame of launch number ``launch`` once its first page is shown."""
    page.wait_for_function(
        """n => { const p = window.__preview, f = document.querySelector('#stage iframe');
                  const d = f && f.contentDocument;
                  return p.launch && p.launch.launch === n && d && d.body && !d.body.classList.contains('no-js') &&
                         d.querySelectorAll('section.page:not([hidden])').length === 1; }""",
        arg=launch,
        timeout=15000,
    )
    frames = [f for f in page.frames if f.name == "sco" and not f.is_detached()]
    assert len(frames) == 1, frames
    return frames[0]


def heading(frame: Frame) -> str:
    return frame.locator("section.page:not([hidden]) h1").inner_text()


def cmi(page: Page) -> dict:
    return page.evaluate("() => window.__preview.api.renderCMIToJSONObject().cmi")


def relaunch(page: Page, launch: int, clear_storage: bool = True) -> Frame:
    """Press "Close and relaunch"; clear the content's own localStorage copy first so only the LMS can restore."""
    if clear_storage:
        page.evaluate("() => window.localStorage.clear()")
    page.click("#relaunch")
    return sco(page, launch)


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_preview_completes_the_course_and_resumes_it(standard: str, page_of) -> None:
    page = page_of(standard)
    frame = sco(page, 1)
    assert "ab-initio" in page.locator("#cmi-entry").inner_text()
    frame.click("#next")
    frame.click("#next")
    third = heading(frame)
    frame = relaunch(page, 2)  # closed mid-course: exit=suspend, so entry=resume
    assert heading(frame) == third
    assert page.locator("#cmi-entry").inner_text().startswith("resume")
    assert "entry=resume" in page.locator("#lms-note").inner_text()
    total = frame.locator("section.page").count()
    answers: dict[str, int] = {}
    while True:  # the course completes when both self-assessments are answered and the summary is reached
        fill_page(frame, answers, {}, {})
        if not frame.locator("#next").is_visible():
            break
        frame.click("#next")
    assert answers
    last = heading(frame)
    assert last == frame.locator("section.page").nth(total - 1).locator("h1").inner_text()
    page.wait_for_function("() => document.querySelector('#cmi-status').textContent.startsWith('completed')")
    data = cmi(page)
    page.wait_for_function(  # one panel row per objective and per interaction the API holds
        """() => { const c = window.__preview.api.renderCMIToJSONObject().cmi, n = o => Object.keys(o || {})
                     .filter(k => /^\\d+$/.test(k)).length;
                   return n(c.objectives) > 0 && n(c.interactions) > 0 &&
                     document.querySelectorAll('#objectives tbody tr').length === n(c.objectives) &&
                     document.querySelectorAll('#interactions tbody tr').length === n(c.interactions); }""",
        timeout=5000,
    )
    assert len(data["suspend_data"]) > 0
    page.wait_for_function(  # the panel shows the size of the suspend_data the API holds, against the limit
        """limit => document.querySelector('#suspend-size').textContent ===
                   window.__preview.api.renderCMIToJSONObject().cmi.suspend_data.length + ' / ' + limit + ' characters'""",
        arg=LIMITS[standard],
        timeout=5000,
    )
    frame = relaunch(page, 3)
    assert heading(frame) == last  # the LMS handed back the saved location
    assert page.locator("#cmi-status").inner_text().startswith("completed")
    state = json.loads(urllib.request.urlopen(page.url + "api/state").read())
    assert state["item-1"]["launches"] == 3
    page.click("#reset")
    frame = sco(page, 1)
    assert heading(frame) == frame.locator("section.page").first.locator("h1").inner_text()
    assert "ab-initio" in page.locator("#cmi-entry").inner_text()
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_failing_lms_shows_the_courses_retry_message(standard: str, page_of) -> None:
    page = page_of(standard)
    frame = sco(page, 1)
    status = frame.locator("#lms-status")
    expect(status).to_have_text("")
    page.check("#fail-lms")
    frame.click("#next")
    expect(status).to_have_text(RETRY, timeout=10000)
    expect(page.locator("#calls li.false").first).to_be_visible()  # the panel logs the refused calls
    assert page.evaluate("() => window.__preview.calls.some(c => c.result === 'false')")
    page.uncheck("#fail-lms")
    frame.click("#next")
    expect(status).to_have_text("", timeout=10000)  # the next save succeeds and the course clears its message


# --- the server without a browser ---------------------------------------------------------------------------


@pytest.fixture
def server(built: dict[str, Path], scorm_again: Path) -> Iterator:
    preview = start(built["scorm2004-4"], scorm_again_source=str(scorm_again))
    yield preview
    preview.stop()


def _request(
    url: str, method: str = "GET", path: str = "/", body: bytes | None = None, headers: dict | None = None
) -> tuple[int, bytes]:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read()


def test_server_serves_only_package_files_by_exact_name(server) -> None:
    assert _request(server.url, path="/pkg/index.html")[0] == 200
    assert _request(server.url, path="/pkg/Index.html")[0] == 404
    assert _request(server.url, path="/pkg/../../../etc/passwd")[0] == 404
    assert _request(server.url, path="/pkg/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    assert _request(server.url, path="/static/../server.py")[0] == 404


def test_server_refuses_foreign_hosts_and_non_json_posts(server) -> None:
    assert _request(server.url, headers={"Host": "attacker.example"})[0] == 421
    assert _request(server.url, "POST", "/api/reset", b"{}", {"Content-Type": "text/plain"})[0] == 415
    status, body = _request(
        server.url, "POST", "/api/launch", b'{"sco": "item-1"}', {"Content-Type": "application/json"}
    )
    assert status == 200 and json.loads(body)["entry"] == "ab-initio"


def test_preview_binds_only_to_loopback_unless_told(built: dict[str, Path], scorm_again: Path) -> None:
    with pytest.raises(PermissionError, match="loopback only unless --allow-remote"):
        make_server(built["scorm12"], host="0.0.0.0", scorm_again_source=str(scorm_again))
    from click.testing import CliRunner

    from scorm_builder.cli import main

    result = CliRunner().invoke(
        main,
        [
            "preview",
            str(built["scorm12"]),
            "--host",
            "0.0.0.0",
            "--no-browser",
            "--scorm-again-source",
            str(scorm_again),
        ],
    )
    assert result.exit_code == 1 and "loopback only" in result.output


def test_unsafe_or_non_scorm_packages_are_not_previewed(built: dict[str, Path], tmp_path: Path) -> None:
    slip = write_zip(tmp_path / "slip.zip", {**package_files(built["scorm12"]), "../evil.js": b"x"})
    with pytest.raises(PreviewError, match="refusing an unsafe package"):
        make_server(slip)
    xapi = write_zip(tmp_path / "x.zip", {"tincan.xml": b"<tincan/>"})
    with pytest.raises(PreviewError, match="preview plays SCORM"):
        make_server(xapi)


def test_store_carries_the_cmi_into_the_next_launch() -> None:
    store = Store("scorm12")
    first = store.launch("sco", {"cmi.student_data.mastery_score": "80"})
    assert first["entry"] == "ab-initio" and first["startData"]["cmi.student_data.mastery_score"] == "80"
    store.commit(
        "sco",
        {
            "cmi": {
                "core": {"lesson_location": "p3", "exit": "suspend", "session_time": "0000:01:30.00"},
                "suspend_data": "abc",
            }
        },
    )
    second = store.launch("sco", {})
    assert second["entry"] == "resume"
    assert second["startData"]["cmi.core.lesson_location"] == "p3"
    assert second["startData"]["cmi.core.total_time"] == "0000:01:30.00"
    assert "cmi.core.exit" not in second["startData"] and "cmi.core.session_time" not in second["startData"]
    store.commit("sco", {"cmi": {"core": {"exit": "", "session_time": "0000:00:30.00"}}})
    third = store.launch("sco", {})
    assert third["entry"] == "" and third["startData"]["cmi.core.total_time"] == "0000:02:00.00"
    store.reset()
    assert store.launch("sco", {})["entry"] == "ab-initio"


def test_preview_command_as_a_subprocess(built: dict[str, Path], scorm_again: Path) -> None:
    env = {**os.environ, SCORM_AGAIN_ENV: str(scorm_again), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "scorm_builder", "preview", str(built["scorm12"]), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        assert match, line + process.stderr.read()
        described = json.loads(urllib.request.urlopen(match.group(1) + "api/package", timeout=10).read())
        assert described["standard"] == "scorm12" and described["suspendLimit"] == 4096
        assert described["options"] == LmsOptions().page(), "the command line plays a working LMS, no failure"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert process.returncode == 0


def test_preview_lists_every_launchable_item(tmp_path: Path, scorm_again: Path) -> None:
    from test_checker_corpus import other_tool_package

    preview = start(other_tool_package(tmp_path), scorm_again_source=str(scorm_again))
    try:
        described = json.loads(_request(preview.url, path="/api/package")[1])
        assert [(s["id"], s["href"]) for s in described["scos"]] == [("I1", "res/a.html"), ("I2", "res/b.html?page=2")]
        assert described["suspendLimit"] == 64000 and described["edition"] == 3
        assert _request(preview.url, path="/pkg/res/b.html") == (200, b"b")
    finally:
        preview.stop()
