"""Nothing a learner writes is lost on a relaunch: strict SCORM limits, text over a limit, an LMS that
stores line breaks as CRLF on exit, a damaged saved state, and an older copy in another browser."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from learner import VISIBLE, complete_by_mouse, page_title
from support import COURSE, ROOT, copy_course, unzip

from scorm_builder.loader import load_course
from scorm_builder.preview.session import assign, lookup

KIND = {"scorm12": "scorm12", "scorm2004-3": "scorm2004", "scorm2004-4": "scorm2004"}
#: suspend_data limits a strict LMS enforces (SCORM 1.2; 2004 3rd edition as packaged; 4th edition).
LIMIT = {"scorm12": 4096, "scorm2004-3": 4000, "scorm2004-4": 64000}
STATUS = {"scorm12": "cmi.core.lesson_status", "scorm2004": "cmi.completion_status"}
RESPONSE = {"scorm12": "student_response", "scorm2004": "learner_response"}
SEED = ROOT.parent / "shared" / "seed" / "000_8a850775f8d9a28d.txt"


def prose(length: int, start: int = 0) -> str:
    """Return ``length`` characters of the course's Norwegian source text, a line break every few lines."""
    words = " ".join(re.sub(r"[•▪…\.]{3,}|-{5,}|[•▪]", "", SEED.read_text(encoding="utf-8")).split()).split(" ")
    words = words[start % len(words):] + words
    out = ""
    for n, word in enumerate(words * 3):
        out += ("\n" if n % 17 == 16 else " " if out else "") + word
        if len(out) >= length:
            return out[:length].rstrip(" \n") + "x" * (length - len(out[:length].rstrip(" \n")))
    raise AssertionError("not enough text")


@pytest.fixture
def lms_for(built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``lms_for(standard, **options) -> harness`` for the built nb package."""

    def make(name: str, **options: Any) -> Any:
        folder = tmp_path / name
        if not folder.exists():
            unzip(built[name], folder)
        return lms_harness(folder, KIND[name], **options)

    return make


def items(tree: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    """Return the records of a CMI collection (interactions, objectives) in index order."""
    node = lookup(tree, key) or {}
    return [node[k] for k in sorted(node, key=int)]


def fields(sco: Any) -> list[list[Any]]:
    return sco.evaluate("() => JSON.parse(document.getElementById('course-data').textContent).state.reflections")


def write(sco: Any, texts: dict[str, str]) -> None:
    """Put each text into its field at once, as a paste does (one input event per field)."""
    sco.evaluate(
        """texts => { for (const [id, t] of Object.entries(texts)) {
             const a = document.querySelector(`textarea[data-reflection="${id}"]`);
             a.value = t; a.dispatchEvent(new Event('input', {bubbles: true})); } }""",
        texts,
    )


def go_to(sco: Any, selector: str) -> None:
    """Go to the first page that has ``selector``."""
    while not sco.locator("#prev").is_disabled():
        sco.click("#prev")
    while not sco.locator(f"{VISIBLE} {selector}").count():
        sco.click("#next")


def shown(locator: Any) -> str:
    """Return an element's text with the no-break spaces of Norwegian number grouping as plain spaces."""
    return locator.inner_text().replace("\xa0", " ")


def set_values(run: Any, key: str) -> list[str]:
    return [c["args"][1] for c in run.calls if c["method"] in ("LMSSetValue", "SetValue") and c["args"][0] == key]


def test_text_over_a_fields_limit_survives_a_relaunch_and_the_learner_knows_what_was_not_saved(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12", suspend_limit=4096)
    run = harness.launch(browser="laptop")
    sco = run.sco
    rid, limit, _ = fields(sco)[0]
    text = prose(limit + 150)
    go_to(sco, f'textarea[data-reflection="{rid}"]')
    area = sco.locator(f'textarea[data-reflection="{rid}"]')
    area.fill(text)
    assert area.input_value() == text, "the field keeps everything the learner wrote"
    assert area.get_attribute("aria-invalid") == "true"
    counter = shown(sco.locator(f"#r-{rid}-count"))
    assert "Feltet har plass til 1 000 tegn. De siste 150 tegnene, fra «" + text[limit:limit + 24] + "…»" in counter
    assert "bare lagret i denne nettleseren" in counter
    label = sco.locator(f'label[for="r-{rid}"]').inner_text()
    assert f"«{label}» (150 tegn)" in sco.locator("#unsaved").inner_text()
    sco.click("#next")
    run.close()
    assert run.refused == []
    # On another computer: what the LMS holds, up to the field's limit.
    other = harness.launch()
    assert other.sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == text[:limit]
    other.close()
    # On the same computer: everything, and the counter still says what the LMS lacks.
    again = harness.launch(browser="laptop")
    assert again.sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == text
    assert "De siste 150 tegnene" in again.sco.locator(f"#r-{rid}-count").inner_text()


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_text_written_on_one_page_reaches_the_lms_within_a_minute_while_the_learner_stays_there(
    name: str, lms_for: Callable[..., Any]
) -> None:
    harness = lms_for(name, clock=True)
    run = harness.launch(browser="laptop")
    sco = run.sco
    rid = fields(sco)[0][0]
    go_to(sco, f'textarea[data-reflection="{rid}"]')

    def commits() -> int:
        return sum(c["method"] in ("LMSCommit", "Commit") for c in run.calls)

    before, held = commits(), harness.saved_state
    sco.locator(f'textarea[data-reflection="{rid}"]').press_sequentially("Mitt første utkast")
    run.context.clock.fast_forward(50_000)
    assert commits() == before and harness.saved_state == held, "no commit per keystroke, nor before the minute"
    run.context.clock.fast_forward(11_000)
    run.wait_for(lambda r: commits() == before + 1)
    run.wait_for(lambda r: harness.saved_state != held)  # the LMS page stores a commit on its server after the call
    # Another computer, while the learner is still on that page of the first one (which may yet crash).
    other = harness.launch()
    assert other.sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == "Mitt første utkast"
    # One commit for all those keystrokes; the next change starts the next minute.
    run.context.clock.fast_forward(120_000)
    assert commits() == before + 1
    sco.locator(f'textarea[data-reflection="{rid}"]').press_sequentially(" og mer")
    run.context.clock.fast_forward(61_000)
    run.wait_for(lambda r: commits() == before + 2)
    assert not run.page_errors


def units(text: str) -> int:
    """Return the length of ``text`` as JavaScript counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


#: Emoji-heavy reflections within the field's own limit but over the LMS's: (writing, what fits the LMS).
#: SCORM 1.2: 240 characters, 280 code units, over 255 (the share is exactly 255); 2004: 400 families of four (11 code units each,
#: one character each), over 4000. The LMS's share ends before a character, never inside one.
EMOJI = {
    "scorm12": ("Bra \U0001F600 " * 40, ("Bra \U0001F600 " * 36) + "Bra"),
    "scorm2004-4": ("\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466" * 400,
                    "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466" * 363),
}


@pytest.mark.parametrize("name,limit", [("scorm12", 255), ("scorm2004-4", 4000)])
def test_a_reported_reflection_never_passes_the_lms_limit_as_the_lms_counts(name: str, limit: int, tmp_path: Path,
                                                                         lms_harness: Callable[..., Any]) -> None:
    from scorm_builder.build import build

    course = copy_course(tmp_path / "course")
    (course / "course.yaml").write_text((course / "course.yaml").read_text(encoding="utf-8") + "privacy:\n  reflections: lms\n",
                                        encoding="utf-8")
    [result] = build(course, [name], ["nb"], tmp_path / "dist")
    harness = lms_harness(unzip(result.path, tmp_path / "pkg"), KIND[name], response_limit=limit)
    text, fits = EMOJI[name]
    assert units(fits) <= limit < units(fits) + 11 and units(text) > limit and text.startswith(fits)
    run = harness.launch(browser="laptop")
    sco = run.sco
    rid = fields(sco)[0][0]
    go_to(sco, f'textarea[data-reflection="{rid}"]')
    area = sco.locator(f'textarea[data-reflection="{rid}"]')
    area.fill(text)
    assert area.input_value() == text, "the field keeps everything the learner wrote"
    assert sco.evaluate("id => SB.course.state().texts[id]", rid) == fits
    over = sco.evaluate("t => Array.from(new Intl.Segmenter().segment(t)).length", text[len(fits):])
    counter = shown(sco.locator(f"#r-{rid}-count"))
    assert f"Læringsplattformen tar imot høyst {limit:,} tegn fra dette feltet".replace(",", " ") in counter
    assert f"De siste {over} tegnene" in counter and "bare lagret i denne nettleseren" in counter
    sco.click("#next")
    run.close()
    assert run.refused == [], "the strict LMS took every response"
    responses = [c["args"][1] for c in run.calls if c["method"] in ("LMSSetValue", "SetValue")
                 and c["args"][0].endswith("_response") and c["result"] in (True, "true")]
    assert (("{lang=nb}" if name != "scorm12" else "") + fits) in responses
    # Another computer gets what the LMS holds; this one, everything the learner wrote.
    assert harness.launch().sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == fits
    assert harness.launch(browser="laptop").sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == text


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-3"])
def test_a_thousand_characters_and_fourteen_times_two_hundred_all_come_back(name: str, lms_for: Callable[..., Any]) -> None:
    harness = lms_for(name, suspend_limit=LIMIT[name])
    run = harness.launch()
    sco = run.sco
    ids = [rid for rid, _, _ in fields(sco)]
    texts = {rid: prose(1000 if i == 0 else 200, start=40 * i) for i, rid in enumerate(ids)}
    assert sum(map(len, texts.values())) == 3800 and all(t.count("\n") for t in texts.values())
    write(sco, texts)
    assert sco.locator(".counter.is-over").count() == 0
    assert sco.evaluate("() => SB.course.state().texts") == texts
    sco.click("#next")
    run.close()
    assert run.refused == [], "the LMS never refuses a write"
    suspend = lookup(harness.saved_state, "cmi.suspend_data")
    assert len(suspend) <= LIMIT[name] and "\n" not in suspend
    back = harness.launch()  # another browser: no local copy
    assert back.sco.evaluate("() => SB.course.state().texts") == texts
    for rid, text in texts.items():
        assert back.sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == text


def test_when_all_the_room_is_used_the_learner_is_told_before_and_after(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12", suspend_limit=4096)
    run = harness.launch()
    sco = run.sco
    ids = [rid for rid, _, _ in fields(sco)]
    write(sco, {rid: prose(430, start=50 * i) for i, rid in enumerate(ids[:12])})
    low = sco.locator(f"#r-{ids[12]}-count")
    assert "Plassen er snart brukt opp" in low.inner_text() and "is-low" in (low.get_attribute("class") or "")
    write(sco, {ids[12]: prose(900, start=7)})
    counter = sco.locator(f"#r-{ids[12]}-count").inner_text()
    assert "Plassen til skrivefeltene i kurset er brukt opp" in counter and "Emojier" in counter
    sco.click("#next")
    run.close()
    assert run.refused == []
    assert len(lookup(harness.saved_state, "cmi.suspend_data")) <= 4096


@pytest.mark.parametrize("name", list(KIND))
def test_an_lms_that_stores_line_breaks_as_crlf_on_exit_loses_nothing(name: str, lms_for: Callable[..., Any]) -> None:
    harness = lms_for(name, crlf_on_exit=True, suspend_limit=LIMIT[name])
    run = harness.launch()
    given = complete_by_mouse(run.sco, stop_before_last=True)
    sco = run.sco
    while not sco.locator(f"{VISIBLE} textarea").count():
        sco.click("#prev")
    area = sco.locator(f"{VISIBLE} textarea").last
    rid = area.get_attribute("data-reflection")
    area.press("End")
    area.type("\nEn linje til, skrevet rett før jeg gikk.")
    given["texts"][rid] = area.input_value()
    where = page_title(sco)
    run.close()  # the last save travels the exit path that turns \n into \r\n
    resumed = harness.launch()  # another browser: only the LMS's copy
    state = resumed.sco.evaluate("() => SB.course.state()")
    assert (state["answers"], state["placement"], state["texts"]) == (given["answers"], given["placement"], given["texts"])
    assert page_title(resumed.sco) == where
    assert resumed.sco.locator("#restore-note").is_hidden()
    while resumed.sco.locator("#next").is_visible():
        resumed.sco.click("#next")
    resumed.close()
    assert lookup(harness.saved_state, STATUS[KIND[name]]) == "completed"


def damage(harness: Any, change: Callable[[str], str]) -> str:
    """Replace the LMS's saved suspend_data with ``change(saved)``; return the new value."""
    value = change(lookup(harness.saved_state, "cmi.suspend_data"))
    assign(harness.saved_state["cmi"], "suspend_data", value)
    return value


def test_a_damaged_state_restores_the_rest_and_stays_until_the_learner_changes_something(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12")
    run = harness.launch()
    given = complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    ids = list(given["texts"])  # the fields in course order
    broken = ids[4]

    def cut(saved: str) -> str:
        parts = saved.split(".")
        parts[4 + ids.index(broken)] = parts[4 + ids.index(broken)][:-3]
        return "\r\n".join(".".join(parts)[i:i + 60] for i in range(0, len(saved), 60))

    damaged = damage(harness, cut)
    run2 = harness.launch()
    sco = run2.sco
    note = sco.locator("#restore-note")
    label = sco.locator(f'label[for="r-{broken}"]').inner_text()
    assert note.is_visible() and f"teksten i «{label}»" in note.inner_text()
    state = sco.evaluate("() => SB.course.state()")
    assert state["answers"] == given["answers"] and state["placement"] == given["placement"]
    assert state["texts"] == {k: v for k, v in given["texts"].items() if k != broken}
    sco.click("#prev")
    sco.click("#next")
    run2.close()
    assert set_values(run2, "cmi.suspend_data") == [], "not replaced while the learner has changed nothing"
    assert lookup(harness.saved_state, "cmi.suspend_data") == damaged
    run3 = harness.launch()
    sco = run3.sco
    while not sco.locator(f"{VISIBLE} fieldset[data-statement]").count():
        sco.click("#prev")
    group = sco.locator(f"{VISIBLE} fieldset[data-statement]").first
    sid = group.get_attribute("data-statement")
    group.locator(f'input[value="{given["answers"][sid] % 5 + 1}"]').check()
    sco.click("#next")
    run3.close()
    assert set_values(run3, "cmi.suspend_data"), "the learner changed something: the state is written"
    run4 = harness.launch()
    assert run4.sco.locator("#restore-note").is_hidden()
    assert run4.sco.evaluate("() => SB.course.state().answers")[sid] == given["answers"][sid] % 5 + 1


def test_a_state_of_another_format_is_named_and_kept(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm2004-4")
    run = harness.launch()
    complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    old = damage(harness, lambda _: "1a1b2|3,9,0,15|" + "3" * 23 + "|0|5:hallo")
    run2 = harness.launch()
    assert "en annen versjon av kurset" in run2.sco.locator("#restore-note").inner_text()
    run2.sco.click("#next")
    run2.close()
    assert lookup(harness.saved_state, "cmi.suspend_data") == old


def keeps_changes(run: Any, values: str) -> tuple[str, str]:
    """In ``run``, answer the first statement 1 (committed), then ``values`` in turn that only this
    browser gets (the LMS refuses suspend_data from then on), and leave the page; return the ids of
    the first two statements of that page."""
    sco = run.sco
    go_to(sco, "fieldset[data-statement]")
    groups = sco.locator(f"{VISIBLE} fieldset[data-statement]")
    first, second = groups.nth(0).get_attribute("data-statement"), groups.nth(1).get_attribute("data-statement")
    groups.nth(0).locator('input[value="1"]').check()
    sco.click("#next")  # committed: the LMS has answer 1
    run.page.evaluate("() => { window.__preview.options.failSetValue = ['cmi.suspend_data']; }")
    sco.click("#prev")
    for value in values:
        groups.nth(0).locator(f'input[value="{value}"]').check()
    sco.click("#next")
    return first, second


def laptop_keeps_changes(harness: Any, values: str) -> tuple[str, str]:
    """:func:`keeps_changes` on the "laptop" profile, which is then closed."""
    laptop = harness.launch(browser="laptop")
    found = keeps_changes(laptop, values)
    laptop.close()
    return found


def test_an_older_copy_in_one_browser_never_replaces_a_newer_one_from_another(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12")
    first, second = laptop_keeps_changes(harness, "2")
    phone = harness.launch()  # another device continues from the LMS's copy
    sco = phone.sco
    assert sco.evaluate(f"() => SB.course.state().answers['{first}']") == 1
    go_to(sco, "fieldset[data-statement]")
    for value in ("3", "4", "5"):
        sco.locator(f'{VISIBLE} fieldset[data-statement="{second}"] input[value="{value}"]').check()
    sco.click("#next")
    phone.close()
    back = harness.launch(browser="laptop")
    answers = back.sco.evaluate("() => SB.course.state().answers")
    assert (answers[first], answers[second]) == (1, 5), "the newer copy in the LMS wins"


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_every_field_at_its_limit_comes_back_here_and_what_the_lms_holds_comes_back_anywhere(name: str, lms_for: Callable[..., Any]) -> None:
    harness = lms_for(name, crlf_on_exit=True, suspend_limit=LIMIT[name])
    run = harness.launch(browser="laptop")
    sco = run.sco
    texts = {rid: prose(limit, start=90 * i) for i, (rid, limit, _) in enumerate(fields(sco))}
    write(sco, texts)
    stored = sco.evaluate("() => SB.course.state().texts")
    if name == "scorm2004-4":
        assert stored == texts, "64,000 characters hold every field at its limit"
    else:
        assert 4500 < sum(map(len, stored.values())) < sum(map(len, texts.values()))
        assert all(texts[rid].startswith(part) for rid, part in stored.items())
        assert sco.locator("#unsaved").is_visible()
    sco.click("#next")
    run.close()
    assert run.refused == []
    elsewhere = harness.launch()
    assert elsewhere.sco.evaluate("() => SB.course.state().texts") == stored
    elsewhere.close()
    here = harness.launch(browser="laptop")
    for rid, text in texts.items():
        assert here.sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == text


def test_a_copy_the_lms_cut_short_gives_way_to_the_whole_copy_in_this_browser(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12")
    run = harness.launch(browser="pc")
    given = complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    saved = lookup(harness.saved_state, "cmi.suspend_data")
    assert len(saved.split(".")[-1]) > 3, "the save ends in a text, which the cut shortens"
    damage(harness, lambda text: text[:-3])  # an LMS that keeps only the first characters
    run2 = harness.launch(browser="pc")  # the same computer: its browser holds the whole save
    state = run2.sco.evaluate("() => SB.course.state()")
    assert (state["answers"], state["texts"]) == (given["answers"], given["texts"])
    assert run2.sco.locator("#restore-note").is_hidden()


def test_changes_kept_only_in_one_browser_give_way_to_newer_ones_from_another_device(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12")
    first, second = laptop_keeps_changes(harness, "2345" * 5)  # many changes, none reaching the LMS
    phone = harness.launch()  # later, another device continues from the LMS's copy: one change
    go_to(phone.sco, "fieldset[data-statement]")
    phone.sco.locator(f'{VISIBLE} fieldset[data-statement="{second}"] input[value="3"]').check()
    phone.sco.click("#next")
    phone.close()
    back = harness.launch(browser="laptop")
    answers = back.sco.evaluate("() => SB.course.state().answers")
    assert (answers[first], answers[second]) == (1, 3), "the LMS holds the learner's latest work"
    note = back.sco.locator("#restore-note")
    assert note.is_visible() and "bare var lagret i denne nettleseren" in note.inner_text()


def test_another_learner_at_the_same_computer_never_gets_the_first_ones_answers(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm2004-4")
    run = harness.launch(browser="shared-pc")
    complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    origins = harness.profiles["shared-pc"]["origins"]
    kept = [i["name"] for o in origins for i in o["localStorage"] if i["name"].startswith("scorm-builder:")]
    assert kept and all(":preview-learner" in k for k in kept), kept
    harness.server.store.reset()  # a new record in the LMS: another employee logs in at the same computer
    harness.server.options = replace(harness.server.options, cmi={"cmi.learner_id": "another-learner"})
    run2 = harness.launch(browser="shared-pc")
    assert run2.value("cmi.learner_id") == "another-learner"
    state = run2.sco.evaluate("() => SB.course.state()")
    assert (state["answers"], state["texts"], state["placement"]) == ({}, {}, {})
    assert all(not a for a in run2.sco.evaluate(
        "() => [...document.querySelectorAll('textarea[data-reflection]')].map(a => a.value)"))


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_the_course_open_in_two_tabs_never_writes_the_older_state_over_the_newer(name: str, lms_for: Callable[..., Any]) -> None:
    harness = lms_for(name)
    first = harness.launch(browser="laptop")
    second = harness.launch(beside=first)  # the learner opens the course again in another tab
    first.page.bring_to_front()  # and goes back to the first
    rid = fields(first.sco)[0][0]
    text = prose(300, start=11)
    go_to(first.sco, "fieldset[data-statement]")
    groups = first.sco.locator(f"{VISIBLE} fieldset[data-statement]")
    one, two = groups.nth(0).get_attribute("data-statement"), groups.nth(1).get_attribute("data-statement")
    groups.nth(0).locator('input[value="5"]').check()
    go_to(first.sco, f'textarea[data-reflection="{rid}"]')
    first.sco.locator(f'textarea[data-reflection="{rid}"]').fill(text)
    first.sco.click("#next")
    # The other tab takes the newer state over, and says so.
    second.wait_for(lambda run: run.sco.evaluate("id => SB.course.state().texts[id]", rid) == text)
    assert second.sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == text
    note = second.sco.locator("#restore-note")
    assert note.is_visible() and "også åpent i et annet vindu" in note.inner_text()
    # The learner goes on in the second tab, then closes the first and the second, in that order.
    second.page.bring_to_front()
    go_to(second.sco, "fieldset[data-statement]")
    second.sco.locator(f'{VISIBLE} fieldset[data-statement="{two}"] input[value="2"]').check()
    second.sco.click("#next")
    first.close()
    second.close()
    failed = [c["args"] for c in second.calls if c["method"] in ("LMSSetValue", "SetValue") and c["result"] not in (True, "true")]
    assert failed == [], "the second tab's session takes every write"
    # Each tab is a session of its own: the LMS keeps what the last one committed, so the second
    # tab reports again what the first changed, and the LMS holds the latest answers of both.
    records = [i for i in items(harness.saved_state, "cmi.interactions") if i["id"] in (one, two)]
    latest = {i["id"]: i[RESPONSE[KIND[name]]] for i in records}
    assert latest == {one: "5", two: "2"}
    elsewhere = harness.launch()  # another computer: what the LMS holds
    state = elsewhere.sco.evaluate("() => SB.course.state()")
    assert state["texts"].get(rid) == text, "the first tab's text survives the second tab's close"
    assert (state["answers"].get(one), state["answers"].get(two)) == (5, 2)


def test_a_package_updated_mid_attempt_still_finds_what_only_this_browser_kept(tmp_path: Path, lms_harness: Callable[..., Any]) -> None:
    from scorm_builder.build import build

    course = copy_course(tmp_path / "course")
    [old] = build(course, ["scorm12"], ["nb"], tmp_path / "old")
    folder = unzip(old.path, tmp_path / "pkg")
    harness = lms_harness(folder, "scorm12")
    first, _ = laptop_keeps_changes(harness, "2")  # the LMS holds answer 1; only the laptop's browser has 2
    yaml_path = course / "course.yaml"
    text, n = re.subn(r"(?m)^version: .*$", "version: 9.9.9", yaml_path.read_text(encoding="utf-8"))
    assert n == 1
    yaml_path.write_text(text, encoding="utf-8")
    [new] = build(course, ["scorm12"], ["nb"], tmp_path / "new")
    unzip(new.path, folder)  # the L&D team replaces the package in the LMS; the attempt goes on
    back = harness.launch(browser="laptop")
    assert back.sco.evaluate("() => JSON.parse(document.getElementById('course-data').textContent).version") == "9.9.9"
    assert back.sco.evaluate("() => SB.course.state().answers")[first] == 2, "the change only this browser kept"


def test_a_course_completed_in_one_tab_is_completed_in_the_other_tabs_session_too(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm2004-4")
    first = harness.launch()
    second = harness.launch(beside=first)
    first.page.bring_to_front()
    complete_by_mouse(first.sco)
    second.wait_for(lambda run: run.sco.evaluate("() => (SB.course.state().flags & SB.DONE) === SB.DONE"))
    first.close()
    second.close()  # the LMS keeps the session that ended last: the second tab's
    assert lookup(harness.saved_state, "cmi.completion_status") == "completed"
    assert set_values(second, "cmi.completion_status")[-1] == "completed", "reported in the second tab's own session"


def test_a_tab_left_open_from_before_another_device_never_passes_its_older_state_on(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12")
    old = harness.launch(browser="laptop")
    first, second = keeps_changes(old, "2345" * 5)  # many changes only this browser keeps; the tab stays open
    phone = harness.launch()  # the learner goes on on the phone, from the LMS's copy
    go_to(phone.sco, "fieldset[data-statement]")
    phone.sco.locator(f'{VISIBLE} fieldset[data-statement="{second}"] input[value="3"]').check()
    phone.sco.click("#next")
    phone.close()
    new = harness.launch(beside=old)  # back on the laptop, in a new tab: the phone's work
    assert new.sco.evaluate("() => SB.course.state().answers") == {first: 1, second: 3}
    assert old.sco.evaluate("() => SB.course.state().seq") > new.sco.evaluate("() => SB.course.state().seq")
    old.page.bring_to_front()  # the old tab, still open, saves once more in this browser
    old.sco.click("#prev")
    old.sco.locator(f'{VISIBLE} fieldset[data-statement="{first}"] input[value="4"]').check()
    old.sco.click("#next")
    new.page.bring_to_front()
    new.page.wait_for_timeout(300)
    assert new.sco.evaluate("() => SB.course.state().answers") == {first: 1, second: 3}, "the older history is not taken over"
    old.close()  # its session ends (the LMS keeps the session that ends last)
    new.sco.click("#next")
    new.close()
    back = harness.launch()
    assert back.sco.evaluate("() => SB.course.state().answers") == {first: 1, second: 3}


def test_text_beyond_a_limit_written_in_one_tab_stays_in_both(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12")
    first = harness.launch(browser="laptop")
    second = harness.launch(beside=first)
    (x, limit, _), (y, _, _) = fields(second.sco)[:2]
    text = prose(limit + 40)
    second.page.bring_to_front()
    go_to(second.sco, f'textarea[data-reflection="{x}"]')
    area = second.sco.locator(f'textarea[data-reflection="{x}"]')
    area.fill(text[:limit])
    first.wait_for(lambda run: run.sco.evaluate("id => SB.course.state().texts[id]", x) == text[:limit])
    area.fill(text)  # 40 more characters, which only this browser keeps: the saved state does not change
    first.page.bring_to_front()
    first.wait_for(lambda run: run.sco.locator(f'textarea[data-reflection="{x}"]').input_value() == text)
    go_to(first.sco, f'textarea[data-reflection="{y}"]')
    first.sco.locator(f'textarea[data-reflection="{y}"]').fill("Noe annet.")  # a newer state, which the second tab takes over
    second.page.bring_to_front()
    second.wait_for(lambda run: run.sco.evaluate("id => SB.course.state().texts[id]", y) == "Noe annet.")
    assert second.sco.locator(f'textarea[data-reflection="{x}"]').input_value() == text
    assert "De siste 40 tegnene" in shown(second.sco.locator(f"#r-{x}-count"))
    first.close()
    second.close()
    again = harness.launch(browser="laptop")
    assert again.sco.locator(f'textarea[data-reflection="{x}"]').input_value() == text


def test_copies_kept_under_a_key_with_the_course_version_are_found(lms_for: Callable[..., Any]) -> None:
    harness = lms_for("scorm12")
    first, _ = laptop_keeps_changes(harness, "2")  # the LMS holds answer 1; only the laptop's browser has 2
    course = load_course(COURSE)
    data = {"id": course.id, "version": course.version}
    prefix = f"scorm-builder:{data['id']}:"
    origins = harness.profiles["laptop"]["origins"]
    renamed = 0
    for origin in origins:
        for item in origin["localStorage"]:
            if item["name"].startswith(prefix):  # as packages built with the version in the key kept them
                item["name"] = prefix + data["version"] + ":" + item["name"][len(prefix):]
                renamed += 1
    assert renamed
    back = harness.launch(browser="laptop")
    assert back.sco.evaluate("() => SB.course.state().answers")[first] == 2
    keys = back.sco.evaluate("() => Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith(prefix + data["version"] + ":")], "moved, not copied"


def refused_sets(run: Any) -> int:
    return sum(1 for c in run.calls if c["method"] in ("LMSSetValue", "SetValue") and c["result"] == "false")


def record_of(run: Any, sid: str, kind: str) -> tuple[int, list[str]]:
    """Return the number of interaction records the LMS last committed and the responses of those with id ``sid``."""
    records = items(run.committed(), "cmi.interactions")
    return len(records), [r[RESPONSE[kind]] for r in records if r["id"] == sid]


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_an_lms_that_keeps_few_interaction_records_gets_the_latest_answer_and_the_learner_no_false_alarm(
        name: str, lms_for: Callable[..., Any]) -> None:
    kind = KIND[name]
    harness = lms_for(name, interaction_limit=1)
    run = harness.launch(browser="laptop")
    sco, status = run.sco, run.sco.locator("#lms-status")
    go_to(sco, "fieldset[data-statement]")
    sid = sco.locator(f"{VISIBLE} fieldset[data-statement]").first.get_attribute("data-statement")
    answer = sco.locator(f'{VISIBLE} fieldset[data-statement="{sid}"]')
    answer.locator('input[value="1"]').check()
    sco.click("#next")
    run.wait_for(lambda r: record_of(r, sid, kind) == (1, ["1"]))
    assert refused_sets(run) == 0
    # The changed answer is a second record, which the LMS will not create: it goes over the first.
    sco.click("#prev")
    answer.locator('input[value="3"]').check()
    sco.click("#next")
    run.wait_for(lambda r: record_of(r, sid, kind) == (1, ["3"]))
    refused = refused_sets(run)
    assert refused > 0, "the LMS refused the new record"
    assert status.inner_text() == "", "the learner's work is saved: no notice that it is not"
    # From then on the latest answer goes straight over the record: nothing more is refused.
    sco.click("#prev")
    answer.locator('input[value="5"]').check()
    sco.click("#next")
    run.wait_for(lambda r: record_of(r, sid, kind) == (1, ["5"]))
    assert refused_sets(run) == refused and status.inner_text() == ""
    run.close()
    assert lookup(harness.saved_state, f"cmi.interactions.0.{RESPONSE[kind]}") == "5"
    # A later session: SCORM 2004 reads the records' ids back and writes over the one it finds;
    # SCORM 1.2's are write-only, so the record keeps the answer it had and the state the new one.
    again = harness.launch()
    sco = again.sco
    go_to(sco, "fieldset[data-statement]")
    sco.locator(f'{VISIBLE} fieldset[data-statement="{sid}"] input[value="2"]').check()
    sco.click("#next")
    assert sco.evaluate(f"() => SB.course.state().answers['{sid}']") == 2
    again.close()
    assert lookup(harness.saved_state, f"cmi.interactions.0.{RESPONSE[kind]}") == ("2" if kind == "scorm2004" else "5")
    assert lookup(harness.saved_state, "cmi.interactions.1") is None
    assert not run.page_errors and not again.page_errors


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_a_new_attempt_starts_empty_and_brings_the_earlier_work_back_when_the_learner_asks(
    name: str, lms_for: Callable[..., Any]
) -> None:
    harness = lms_for(name, new_attempts="completed")  # Moodle's "Force new attempt" once completed
    status = STATUS[KIND[name]]
    run = harness.launch(browser="laptop")
    given = complete_by_mouse(run.sco)
    run.close()
    assert lookup(harness.saved_state, status) == "completed"
    again = harness.launch(browser="laptop")  # the same computer, a new attempt in the LMS
    sco = again.sco
    state = sco.evaluate("() => SB.course.state()")
    assert (state["answers"], state["placement"], state["texts"], state["flags"]) == ({}, {}, {}, 0)
    box = sco.locator("#earlier")
    assert box.is_visible() and "nytt forsøk" in box.inner_text()
    sco.click("#next")  # a page turned before the learner decides: the new attempt is reported as begun
    again.wait_for(lambda r: lookup(harness.saved_state, status) == "incomplete")  # stored after the call
    assert not items(harness.saved_state, "cmi.interactions")
    # Something given in the new attempt stays; the rest comes back.
    first = next(iter(given["answers"]))
    go_to(sco, f'fieldset[data-statement="{first}"]')
    mine = 1 if given["answers"][first] != 1 else 2
    sco.locator(f'{VISIBLE} fieldset[data-statement="{first}"] input[value="{mine}"]').check()
    sco.click("#earlier-restore")
    assert box.is_hidden() and "hentet inn" in sco.locator("#restore-note").inner_text()
    assert sco.locator("#summary").is_visible(), "back where the learner was: the summary they had reached"
    state = sco.evaluate("() => SB.course.state()")
    assert state["answers"] == {**given["answers"], first: mine}
    assert (state["placement"], state["texts"]) == (given["placement"], given["texts"])
    while not sco.locator("#next").is_disabled() and sco.locator("#summary:visible").count() == 0:
        sco.click("#next")
    again.close()
    saved = harness.saved_state
    assert lookup(saved, status) == "completed", "the new attempt is completed again"
    records = items(saved, "cmi.interactions")
    likert = {r["id"]: int(r[RESPONSE[KIND[name]]]) for r in records if r["id"] in given["answers"]}
    assert likert == state["answers"], "every answer reported in the new attempt"
    assert len(records) == 21 + 3, "from the attempt's first record: the answers, two placement ratings, the profile"
    assert again.refused == [] and not again.page_errors
    assert not [c for c in again.calls if c["method"] in ("LMSSetValue", "SetValue") and c["result"] in ("false", False)]
    # Brought back once: the next attempt offers the latest work, not the first attempt's again.
    third = harness.launch(browser="laptop")
    assert third.sco.locator("#earlier").is_visible()
    third.sco.click("#earlier-restore")
    assert third.sco.evaluate("() => SB.course.state().answers") == state["answers"]


def test_the_learner_can_delete_the_earlier_attempts_work_from_this_browser(
    lms_for: Callable[..., Any],
) -> None:
    harness = lms_for("scorm12", new_attempts="completed")
    run = harness.launch(browser="laptop")
    complete_by_mouse(run.sco)
    long = "Dette er mitt. " * 400  # beyond the field's room: the rest is kept in this browser only
    field = run.sco.locator("textarea").first
    go_to(run.sco, "textarea")
    field.fill(long)
    run.close()
    again = harness.launch(browser="laptop")  # a new attempt: the earlier work is set aside here
    sco = again.sco
    kept = sco.evaluate("() => Object.keys(localStorage).filter(k => k.endsWith(':earlier'))")
    assert len(kept) == 2, kept  # the state and the text beyond the room
    assert sco.locator("#earlier").is_visible()
    sco.click("#earlier-drop")
    assert sco.locator("#earlier").is_hidden()
    assert "slettet fra denne nettleseren" in sco.locator("#restore-note").inner_text()
    assert sco.evaluate("() => document.activeElement.tagName") == "H1", "focus stays on the page"
    assert sco.evaluate("() => Object.keys(localStorage).filter(k => k.includes(':earlier'))") == []
    assert sco.evaluate("() => Object.values(localStorage).filter(v => v.includes('Dette er mitt'))") == []
    assert sco.evaluate("() => SB.course.state().answers") == {}, "this attempt is left as it was"
    again.close()
    third = harness.launch(browser="laptop")
    assert third.sco.locator("#earlier").is_hidden(), "never offered again"
    assert not third.page_errors


#: Fill this origin's storage to the last character (the course's own keys left as they are).
FILL_STORAGE = """() => {
  let n = 0;
  for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16, 1]) {
    const chunk = "x".repeat(size);
    for (;;) {
      try { localStorage.setItem("filler-" + n, chunk); n++; } catch (e) { break; }
    }
  }
  return n;
}"""


def test_a_new_attempt_keeps_the_earlier_work_aside_when_the_browsers_storage_is_full(
    lms_for: Callable[..., Any],
) -> None:
    harness = lms_for("scorm12", new_attempts="completed")
    run = harness.launch()
    given = complete_by_mouse(run.sco)
    long = "Dette er mitt. " * 400  # beyond the field's room: kept in this browser only
    go_to(run.sco, "textarea")
    first_field = run.sco.locator("section.page:not([hidden]) textarea").first
    first_field.fill(long)
    field_id = first_field.get_attribute("id")
    assert run.sco.evaluate(FILL_STORAGE) > 0
    run.close()
    # A new attempt in the same browser, its storage as full as it was left (a new tab: a profile copied
    # into a new context would lose whichever items no longer fit, in no set order).
    again = harness.launch(beside=run)
    sco = again.sco
    assert sco.locator("#earlier").is_visible(), "the earlier work is kept aside, not lost"
    value = f"() => document.getElementById({field_id!r}).value"
    assert sco.evaluate(value) == "", "the new attempt starts empty, the earlier text set aside"
    go_to(sco, "textarea")
    other = sco.locator("section.page:not([hidden]) textarea").nth(1)
    other.fill("Nytt i dette forsøket.")  # written in this attempt first: the browser's copy of texts is rewritten
    sco.click("#next")  # saved: this attempt's copy of texts in the browser is written
    sco.click("#earlier-restore")
    state = sco.evaluate("() => SB.course.state()")
    assert state["answers"] == given["answers"]
    assert state["texts"][other.get_attribute("data-reflection")] == "Nytt i dette forsøket."
    assert sco.evaluate(value) == long, "the text beyond the room too"
    assert sco.evaluate("() => Object.keys(localStorage).filter(k => k.endsWith(':earlier'))") == []
    assert not again.page_errors


def test_a_new_attempt_begun_on_another_computer_outranks_this_browsers_copy_of_the_earlier_one(
    lms_for: Callable[..., Any],
) -> None:
    harness = lms_for("scorm12", new_attempts="completed")
    day = 86400
    start = time.time()
    harness.driver["clock"] = start
    laptop = harness.launch(browser="laptop")
    given = complete_by_mouse(laptop.sco)
    laptop.close()
    harness.driver["clock"] = start + day  # the next day, a new attempt on the phone: one answer
    phone = harness.launch()
    sco = phone.sco
    assert sco.evaluate("() => SB.course.state().answers") == {} and sco.locator("#earlier").is_hidden()
    first = next(iter(given["answers"]))
    go_to(sco, f'fieldset[data-statement="{first}"]')
    mine = 1 if given["answers"][first] != 1 else 2
    sco.locator(f'{VISIBLE} fieldset[data-statement="{first}"] input[value="{mine}"]').check()
    sco.click("#next")
    phone.close()
    harness.driver["clock"] = start + 2 * day  # then the laptop again: the LMS's attempt, not the old copy
    back = harness.launch(browser="laptop")
    sco = back.sco
    state = sco.evaluate("() => SB.course.state()")
    assert (state["answers"], state["flags"]) == ({first: mine}, 0)
    assert sco.locator("#earlier").is_visible()
    sco.click("#earlier-restore")
    assert sco.evaluate("() => SB.course.state().answers") == {**given["answers"], first: mine}
    while sco.locator("#summary:visible").count() == 0:
        sco.click("#next")
    back.close()
    assert lookup(harness.saved_state, "cmi.core.lesson_status") == "completed"


@pytest.mark.parametrize("name", ["scorm2004-3", "scorm2004-4"])
def test_a_completed_scorm2004_attempt_stays_open_so_another_computer_finds_everything(
    name: str, lms_for: Callable[..., Any]
) -> None:
    harness = lms_for(name, new_attempts="exit")  # SCORM 2004's rule: any exit but suspend ends the attempt
    run = harness.launch()
    given = complete_by_mouse(run.sco)
    run.close()
    saved = harness.saved_state
    assert (lookup(saved, "cmi.completion_status"), lookup(saved, "cmi.exit")) == ("completed", "suspend")
    other = harness.launch()  # later, on another computer
    state = other.sco.evaluate("() => SB.course.state()")
    assert (state["answers"], state["placement"], state["texts"]) == (given["answers"], given["placement"], given["texts"])
    assert other.sco.locator("#earlier").is_hidden()
    other.close()
    assert lookup(harness.saved_state, "cmi.completion_status") == "completed"


def test_a_scorm2004_session_whose_terminate_failed_never_passes_over_later_work_from_another_computer(
    lms_for: Callable[..., Any],
) -> None:
    """Terminate commits a 2004 session's last writes: until it succeeds, this browser's copy claims
    nothing of what the LMS holds, so work saved later on another computer wins at the next launch."""
    harness = lms_for("scorm2004-4")
    harness.play(fail_finish=True)
    laptop = harness.launch(browser="laptop")
    go_to(laptop.sco, "textarea")
    laptop.sco.click("#next")
    laptop.sco.click("#prev")  # committed: the LMS holds the state up to here
    laptop.sco.locator(f"{VISIBLE} textarea").first.press_sequentially("Skrevet rett før lukking")
    laptop.close()  # Terminate answers "false": the typing above never reached the LMS
    harness.play(fail_finish=False)
    phone = harness.launch()
    go_to(phone.sco, "fieldset[data-statement]")
    groups = phone.sco.locator(f"{VISIBLE} fieldset[data-statement]")
    answered = {}
    for n in range(3):
        groups.nth(n).locator('input[value="4"]').check()
        answered[groups.nth(n).get_attribute("data-statement")] = 4
    phone.sco.click("#next")
    phone.close()
    back = harness.launch(browser="laptop")
    assert back.sco.evaluate("() => SB.course.state().answers") == answered
    # the laptop's last words gave way, and the learner is told so
    note = back.sco.locator("#restore-note")
    assert note.is_visible() and "erstattet av det læringsplattformen har lagret senere" in note.inner_text()
    back.close()
    assert harness.launch().sco.evaluate("() => SB.course.state().answers") == answered


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_a_saved_state_the_lms_fails_to_give_is_never_written_over(name: str, lms_for: Callable[..., Any]) -> None:
    """An LMS that cannot read its store at launch answers "" with an error: the course does not take
    that for "nothing saved", tells the learner, and keeps this session's work in the browser."""
    harness = lms_for(name)
    run = harness.launch()
    given = complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    suspend = "cmi.suspend_data"
    before = lookup(harness.saved_state, suspend)
    assert before and given["texts"]
    harness.play(fail_get_value=[suspend])
    failed = harness.launch(browser="laptop")
    status = failed.sco.locator("#lms-status")
    assert status.inner_text().startswith("Kunne ikke hente det du har lagret tidligere. Det blir ikke overskrevet")
    go_to(failed.sco, "fieldset[data-statement]")
    failed.sco.locator(f"{VISIBLE} fieldset[data-statement]").first.locator('input[value="2"]').check()
    failed.sco.click("#next")
    failed.close()
    assert lookup(harness.saved_state, suspend) == before  # never written over
    harness.play(fail_get_value=[])
    elsewhere = harness.launch()
    assert elsewhere.sco.evaluate("() => SB.course.state().texts") == given["texts"]
    elsewhere.close()


def test_text_over_the_limit_that_the_browser_refuses_to_keep_is_said_to_be_saved_nowhere(
    lms_for: Callable[..., Any],
) -> None:
    harness = lms_for("scorm12")
    run = harness.launch()
    sco = run.sco
    rid, limit, _ = fields(sco)[0]
    go_to(sco, f'textarea[data-reflection="{rid}"]')
    assert sco.evaluate(FILL_STORAGE) > 0
    sco.locator(f'textarea[data-reflection="{rid}"]').fill(prose(limit + 150))
    counter = shown(sco.locator(f"#r-{rid}-count"))
    assert "er ikke lagret noe sted" in counter and "bare lagret i denne nettleseren" not in counter
    note = sco.locator("#unsaved")
    assert note.inner_text().startswith("Noe av det du har skrevet, er ikke lagret noe sted og forsvinner")
    sco.evaluate("() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k); }")
    sco.locator(f'textarea[data-reflection="{rid}"]').press("End")
    sco.locator(f'textarea[data-reflection="{rid}"]').press_sequentially("!")  # room again: kept here
    assert "bare lagret i denne nettleseren" in shown(sco.locator(f"#r-{rid}-count"))
    assert note.inner_text().startswith("Noe av det du har skrevet, er bare lagret i denne nettleseren")
