"""Built packages launched in headless Chromium against scorm-again as the LMS: completed and terminated;
what the learner sees of their placement and their summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from learner import fill_page
from seed_expected import FILM_TEXTS, SEED_TEXTS
from support import unzip

from scorm_builder.preview.session import lookup

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
    missing = [t for t in SEED_TEXTS if t not in FILM_TEXTS and norm(t) not in visible]
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


def _to_page(sco: Any, title: str) -> None:
    for _ in range(sco.locator("section.page").count()):
        if sco.locator("section.page:not([hidden]) h1").inner_text() == title:
            return
        sco.click("#next")
    raise AssertionError(f"no page {title!r}")


def _place(sco: Any, x: int, y: int) -> None:
    sco.check(f'input[name="placement-x"][value="{x}"]')
    sco.check(f'input[name="placement-y"][value="{y}"]')


def _selected(sco: Any) -> list[str]:
    return sco.eval_on_selector_all(
        ".block-matrix .quadrant.is-selected", "els => els.map(e => e.getAttribute('data-profile'))"
    )


def test_the_midline_is_not_a_profile(built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(unzip(built["scorm12"], tmp_path), "scorm12").launch()
    sco = run.sco
    sco.wait_for_selector("section.page:not([hidden]) h1")
    _to_page(sco, "Hva er de viktigste kompetansekravene i et arbeidsliv i endring?")
    result = sco.locator("#placement-result")
    _place(sco, 3, 3)
    assert result.inner_text() == "Du står midt i modellen, mellom alle de fire profilene."
    assert _selected(sco) == ["handlingslammet", "proaktiv", "brikke", "reaktiv"]
    _place(sco, 4, 3)
    assert result.inner_text() == "Du står på midtlinjen mellom «Proaktiv» og «Reaktiv»."
    assert _selected(sco) == ["proaktiv", "reaktiv"]
    _place(sco, 2, 2)
    assert result.inner_text() == "Din plassering: Brikke."
    assert _selected(sco) == ["brikke"]
    rule = sco.locator(".block-placement .rule").inner_text()
    assert rule.startswith(
        "På hver akse regnes 1–2 som lav og 4–5 som høy, og velger du 3, står du på midtlinjen mellom profilene på begge sider av den."
    )
    assert not run.page_errors


def test_the_instruction_and_notice_stand_above_the_statements(built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(unzip(built["scorm12"], tmp_path), "scorm12").launch()
    sco = run.sco
    sco.wait_for_selector("section.page:not([hidden]) h1")
    for title in ("Praktiske verktøy", "Egenvurdering"):
        _to_page(sco, title)
        tops = sco.evaluate(
            """() => { const p = document.querySelector('section.page:not([hidden])'), top = s => p.querySelector(s).getBoundingClientRect().top;
                 return [top('.process'), top('.ratings-notice'), top('.scale-caption'), top('fieldset[data-statement]')]; }"""
        )
        assert tops == sorted(tops), (title, tops)
    caption = sco.locator("section.page:not([hidden]) .scale-caption").inner_text()
    assert caption == "Svar på en skala fra 1 til 5, der 1 betyr «stemmer svært dårlig» og 5 betyr «stemmer svært godt»."
    # The line between statements runs above each one, never through it (a legend sits in its
    # fieldset's border unless it is taken out of it).
    through = sco.evaluate(
        """() => Array.from(document.querySelectorAll('section.page:not([hidden]) fieldset.likert')).filter(f => {
             const line = f.getBoundingClientRect().top, legend = f.querySelector('legend').getBoundingClientRect();
             return legend.top <= line; }).map(f => f.dataset.statement)"""
    )
    assert sco.locator("section.page:not([hidden]) fieldset.likert").count() > 5 and through == []


def test_summary_leads_with_the_profile_and_shows_the_point(built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(unzip(built["scorm12"], tmp_path), "scorm12").launch()
    sco = run.sco
    sco.wait_for_selector("section.page:not([hidden]) h1")
    total = sco.locator("section.page").count()
    for index in range(total):
        for group in sco.locator("section.page:not([hidden]) fieldset[data-statement]").all():
            group.locator('input[value="5"]' if group.get_attribute("data-statement").startswith(("karriere", "selvledelse")) else 'input[value="2"]').check()
        if sco.locator("section.page:not([hidden]) fieldset[data-axis]").count():
            _place(sco, 5, 3)
        for area in sco.locator("section.page:not([hidden]) textarea").all():
            area.fill("Skrevet i " + area.get_attribute("data-reflection"))
        if index < total - 1:
            sco.click("#next")
    summary = sco.locator("#summary")
    headings = summary.locator("h2").all_inner_texts()
    # The profile per category leads; then each self-assessment with its suggestions and what was written.
    assert headings[:3] == ["Resultatene dine per kategori", "Kartlegging og analyse av egen karrierebevissthet", "Egenvurdering av aktivt medarbeiderskap"]
    assert "Din plassering i modellen" in headings
    assert "Samlet poengsum" not in summary.inner_text() and "av 100" not in summary.inner_text()
    # Every score carries the scoring rules' two decimals, a whole one too, in the table and the chart.
    scores = sco.locator("#summary-table tbody td:nth-child(2)").all_inner_texts()
    assert scores[0] == "5,00" and "2,00" in scores and set(scores) == {"5,00", "2,00"}, scores
    assert sco.locator("#summary-chart .chart-value").all_inner_texts() == scores
    first = summary.locator('section[data-questionnaire="karrierebevissthet"]')
    assert first.locator('[data-suggest="strengths"] li').all_inner_texts()[0] == "Karrierebevissthet"
    assert first.locator('[data-text-of="styrke-1-karriere"]').inner_text() == "Skrevet i styrke-1-karriere"
    second = summary.locator('section[data-questionnaire="aktivt-medarbeiderskap-egenvurdering"]')
    assert second.locator('[data-suggest="strengths"] li').all_inner_texts()[0] == "Selvledelse"
    assert second.locator("dt").all_inner_texts() == ["Utviklingsområde 1", "Utviklingsområde 2", "Styrke 1", "Styrke 2"]
    assert second.locator('[data-text-of="utvikling-2-medarbeiderskap"]').inner_text() == "Skrevet i utvikling-2-medarbeiderskap"
    # The point: x = 5 far right of the high half, y = 3 on the horizontal midline.
    point = sco.evaluate(
        "() => { const c = document.getElementById('summary-matrix-point'); return [c.getAttribute('visibility'), +c.getAttribute('cx'), +c.getAttribute('cy')]; }"
    )
    assert point[0] == "visible" and point[1] > 330 and point[2] == 172.5
    assert sco.locator("#summary-placement").inner_text() == "Du står på midtlinjen mellom «Proaktiv» og «Reaktiv»."
    said = "Du har gitt deg selv 5 av 5 for omstillingsdyktighet og 3 av 5 for selvbevissthet."
    assert sco.locator("#summary-point-text").inner_text() == said
    assert said in sco.locator("#summary-matrix-svg-desc").text_content()
    assert sco.locator("#summary-matrix-svg-desc").text_content().count("Handlingslammet:") == 1
    recap = sco.locator("section.page:not([hidden]) .block-list").last
    assert recap.locator("h2").inner_text() == "Læringsmål for kurset"
    assert not run.page_errors
