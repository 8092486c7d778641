"""Built packages launched in headless Chromium against scorm-again as the LMS: completed and terminated."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
from learner import fill_page
from lms_harness.state import lookup
from seed_expected import SEED_TEXTS
from support import unzip

CASES = {
    "scorm12": ("scorm12", "cmi.core.lesson_status", ["LMSInitialize", "LMSFinish"]),
    "scorm2004-3": ("scorm2004", "cmi.completion_status", ["Initialize", "Terminate"]),
    "scorm2004-4": ("scorm2004", "cmi.completion_status", ["Initialize", "Terminate"]),
}


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4", "scorm2004-3"])
def test_learner_reaches_the_end_and_the_lms_records_completion(
    name: str, built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]
) -> None:
    api_kind, status_key, (init, finish) = CASES[name]
    lms = lms_harness(unzip(built[name], tmp_path), api_kind)
    run = lms.launch()
    sco = run.sco
    sco.wait_for_selector("section.page:not([hidden]) h1")
    seen: list[str] = []
    answers: dict = {}
    total = sco.locator("section.page").count()
    for index in range(total):
        seen.append(norm(sco.locator("main").inner_text()))  # innerText: only what is visible
        fill_page(sco, answers, {}, {})
        assert sco.locator("section.page:not([hidden])").count() == 1
        if index < total - 1:
            sco.click("#next")
    visible = " ".join(seen)
    missing = [t for t in SEED_TEXTS if norm(t) not in visible]
    assert not missing, f"seed texts never visible: {missing}"
    assert run.value(status_key) == "completed"
    run.close()
    saved = run.committed()
    methods = run.methods()
    assert methods[0] == init and methods.count(init) == 1
    assert methods.count(finish) == 1 and methods[-1] == finish
    assert lookup(saved, status_key) == "completed", saved
    assert not run.page_errors and not run.external_requests


def test_without_an_lms_the_course_says_so_and_still_works(built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]) -> None:
    lms = lms_harness(unzip(built["scorm12"], tmp_path), "scorm12", api="missing")
    run = lms.launch()
    status = run.sco.locator("#lms-status")
    assert "Fant ingen læringsplattform" in status.inner_text()
    run.sco.click("#next")
    assert run.sco.locator("section.page:not([hidden]) h1").inner_text() == "Filmen"
