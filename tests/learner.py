"""A learner in the browser: pages through a built course, answering by mouse or by keyboard only."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame

VISIBLE = "section.page:not([hidden])"


def answer_for(statement: str, index: int) -> int:
    """Return a varied but reproducible answer 1-5 for the ``index``-th statement."""
    return (index * 2 + len(statement)) % 5 + 1


def text_for(field: str) -> str:
    """Return a reflection text with characters the state encoding must survive."""
    return f"Om {field}: første linje | med kolon: og «sitat»\nandre linje {{klammer}} 😀"


def page_title(sco: Frame) -> str:
    return sco.locator(f"{VISIBLE} h1").inner_text()


def fill_page(sco: Frame, answers: dict[str, int], texts: dict[str, str], placement: dict[str, int]) -> None:
    """Answer everything on the visible page with the mouse and record what was given."""
    for group in sco.locator(f"{VISIBLE} fieldset[data-statement]").all():
        sid = group.get_attribute("data-statement")
        value = answer_for(sid, len(answers))
        group.locator(f'input[value="{value}"]').check()
        answers[sid] = value
    for group in sco.locator(f"{VISIBLE} fieldset[data-axis]").all():
        axis = group.get_attribute("data-axis")
        value = 4 if axis == "x" else 2
        group.locator(f'input[value="{value}"]').check()
        placement[axis] = value
    for area in sco.locator(f"{VISIBLE} textarea").all():
        rid = area.get_attribute("data-reflection")
        area.fill(text_for(rid))
        texts[rid] = text_for(rid)


def complete_by_mouse(sco: Frame, stop_before_last: bool = False) -> dict[str, Any]:
    """Answer every question and reach the last page; return what was answered."""
    answers: dict[str, int] = {}
    texts: dict[str, str] = {}
    placement: dict[str, int] = {}
    total = sco.locator("section.page").count()
    for index in range(total):
        fill_page(sco, answers, texts, placement)
        if index == total - 1 or (stop_before_last and index == total - 2):
            break
        sco.click("#next")
    return {"answers": answers, "texts": texts, "placement": placement}


def complete_by_keyboard(sco: Frame, max_steps: int = 4000) -> dict[str, Any]:
    """Take the course with the Tab, arrow, Enter keys and typing only; return what was answered.

    On each radio group the arrow key moves to a new option and selects it (as a screen reader user
    does); each textarea gets typed text; Enter on "Next" turns the page, whose heading must then have
    the focus.
    """
    keyboard = sco.page.keyboard
    answers: dict[str, int] = {}
    texts: dict[str, str] = {}
    placement: dict[str, int] = {}
    done_groups: set[str] = set()
    for _ in range(max_steps):
        keyboard.press("Tab")
        focus = sco.evaluate(
            """() => { const e = document.activeElement; return {
                 tag: e.tagName, id: e.id, type: e.type || '', name: e.name || '',
                 value: e.value || '', reflection: e.getAttribute('data-reflection') || '' }; }"""
        )
        if focus["type"] == "radio" and focus["name"] not in done_groups:
            keyboard.press("ArrowRight")  # moves from the first option to the second and selects it
            keyboard.press("ArrowRight")
            value = int(sco.evaluate("() => document.activeElement.value"))
            done_groups.add(focus["name"])
            if focus["name"].startswith("placement-"):
                placement[focus["name"].removeprefix("placement-")] = value
            else:
                answers[focus["name"]] = value
        elif focus["tag"] == "TEXTAREA" and focus["reflection"] not in texts:
            text = f"Skrevet med tastaturet i {focus['reflection']}"
            keyboard.type(text)
            texts[focus["reflection"]] = text
        elif focus["id"] == "next":
            before = page_title(sco)
            keyboard.press("Enter")
            assert page_title(sco) != before
            assert sco.evaluate("() => document.activeElement.tagName") == "H1", "focus must move to the new heading"
            if sco.locator("#next").is_hidden():
                return {"answers": answers, "texts": texts, "placement": placement}
    raise AssertionError("the keyboard never reached the last page")
