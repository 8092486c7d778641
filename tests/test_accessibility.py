"""WCAG 2.1 AA: zero axe-core violations on every page, keyboard focus visible, usable at 360 px, languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from learner import VISIBLE, fill_page
from support import COURSE, ROOT, unzip

from scorm_builder.build import build

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe(sco: Any) -> list[dict[str, Any]]:
    if not sco.evaluate("() => !!window.axe"):
        sco.add_script_tag(path=str(AXE))
    return sco.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))})))",
        TAGS,
    )


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("a11y")
    return {f"{r.standard}-{r.lang}": unzip(r.path, out / f"{r.standard}-{r.lang}") for r in build(COURSE, ["scorm12", "scorm2004-4"], ["nb", "en"], out / "dist")}


@pytest.mark.parametrize("key", ["scorm12-nb", "scorm2004-4-en"])
def test_no_axe_violation_on_any_page(key: str, packages: dict[str, Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(packages[key], "scorm12" if key.startswith("scorm12") else "scorm2004").launch()
    sco = run.sco
    sco.evaluate("() => { document.getElementById('earlier').hidden = false; }")  # a new attempt's offer, checked too
    total = sco.locator("section.page").count()
    found = {}
    for index in range(total):
        if index == total - 1:  # check the summary filled in as well as empty
            fill_page(sco, {}, {}, {})
        violations = axe(sco)
        if violations:
            found[sco.locator(f"{VISIBLE} h1").inner_text()] = violations
        fill_page(sco, {}, {}, {})
        if index < total - 1:
            sco.click("#next")
    assert not found, found
    assert not run.external_requests


def test_focus_is_visible(packages: dict[str, Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(packages["scorm12-nb"], "scorm12").launch()
    sco = run.sco
    sco.click("#next")
    sco.click("#next")  # the 2x2 page: skip link, radios, buttons
    checked = []
    for _ in range(16):
        sco.page.keyboard.press("Tab")
        focus = sco.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                 return document.hasFocus() && e !== document.body ? [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth)] : null; }"""
        )
        if focus:
            assert focus[1] != "none" and focus[2] >= 2, focus
            checked.append(focus[0])
    assert {"A", "INPUT", "BUTTON"} <= set(checked), checked


def test_works_at_360_px_without_sideways_scrolling(packages: dict[str, Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(packages["scorm12-nb"], "scorm12", context={"viewport": {"width": 360, "height": 740}}).launch()
    sco = run.sco
    total = sco.locator("section.page").count()
    for index in range(total):
        width = sco.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], (sco.locator(f"{VISIBLE} h1").inner_text(), width)
        fill_page(sco, {}, {}, {})
        if index < total - 1:
            sco.click("#next")
    # The summary's table: the numbers and their headings stay whole, the category names get the rest.
    lines = sco.evaluate(
        """() => Array.from(document.querySelectorAll('#summary-table tr > :not(:first-child)')).map(cell => {
             const range = document.createRange(); range.selectNodeContents(cell);
             return [cell.textContent, new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size]; })"""
    )
    assert len(lines) > 3 and all(n == 1 for _, n in lines), lines
    widths = sco.evaluate("() => Array.from(document.querySelectorAll('#summary-table thead th')).map(c => c.offsetWidth)")
    assert widths[0] > sum(widths[1:]), widths
    # Every word of the summary's figures is readable on the phone: its size as drawn, after any
    # scaling of its SVG.
    sizes = sco.evaluate(
        """() => Array.from(document.querySelectorAll('section.page:not([hidden]) [role=img]')).flatMap(figure =>
             Array.from(figure.querySelectorAll('text, span')).filter(e => e.textContent.trim()).map(e => {
               const size = parseFloat(getComputedStyle(e).fontSize), svg = e.closest('svg');
               return [e.textContent.trim(), e.tagName === 'text' ? size * svg.getScreenCTM().a : size]; }))"""
    )
    assert len(sizes) >= 14 and [(word, round(px, 1)) for word, px in sizes if px < 10] == []


def test_each_language_build_is_in_its_language(packages: dict[str, Path]) -> None:
    for lang in ("nb", "en"):
        html = (packages[f"scorm12-{lang}"] / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        manifest = (packages[f"scorm12-{lang}"] / "imsmanifest.xml").read_text(encoding="utf-8")
        assert f"<imsmd:language>{lang}</imsmd:language>" in manifest
    english = (packages["scorm12-en"] / "index.html").read_text(encoding="utf-8")
    assert "Active employeeship" in english and "Previous" in english and "Forrige" not in english


def test_package_is_self_contained(packages: dict[str, Path]) -> None:
    import re

    for folder in packages.values():
        for path in [folder / "index.html", folder / "assets" / "course.css", folder / "assets" / "course.js"]:
            text = path.read_text(encoding="utf-8")
            urls = set(re.findall(r"(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s\"')]*", text))
            assert urls <= {"http://www.w3.org/2000/svg"}, (path.name, urls)


def test_summary_prints_without_the_course_chrome(packages: dict[str, Path], lms_harness: Callable[..., Any]) -> None:
    run = lms_harness(packages["scorm12-nb"], "scorm12").launch()
    sco = run.sco
    total = sco.locator("section.page").count()
    for _ in range(total - 1):
        fill_page(sco, {}, {}, {})
        sco.click("#next")
    run.page.emulate_media(media="print")
    shown = sco.evaluate(
        """() => Object.fromEntries(['.top', '.pager', '#print', '#summary-chart svg', '#summary-table']
             .map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))"""
    )
    assert shown == {".top": False, ".pager": False, "#print": False, "#summary-chart svg": True, "#summary-table": True}
    assert sco.evaluate("() => [...document.querySelectorAll('section.page')].filter(p => getComputedStyle(p).display !== 'none').length") == 1
