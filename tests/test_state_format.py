"""The resume state's format: Python (textcode.py, budget.py) and the runtime (textcode.js, state.js) agree
to the character for every standard, and a damaged state loses only what is damaged."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from state_js import node
from support import COURSE, ROOT

from scorm_builder import textcode
from scorm_builder.budget import plan_state
from scorm_builder.loader import load_course
from scorm_builder.standards import STANDARDS

COURSE_OBJ = load_course(COURSE)
SEED = (ROOT.parent / "shared" / "seed" / "000_8a850775f8d9a28d.txt")
BATCH = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TEXTS = st.text(st.characters(exclude_categories=("Cs",)), max_size=300) | st.text(textcode.ALPHABET + "\n\t{}|:😀é", max_size=300)


def prose() -> str:
    """Ordinary Norwegian prose: the course's source text without its slide layout."""
    text = re.sub(r"[•▪…\.]{3,}|-{5,}|[•▪]", "", SEED.read_text(encoding="utf-8"))
    return " ".join(text.split())


def layout(name: str) -> dict:
    return plan_state(COURSE_OBJ, STANDARDS[name].limits, name).runtime()


@BATCH
@given(st.lists(TEXTS, min_size=40, max_size=40))
def test_python_and_the_browser_code_every_text_alike(texts: list[str]) -> None:
    ops = [(op, t) for t in texts for op in ("encode", "size")] + [("decode", textcode.encode(t)) for t in texts]
    out = node(ops)
    for i, text in enumerate(texts):
        stored, size = out[2 * i], out[2 * i + 1]
        assert stored == textcode.encode(text) and size == textcode.size(text) == len(stored)
        assert re.fullmatch(r"[A-Za-z0-9_-]*", stored), "only characters every LMS stores as they are"
        assert out[2 * len(texts) + i] == text == textcode.decode(stored)


@BATCH
@given(st.lists(st.tuples(TEXTS.filter(bool), st.integers(0, 10**6), st.sampled_from(["swap", "drop", "cut", "add"])),
                min_size=30, max_size=30))
def test_a_damaged_text_is_read_the_same_way_on_both_sides_and_never_throws(cases: list[tuple[str, int, str]]) -> None:
    damaged = []
    for text, at, how in cases:
        stored = textcode.encode(text)
        i = at % len(stored)
        other = textcode.DIGITS[(textcode.DIGITS.index(stored[i]) + 1 + at % 63) % 64]
        damaged.append({"swap": stored[:i] + other + stored[i + 1:], "drop": stored[:i] + stored[i + 1:],
                        "cut": stored[:i], "add": stored[:i] + "A" + stored[i:]}[how])
    out = node([("decode", s) for s in damaged])
    assert out == [textcode.decode(s) for s in damaged]


def test_the_code_is_frozen_because_saved_states_depend_on_it() -> None:
    lengths = textcode.code_lengths()
    assert sum(2.0 ** -n for n in lengths) == 1.0, "a complete prefix code"
    assert textcode.digest() == "0a3666678d7aa571"


def test_ordinary_norwegian_prose_takes_less_room_than_it_has_characters() -> None:
    text = prose()[:3000]
    assert "å" in text and "ø" in text
    assert textcode.size(text) < 0.8 * len(text)
    assert textcode.size("😀") > 6, "what the code does not know costs more, and the counter says so"


@pytest.mark.parametrize("name", list(STANDARDS))
def test_budget_py_and_state_js_agree_on_the_worst_case(name: str) -> None:
    plan = plan_state(COURSE_OBJ, STANDARDS[name].limits, name)
    lay = plan.runtime()
    answers = dict.fromkeys(plan.statements, 5)
    reported = dict.fromkeys([*plan.statements, "placement-x", "placement-y", *(r[0] for r in plan.reflections)], True)
    widest = {"page": plan.pages - 1, "reached": plan.pages - 1, "flags": 35, "count": 36**3 - 1, "seq": 36**5 - 1,
              "answers": answers, "placement": {"x": 5, "y": 5}, "reported": reported}
    one = {rid: "e" for rid, _, _ in plan.reflections}
    # Fill the fields with prose until the shared budget is spent, as the runtime does.
    words, k, full = prose().split(), 0, {}
    share = plan.text_budget // len(plan.reflections)
    for rid, _, _ in plan.reflections:
        text = ""
        while k < len(words) and textcode.size(f"{text} {words[k]}".strip()) <= share:
            text, k = f"{text} {words[k]}".strip(), k + 1
        full[rid] = text
    small, big = node([("encodeState", {**widest, "texts": one}), ("encodeState", {**widest, "texts": full})], lay)
    assert len(small) == plan.fixed + sum(textcode.size(t) - 1 for t in one.values())
    assert len(big) == plan.fixed - len(full) + sum(textcode.size(t) for t in full.values()) <= plan.worst_case <= plan.limit
    assert sum(textcode.size(t) for t in full.values()) <= plan.text_budget
    back = node([("decodeState", big)], lay)[0]
    assert back["problems"] == [] and back["state"]["texts"] == {k: v for k, v in full.items() if v} and back["state"]["answers"] == answers
    assert back["state"]["seq"] == 36**5 - 1 and back["state"]["reported"] == reported


def saved_state() -> tuple[dict, dict, str]:
    lay = layout("scorm12")
    state = {"page": 5, "reached": 7, "flags": 1, "count": 24, "seq": 40,
             "answers": {"karriere-1": 4, "maal-3": 2}, "placement": {"x": 3, "y": 5},
             "reported": {"karriere-1": True, "hvem-er-du": True},
             "texts": {"hvem-er-du": "Første linje\nandre linje", "hva-vil-du": "Mål: «lære» 😀"}}
    return lay, state, node([("encodeState", state)], lay)[0]


def test_line_breaks_and_spaces_an_lms_adds_change_nothing() -> None:
    lay, state, text = saved_state()
    assert not re.search(r"\s", text)
    mangled = "\r\n".join(text[i:i + 7] for i in range(0, len(text), 7)) + " \n"
    clean, crlf = node([("decodeState", text), ("decodeState", mangled)], lay)
    assert clean == crlf and crlf["problems"] == []
    assert {k: crlf["state"][k] for k in state} == state


def test_one_damaged_field_costs_only_that_field() -> None:
    lay, state, text = saved_state()
    parts = text.split(".")
    field = 3 + 1 + [r[0] for r in lay["reflections"]].index("hva-vil-du")
    parts[field] = parts[field][:-2]
    out = node([("decodeState", ".".join(parts))], lay)[0]
    assert out["problems"] == ["text:hva-vil-du"]
    assert out["state"]["texts"] == {"hvem-er-du": state["texts"]["hvem-er-du"]}
    assert out["state"]["answers"] == state["answers"] and out["state"]["placement"] == state["placement"]


def test_a_changed_course_restores_the_part_that_did_not_change() -> None:
    lay, state, text = saved_state()
    other = {**lay, "ha": "zz"}
    out = node([("decodeState", text)], other)[0]
    assert out["problems"] == ["answers"] and out["state"]["answers"] == {}
    assert out["state"]["texts"] == state["texts"]
    out = node([("decodeState", text)], {**lay, "ht": "zz"})[0]
    assert out["problems"] == ["texts"] and out["state"]["texts"] == {} and out["state"]["answers"] == state["answers"]


def test_answers_outside_the_scale_and_bad_positions_are_left_out_not_trusted() -> None:
    lay, state, text = saved_state()
    parts = text.split(".")
    parts[1] = "zz,7,1,o,14"
    parts[2] = parts[2][:2] + "9" + parts[2][3:]
    out = node([("decodeState", ".".join(parts))], lay)[0]
    assert out["problems"] == ["position", "answers"]
    assert out["state"]["page"] == 0 and out["state"]["answers"] == {"maal-3": 2}
    assert out["state"]["texts"] == state["texts"]


@settings(max_examples=10, deadline=None)
@given(st.lists(st.text(max_size=80) | st.text("2.,-_ABCxyz019", max_size=80), min_size=30, max_size=30))
def test_any_string_decodes_without_throwing(strings: list[str]) -> None:
    lay = layout("scorm12")
    for out in node([("decodeState", s) for s in strings], lay):
        assert set(out) == {"state", "problems", "found"}
        assert out["found"] is True or out["problems"] == []


def test_the_save_sequence_orders_copies_and_unreadable_ones_come_last() -> None:
    lay, state, text = saved_state()
    assert node([("seq", text), ("seq", "garbage"), ("seq", "")], lay) == [40, -1, -1]
