"""Bad input to `scorm-builder report`: one clear line per problem (file and line, or URL), a summary of
what was skipped, and nothing half-written in --out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from report_support import cli, generate, report_json
from support import COURSE, copy_course, snapshot

BASE = "https://courses.example.org/aktivt-medarbeiderskap"


def answer(learner: str, sid: str, response: object, **extra: object) -> dict[str, object]:
    statement = {
        "id": f"00000000-0000-4000-8000-{abs(hash((learner, sid, str(response)))) % 10**12:012d}",
        "timestamp": "2026-10-01T10:00:00.000Z",
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "https://lms.example.com", "name": learner},
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"objectType": "Activity", "id": f"{BASE}/likert/{sid}"},
        "result": {"response": response},
    }
    statement.update(extra)
    return statement


def test_a_skipped_line_never_shows_a_persons_words_or_address(tmp_path: Path) -> None:
    """A field that should hold a number or a time may hold anything in a foreign export: the
    message gives its length, never its words."""
    statements, _, _ = generate(tmp_path, 10, seed=3, groups=[])
    words, address = "Kari: jeg er utbrent og vil slutte", "kari.nordmann@example.com sa nei"
    bad = [
        json.dumps(answer("b1", "karriere-1", words)),
        json.dumps(answer("b2", "karriere-1", "3", timestamp=address)),
    ]
    source = tmp_path / "foreign.jsonl"
    source.write_text(statements.read_text(encoding="utf-8") + "\n".join(bad) + "\n", encoding="utf-8")
    done = cli("report", str(source), "--course", str(COURSE), "--min-group", "3", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert f"result.response: a text of {len(words)} characters (not shown) is not a point of the scale" in done.stderr
    assert f"timestamp: a text of {len(address)} characters (not shown) is not ISO 8601" in done.stderr
    for secret in ("Kari", "utbrent", "kari.nordmann", "example.com sa"):
        assert secret not in done.stderr and secret not in done.stdout


def test_bad_lines_are_named_counted_and_skipped(tmp_path: Path) -> None:
    statements, groups, _ = generate(tmp_path, 40, seed=2, groups=["Salg"])
    good = statements.read_text(encoding="utf-8").splitlines()
    bad = [
        "{not json",
        json.dumps(answer("a1", "karriere-1", "7")),
        json.dumps({k: v for k, v in answer("a2", "karriere-1", "3").items() if k != "actor"}),
        json.dumps(answer("a3", "karriere-1", "3", timestamp="yesterday")),
        json.dumps(
            {**answer("a4", "karriere-1", "3"), "actor": {"objectType": "Agent", "name": "No Id"}}
        ),
        # An object the course does not name (an LMS's own id): its context must say whether it is ours.
        json.dumps(
            {
                **answer("a5", "karriere-1", "3"),
                "object": {"id": "https://lms.example.com/activity/77"},
                "context": {"contextActivities": "x"},
            }
        ),
    ]
    (tmp_path / "mixed.jsonl").write_text(
        "\n".join(good[:5] + bad + good[5:]) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    done = cli(
        "report",
        str(tmp_path / "mixed.jsonl"),
        "--course",
        str(COURSE),
        "--groups",
        str(groups),
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    name = tmp_path / "mixed.jsonl"
    lines = done.stderr.splitlines()
    assert (
        f"skipped: {name}:6: not valid JSON (JSON is malformed: object keys must be strings (byte 1))"
        in lines
    )
    assert f"skipped: {name}:7: result.response: '7' is not a point of the scale 1-5" in lines
    assert (
        f"skipped: {name}:8: actor: missing, or without mbox, account, openid or mbox_sha1sum"
        in lines
    )
    assert f"skipped: {name}:9: timestamp: a text of 9 characters (not shown) is not ISO 8601" in lines
    assert (
        f"skipped: {name}:10: actor: missing, or without mbox, account, openid or mbox_sha1sum"
        in lines
    )
    assert (
        f"skipped: {name}:11: context.contextActivities: Expected `object | null`, got `str`" in lines
    )
    summary = next(line for line in lines if line.startswith("read "))
    assert (
        "1 not JSON" in summary
        and "2 without an actor" in summary
        and "1 with a response outside the scale" in summary
    )
    assert "1 with a bad timestamp" in summary
    skipped = report_json(out)["input"]["skipped"]
    assert skipped == {
        "not JSON": 1,
        "not a statement": 1,
        "with a bad timestamp": 1,
        "with a response outside the scale": 1,
        "without an actor": 2,
    }


def test_bad_group_rows_are_named_and_their_learners_count_in_the_whole_organisation(
    tmp_path: Path,
) -> None:
    statements, _, truth = generate(tmp_path, 30, seed=4, groups=[], complete_share=1.0)
    ids = [p.id for p in truth.people]
    rows = (
        ["learner,group"]
        + [f"{i},Salg/Oslo" for i in ids[:12]]
        + [f"{ids[0]},Drift", f"{ids[12]},Salg//Oslo", f"{ids[13]},/Salg", ",Salg"]
        + [f"{i},Ledere/kari.nordmann@example.com" for i in ids[14:19]]  # a person named as a group
        # one name typed two ways (Å as one sign, and A with a combining ring): one group
        + [f"{i},Salg/\u00c5lesund" for i in ids[19:22]] + [f"{i},Salg/A\u030alesund" for i in ids[22:25]]
        + [f"{i},=HYPERLINK(1)" for i in ids[25:30]]
    )
    (tmp_path / "g.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = cli(
        "report",
        str(statements),
        "--course",
        str(COURSE),
        "--groups",
        str(tmp_path / "g.csv"),
        "--out",
        str(out),
        "--min-group",
        "3",
    )
    assert done.returncode == 0, done.stderr
    g = tmp_path / "g.csv"
    assert (
        f"skipped: {g}:14: learner: listed twice (first on line 2); counted in the whole organisation only"
        in done.stderr
    )
    assert (
        f"skipped: {g}:15: group: 'Salg//Oslo' has an empty part (a leading, trailing or double '/')"
        in done.stderr
    )
    assert (
        f"skipped: {g}:16: group: '/Salg' has an empty part (a leading, trailing or double '/')"
        in done.stderr
    )
    assert f"skipped: {g}:17: learner: empty" in done.stderr
    assert (
        f"skipped: {g}:18: group: looks like an e-mail address: a group names a team, never a person"
        in done.stderr
    )
    groups = {x["path"]: x["learners"] for x in report_json(out)["groups"]}
    assert groups["Salg/Oslo"] == 11 and groups[""] == sum(
        1 for p in truth.people if len(p.answers) == 21
    )
    counted = {p.id for p in truth.people if len(p.answers) == 21}
    assert groups["Salg/\u00c5lesund"] == len(counted & set(ids[19:25])) and "Salg/A\u030alesund" not in groups
    assert not any("@" in path for path in groups)
    # a group name that starts like a formula stays text in a spreadsheet
    assert groups["=HYPERLINK(1)"] >= 3
    csv_text = (out / "report.csv").read_text(encoding="utf-8")
    assert "\n'=HYPERLINK(1)," in csv_text and "\n=HYPERLINK" not in csv_text


def test_min_group_below_three_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    statements, _, _ = generate(tmp_path, 5, seed=1, groups=[])
    out = tmp_path / "out"
    done = cli(
        "report", str(statements), "--course", str(COURSE), "--min-group", "2", "--out", str(out)
    )
    assert (
        done.returncode == 1
        and "--min-group 2: at least 3 (a group of one or two is a person)" in done.stderr
    )
    assert not out.exists()


def test_an_unreadable_source_leaves_out_as_it_was(tmp_path: Path) -> None:
    statements, _, _ = generate(tmp_path, 20, seed=1, groups=[])
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text('{"old": true}', encoding="utf-8")
    before = snapshot(out)
    (tmp_path / "broken.json").write_text('[{"id": 1},', encoding="utf-8")
    for source in ("missing.jsonl", str(tmp_path / "broken.json")):
        done = cli("report", str(statements), source, "--course", str(COURSE), "--out", str(out))
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
        assert source in done.stderr
        assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scorm-builder-report-")]


def test_a_report_that_cannot_be_put_in_place_leaves_the_earlier_one_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All three files or none: a folder in the way, or a file that cannot be replaced (open in a
    program that locks it), leaves the earlier report as it was, never a mix of two."""
    from scorm_builder.errors import ScormBuilderError
    from scorm_builder.report import run
    from scorm_builder.report.run import ReportOptions, make_report

    statements, _, _ = generate(tmp_path, 20, seed=1, groups=[])
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.csv").write_text("old csv", encoding="utf-8")
    (out / "report.json").mkdir()  # a folder in the way
    before = snapshot(out)
    done = cli("report", str(statements), "--course", str(COURSE), "--min-group", "3", "--out", str(out))
    assert done.returncode == 1 and done.stderr.startswith("error: "), done.stderr
    assert "report.json: cannot write the report" in done.stderr and "holds what it held before" in done.stderr
    assert snapshot(out) == before
    (out / "report.json").rmdir()
    (out / "report.json").write_text('{"old": true}', encoding="utf-8")
    before = snapshot(out)
    real = run.os.replace

    def locked(source: object, target: object) -> None:  # the CSV open in a program that locks it
        if str(target).endswith("out/report.csv") and ".scorm-builder-report-old-" not in str(source):
            raise PermissionError(13, "Permission denied", str(target))
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(run.os, "replace", locked)
    with pytest.raises(ScormBuilderError, match="holds what it held before"):
        make_report(ReportOptions([str(statements)], COURSE, out, min_group=3))
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scorm-builder-report-")]


def test_a_course_that_keeps_ratings_local_says_there_is_nothing_to_show(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text + "privacy:\n  ratings: local\n", encoding="utf-8")
    statements, _, truth = generate(tmp_path, 30, seed=6, groups=[], course_dir=course)
    assert not any(p.answers for p in truth.people) and any(p.completed for p in truth.people)
    shutil.copy(statements, tmp_path / "s.jsonl")
    out = tmp_path / "out"
    done = cli("report", str(tmp_path / "s.jsonl"), "--course", str(course), "--out", str(out))
    assert done.returncode == 0, done.stderr
    report = report_json(out)
    assert report["groups"] == [] and report["ratings"] == "local"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "privacy.ratings: local" in html and "det er ingenting å vise her" in html


def test_a_bad_statement_in_a_json_array_is_named_by_its_line(tmp_path: Path) -> None:
    items = [answer(f"b{n}", "karriere-1", "3") for n in range(3)] + [
        answer("b9", "karriere-2", "9"),
        [1, 2],
    ]
    text = json.dumps(items, indent=2)
    (tmp_path / "export.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = cli("report", str(tmp_path / "export.json"), "--course", str(COURSE), "--out", str(out))
    assert done.returncode == 0, done.stderr
    lines = text.splitlines()
    bad_line = next(n for n, line in enumerate(lines, 1) if '"9"' in line)
    start = max(n for n in range(1, bad_line) if lines[n - 1] == "  {")
    list_line = max(n for n, line in enumerate(lines, 1) if line == "  [")
    export = tmp_path / "export.json"
    assert (
        f"skipped: {export}:{start}: result.response: '9' is not a point of the scale 1-5"
        in done.stderr
    )
    assert f"skipped: {export}:{list_line}: Expected `object`, got `array`" in done.stderr


def test_the_latest_answer_wins_by_time_whatever_the_order_and_the_time_zone(
    tmp_path: Path,
) -> None:
    from scorm_builder.loader import load_course
    from scorm_builder.report.run import ReportOptions, make_report

    ids = [s.id for _, _, s in load_course(COURSE).statements()]
    rows = []
    for n in range(3):
        rows += [answer(f"t{n}", sid, "2") for sid in ids]
        # read first, but later in time (10:30 UTC written as 12:30+02:00): 5 wins over the 4 read after it
        rows.append(
            answer(
                f"t{n}",
                ids[0],
                "5",
                id=f"10000000-0000-4000-8000-00000000000{n}",
                timestamp="2026-10-01T12:30:00+02:00",
            )
        )
        rows.append(
            answer(
                f"t{n}",
                ids[0],
                "4",
                id=f"20000000-0000-4000-8000-00000000000{n}",
                timestamp="2026-10-01T10:15:00Z",
            )
        )
    (tmp_path / "s.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = make_report(
        ReportOptions([str(tmp_path / "s.jsonl")], COURSE, tmp_path / "out", min_group=3)
    ).report
    assert report["groups"][0]["categories"]["karriere"]["counts"] == [0, 6, 0, 0, 3]


def test_credentials_are_read_as_basic_or_bearer(tmp_path: Path, monkeypatch) -> None:
    from scorm_builder.errors import ScormBuilderError
    from scorm_builder.report.lrs import authorization

    secret = tmp_path / "secret"
    secret.write_text("reader:pa:ss\n", encoding="utf-8")
    assert authorization(secret) == "Basic cmVhZGVyOnBhOnNz"
    secret.write_text("abc.def.ghi", encoding="utf-8")
    assert authorization(secret) == "Bearer abc.def.ghi"
    secret.write_text("", encoding="utf-8")
    with pytest.raises(ScormBuilderError, match="the credentials file is empty"):
        authorization(secret)
    monkeypatch.delenv("SCORM_BUILDER_LRS_AUTH", raising=False)
    assert authorization(None) is None
    monkeypatch.setenv("SCORM_BUILDER_LRS_AUTH", "Bearer xyz")
    assert authorization(None) == "Bearer xyz"
