"""The learner's course against scorm-again: completion, score, objectives, interactions, resume."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from learner import complete_by_keyboard, complete_by_mouse, page_title
from support import COURSE, copy_course, report_overall, unzip

from scorm_builder.loader import load_course
from scorm_builder.preview.session import lookup
from scorm_builder.scoring import Answers, evaluate

STANDARDS = {"scorm12": "scorm12", "scorm2004-3": "scorm2004", "scorm2004-4": "scorm2004"}
KEYS = {
    "scorm12": {"status": "cmi.core.lesson_status", "raw": "cmi.core.score.raw", "exit": "cmi.core.exit",
                "location": "cmi.core.lesson_location", "response": "student_response", "time": "cmi.core.session_time"},
    "scorm2004": {"status": "cmi.completion_status", "raw": "cmi.score.raw", "exit": "cmi.exit",
                  "location": "cmi.location", "response": "learner_response", "time": "cmi.session_time"},
}
SESSION_TIME = {"scorm12": r"^\d{4}:\d{2}:\d{2}\.\d{2}$", "scorm2004": r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$"}


@pytest.fixture
def launch(built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``launch(standard, **options) -> (harness, run)`` for a built nb package."""

    def start(name: str, **options: Any) -> tuple[Any, Any]:
        folder = tmp_path / name
        if not folder.exists():
            unzip(built[name], folder)
        harness = lms_harness(folder, STANDARDS[name], **options)
        return harness, harness.launch()

    return start


def expected(given: dict[str, Any]) -> dict[str, Any]:
    course = load_course(COURSE)
    return evaluate(course.scoring, course, Answers(given["answers"], given["placement"])).to_json()


def items(tree: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    node = lookup(tree, key) or {}
    return [node[k] for k in sorted(node, key=int)]


@pytest.mark.parametrize("name", list(STANDARDS))
def test_keyboard_only_learner_completes_and_the_lms_has_everything(name: str, launch: Callable[..., Any]) -> None:
    harness, run = launch(name)
    kind = STANDARDS[name]
    keys = KEYS[kind]
    given = complete_by_keyboard(run.sco)
    assert len(given["answers"]) == 21 and len(given["placement"]) == 2 and len(given["texts"]) == 15
    run.close()
    saved = harness.saved_state
    want = expected(given)
    assert want["complete"] is True
    assert lookup(saved, keys["status"]) == "completed"
    assert not lookup(saved, keys["raw"]), "a self-assessment is no grade: the course's rules do not report the overall score"
    if kind == "scorm2004":
        assert not lookup(saved, "cmi.score.scaled")
    objectives = {o["id"]: o for o in items(saved, "cmi.objectives")}
    assert set(objectives) == set(want["categories"])
    for cid, res in want["categories"].items():
        assert float(objectives[cid]["score"]["raw"]) == res["score"]
        assert [float(objectives[cid]["score"][k]) for k in ("min", "max")] == [1, 5]
    interactions = items(saved, "cmi.interactions")
    likert = {i["id"]: i for i in interactions if i["type"] == "likert" and i["id"] in given["answers"]}
    assert {k: int(v[keys["response"]]) for k, v in likert.items()} == given["answers"]
    assert len(interactions) == 21 + 3, "every answer once, the two placement ratings and the profile"
    assert not [i for i in interactions if i["id"] in given["texts"]], "reflections stay local by default"
    sent = [c["args"][1] for c in run.calls if c["method"] in ("LMSSetValue", "SetValue") and c["args"][0] == keys["time"]]
    assert len(sent) == 1 and re.match(SESSION_TIME[kind], sent[0]), sent
    # Completed: SCORM 1.2 exits normally; SCORM 2004 keeps the attempt open (a normal exit would end it).
    assert lookup(saved, keys["exit"]) == ("" if kind == "scorm12" else "suspend")
    assert not run.external_requests and not run.page_errors


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_finish_once_and_no_commit_right_before_terminate(name: str, launch: Callable[..., Any]) -> None:
    harness, run = launch(name)
    complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    methods = run.methods()
    finish = "LMSFinish" if name == "scorm12" else "Terminate"
    assert methods.count(finish) == 1 and methods[-1] == finish
    if name != "scorm12":
        assert methods[-2] != "Commit"
    keys = KEYS[STANDARDS[name]]
    assert lookup(harness.saved_state, keys["status"]) == "incomplete"
    saved_exit = [c["args"][1] for c in run.calls if c["method"] in ("LMSSetValue", "SetValue") and c["args"][0] == keys["exit"]]
    assert saved_exit[-1] == "suspend"
    times = [c["args"][1] for c in run.calls if c["method"] in ("LMSSetValue", "SetValue") and c["args"][0] == keys["time"]]
    assert len(times) == 1 and re.match(SESSION_TIME[STANDARDS[name]], times[0]), times


@pytest.mark.parametrize("name", list(STANDARDS))
def test_close_midway_and_relaunch_restores_everything(name: str, launch: Callable[..., Any]) -> None:
    harness, run = launch(name)
    given = complete_by_mouse(run.sco, stop_before_last=True)
    where = page_title(run.sco)
    run.close()
    run2 = harness.launch()
    sco = run2.sco
    assert page_title(sco) == where
    state = sco.evaluate("() => SB.course.state()")
    assert state["answers"] == given["answers"]
    assert state["placement"] == given["placement"]
    assert state["texts"] == given["texts"]
    for rid, text in given["texts"].items():
        assert sco.locator(f'textarea[data-reflection="{rid}"]').input_value() == text
    sid, value = next(iter(given["answers"].items()))
    assert sco.locator(f'input[name="{sid}"][value="{value}"]').is_checked()
    # No answer was reported twice: the resumed session reports nothing new until something changes.
    run2.close()
    ids = [i["id"] for i in items(harness.saved_state, "cmi.interactions")]
    assert len(ids) == len(set(ids)) == 21 + 3


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_resume_from_the_data_when_the_entry_flag_stays_ab_initio(name: str, launch: Callable[..., Any]) -> None:
    harness, run = launch(name, entry_flag_stuck=True)
    given = complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    run2 = harness.launch()
    assert run2.sco.evaluate("() => SB.course.state().answers") == given["answers"]


def test_reflections_reported_when_the_author_allows_it(tmp_path: Path, lms_harness: Callable[..., Any]) -> None:
    import shutil

    from scorm_builder.build import build

    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    yaml_path = course / "course.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "privacy:\n  reflections: lms\n", encoding="utf-8")
    for name, kind, typ, prefix in (("scorm12", "scorm12", "fill-in", ""), ("scorm2004-4", "scorm2004", "long-fill-in", "{lang=nb}")):
        [result] = build(course, [name], ["nb"], tmp_path / f"dist-{name}")
        harness = lms_harness(unzip(result.path, tmp_path / f"pkg-{name}"), kind)
        run = harness.launch()
        assert "sendes til læringsplattformen" in run.sco.locator("section.page .privacy").first.inner_text()
        given = complete_by_mouse(run.sco)
        run.close()
        fills = {i["id"]: i[KEYS[kind]["response"]] for i in items(harness.saved_state, "cmi.interactions")
                 if i["type"] == typ and i["id"] != "selvbevissthet-omstillingsdyktighet"}
        assert set(fills) == set(given["texts"])
        rid, text = next(iter(given["texts"].items()))
        assert fills[rid] == prefix + text.replace("\n", " ")


@pytest.mark.parametrize("name,mode_key", [("scorm12", "cmi.core.lesson_mode"), ("scorm2004-4", "cmi.mode")])
def test_review_mode_shows_the_attempt_and_writes_nothing(name: str, mode_key: str, launch: Callable[..., Any]) -> None:
    harness, run = launch(name)
    given = complete_by_mouse(run.sco, stop_before_last=True)
    run.close()
    before = harness.saved_state
    harness.options.cmi[mode_key] = "review"
    run2 = harness.launch()
    sco = run2.sco
    assert "fullført forsøk" in sco.locator("#lms-status").inner_text()
    assert sco.evaluate("() => SB.course.state().answers") == given["answers"]
    sid, value = next(iter(given["answers"].items()))
    while not sco.locator(f'input[name="{sid}"]').first.is_visible():
        sco.click("#prev")
    sco.locator(f'input[name="{sid}"][value="{value % 5 + 1}"]').check()
    sco.click("#next")
    run2.close()
    written = [c for c in run2.calls if c["method"] in ("LMSSetValue", "SetValue", "LMSCommit", "Commit")]
    assert written == []
    keys = KEYS[STANDARDS[name]]
    for key in ("cmi.suspend_data", keys["status"], keys["location"], "cmi.interactions", "cmi.objectives"):
        assert lookup(harness.saved_state, key) == lookup(before, key), key


@pytest.mark.parametrize("name,kind", [("scorm12", "scorm12"), ("scorm2004-4", "scorm2004")])
def test_the_overall_score_is_reported_when_the_scoring_rules_say_so(name: str, kind: str, tmp_path: Path,
                                                                     lms_harness: Callable[..., Any]) -> None:
    from scorm_builder.build import build

    [result] = build(report_overall(copy_course(tmp_path / "course")), [name], ["nb"], tmp_path / "dist")
    harness = lms_harness(unzip(result.path, tmp_path / "pkg"), kind)
    run = harness.launch()
    given = complete_by_mouse(run.sco)
    run.close()
    want = expected(given)
    assert float(lookup(harness.saved_state, KEYS[kind]["raw"])) == want["overall"]["raw"]
    if kind == "scorm2004":
        assert float(lookup(harness.saved_state, "cmi.score.scaled")) == want["overall"]["scaled"]
