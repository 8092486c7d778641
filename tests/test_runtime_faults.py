"""The ways real LMSs lose data: no API, failing SetValue/Commit, throwing or missing functions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from learner import VISIBLE, complete_by_mouse, fill_page, page_title
from support import unzip

from scorm_builder.preview.session import lookup


@pytest.fixture
def package(built: dict[str, Path], tmp_path: Path) -> Callable[[str], Path]:
    def folder(name: str) -> Path:
        target = tmp_path / name
        return target if target.exists() else unzip(built[name], target)

    return folder


def answer_two_pages(sco: Any) -> dict[str, Any]:
    """Go to the first questionnaire, answer it, and write the three-question reflections."""
    answers: dict[str, int] = {}
    texts: dict[str, str] = {}
    placement: dict[str, int] = {}
    while not sco.locator(f"{VISIBLE} fieldset[data-statement]").count():
        fill_page(sco, answers, texts, placement)
        sco.click("#next")
    fill_page(sco, answers, texts, placement)
    return {"answers": answers, "texts": texts, "placement": placement}


def reload(run: Any) -> Any:
    """Reload the SCO in the same browser (same localStorage) and return its frame."""
    sco = run.sco
    sco.goto(sco.url)
    sco.wait_for_selector(f"{VISIBLE} h1")
    return sco


def test_no_api_the_course_works_and_keeps_answers_in_the_browser(package: Callable[[str], Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(package("scorm12"), "scorm12", api="missing").launch()
    sco = run.sco
    assert "Fant ingen læringsplattform" in sco.locator("#lms-status").inner_text()
    given = answer_two_pages(sco)
    where = page_title(sco)
    sco = reload(run)
    assert page_title(sco) == where
    state = sco.evaluate("() => SB.course.state()")
    assert state["answers"] == given["answers"] and state["texts"] == given["texts"]
    assert not run.page_errors


@pytest.mark.parametrize("name,kind", [("scorm12", "scorm12"), ("scorm2004-4", "scorm2004")])
def test_failing_commit_is_retried_and_the_learner_told(name: str, kind: str, package: Callable[[str], Path], lms_harness: Callable[..., Any]) -> None:
    harness = lms_harness(package(name), kind, fail_commit=2)
    run = harness.launch()
    sco = run.sco
    status = sco.locator("#lms-status")
    assert "Kunne ikke lagre" in status.inner_text()  # the first commit (on launch) failed
    given = answer_two_pages(sco)
    run.wait_for(lambda r: r.methods().count("Commit" if kind == "scorm2004" else "LMSCommit") >= 3, timeout=15)
    run.wait_for(lambda r: status.inner_text() == "", timeout=5)
    saved = run.committed()
    suspend = lookup(saved, "cmi.suspend_data")
    state = sco.evaluate("s => SB.course.decode(s).state", suspend)
    assert state["answers"] == given["answers"]
    assert not run.page_errors


@pytest.mark.parametrize("name,kind", [("scorm12", "scorm12"), ("scorm2004-4", "scorm2004")])
def test_failing_set_value_loses_nothing(name: str, kind: str, package: Callable[[str], Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(package(name), kind, fail_set_value=True).launch()
    sco = run.sco
    given = answer_two_pages(sco)
    assert "Kunne ikke lagre" in sco.locator("#lms-status").inner_text()
    sco = reload(run)  # the LMS has nothing; the browser's copy, never confirmed, wins
    state = sco.evaluate("() => SB.course.state()")
    assert state["answers"] == given["answers"] and state["texts"] == given["texts"]
    assert not run.page_errors


@pytest.mark.parametrize("missing", ["cmi.interactions.", "cmi.objectives."])
@pytest.mark.parametrize("name,kind", [("scorm12", "scorm12"), ("scorm2004-4", "scorm2004")])
def test_an_lms_that_keeps_no_interactions_or_objectives_saves_the_work_without_a_false_alarm(
        name: str, kind: str, missing: str, package: Callable[[str], Path], lms_harness: Callable[..., Any]) -> None:
    harness = lms_harness(package(name), kind, fail_set_value=[missing])
    run = harness.launch()
    given = complete_by_mouse(run.sco)
    status = run.sco.locator("#lms-status").inner_text()
    assert "Kunne ikke lagre" not in status, "the learner's work reached the LMS"
    refused = [c for c in run.calls if c["result"] == "false"]
    assert refused and all(c["args"][0].startswith(missing) for c in refused)
    before = len(refused)
    run.close()
    assert len([c for c in run.calls if c["result"] == "false"]) == before, "a refused record is not tried again"
    saved = harness.saved_state
    assert lookup(saved, "cmi.completion_status" if kind == "scorm2004" else "cmi.core.lesson_status") == "completed"
    state = harness.launch(browser="another").sco.evaluate("() => SB.course.state()")
    assert state["answers"] == given["answers"] and state["texts"] == given["texts"]


@pytest.mark.parametrize("options", [
    {"throw_on": ["LMSCommit", "LMSGetValue"]},
    {"missing_functions": ["LMSCommit"]},
    {"missing_functions": ["LMSSetValue", "LMSGetValue"]},
])
def test_quirky_api_does_not_break_the_course(options: dict[str, Any], package: Callable[[str], Path], lms_harness: Callable[..., Any]) -> None:
    harness = lms_harness(package("scorm12"), "scorm12", **options)
    run = harness.launch()
    given = complete_by_mouse(run.sco)
    assert run.sco.evaluate("() => SB.course.state().answers") == given["answers"]
    assert "Kunne ikke lagre" in run.sco.locator("#lms-status").inner_text(), "the learner is told, not stopped"
    run.close()
    assert not run.page_errors
    assert "LMSFinish" in run.methods()


@pytest.mark.parametrize("options", [{"opener": True}, {"nested_frames": 3}])
def test_api_found_through_opener_and_parent_frames(options: dict[str, Any], package: Callable[[str], Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(package("scorm2004-4"), "scorm2004", **options).launch()
    assert run.methods()[0] == "Initialize"
    assert run.sco.locator("#lms-status").inner_text() == ""


def test_a_page_back_from_the_back_forward_cache_after_its_session_ended_starts_again(package: Callable[[str], Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(package("scorm12"), "scorm12").launch()
    sco = run.sco
    given = answer_two_pages(sco)
    # What the browser does when the learner leaves and comes back with the back button (bfcache).
    sco.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    assert sco.evaluate("() => SB.course.lms.finished"), "the session ended when the page was hidden"
    sco.evaluate("() => { window.stale = true; window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true})); }")
    sco.wait_for_function("() => window.stale === undefined && window.SB && SB.course")
    assert sco.evaluate("() => SB.course.state().answers") == given["answers"]
    assert "bare i denne nettleseren" in sco.locator("#lms-status").inner_text(), "the learner is told where it goes"


@pytest.mark.parametrize("name", ["scorm12", "xapi"])
def test_no_lms_and_a_browser_that_keeps_nothing_the_learner_is_told(name: str, package: Callable[[str], Path], browser: Any) -> None:
    context = browser.new_context()
    try:  # storage full or blocked by policy: every write throws
        context.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
        page = context.new_page()
        page.goto((package(name) / "index.html").as_uri())
        page.wait_for_function("() => window.SB && SB.course")
        assert "Svarene dine forsvinner når du lukker siden" in page.locator("#lms-status").inner_text()
    finally:
        context.close()
