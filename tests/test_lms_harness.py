"""Tests of the test LMS itself (the preview's LMS and its launch options), with a tiny SCO per version."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import ChromiumMissing, chromium_executable, is_allowed
from lms import SCORM_AGAIN
from tiny_sco import names as tiny_names
from tiny_sco import write_tiny_sco

from scorm_builder.preview import start
from scorm_builder.preview.session import duration as parse_duration
from scorm_builder.specs import RTES


@pytest.fixture(params=["scorm12", "scorm2004"])
def standard(request: pytest.FixtureRequest) -> str:
    """Run a test for both SCORM versions."""
    return request.param


@pytest.fixture
def names(standard: str) -> dict[str, str]:
    """Return the SCO-side names of ``standard``."""
    return tiny_names(standard)


@pytest.fixture
def package(tmp_path: Path, standard: str) -> Path:
    """Return a package folder holding the tiny SCO."""
    return write_tiny_sco(tmp_path, standard)


def sco_call(run, fn: str, *args: str):  # noqa: ANN001, ANN201
    """Make the SCO call API function ``fn`` (a key of ``names``) and return the result."""
    return run.sco.evaluate("([fn, args]) => window.sco.call(fn, ...args)", [fn, list(args)])


def text(run, element_id: str) -> str:  # noqa: ANN001
    """Return the text of an element of the SCO page."""
    return run.sco.inner_text(f"#{element_id}")


# --- values, call log, persistence ------------------------------------------------------


def test_values_land_in_cmi_and_calls_are_logged(lms_harness, package, standard, names):
    run = lms_harness(package, standard).launch()
    assert text(run, "api") == "found" and text(run, "entry") == "ab-initio"
    assert run.value(names["status"]) == "incomplete"
    assert float(run.value(names["scoreRaw"])) == 70
    assert run.value("cmi.suspend_data") == "visit=1"
    assert run.value(names["location"]) == "page-1"
    assert run.value(names["exit"]) == "suspend"
    assert run.methods() == [names["init"]] + [names["get"]] * 3 + [names["set"]] * 6 + [
        names["commit"]
    ]
    calls = run.calls
    assert calls[1]["args"] == [names["entry"]] and calls[1]["result"] == "ab-initio"
    assert calls[6]["args"] == ["cmi.suspend_data", "visit=1"]
    # SCORM 2004 reports 403 (not initialized) for never-set suspend_data / location.
    assert [c["error_code"] for c in calls[2:4]] == [names["notInitialized"]] * 2
    assert all(c["error_code"] == "0" for c in calls[:2] + calls[4:])
    assert all(c["result"] == "true" for c in calls if c["method"] == names["set"])
    assert run.committed()["cmi"]["suspend_data"] == "visit=1"
    assert run.external_requests == [] and run.page_errors == []
    assert run.harness.not_found == []


def test_close_then_relaunch_resumes(lms_harness, package, standard, names):
    lms = lms_harness(package, standard)
    first = lms.launch()
    first.close()
    assert first.methods()[-1] == names["finish"] and first.calls[-1]["result"] == "true"
    assert lms.saved_state["cmi"]["suspend_data"] == "visit=1"
    assert parse_duration(lms.saved_state["cmi"]["total_time"] if standard == "scorm2004"
                          else lms.saved_state["cmi"]["core"]["total_time"]) == 9000
    second = lms.launch()
    assert text(second, "entry") == "resume"
    assert text(second, "suspend") == "visit=1" and text(second, "location") == "page-1"
    assert second.value(names["entry"]) == "resume"
    assert second.value("cmi.suspend_data") == "visit=2"
    assert parse_duration(sco_call(second, "get", names["totalTime"])) == 9000
    second.close()
    third = lms.launch()
    assert text(third, "suspend") == "visit=2"
    assert parse_duration(sco_call(third, "get", names["totalTime"])) == 18000


RECORDS = {
    "scorm12": [("cmi.core.lesson_status", "passed"), ("cmi.core.score.raw", "85"),
                ("cmi.objectives.0.id", "obj-1"), ("cmi.objectives.0.status", "passed"),
                ("cmi.objectives.0.score.raw", "90"), ("cmi.interactions.0.id", "q1"),
                ("cmi.interactions.0.type", "choice"),
                ("cmi.interactions.0.student_response", "b"),
                ("cmi.interactions.0.result", "correct")],
    "scorm2004": [("cmi.completion_status", "completed"), ("cmi.success_status", "passed"),
                  ("cmi.score.scaled", "0.85"), ("cmi.objectives.0.id", "obj-1"),
                  ("cmi.objectives.0.success_status", "passed"),
                  ("cmi.interactions.0.id", "q1"), ("cmi.interactions.0.type", "choice"),
                  ("cmi.interactions.0.learner_response", "b"),
                  ("cmi.interactions.0.result", "correct")],
}


def test_relaunch_restores_status_score_objectives_interactions(
    lms_harness, package, standard, names
):
    lms = lms_harness(package, standard, launch="index.html?manual=1")
    run = lms.launch()
    sco_call(run, "init", "")
    assert [sco_call(run, "set", k, v) for k, v in RECORDS[standard]] == ["true"] * 9
    sco_call(run, "set", names["exit"], "suspend")
    sco_call(run, "finish", "")
    run.close()
    again = lms.launch()
    sco_call(again, "init", "")
    assert sco_call(again, "get", names["entry"]) == "resume"
    assert sco_call(again, "get", "cmi.objectives._count") == "1"
    assert sco_call(again, "get", "cmi.interactions._count") == "1"
    for element, value in RECORDS[standard]:  # read the LMS side: 1.2 interactions are write-only
        assert again.value(element) == value, element


def test_saved_state_and_lms_values_can_be_seeded(lms_harness, package, standard, names):
    learner = "cmi.core.student_name" if standard == "scorm12" else "cmi.learner_name"
    lms = lms_harness(package, standard, cmi={learner: "Doe, Jane"})
    exit_path = {"core": {"exit": "suspend"}} if standard == "scorm12" else {"exit": "suspend"}
    lms.saved_state = {"cmi": {"suspend_data": "visit=6", **exit_path}}
    run = lms.launch()
    assert (text(run, "entry"), text(run, "suspend")) == ("resume", "visit=6")
    assert run.value(learner) == "Doe, Jane" and run.value("cmi.suspend_data") == "visit=7"


def test_navigating_the_frame_away_also_terminates(lms_harness, package, standard, names):
    lms = lms_harness(package, standard)
    run = lms.launch()
    run.close(how="navigate")
    assert run.methods()[-1] == names["finish"]
    assert lms.saved_state["cmi"]["suspend_data"] == "visit=1"


def test_normal_exit_relaunches_without_resume(lms_harness, package, standard, names):
    lms = lms_harness(package, standard, launch="index.html?manual=1")
    run = lms.launch()
    assert sco_call(run, "init", "") == "true"
    assert sco_call(run, "set", "cmi.suspend_data", "kept") == "true"
    assert sco_call(run, "set", names["exit"], names["exitNormal"]) == "true"
    assert sco_call(run, "finish", "") == "true"
    run.close()
    again = lms.launch()
    assert sco_call(again, "init", "") == "true"
    assert sco_call(again, "get", names["entry"]) == ""
    assert sco_call(again, "get", "cmi.suspend_data") == "kept"


@pytest.mark.parametrize(
    ("when", "exit_suspends", "status", "fresh"),
    [
        ("exit", False, "incomplete", True),
        ("exit", True, "completed", False),
        ("completed", True, "completed", True),
        ("completed", False, "incomplete", False),
        ("always", True, "incomplete", True),
        ("", False, "completed", False),
    ],
)
def test_new_attempts_start_afresh_when_asked(lms_harness, package, standard, names, when, exit_suspends, status, fresh):
    lms = lms_harness(package, standard, launch="index.html?manual=1", new_attempts=when)
    run = lms.launch()
    assert sco_call(run, "init", "") == "true"
    assert sco_call(run, "set", "cmi.suspend_data", "kept") == "true"
    assert sco_call(run, "set", names["status"], status) == "true"
    assert sco_call(run, "set", names["exit"], "suspend" if exit_suspends else names["exitNormal"]) == "true"
    assert sco_call(run, "finish", "") == "true"
    run.close()
    again = lms.launch()
    assert sco_call(again, "init", "") == "true"
    entry = "ab-initio" if fresh else "resume" if exit_suspends else ""
    data = "" if fresh else "kept"
    assert (sco_call(again, "get", names["entry"]), sco_call(again, "get", "cmi.suspend_data")) == (entry, data)


def test_nothing_is_saved_without_commit(lms_harness, package, standard, names):
    lms = lms_harness(package, standard, launch="index.html?manual=1")
    run = lms.launch()
    sco_call(run, "init", "")
    sco_call(run, "set", "cmi.suspend_data", "lost")
    run.close()
    assert lms.saved_state is None and run.committed() is None
    again = lms.launch()
    sco_call(again, "init", "")
    assert sco_call(again, "get", names["entry"]) == "ab-initio"
    assert again.value("cmi.suspend_data") == ""


# --- fault injection ----------------------------------------------------------------------


def test_missing_api_leaves_the_sco_alone(lms_harness, package, standard):
    run = lms_harness(package, standard, api="missing").launch()
    assert text(run, "api") == "none"
    assert run.page.evaluate("() => [typeof window.API, typeof window.API_1484_11]") == [
        "undefined", "undefined"
    ]
    assert run.calls == [] and run.cmi() is None
    run.close()
    assert run.harness.saved_state is None


def test_fail_set_value_for_every_element(lms_harness, package, standard, names):
    run = lms_harness(package, standard, launch="index.html?manual=1",
                      fail_set_value=True).launch()
    sco_call(run, "init", "")
    assert sco_call(run, "set", names["location"], "p9") == "false"
    assert sco_call(run, "lastError") == names["setFailure"]
    assert sco_call(run, "errorString", names["setFailure"]) != ""
    assert run.calls[1]["error_code"] == names["setFailure"]
    assert run.value(names["location"]) == ""
    assert sco_call(run, "get", names["entry"]) == "ab-initio"
    assert sco_call(run, "lastError") == "0"  # the next call clears the injected error


def test_fail_set_value_for_listed_elements_only(lms_harness, package, standard, names):
    run = lms_harness(package, standard, fail_set_value=["cmi.suspend_data"]).launch()
    sets = {c["args"][0]: c for c in run.calls if c["method"] == names["set"]}
    assert sets["cmi.suspend_data"]["result"] == "false"
    assert sets["cmi.suspend_data"]["error_code"] == names["setFailure"]
    assert sets[names["location"]]["result"] == "true"
    assert run.value("cmi.suspend_data") == "" and run.value(names["location"]) == "page-1"


def test_fail_set_value_for_every_element_under_a_listed_prefix(lms_harness, package, standard, names):
    run = lms_harness(package, standard, launch="index.html?manual=1", fail_set_value=["cmi.interactions."]).launch()
    sco_call(run, "init", "")
    assert sco_call(run, "set", "cmi.interactions.0.id", "a") == "false"
    assert sco_call(run, "set", "cmi.interactions.12.type", "likert") == "false"
    assert sco_call(run, "set", "cmi.suspend_data", "s") == "true", "only what is under the prefix"


def test_fail_commit_fails_the_first_n_commits(lms_harness, package, standard, names):
    lms = lms_harness(package, standard, launch="index.html?manual=1", fail_commit=2)
    run = lms.launch()
    sco_call(run, "init", "")
    sco_call(run, "set", "cmi.suspend_data", "s1")
    assert [sco_call(run, "commit", "") for _ in range(2)] == ["false", "false"]
    assert sco_call(run, "lastError") == names["commitFailure"]
    assert run.committed() is None
    assert sco_call(run, "commit", "") == "true"
    assert run.committed()["cmi"]["suspend_data"] == "s1"
    run.close()
    assert lms.saved_state["cmi"]["suspend_data"] == "s1"


def test_suspend_limit_refuses_longer_suspend_data(lms_harness, package, standard, names):
    run = lms_harness(package, standard, launch="index.html?manual=1", suspend_limit=10).launch()
    sco_call(run, "init", "")
    assert sco_call(run, "set", "cmi.suspend_data", "x" * 11) == "false"
    assert sco_call(run, "lastError") == ("405" if standard == "scorm12" else "406")
    assert sco_call(run, "set", "cmi.suspend_data", "x" * 10) == "true"
    assert run.refused == [11]
    assert run.value("cmi.suspend_data") == "x" * 10


def test_response_limit_refuses_a_longer_response_counted_as_javascript_counts(lms_harness, package, standard, names):
    run = lms_harness(package, standard, launch="index.html?manual=1", response_limit=10).launch()
    sco_call(run, "init", "")
    field, tag = ("student_response", "") if standard == "scorm12" else ("learner_response", "{lang=nb}")
    sco_call(run, "set", "cmi.interactions.0.id", "r1")
    sco_call(run, "set", "cmi.interactions.0.type", "fill-in" if standard == "scorm12" else "long-fill-in")
    element = f"cmi.interactions.0.{field}"
    assert sco_call(run, "set", element, tag + "\U0001F600" * 5 + "c") == "false", "11 code units, 6 characters"
    assert sco_call(run, "lastError") == ("405" if standard == "scorm12" else "406")
    assert sco_call(run, "set", element, tag + "\U0001F600" * 5) == "true", "the language tag does not count"
    assert run.refused == [11]
    assert sco_call(run, "set", "cmi.suspend_data", "x" * 20) == "true", "suspend_data is not held to it"


def test_interaction_limit_refuses_every_element_of_a_record_past_it(lms_harness, package, standard, names):
    run = lms_harness(package, standard, launch="index.html?manual=1", interaction_limit=1).launch()
    sco_call(run, "init", "")
    assert sco_call(run, "set", "cmi.interactions.0.id", "a") == "true"
    assert sco_call(run, "set", "cmi.interactions.1.id", "b") == "false"
    assert sco_call(run, "lastError") == ("101" if standard == "scorm12" else "351")
    assert sco_call(run, "set", "cmi.interactions.1.type", "likert") == "false"
    assert sco_call(run, "set", "cmi.interactions.0.type", "likert") == "true", "a record below the limit takes values"
    assert sco_call(run, "get", "cmi.interactions._count") == "1"


def test_crlf_on_exit_stores_the_last_save_with_crlf_line_breaks(lms_harness, package, standard, names):
    lms = lms_harness(package, standard, launch="index.html?manual=1", crlf_on_exit=True)
    run = lms.launch()
    sco_call(run, "init", "")
    sco_call(run, "set", "cmi.suspend_data", "a\nb")
    sco_call(run, "commit", "")
    assert run.committed()["cmi"]["suspend_data"] == "a\nb", "an ordinary commit stores what it got"
    sco_call(run, "set", "cmi.suspend_data", "c\nd\r\ne")
    sco_call(run, "finish", "")
    run.close()
    assert lms.saved_state["cmi"]["suspend_data"] == "c\r\nd\r\ne"


def test_named_browser_profiles_keep_their_storage(lms_harness, package, standard):
    lms = lms_harness(package, standard, launch="index.html?manual=1")
    first = lms.launch(browser="laptop")
    first.sco.evaluate("() => localStorage.setItem('k', 'v')")
    first.close()
    assert lms.launch(browser="laptop").sco.evaluate("() => localStorage.getItem('k')") == "v"
    assert lms.launch().sco.evaluate("() => localStorage.getItem('k')") is None


def test_throw_on_makes_functions_throw(lms_harness, package, standard, names):
    run = lms_harness(package, standard, launch="index.html?manual=1",
                      throw_on=[names["commit"]]).launch()
    assert sco_call(run, "init", "") == "true"
    message = run.sco.evaluate(
        "() => { try { window.sco.call('commit', ''); return 'no throw'; }"
        " catch (e) { return e.message; } }"
    )
    assert "injected fault" in message
    assert run.calls[-1]["method"] == names["commit"] and "thrown" in run.calls[-1]
    assert sco_call(run, "set", names["location"], "p2") == "true"


def test_entry_flag_stuck_reports_ab_initio_on_resume(lms_harness, package, standard, names):
    lms = lms_harness(package, standard, entry_flag_stuck=True)
    lms.launch().close()
    second = lms.launch()
    assert text(second, "entry") == "ab-initio"
    assert text(second, "suspend") == "visit=1"  # the data is there, only the flag lies


def test_missing_functions_are_deleted(lms_harness, package, standard, names):
    run = lms_harness(package, standard, launch="index.html?manual=1",
                      missing_functions=[names["commit"]]).launch()
    kinds = run.sco.evaluate(
        "([a, b]) => [typeof window.sco.api[a], typeof window.sco.api[b]]",
        [names["commit"], names["init"]],
    )
    assert kinds == ["undefined", "function"]
    assert sco_call(run, "init", "") == "true"


# --- where the SCO runs -------------------------------------------------------------------


def test_popup_finds_the_api_through_the_opener(lms_harness, package, standard, names):
    lms = lms_harness(package, standard, opener=True)
    run = lms.launch()
    assert run.popup is not None and run.sco.page == run.popup
    assert run.sco.evaluate("() => window.opener !== null && window.parent === window")
    assert (text(run, "api"), text(run, "via")) == ("found", "opener")
    assert run.value("cmi.suspend_data") == "visit=1"
    run.close()
    assert run.popup.is_closed()
    assert run.methods()[-1] == names["finish"]
    assert lms.saved_state["cmi"]["suspend_data"] == "visit=1"
    assert text(lms.launch(), "entry") == "resume"


@pytest.mark.parametrize("depth", [1, 4])
def test_nested_frames_put_the_sco_deep(lms_harness, package, standard, depth):
    run = lms_harness(package, standard, nested_frames=depth).launch()
    assert (text(run, "via"), text(run, "depth")) == ("parent", str(depth))
    levels = run.sco.evaluate(
        "() => { let n = 0, w = window; while (w !== w.parent) { n++; w = w.parent; } return n; }"
    )
    assert levels == depth
    assert run.value("cmi.suspend_data") == "visit=1"
    run.close()
    assert run.harness.saved_state is not None


# --- network guard ------------------------------------------------------------------------


def test_external_requests_are_blocked_and_recorded(lms_harness, tmp_path):
    extra = (
        '<img id="pic" src="http://example.invalid/x.png" alt="">'
        '<img id="local" src="pic.svg" alt="">'
        '<script>fetch("http://127.0.0.1:9/other-port").catch(function () {});</script>'
    )
    write_tiny_sco(tmp_path, "scorm12", extra=extra)
    (tmp_path / "pic.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    run = lms_harness(tmp_path, "scorm12").launch()
    run.wait_for(lambda r: len(r.external_requests) >= 2)
    assert sorted(run.external_requests) == [
        "http://127.0.0.1:9/other-port", "http://example.invalid/x.png"
    ]
    assert run.sco.evaluate("() => document.getElementById('pic').naturalWidth") == 0
    assert "/pkg/pic.svg" in run.harness.served


def test_only_the_harness_origin_is_allowed():
    origin = "http://127.0.0.1:8123"
    assert is_allowed("http://127.0.0.1:8123/pkg/a.js", origin)
    assert is_allowed("data:text/plain,hi", origin) and is_allowed("blob:x", origin)
    for url in ("http://localhost:8123/", "https://127.0.0.1:8123/", "http://127.0.0.1:8124/",
                "ws://127.0.0.1:8123/", "http://example.invalid/"):
        assert not is_allowed(url, origin), url


# --- helpers ------------------------------------------------------------------------------


def test_wait_for_accepts_js_and_python(lms_harness, package, standard, names):
    run = lms_harness(package, standard).launch()
    assert run.wait_for("cmi.suspend_data === 'visit=1' && calls.length") == 11
    assert run.wait_for(lambda r: r.value("cmi.suspend_data")) == "visit=1"
    with pytest.raises(TimeoutError):
        run.wait_for("cmi.suspend_data === 'never'", timeout=0.3)
    with pytest.raises(TimeoutError):
        run.wait_for(lambda r: False, timeout=0.3)


def test_chromium_missing_says_how_to_install(monkeypatch):
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(ChromiumMissing, match="apt-get install chromium"):
        chromium_executable()


def test_durations_round_trip():
    assert parse_duration("00:01:30") == parse_duration("PT1M30S") == 9000
    assert parse_duration("P1DT0.5S") == 8640050 and parse_duration("") == 0
    assert RTES["scorm12"].timespan(9000) == "0000:01:30.00"
    assert RTES["scorm2004"].timespan(9050) == "PT0H1M30.50S"
    assert parse_duration(RTES["scorm12"].timespan(8640050)) == parse_duration(RTES["scorm2004"].timespan(8640050))


# --- HTTP server --------------------------------------------------------------------------


def _get(url: str, headers: dict | None = None):  # noqa: ANN202
    """GET ``url`` directly (no proxy) and return the response or HTTPError."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        return opener.open(urllib.request.Request(url, headers=headers or {}), timeout=5)
    except urllib.error.HTTPError as exc:
        return exc


MIME = {"a.html": "text/html", "a.js": "text/javascript", "a.css": "text/css", "a.svg": "image/svg+xml",
        "a.vtt": "text/vtt", "a.json": "application/json", "a.map": "application/json", "a.xml": "application/xml",
        "a.mp4": "video/mp4", "a.png": "image/png", "a.woff2": "font/woff2", "a.ttf": "font/ttf"}


def test_server_serves_by_type_and_range_and_stays_confined(tmp_path):
    (tmp_path / "secret.txt").write_text("no")
    folder = tmp_path / "pkg"
    folder.mkdir()
    write_tiny_sco(folder, "scorm2004")
    for name in MIME:
        (folder / name).write_bytes(b"0123456789")
    server = start(folder, scorm_again_source=str(SCORM_AGAIN))
    try:
        for name, mime in MIME.items():
            response = _get(server.url + f"pkg/{name}")
            assert (response.status, response.headers["Content-Type"].split(";")[0]) == (200, mime), name
            assert response.headers["Cache-Control"] == "no-store" and response.read() == b"0123456789"
        assert server.url.startswith("http://127.0.0.1:")
        for path in ("pkg/../secret.txt", "pkg/%2e%2e/secret.txt", "static/server.py"):
            assert _get(server.url + path).status == 404, path
        assert _get(server.url).status == 200 and _get(server.url + "vendor/scorm2004.js").status == 200
        part = _get(server.url + "pkg/a.mp4", {"Range": "bytes=2-4"})
        assert (part.status, part.headers["Content-Range"], part.read()) == (206, "bytes 2-4/10", b"234")
        tail = _get(server.url + "pkg/a.mp4", {"Range": "bytes=-3"})
        assert (tail.status, tail.read()) == (206, b"789")
        assert _get(server.url + "pkg/a.mp4", {"Range": "bytes=20-"}).read() == b"0123456789"
    finally:
        server.stop()
    with pytest.raises(urllib.error.URLError):  # stopped: nothing answers any more
        _get(server.url + "pkg/a.mp4")
