"""xAPI packages (tincan.xml, Tin Can launch) against a real LRS: statements, scores, resume, offline."""

from __future__ import annotations

import json
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from learner import VISIBLE, complete_by_mouse, fill_page, page_title
from lrs.checks import BASE, assert_once, assert_scores, assert_valid, likert_answers, of, verb
from lrs.fixtures import Tab, actor, learner_browser, lms, lrs, package, poll  # noqa: F401
from lxml import etree
from support import COURSE, copy_course

from scorm_builder.build import build
from scorm_builder.checker import check_package
from scorm_builder.errors import ContentError, ScormBuilderError
from scorm_builder.loader import load_course

TINCAN = "{http://projecttincan.com/tincan.xsd}"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def launch_url(lms_server: Any, lrs_server: Any, who: dict[str, Any], registration: str) -> str:
    """A Tin Can launch straight at Learning Locker (which has no State API)."""
    query = {"endpoint": lrs_server.endpoint, "auth": lrs_server.auth, "actor": json.dumps(who),
             "registration": registration, "activity_id": BASE}
    return lms_server.content + "/pkg/index.html?" + urlencode(query)


def leave(tab: Any) -> None:
    """The learner leaves the course page (pagehide)."""
    tab.page.goto("about:blank")


def idle(page: Any) -> None:
    """Wait until the course's LRS connection has sent everything queued and has nothing in flight or timed."""
    poll(lambda: page.evaluate("() => { const l = SB.course.lms; return !l.busy && !l.again && !l.timer && l.queue.size() === 0; }"),
         page, what="the LRS connection idle")


def stored(store: Any, tab: Any, registration: str, last: str = "terminated", count: int = 1) -> list[dict[str, Any]]:
    """Wait until the LRS holds ``count`` statements with verb ``last`` for the registration; return them all."""
    return poll(lambda: (lambda s: s if sum(verb(x) == last for x in s) >= count else None)(of(store.statements(), registration)),
                tab.page, what=f"{count} {last} statement(s) in the LRS")


def test_tincan_xml_names_every_activity_under_the_base_iri(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["xapi"]) as archive:
        root = etree.fromstring(archive.read("tincan.xml"))
        names = set(archive.namelist())
    assert root.tag == f"{TINCAN}tincan"
    activities = root.findall(f"{TINCAN}activities/{TINCAN}activity")
    course = activities[0]
    assert course.get("id") == BASE and course.get("type") == "http://adlnet.gov/expapi/activities/course"
    assert [(e.get("lang"), e.text) for e in course.findall(f"{TINCAN}launch")] == [("nb", "index.html")]
    assert "index.html" in names
    ids = [a.get("id") for a in activities]
    assert len(ids) == len(set(ids)) and all(i == BASE or i.startswith(BASE + "/") for i in ids)
    model = load_course(COURSE)
    assert {f"{BASE}/likert/{s.id}" for _, _, s in model.statements()} <= set(ids)
    assert {f"{BASE}/pages/{p.id}" for p in model.pages} <= set(ids)
    for activity in activities:
        assert {n.get("lang") for n in activity.findall(f"{TINCAN}name")} == {"nb", "en"}, activity.get("id")
    likert = next(a for a in activities if a.get("id").startswith(BASE + "/likert/"))
    assert likert.get("type") == INTERACTION
    report = check_package(built["xapi"])
    assert report.valid and report.kinds == ["xAPI (tincan.xml)"], [f.line() for f in report.findings]


def test_building_without_a_base_iri_names_course_yaml(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.split("\nxapi:")[0] + "\n", encoding="utf-8")
    for name in ("xapi", "cmi5"):
        with pytest.raises(ScormBuilderError, match=r"course\.yaml: xapi\.base_iri: required to build"):
            build(course, [name], ["nb"], tmp_path / "dist")
    assert not (tmp_path / "dist").exists()
    (course / "course.yaml").write_text(text.replace("https://courses.example.org/", "ftp://x/"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"course\.yaml:\d+: xapi\.base_iri: .*absolute http\(s\) IRI"):
        build(course, ["xapi"], ["nb"], tmp_path / "dist")


def test_learner_completes_and_the_lrs_holds_every_statement_once(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    tab = learner_browser()
    page = tab.open(launch_url(server, lrs, who, registration))
    # Learning Locker has no State API: resume lives in this browser, and the learner is told
    poll(lambda: page.locator("#lms-status").inner_text().startswith(
        "Læringsplattformen kan ikke lagre hvor langt du har kommet. For å fortsette senere må du bruke denne nettleseren"),
        page, what="the learner told that only this browser keeps their progress")
    given = complete_by_mouse(page.main_frame)
    assert page.evaluate("() => SB.course.state().flags & 1") == 1
    leave(tab)
    statements = stored(lrs, tab, registration)
    assert_valid(statements)
    assert_valid(tab.posted)
    assert_once(statements)
    verbs = [verb(s) for s in statements]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    assert verbs.count("initialized") == verbs.count("terminated") == verbs.count("completed") == 1
    pages = [s["object"]["id"].rsplit("/", 1)[1] for s in statements if verb(s) == "experienced"]
    assert pages == [p.id for p in load_course(COURSE).pages]
    assert likert_answers(statements, BASE + "/likert/") == given["answers"]
    assert not [s for s in statements if verb(s) == "answered" and "/reflections/" in s["object"]["id"]], \
        "reflections stay in the browser by default (privacy: local)"
    completed = next(s for s in statements if verb(s) == "completed")
    assert verbs.index("completed") > max(i for i, v in enumerate(verbs) if v == "answered")
    assert completed["result"]["completion"] is True and completed["result"]["duration"].startswith("PT")
    assert_scores(completed["result"], given)
    answered = next(s for s in statements if verb(s) == "answered" and "/likert/" in s["object"]["id"])
    definition = answered["object"]["definition"]
    assert set(definition["name"]) == {"nb", "en"} and [c["id"] for c in definition["scale"]] == ["1", "2", "3", "4", "5"]
    assert set(definition["scale"][0]["description"]) == {"nb", "en"}
    assert answered["context"]["contextActivities"]["parent"][0]["id"].startswith(BASE + "/categories/")
    assert all(s["actor"]["account"] == who["account"] and s["context"]["revision"] == "1.1.0" for s in statements)
    assert not tab.errors and not tab.blocked


def test_no_credential_is_kept_or_packaged(lrs, lms, package, learner_browser, built) -> None:  # noqa: F811
    server, registration = lms(package("xapi")), str(uuid.uuid4())
    tab = learner_browser()
    page = tab.open(launch_url(server, lrs, actor(), registration))
    fill_page(page.main_frame, {}, {}, {})
    page.click("#next")
    secret = lrs.auth.split()[1]
    assert not any(secret in value for value in tab.local().values())
    assert not any(secret in value for value in page.evaluate("() => Object.values(sessionStorage)"))
    with zipfile.ZipFile(built["xapi"]) as archive:
        assert not any(b"Basic " in archive.read(n) for n in archive.namelist())


def test_reload_mid_course_resumes_without_reporting_twice(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, registration = lms(package("xapi")), str(uuid.uuid4())
    tab = learner_browser()
    page = tab.open(launch_url(server, lrs, actor(), registration))
    given = complete_by_mouse(page.main_frame, stop_before_last=True)
    where = page_title(page.main_frame)
    page.reload()
    tab.ready()
    assert page_title(page.main_frame) == where
    state = page.evaluate("() => SB.course.state()")
    assert (state["answers"], state["texts"]) == (given["answers"], given["texts"])
    page.click("#next")
    leave(tab)
    statements = stored(lrs, tab, registration, count=2)
    assert_valid(statements)
    assert_once(statements)
    verbs = [verb(s) for s in statements]
    assert verbs.count("initialized") == verbs.count("terminated") == 2  # one per page load (no sessions in xAPI)
    assert verbs.count("completed") == 1 and verbs[-1] == "terminated"
    assert likert_answers(statements, BASE + "/likert/") == given["answers"]


def test_lrs_down_mid_course_nothing_is_lost_and_nothing_arrives_twice(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, registration = lms(package("xapi")), str(uuid.uuid4())
    tab = learner_browser()
    page = tab.open(launch_url(server, lrs, actor(), registration))
    sco, answers, texts, placement = page.main_frame, {}, {}, {}
    total = sco.locator("section.page").count()
    poll(lambda: page.evaluate("() => SB.course.lms.queue.size() === 0"), page, what="the first statements sent")
    lrs.stop()
    try:
        for _ in range(total - 3):
            fill_page(sco, answers, texts, placement)
            sco.click("#next")
        waiting = page.evaluate("() => SB.course.lms.queue.size()")
        assert waiting > 10
        assert "prøver igjen" in page.locator("#lms-status").inner_text()
        kept = [k for k in tab.local() if k.endswith(":queue")]
        assert len(json.loads(tab.local()[kept[0]])) == waiting, "the queue is in localStorage before it is sent"
    finally:
        lrs.start()
    for _ in range(3):
        fill_page(sco, answers, texts, placement)
        if sco.locator("#next").is_visible():
            sco.click("#next")
    poll(lambda: page.evaluate("() => SB.course.lms.queue.size() === 0"), page, what="the queue delivered")
    # back from the outage, the status says again what holds for Learning Locker (no State API)
    assert page.locator("#lms-status").inner_text().startswith("Læringsplattformen kan ikke lagre hvor langt du har kommet")
    leave(tab)
    statements = stored(lrs, tab, registration)
    assert_valid(statements)
    assert_once(statements)
    assert likert_answers(statements, BASE + "/likert/") == answers
    assert [verb(s) for s in statements].count("completed") == 1
    assert not tab.errors


def test_resume_from_the_state_api_in_another_browser(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    url = server.tincan_url(who, registration, BASE)
    first = learner_browser()
    page = first.open(url)
    given = complete_by_mouse(page.main_frame, stop_before_last=True)
    where = page_title(page.main_frame)
    leave(first)
    session = next(iter(server.sessions.values()))
    poll(lambda: server.resume_document(session) and (server.resume_document(session).get("l") or "") != "", first.page,
         what="the resume document in the State API")
    second = learner_browser()  # another browser: nothing in its localStorage
    page2 = second.open(url)
    assert page_title(page2.main_frame) == where
    assert page2.evaluate("() => SB.course.state().answers") == given["answers"]
    assert ("GET", "activities/state") in server.requests and ("PUT", "activities/state") in server.requests
    assert_valid(server.sent())


def test_text_written_on_one_page_reaches_the_state_api_within_a_minute(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    tab = learner_browser()
    tab.context.clock.install()  # the page's timers, moved on below
    page = tab.open(server.tincan_url(who, registration, BASE))
    frame = page.main_frame
    while not frame.locator(f"{VISIBLE} textarea").count():
        frame.click("#next")
    area = frame.locator(f"{VISIBLE} textarea").first
    rid = area.get_attribute("data-reflection")
    session = next(iter(server.sessions.values()))

    def texts() -> dict[str, str]:
        doc = server.resume_document(session) or {}
        return page.evaluate("s => s ? SB.course.decode(s).state.texts : {}", doc.get("s") or "")

    poll(lambda: server.resume_document(session), page, what="the first resume document")
    idle(page)  # no retry or second send waiting, which the clock below would set off
    area.press_sequentially("Skrevet uten å bla videre")
    tab.context.clock.fast_forward(50_000)
    page.wait_for_timeout(500)
    assert rid not in texts(), "not per keystroke, nor before the minute"
    tab.context.clock.fast_forward(11_000)
    poll(lambda: texts().get(rid) == "Skrevet uten å bla videre", page, what="the text in the State API")
    assert not tab.errors


def test_the_course_open_in_two_tabs_never_writes_the_older_state_over_the_newer(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    url = server.tincan_url(who, registration, BASE)
    first = learner_browser()
    page = first.open(url)
    second = Tab(first.context, first.context.new_page())  # the same browser, another tab
    page2 = second.open(url)
    page.bring_to_front()  # the learner goes back to the first tab
    rid = page.evaluate("() => JSON.parse(document.getElementById('course-data').textContent).state.reflections[0][0]")
    area = f'textarea[data-reflection="{rid}"]'
    while not page.locator(f"{VISIBLE} {area}").count():
        page.click("#next")
    page.locator(area).fill("Det jeg skrev i den første fanen.")
    page.click("#next")
    poll(lambda: page2.evaluate("id => SB.course.state().texts[id]", rid), page2, what="the newer state taken over")
    assert "også åpent i et annet vindu" in page2.locator("#restore-note").inner_text()
    page2.bring_to_front()
    sid = page2.evaluate("() => Object.keys(JSON.parse(document.getElementById('course-data').textContent).items)[0]")
    while not page2.locator(f'{VISIBLE} input[name="{sid}"]').count():
        page2.click("#next")
    page2.locator(f'input[name="{sid}"][value="4"]').check()
    page2.click("#next")
    leave(first)
    leave(second)
    session = next(iter(server.sessions.values()))
    probe = learner_browser().open(url)  # reads what the LRS holds with the course's own decoder

    def saved() -> Any:
        doc = server.resume_document(session) or {}
        return probe.evaluate("s => SB.course.decode(s).state", doc["s"]) if doc.get("s") else None

    # Each tab's last save carries the first tab's text and the second tab's answer; without the
    # take-over the second tab's save holds its older state, and no saved copy has both.
    poll(lambda: (lambda st: st and st["texts"].get(rid) == "Det jeg skrev i den første fanen." and st["answers"].get(sid) == 4)(saved()),
         probe, what="a saved state with the first tab's text and the second tab's answer")


def test_a_tab_that_takes_over_a_completed_state_keeps_the_lrs_record_of_it(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    url = server.tincan_url(who, registration, BASE)
    first = learner_browser()
    page = first.open(url)
    page2 = Tab(first.context, first.context.new_page()).open(url)
    page.bring_to_front()
    complete_by_mouse(page.main_frame)  # "completed" goes to the LRS from the first tab
    poll(lambda: page2.evaluate("() => (SB.course.state().flags & SB.DONE) === SB.DONE"), page2, what="the state taken over")
    # The second tab's own saves say so too, so no later launch sends "progressed" after "completed".
    assert json.loads(page2.evaluate("() => SB.course.lms.docJson()")).get("d")
    assert page2.evaluate("() => SB.course.lms.done") is True


def test_statements_queued_in_two_tabs_all_stay_queued_until_sent(lms, package, learner_browser) -> None:  # noqa: F811
    server = lms(package("xapi"))
    page = learner_browser().open(server.tincan_url(actor(), str(uuid.uuid4()), BASE))
    # Two tabs' queues over one stored queue (the same learner), the LRS out of reach for both.
    kept = page.evaluate("""() => {
      const away = () => new Promise(() => {});
      const a = new SB.x.Queue("two-tabs", away), b = new SB.x.Queue("two-tabs", away);
      a.add([{ id: "a1" }]);
      b.add([{ id: "b1" }]);
      a.add([{ id: "a2" }]);
      a.remove([{ id: "a1" }]);  // the first tab's first statement reached the LRS
      return JSON.parse(localStorage.getItem("two-tabs")).map(s => s.id).sort();
    }""")
    assert kept == ["a2", "b1"], "no tab drops what the other queued, nor brings back what was sent"


def test_a_saved_state_the_lms_cannot_give_at_launch_is_never_written_over(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    url = server.tincan_url(who, registration, BASE)
    first = learner_browser()
    complete_by_mouse(first.open(url).main_frame, stop_before_last=True)
    leave(first)
    session = next(iter(server.sessions.values()))
    stored(lrs, first, registration)  # the first session has ended; its last state may still be on its way
    last: list[Any] = [None]

    def settled() -> Any:  # the same resume document twice, half a second apart
        now = server.resume_document(session)
        same, last[0] = now is not None and now.get("l") and now == last[0], now
        first.page.wait_for_timeout(500)
        return now if same else None

    before = poll(settled, first.page, what="the first session's last resume document")
    writes = server.requests.count(("PUT", "activities/state"))
    server.failing_state_reads = -1  # the LMS cannot give the document, however often it is asked
    second = learner_browser()  # another computer: nothing saved in its browser
    page = second.open(url)
    sco = page.main_frame
    assert "Kunne ikke hente det du har lagret tidligere" in page.locator("#lms-status").inner_text()
    answers: dict[str, int] = {}
    while not answers:  # the learner goes on from the start, page by page (each saved), to a first answer
        fill_page(sco, answers, {}, {})
        sco.click("#next")
    poll(lambda: page.evaluate("() => SB.course.lms.queue.size() === 0"), page, what="the statements sent")
    leave(second)
    stored(lrs, second, registration, count=2)
    assert server.resume_document(session) == before, "what could not be read is not written over"
    assert server.requests.count(("PUT", "activities/state")) == writes
    assert server.requests.count(("GET", "activities/state")) >= 3, "read again before giving up"


def test_a_saved_state_read_on_a_later_try_at_launch_comes_back(lrs, lms, package, learner_browser) -> None:  # noqa: F811
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    url = server.tincan_url(who, registration, BASE)
    first = learner_browser()
    given = complete_by_mouse(first.open(url).main_frame, stop_before_last=True)
    leave(first)
    session = next(iter(server.sessions.values()))
    poll(lambda: (server.resume_document(session) or {}).get("l"), first.page, what="the resume document")
    server.failing_state_reads = 2  # briefly away
    page = learner_browser().open(url)
    state = page.evaluate("() => SB.course.state()")
    assert (state["answers"], state["texts"]) == (given["answers"], given["texts"])
    assert page.locator("#lms-status").inner_text() == ""


@pytest.mark.parametrize("fault", ["dropped", "404"])
def test_one_failed_state_upload_does_not_stop_the_next_ones(fault: str, lrs, lms, package, learner_browser) -> None:  # noqa: F811
    """An upload the network drops, or a gateway's passing 404 to a State API the launch found
    working: neither turns resume off, and the next uploads carry the learner's latest state."""
    server, who, registration = lms(package("xapi")), actor(), str(uuid.uuid4())
    tab = learner_browser()
    page = tab.open(server.tincan_url(who, registration, BASE))
    sco = page.main_frame
    poll(lambda: page.evaluate("() => SB.course.lms.queue.size() === 0"), page, what="the first statements sent")
    failing = {"puts": 1}

    def fail_one(route: Any) -> None:
        if route.request.method == "PUT" and failing["puts"]:
            failing["puts"] -= 1
            if fault == "dropped":
                route.abort()  # no answer at all
            else:
                route.fulfill(status=404, body="{}")
        else:
            route.continue_()

    tab.context.route("**/activities/state*", fail_one)
    answers: dict[str, int] = {}
    fill_page(sco, answers, {}, {})
    sco.click("#next")
    poll(lambda: not failing["puts"], page, what="one upload failed")
    tab.context.unroute("**/activities/state*")
    for _ in range(3 if fault == "dropped" else 0):
        fill_page(sco, answers, {}, {})
        sco.click("#next")
    latest = page.evaluate("() => SB.course.state()")
    session = next(iter(server.sessions.values()))

    def uploaded() -> Any:
        doc = server.resume_document(session)
        held = page.evaluate("(s) => SB.course.decode(s).state", doc["s"]) if doc and doc.get("s") else None
        return held if held and held["page"] == latest["page"] else None

    held = poll(uploaded, page, what="the latest state in the State API", timeout=20)
    assert held["answers"] == answers
    assert page.evaluate("() => SB.course.lms.stateApi") is True
    assert page.locator("#lms-status").inner_text() == ""


def test_reflections_are_sent_only_when_the_author_allows_it(tmp_path: Path, lrs, lms, learner_browser) -> None:  # noqa: F811
    course = copy_course(tmp_path / "course")
    yaml_path = course / "course.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "privacy:\n  reflections: lms\n", encoding="utf-8")
    [result] = build(course, ["xapi"], ["nb"], tmp_path / "dist")
    folder = tmp_path / "pkg"
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(folder)
    server, registration = lms(folder), str(uuid.uuid4())
    tab = learner_browser()
    page = tab.open(launch_url(server, lrs, actor(), registration))
    given = complete_by_mouse(page.main_frame)
    idle(page)  # every answer sent before the page goes (what one keepalive request holds is tested above)
    leave(tab)
    statements = stored(lrs, tab, registration)
    assert_valid(statements)
    texts = {s["object"]["id"].rsplit("/", 1)[1]: s["result"]["response"] for s in statements
             if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "long-fill-in"}
    assert texts == {rid: text.replace("\n", " ") for rid, text in given["texts"].items()}
    shutil.rmtree(folder)


def _duplicate_activity(root: Any) -> Any:
    holder = root[0]
    holder.append(etree.fromstring(etree.tostring(holder[1])))  # the same activity id twice
    return root


def _launch_elsewhere(root: Any) -> Any:
    root.find(f"{TINCAN}activities/{TINCAN}activity/{TINCAN}launch").text = "start.html"
    return root


def _relative_au_id(root: Any) -> Any:
    root.find("{*}au").set("id", "au-1")
    return root


@pytest.mark.parametrize("standard,mutate,message", [
    ("xapi", _duplicate_activity, "is used 2 times"),
    ("xapi", _launch_elsewhere, "'start.html' is not in the package"),
    ("cmi5", _relative_au_id, "not an absolute IRI"),
])
def test_the_build_checks_the_control_documents_in_code(
    standard: str, mutate: Any, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tincan.xml and cmi5.xml have no XSD: the package checker, run on the zip, stops the build."""
    from scorm_builder.errors import ManifestInvalid
    from scorm_builder.standards import STANDARDS

    cls = STANDARDS[standard]
    original = cls.build_manifest
    monkeypatch.setattr(cls, "build_manifest", lambda self, ctx, files: mutate(original(self, ctx, files)))
    with pytest.raises(ManifestInvalid, match=f"does not pass validation(.|\n)*{message}"):
        build(COURSE, [standard], ["nb"], tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_without_launch_parameters_the_course_works_in_the_browser_only(lms, package, learner_browser) -> None:  # noqa: F811
    server, tab = lms(package("xapi")), learner_browser()
    page = tab.open(server.content + "/pkg/index.html")
    assert "Fant ingen læringsplattform" in page.locator("#lms-status").inner_text()
    given = complete_by_mouse(page.main_frame, stop_before_last=True)
    page.reload()
    tab.ready()
    assert page.evaluate("() => SB.course.state().answers") == given["answers"]
    assert not tab.posted and not tab.errors
