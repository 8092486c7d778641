"""The report read from statements really sent by a built xAPI package in Chromium to a real LRS
(Learning Locker): learners' own answers give the numbers, and nothing they wrote reaches the report."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from learner import VISIBLE
from lrs.checks import BASE
from lrs.fixtures import actor, learner_browser, lms, lrs, poll  # noqa: F401
from report_support import every_output
from support import COURSE, copy_course, unzip

from scorm_builder.build import build
from scorm_builder.loader import load_course
from scorm_builder.report.run import ReportOptions, make_report
from scorm_builder.scoring import Answers, evaluate, round_half_up

SECRET = "Min hemmelige refleksjon"


@pytest.fixture(scope="module")
def sharing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The xAPI package of a copy of the course that reports reflections to the LMS (privacy: lms)."""
    folder = tmp_path_factory.mktemp("sharing")
    course = copy_course(folder / "course")
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text + "privacy:\n  reflections: lms\n", encoding="utf-8")
    [result] = build(course, ["xapi"], ["nb"], folder / "dist")
    return unzip(result.path, folder / "pkg")


def take_course(sco: Any, offset: int, pages: int | None = None) -> dict[str, int]:
    """Answer every Likert statement (varied by ``offset``), write reflections, go through ``pages`` pages."""
    answers: dict[str, int] = {}
    total = sco.locator("section.page").count()
    for index in range(total if pages is None else pages):
        for group in sco.locator(f"{VISIBLE} fieldset[data-statement]").all():
            sid = group.get_attribute("data-statement")
            answers[sid] = (len(answers) * 3 + offset) % 5 + 1
            group.locator(f'input[value="{answers[sid]}"]').check()
        for group in sco.locator(f"{VISIBLE} fieldset[data-axis]").all():
            group.locator('input[value="4"]').check()
        for area in sco.locator(f"{VISIBLE} textarea").all():
            area.fill(f"{SECRET} {offset}")
        if index < total - 1:
            sco.click("#next")
    return answers


def test_report_from_what_the_course_sent(
    lrs,  # noqa: F811 - the fixtures imported above
    lms,  # noqa: F811
    learner_browser,  # noqa: F811
    sharing: Path,
    tmp_path: Path,
) -> None:
    since = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    server, given, stopped = lms(sharing), [], 0
    # three finish; three stop on page 5 (as many as --min-group, so their progress may be shown)
    for offset in range(6):
        who, registration = actor(f"Kari Nordmann {offset}"), str(uuid.uuid4())
        query = {
            "endpoint": lrs.endpoint,
            "auth": lrs.auth,
            "actor": json.dumps(who),
            "registration": registration,
            "activity_id": BASE,
        }
        tab = learner_browser()
        page = tab.open(server.content + "/pkg/index.html?" + urlencode(query))
        if offset >= 3:
            answers = take_course(
                page.main_frame, offset, pages=4
            )  # goes on to page 5 and leaves there
            stopped = 5
        else:
            answers = take_course(page.main_frame, offset)
            given.append(answers)
        views = stopped if offset >= 3 else len(load_course(COURSE).pages)

        def sent(
            registration: str = registration, answers: dict[str, int] = answers, views: int = views
        ) -> bool:
            """Whether the LRS holds every answer and page view (a busy machine can delay the course's queue)."""
            held = lrs.statements(registration)
            likert = {s["object"]["id"] for s in held if "/likert/" in s["object"]["id"]}
            pages = {s["object"]["id"] for s in held if s["verb"]["id"].endswith("experienced")}
            return len(likert) == len(answers) and len(pages) == views

        poll(sent, tab.page, timeout=60, what="every answer and page view in the LRS")
        tab.page.goto("about:blank")
        poll(
            lambda registration=registration: any(
                s["verb"]["id"].endswith("terminated") for s in lrs.statements(registration)
            ),
            tab.page,
            what="the session's statements in the LRS",
        )
    statements = lrs.statements()
    assert any(SECRET in json.dumps(s) for s in statements), (
        "the course sends the reflections (privacy: lms)"
    )
    secret = tmp_path / "lrs.secret"
    secret.write_text(lrs.auth, encoding="utf-8")
    out = tmp_path / "out"
    result = make_report(ReportOptions([lrs.endpoint], COURSE, out, min_group=3, auth_file=secret, since=since))
    root = result.report["groups"][0]
    model = load_course(COURSE)
    scored = [evaluate(model.scoring, model, Answers(a)) for a in given]
    assert root["learners"] == 3 and root["started"] == 6
    assert root["placement"]["proaktiv"] == 3, (
        "each placed themself at (4, 4): high adaptability, high self-awareness"
    )
    for q in model.questionnaires:
        for c in q.categories:
            mean = sum(r.categories[c.id].score for r in scored) / 3
            assert root["categories"][c.id]["mean"] == round_half_up(mean, 2), c.id
            assert sum(root["categories"][c.id]["counts"]) == 3 * len(c.statements)
    reached = list(root["pages_reached"].values())
    assert (
        reached[0] == 6 and reached[stopped - 1] == 6 and reached[stopped] == 3 and reached[-1] == 3
    ), reached
    text = every_output(out)
    assert SECRET not in text and "Kari Nordmann" not in text and "lms.example.com" not in text


def test_report_from_what_a_cmi5_au_sent_under_the_lms_activity_ids(
    lrs,  # noqa: F811 - the fixtures imported above
    lms,  # noqa: F811
    learner_browser,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A cmi5 LMS launches the AU under an activity id of its own; the AU's publisher id in the context
    grouping is what ties the statements to the course. Other tests send this course's statements to the
    same LRS: ``since`` (as an L&D team would for one run of the course) keeps to this test's."""
    since = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    [result] = build(COURSE, ["cmi5"], ["nb"], tmp_path / "dist")
    server, given = lms(unzip(result.path, tmp_path / "pkg")), []
    for offset in range(3):
        registration = str(uuid.uuid4())
        url, session = server.cmi5_url(actor(f"Ola Nordmann {offset}"), registration, BASE + "/au")
        assert not session.activity_id.startswith(BASE), "the LMS's own id, not the course's"
        tab = learner_browser()
        page = tab.open(url)
        given.append(take_course(page.main_frame, offset))

        def sent(registration: str = registration, count: int = len(given[-1])) -> bool:
            held = lrs.statements(registration)
            return len({s["object"]["id"] for s in held if "/question/" in s["object"]["id"]
                        and "/placement/" not in s["object"]["id"]}) == count

        poll(sent, tab.page, timeout=60, what="every answer in the LRS")
        tab.page.goto("about:blank")
        poll(lambda registration=registration: any(s["verb"]["id"].endswith("terminated") for s in lrs.statements(registration)),
             tab.page, timeout=60, what="the session's statements in the LRS")
    out = tmp_path / "out"
    secret = tmp_path / "lrs.secret"
    secret.write_text(lrs.auth, encoding="utf-8")
    report = make_report(ReportOptions([lrs.endpoint], COURSE, out, min_group=3, auth_file=secret, since=since)).report
    root = report["groups"][0]
    model = load_course(COURSE)
    scored = [evaluate(model.scoring, model, Answers(a)) for a in given]
    assert root["learners"] == 3 and root["placement"]["proaktiv"] == 3
    for category, values in root["categories"].items():
        mean = sum(r.categories[category].score for r in scored) / 3
        assert values["mean"] == round_half_up(mean, 2), category
