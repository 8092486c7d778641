"""report.html in Chromium: axe-core finds nothing, it works at 360 px and by keyboard, loads nothing
from outside, and prints on A4 with every table whole."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from report_support import generate
from support import COURSE, ROOT

from scorm_builder.loader import load_course
from scorm_builder.report.course import CourseKeys, course_keys
from scorm_builder.report.render_html import to_html
from scorm_builder.report.run import ReportOptions, make_report

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
A4_WIDTH_PX = 210 / 25.4 * 96


def seed_keys() -> CourseKeys:
    """The course's keys, as the report reads them."""
    return course_keys(load_course(COURSE))


def report_data(reports: dict[str, Path], lang: str) -> dict[str, Any]:
    """The report.json written beside the page in ``lang``, to render again with a change."""
    return json.loads((reports[lang].parent / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("page")
    statements, groups, _ = generate(folder, 250, seed=21)
    return {
        lang: make_report(
            ReportOptions([str(statements)], COURSE, folder / lang, groups, lang=lang)
        ).files[0]
        for lang in ("nb", "en")
    }


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    outside: list[str] = []
    context.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None
    )
    tab = context.new_page()
    yield tab, outside
    context.close()


def axe(tab: Page) -> list[dict[str, object]]:
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))})))",
        TAGS,
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_axe_violation_and_nothing_from_outside(
    lang: str, reports: dict[str, Path], page
) -> None:
    tab, outside = page
    tab.goto(reports[lang].as_uri())
    assert tab.evaluate("document.documentElement.lang") == lang
    assert tab.locator("section.group").count() >= 3
    assert axe(tab) == []
    html = reports[lang].read_text(encoding="utf-8")
    assert (
        not re.search(r'(src|href)="(https?:)?//', html)
        and "<script" not in html
        and "@import" not in html
    )
    assert outside == []


def test_every_chart_has_a_caption_and_a_table(reports: dict[str, Path], page) -> None:
    tab, _ = page
    tab.goto(reports["nb"].as_uri())
    charts = tab.locator("[role=img]")
    assert charts.count() >= 9
    for n in range(charts.count()):
        chart = charts.nth(n)
        caption = tab.locator("#" + chart.get_attribute("aria-labelledby"))
        assert caption.inner_text().strip()
        table = chart.locator("xpath=ancestor::figure/following-sibling::div[1]//table")
        assert table.count() == 1 and table.locator("tbody tr").count() >= 1


def test_usable_at_360_px(reports: dict[str, Path], page) -> None:
    tab, _ = page
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.goto(reports["nb"].as_uri())
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    for chart in tab.locator("[role=img]").all():
        assert chart.bounding_box()["width"] <= 360
    # Every word in a chart is readable on the phone: its size as drawn, after any scaling of its SVG.
    sizes = tab.evaluate(
        """() => Array.from(document.querySelectorAll('[role=img]')).flatMap(chart => {
             const words = Array.from(chart.querySelectorAll('text'));
             if (chart.tagName !== 'svg') words.push(...Array.from(chart.querySelectorAll('span')));
             return words.map(el => {
               const size = parseFloat(getComputedStyle(el).fontSize);
               const svg = el.closest('svg');
               return [el.textContent.trim(), svg && el.tagName === 'text' ? size * svg.getScreenCTM().a : size];
             });
           })"""
    )
    assert len(sizes) > 30 and [(word, round(px, 1)) for word, px in sizes if px < 10] == []
    assert axe(tab) == []


def test_keyboard_reaches_every_group_and_table(reports: dict[str, Path], page) -> None:
    tab, _ = page
    tab.goto(reports["en"].as_uri())
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.className") == "skip"
    links = tab.locator("nav a").count()
    focused = []
    for _ in range(links + 30):
        tab.keyboard.press("Tab")
        focused.append(
            tab.evaluate(
                "(document.activeElement.getAttribute('href') || document.activeElement.getAttribute('aria-labelledby') || '')"
            )
        )
    assert [f for f in focused if f.startswith("#g")][:links] == [f"#g{n}" for n in range(links)]
    assert any(f.endswith("-cat-t") for f in focused), "scrollable tables take focus"
    tab.keyboard.press("Shift+Tab")
    tab.locator("nav a").nth(1).focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#g1"


def test_prints_on_a4_with_every_table_whole(
    reports: dict[str, Path], page, tmp_path: Path
) -> None:
    tab, _ = page
    printable = int(A4_WIDTH_PX - 2 * 12 / 25.4 * 96)  # the @page margins are 12 mm left and right
    tab.set_viewport_size({"width": printable, "height": 1000})
    tab.goto(reports["nb"].as_uri())
    tab.emulate_media(media="print")
    groups = tab.locator("section.group").count()
    widest = tab.evaluate(
        "Math.max(...[...document.querySelectorAll('table, svg')].map(e => e.getBoundingClientRect().right))"
    )
    assert (
        widest <= printable and tab.evaluate("document.documentElement.scrollWidth") <= printable
    ), widest
    pdf = tab.pdf(prefer_css_page_size=True)
    (tmp_path / "report.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert groups <= pages <= groups * 4, (groups, pages)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(
        abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in boxes
    )


@pytest.mark.parametrize("lang,whole,other", [("nb", "3,00", "2,97"), ("en", "3.00", "2.97")])
def test_every_mean_has_the_same_number_of_decimals(lang: str, whole: str, other: str, reports: dict[str, Path]) -> None:
    data = report_data(reports, lang)
    means = data["groups"][0]["categories"]
    first, second = list(means)[:2]
    means[first]["mean"], means[second]["mean"] = 3, 2.97  # as report.json writes a whole mean
    html = to_html(seed_keys(), data, lang)
    # the category tables: the mean, then the count of each answer 1-5
    rows = re.findall(r"<tr><th scope=\"row\">[^<]*</th><td>([^<]*)</td>(?:<td>\d+</td>){5}</tr>", html)
    assert rows[:2] == [whole, other]
    assert len(rows) > 7 and all(re.fullmatch(r"\d[.,]\d\d|–", mean) for mean in rows), rows


def test_a_table_caption_is_not_squeezed_to_a_narrow_table(reports: dict[str, Path], page) -> None:
    tab, _ = page
    tab.goto(reports["nb"].as_uri())
    lines = tab.evaluate(
        """() => Array.from(document.querySelectorAll('caption')).map(c => {
             const range = document.createRange(); range.selectNodeContents(c);
             return [c.textContent, new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size]; })"""
    )
    assert len(lines) >= 9 and [c for c, n in lines if n > 1] == []


@pytest.mark.parametrize("lang,big,none,one,three", [
    ("nb", "142\u00a0024 xAPI-utsagn", "Ingen grupper er skjult.", "1 gruppe er skjult;", "3 grupper er skjult;"),
    ("en", "142,024 xAPI statements", "No group is hidden.", "1 group is hidden;", "3 groups are hidden;"),
])
def test_large_numbers_are_grouped_and_the_hidden_groups_counted_in_words(
        lang: str, big: str, none: str, one: str, three: str, reports: dict[str, Path]) -> None:
    data = report_data(reports, lang)
    keys = seed_keys()
    data["input"]["statements"], data["groups"][0]["learners"] = 142024, 14161
    pages = {}
    for hidden in (0, 1, 3):
        data["hidden"] = hidden
        pages[hidden] = to_html(keys, data, lang)
    assert big in pages[0] and ("14\u00a0161" if lang == "nb" else "14,161") in pages[0]
    assert none in pages[0] and one in pages[1] and three in pages[3]
    assert "1 grupper" not in pages[1] and "1 groups" not in pages[1]
