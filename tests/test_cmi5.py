"""cmi5 packages: cmi5.xml against the official XSD, and the AU launched by an LMS in front of a real LRS."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from learner import complete_by_mouse, fill_page, page_title
from lrs.checks import BASE, assert_once, assert_scores, assert_valid, likert_answers, of, verb
from lrs.fixtures import actor, learner_browser, lms, lrs, package, poll  # noqa: F401
from lxml import etree
from support import copy_course, official_cmi5_xsd, report_overall, unzip

from scorm_builder.build import build
from scorm_builder.checker import check_package
from scorm_builder.checker import cmi5 as cmi5_check
from scorm_builder.checker.xmlsafe import parse
from scorm_builder.errors import ContentError

ROOT = Path(__file__).resolve().parents[1]
CMI5 = "https://w3id.org/xapi/cmi5/context/"
NS = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
AU_VERBS = {"initialized", "completed", "passed", "failed", "terminated"}


@pytest.fixture(scope="module")
def official() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(official_cmi5_xsd()))


def cmi5_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("cmi5.xml")


def test_cmi5_xml_is_valid_against_the_official_xsd(built: dict[str, Path], official: xmlschema.XMLSchema) -> None:
    data = cmi5_xml(built["cmi5"])
    official.validate(data.decode())
    root = etree.fromstring(data)
    course, au = root.find(f"{NS}course"), root.find(f"{NS}au")
    assert course.get("id") == BASE and au.get("id") == BASE + "/au"
    assert (au.get("moveOn"), au.get("launchMethod"), au.get("masteryScore")) == ("Completed", "AnyWindow", None)
    assert au.findtext(f"{NS}url") == "index.html"
    assert {e.get("lang") for e in course.findall(f"{NS}title/{NS}langstring")} == {"nb", "en"}
    objectives = [o.get("id") for o in root.findall(f"{NS}objectives/{NS}objective")]
    assert objectives and [o.get("idref") for o in au.findall(f"{NS}objectives/{NS}objective")] == objectives
    report = check_package(built["cmi5"])
    assert report.valid and report.kinds == ["cmi5"], [f.line() for f in report.findings]


def test_the_in_code_check_rejects_what_the_xsd_rejects(built: dict[str, Path], official: xmlschema.XMLSchema) -> None:
    broken = cmi5_xml(built["cmi5"]).replace(b'moveOn="Completed"', b'moveOn="Sometimes"')
    assert not official.is_valid(broken.decode())
    found = cmi5_check.structure(parse("cmi5.xml", broken))
    assert any(f.code == "moveon" for f in found)


def test_mastery_score_and_move_on_come_from_course_yaml(tmp_path: Path, official: xmlschema.XMLSchema) -> None:
    course = copy_course(tmp_path / "course")
    text = (course / "course.yaml").read_text(encoding="utf-8")
    text = text.replace("  move_on: Completed\n", "  move_on: CompletedAndPassed\n  mastery_score: 0.6\n  launch_method: OwnWindow\n")
    (course / "course.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"course\.yaml:\d+: xapi\.mastery_score: needs a reported overall score"):
        build(course, ["cmi5"], ["en"], tmp_path / "dist")
    [result] = build(report_overall(course), ["cmi5"], ["en"], tmp_path / "dist")
    data = cmi5_xml(result.path)
    official.validate(data.decode())
    au = etree.fromstring(data).find(f"{NS}au")
    assert (au.get("moveOn"), au.get("masteryScore"), au.get("launchMethod")) == ("CompletedAndPassed", "0.6", "OwnWindow")


def launch(lms_server: Any, tab: Any, **options: Any) -> tuple[Any, Any, str]:
    registration = str(uuid.uuid4())
    url, session = lms_server.cmi5_url(actor(), registration, BASE + "/au", **options)
    return tab.open(url), session, registration


def exit_to_lms(page: Any, lms_server: Any) -> None:
    """The learner presses the AU's exit button and lands on the LMS's returnURL."""
    page.click("#exit")
    page.wait_for_url(lms_server.origin + "/return", timeout=15000)


def au_statements(store: Any, registration: str, page: Any, terminated: int = 1) -> list[dict[str, Any]]:
    return poll(lambda: (lambda s: s if [verb(x) for x in s].count("terminated") >= terminated else None)(
        of(store.statements(), registration)), page, what="terminated in the LRS")


def assert_cmi5_context(statements: list[dict[str, Any]], session_id: str, registration: str) -> None:
    """Every AU statement carries the context template (session id, publisher id) and the registration;
    cmi5 defined ones the cmi5 category, and moveOn only when the result has success or completion."""
    for s in statements:
        ctx = s["context"]
        assert ctx["registration"] == registration
        assert ctx["extensions"][CMI5 + "extensions/sessionid"] == session_id
        assert {"objectType": "Activity", "id": BASE + "/au"} in ctx["contextActivities"]["grouping"]
        categories = {c["id"] for c in ctx["contextActivities"].get("category", [])}
        defined = verb(s) in AU_VERBS
        assert (CMI5 + "categories/cmi5" in categories) == defined, s["verb"]
        result = s.get("result", {})
        assert (CMI5 + "categories/moveon" in categories) == ("success" in result or "completion" in result)


def test_a_learner_completes_the_au_and_returns_to_the_lms(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, tab = lms(package("cmi5")), learner_browser()
    page, session, registration = launch(server, tab)
    given = complete_by_mouse(page.main_frame)
    poll(lambda: any(verb(s) == "completed" for s in of(lrs.statements(), registration)), page,
         what="completed sent as soon as it is earned, before the learner leaves")
    exit_to_lms(page, server)
    statements = au_statements(lrs, registration, page)
    assert server.fetches == 1
    verbs = [verb(s) for s in statements]
    assert verbs[:2] == ["launched", "initialized"] and verbs[-1] == "terminated"
    mine = [s for s in statements if verb(s) != "launched"]
    assert_valid(mine)
    assert_valid(server.sent())
    assert_once(mine)
    session_id = next(s for s in statements if verb(s) == "launched")["context"]["extensions"][CMI5 + "extensions/sessionid"]
    assert_cmi5_context(mine, session_id, registration)
    assert [verbs.count(v) for v in ("initialized", "completed", "terminated", "passed", "failed")] == [1, 1, 1, 0, 0]
    defined = [s for s in mine if verb(s) in AU_VERBS]
    assert all(s["object"]["id"] == session.activity_id for s in defined)
    completed = next(s for s in mine if verb(s) == "completed")
    assert set(completed["result"]) == {"completion", "duration", "extensions"}, "cmi5 9.5: no score in completed"
    assert "scored" not in verbs, "the course's rules keep the overall score out of the LMS"
    assert_scores(completed["result"], given)
    assert next(s for s in mine if verb(s) == "terminated")["result"]["duration"].startswith("PT")
    assert likert_answers(mine, session.activity_id + "/test/") == given["answers"]
    launch_data = server.state[next(k for k in server.state if k[3] == "LMS.LaunchData")]
    assert b'"launchMode": "Normal"' in launch_data, "the AU never changes LMS.LaunchData"
    assert not tab.errors and not tab.blocked


def test_browse_mode_sends_nothing_that_counts(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, tab = lms(package("cmi5")), learner_browser()
    page, session, registration = launch(server, tab, mode="Browse")
    # nothing the learner does is kept, and the page says so before they start
    assert page.locator("#lms-status").inner_text() == (
        "Kurset er åpnet bare for å se gjennom det. Det du svarer og skriver nå, lagres ikke."
    )
    complete_by_mouse(page.main_frame)
    exit_to_lms(page, server)
    statements = [s for s in au_statements(lrs, registration, page) if verb(s) != "launched"]
    assert [verb(s) for s in statements] == ["initialized", "terminated"]
    assert_valid(statements)
    assert server.resume_document(session) is None, "no resume state is written in Browse mode"


def test_a_reload_keeps_the_token_and_the_session(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, tab = lms(package("cmi5")), learner_browser()
    page, session, registration = launch(server, tab)
    given = complete_by_mouse(page.main_frame, stop_before_last=True)
    where = page_title(page.main_frame)
    poll(lambda: server.resume_document(session), page, what="the resume document")
    page.reload()
    tab.ready()
    assert page_title(page.main_frame) == where
    assert page.evaluate("() => SB.course.state().answers") == given["answers"]
    page.click("#next")
    exit_to_lms(page, server)
    statements = [s for s in au_statements(lrs, registration, page) if verb(s) != "launched"]
    assert server.fetches == 1, "best practice 17: the token is kept for the reload"
    verbs = [verb(s) for s in statements]
    assert [verbs.count(v) for v in ("initialized", "completed", "terminated")] == [1, 1, 1]
    assert_once(statements)
    assert likert_answers(statements, session.activity_id + "/test/") == given["answers"]


def test_passed_against_the_lms_mastery_score_when_the_course_reports_its_score(tmp_path, lrs, lms, learner_browser) -> None:  # noqa: F811
    [result] = build(report_overall(copy_course(tmp_path / "course")), ["cmi5"], ["nb"], tmp_path / "dist")
    server, tab = lms(unzip(result.path, tmp_path / "pkg")), learner_browser()
    page, _, registration = launch(server, tab, mastery=0.01)
    given = complete_by_mouse(page.main_frame)
    exit_to_lms(page, server)
    statements = [s for s in au_statements(lrs, registration, page) if verb(s) != "launched"]
    assert_valid(statements)
    [passed] = [s for s in statements if verb(s) in ("passed", "failed")]
    assert verb(passed) == "passed" and passed["result"]["success"] is True
    assert passed["result"]["score"]["scaled"] >= 0.01
    assert passed["context"]["extensions"][CMI5 + "extensions/masteryscore"] == 0.01
    assert CMI5 + "categories/moveon" in {c["id"] for c in passed["context"]["contextActivities"]["category"]}
    scored = next(s for s in statements if verb(s) == "scored")
    assert_scores(scored["result"], given, overall=True)


def test_the_lrs_down_behind_the_lms_loses_nothing(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, tab = lms(package("cmi5")), learner_browser()
    page, session, registration = launch(server, tab)
    sco, answers, texts, placement = page.main_frame, {}, {}, {}
    poll(lambda: page.evaluate("() => SB.course.lms.queue.size() === 0"), page, what="initialized sent")
    lrs.stop()
    try:
        for _ in range(10):
            fill_page(sco, answers, texts, placement)
            sco.click("#next")
        assert page.evaluate("() => SB.course.lms.queue.size()") > 10
    finally:
        lrs.start()
    while sco.locator("#next").is_visible():
        fill_page(sco, answers, texts, placement)
        sco.click("#next")
    fill_page(sco, answers, texts, placement)
    poll(lambda: page.evaluate("() => SB.course.lms.queue.size() === 0"), page, what="the queue delivered")
    exit_to_lms(page, server)
    statements = [s for s in au_statements(lrs, registration, page) if verb(s) != "launched"]
    assert_once(statements)
    assert likert_answers(statements, session.activity_id + "/test/") == answers
    assert [verb(s) for s in statements][-1] == "terminated"
