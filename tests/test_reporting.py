"""What the LMS and the LRS are told, and when: settled answers, the placement, and nothing of the
ratings when the course keeps them local (privacy.ratings: local)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from learner import VISIBLE, complete_by_mouse
from lrs.checks import BASE, assert_valid, of, verb
from lrs.fixtures import actor, learner_browser, lms, lrs, package, poll  # noqa: F401
from support import COURSE, copy_course, unzip

from scorm_builder.build import build
from scorm_builder.loader import load_course
from scorm_builder.preview.session import lookup
from scorm_builder.scoring import Answers, evaluate

KIND = {"scorm12": "scorm12", "scorm2004-3": "scorm2004", "scorm2004-4": "scorm2004"}
RESPONSE = {"scorm12": "student_response", "scorm2004": "learner_response"}
MATRIX = "selvbevissthet-omstillingsdyktighet"
SETS = ("LMSSetValue", "SetValue")


def interactions(saved: dict[str, Any] | None) -> list[dict[str, Any]]:
    node = lookup(saved, "cmi.interactions") or {}
    return [node[k] for k in sorted(node, key=int)]


def keys_set(run: Any) -> set[str]:
    return {c["args"][0] for c in run.calls if c["method"] in SETS}


@pytest.fixture
def scorm(built: dict[str, Path], tmp_path: Path, lms_harness: Callable[..., Any]) -> Callable[..., Any]:
    def make(name: str, zipped: Path | None = None, **options: Any) -> Any:
        folder = tmp_path / f"pkg-{name}"
        unzip(zipped or built[name], folder)
        return lms_harness(folder, KIND[name], **options)

    return make


@pytest.mark.parametrize("name", ["scorm12", "scorm2004-4"])
def test_an_answer_is_reported_once_it_is_settled_not_per_arrow_key(name: str, scorm: Callable[..., Any]) -> None:
    harness = scorm(name)
    run = harness.launch()
    sco = run.sco
    while not sco.locator(f"{VISIBLE} fieldset[data-statement]").count():
        sco.click("#next")
    groups = sco.locator(f"{VISIBLE} fieldset[data-statement]")
    for i in range(groups.count()):
        groups.nth(i).locator('input[value="2"]').check()
    last = groups.nth(groups.count() - 1)
    sid = last.get_attribute("data-statement")
    last.locator('input[value="2"]').focus()
    for _ in range(3):
        sco.page.keyboard.press("ArrowRight")
    assert last.locator('input[value="5"]').is_checked()
    sco.click("#next")
    run.close()
    reported = [i for i in interactions(harness.saved_state) if i["id"] == sid]
    assert [r[RESPONSE[KIND[name]]] for r in reported] == ["5"], "one record: the settled answer"


@pytest.mark.parametrize("name", list(KIND))
def test_the_placement_reaches_the_lms_as_interactions(name: str, scorm: Callable[..., Any]) -> None:
    harness = scorm(name)
    run = harness.launch()
    given = complete_by_mouse(run.sco)
    run.close()
    course = load_course(COURSE)
    want = evaluate(course.scoring, course, Answers(given["answers"], given["placement"])).to_json()
    kind = KIND[name]
    records = {i["id"]: i for i in interactions(harness.saved_state)}
    for axis in ("x", "y"):
        record = records[f"{MATRIX}-{axis}"]
        assert record["type"] == "likert" and record[RESPONSE[kind]] == str(given["placement"][axis])
    profile = records[MATRIX]
    assert want["quadrant"] and profile[RESPONSE[kind]] == want["quadrant"]
    assert profile["type"] == ("fill-in" if kind == "scorm12" else "choice")
    if kind == "scorm2004":
        assert records[f"{MATRIX}-y"]["description"].startswith("{lang=nb}")


def local_ratings(tmp_path: Path) -> Path:
    course = copy_course(tmp_path / "course")
    path = course / "course.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "privacy:\n  ratings: local\n", encoding="utf-8")
    return course


@pytest.mark.parametrize("name", list(KIND))
def test_with_local_ratings_the_lms_hears_of_completion_only(name: str, scorm: Callable[..., Any], tmp_path: Path) -> None:
    [result] = build(local_ratings(tmp_path), [name], ["nb"], tmp_path / "dist")
    harness = scorm(name, result.path)
    run = harness.launch()
    given = complete_by_mouse(run.sco)
    assert len(given["answers"]) == 21 and len(given["placement"]) == 2
    run.close()
    sent = keys_set(run)
    assert not [k for k in sent if k.startswith(("cmi.interactions", "cmi.objectives")) or ".score." in k], sorted(sent)
    status = "cmi.core.lesson_status" if name == "scorm12" else "cmi.completion_status"
    assert lookup(harness.saved_state, status) == "completed"
    assert interactions(harness.saved_state) == [] and not lookup(harness.saved_state, "cmi.objectives")
    # The answers are still in the resume state, so the learner can go on where they left off.
    again = harness.launch()
    assert again.sco.evaluate("() => SB.course.state().answers") == given["answers"]


def launch_url(server: Any, name: str, registration: str) -> str:
    """The URL the LMS launches the xAPI package or the cmi5 AU with, for one registration."""
    if name == "xapi":
        return server.tincan_url(actor(), registration, BASE)
    return server.cmi5_url(actor(), registration, BASE + "/au")[0]


@pytest.mark.parametrize("name", ["xapi", "cmi5"])
def test_with_local_ratings_no_statement_carries_a_rating(name: str, tmp_path: Path, lrs, lms, learner_browser) -> None:  # noqa: F811
    [result] = build(local_ratings(tmp_path), [name], ["nb"], tmp_path / "dist")
    server, tab = lms(unzip(result.path, tmp_path / "pkg")), learner_browser()
    registration = str(uuid.uuid4())
    page = tab.open(launch_url(server, name, registration))
    complete_by_mouse(page.main_frame)
    page.goto("about:blank")
    statements = poll(lambda: (lambda s: s if any(verb(x) == "terminated" for x in s) else None)(
        of(lrs.statements(), registration)), page, what="terminated in the LRS")
    mine = [s for s in statements if verb(s) != "launched"]
    assert_valid(mine)
    verbs = [verb(s) for s in mine]
    assert "completed" in verbs and "answered" not in verbs and "scored" not in verbs
    assert not [s for s in mine if "score" in s.get("result", {}) or "extensions" in s.get("result", {})
                and any("/category/" in k for k in s["result"]["extensions"])]


@pytest.mark.parametrize("name", ["xapi", "cmi5"])
def test_the_placement_is_answered_in_the_lrs(name: str, package, lrs, lms, learner_browser) -> None:  # noqa: F811
    server, tab = lms(package(name)), learner_browser()
    registration = str(uuid.uuid4())
    page = tab.open(launch_url(server, name, registration))
    given = complete_by_mouse(page.main_frame)
    page.goto("about:blank")
    statements = poll(lambda: (lambda s: s if any(verb(x) == "terminated" for x in s) else None)(
        of(lrs.statements(), registration)), page, what="terminated in the LRS")
    assert_valid([s for s in statements if verb(s) != "launched"])
    placed = {s["object"]["id"].rsplit("/", 1)[1]: s for s in statements
              if verb(s) == "answered" and "/placement" in s["object"]["id"]}
    assert set(placed) == {"x", "y", "profile"}
    prefix = BASE + "/placement/" if name == "xapi" else "/test/placement/question/"
    assert all(prefix in s["object"]["id"] for s in placed.values())
    for axis in ("x", "y"):
        assert placed[axis]["result"]["response"] == str(given["placement"][axis])
        assert placed[axis]["object"]["definition"]["interactionType"] == "likert"
    course = load_course(COURSE)
    want = evaluate(course.scoring, course, Answers(given["answers"], given["placement"])).to_json()
    profile = placed["profile"]
    assert profile["result"]["response"] == want["quadrant"]
    assert [c["id"] for c in profile["object"]["definition"]["choices"]] == ["handlingslammet", "proaktiv", "brikke", "reaktiv"]
