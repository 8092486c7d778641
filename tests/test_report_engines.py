"""The two statement readers agree: DuckDB (clean JSON-lines files) and the Collector (everything else).

DuckDB reads a file set only when every statement in it is one the Collector would take or leave out
without naming a line; anything else sends the whole set to the Collector. These tests hold the two
to the same learners, counts and report, and check that each kind of bad or undecidable statement
does send the files to the Collector (so that its line is named).
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_support import generate
from support import COURSE

from scorm_builder.errors import ScormBuilderError
from scorm_builder.loader import load_course
from scorm_builder.report.course import course_keys
from scorm_builder.report.duck import _codes, _narrow_codes, read_clean
from scorm_builder.report.extract import Collector
from scorm_builder.report.run import ReportOptions, make_report
from scorm_builder.report.skips import Skips
from scorm_builder.report.sources import read_file

KEYS = course_keys(load_course(COURSE))
BASE = KEYS.base
VERB = "http://adlnet.gov/expapi/verbs/"
SIDS = KEYS.statements[:3]
PAGES = KEYS.pages[:3]
#: The part after a cmi5 launch id that names each statement (``/test/<questionnaire>/question/<id>``).
ASKED = {
    KEYS.statements[m]: f"/test/{c.questionnaire}/question/{KEYS.statements[m]}"
    for c in KEYS.categories
    for m in c.members
}


def both(files: list[Path], **options: Any) -> tuple[Any, Any]:
    """Return the report made by the automatic choice and by the Collector alone, on the same files."""
    out = files[0].parent
    auto = make_report(
        ReportOptions([str(f) for f in files], COURSE, out / "auto", min_group=3, **options)
    )
    plain = make_report(
        ReportOptions(
            [str(f) for f in files], COURSE, out / "python", min_group=3, engine="python", **options
        )
    )
    return auto, plain


def same_files(a: Path, b: Path) -> None:
    for name in ("report.json", "report.csv", "report.html"):
        assert (a / name).read_text(encoding="utf-8") == (b / name).read_text(encoding="utf-8"), (
            name
        )


def test_duckdb_reads_clean_files_and_finds_what_the_collector_finds(tmp_path: Path) -> None:
    statements, groups, truth = generate(tmp_path, 300, seed=11)
    assert truth.voided and truth.other_courses  # the generated set has both to leave out
    lines = statements.read_bytes().splitlines(keepends=True)
    # Two files, with blank lines and CRLF line ends; voiding statements may sit in the other file.
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_bytes(b"".join(lines[::2]) + b"\n\n")
    second.write_bytes(b"".join(line.rstrip(b"\n") + b"\r\n" for line in lines[1::2]))
    auto, plain = both([first, second], groups=groups)
    assert (auto.engine, plain.engine) == ("duckdb", "python")
    assert auto.report == plain.report
    assert auto.report["input"]["statements"] == truth.written
    same_files(tmp_path / "auto", tmp_path / "python")
    assert dict(auto.skips.read) == {str(first): len(lines[::2]), str(second): len(lines[1::2])}


def test_duckdb_reads_gzipped_lines(tmp_path: Path) -> None:
    statements, groups, _ = generate(tmp_path, 120, seed=12)
    packed = tmp_path / "statements.jsonl.gz"
    packed.write_bytes(gzip.compress(statements.read_bytes()))
    auto, plain = both([packed], groups=groups)
    assert auto.engine == "duckdb"
    assert auto.report == plain.report


def answer(n: int, who: str, sid: str, response: Any, stamp: str) -> dict[str, Any]:
    return {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "timestamp": stamp,
        "actor": {"account": {"homePage": "https://lms.example.com", "name": who}},
        "verb": {"id": VERB + "answered"},
        "object": {"objectType": "Activity", "id": f"{BASE}/likert/{sid}"},
        "result": {"response": response},
    }


GOOD = answer(1, "x1", SIDS[0], "4", "2026-10-01T10:00:00.000Z")


def lms(statement: dict[str, Any], rest: str) -> dict[str, Any]:
    """Return ``statement`` as a cmi5 LMS sends it: its object under the LMS's launch id + ``rest``."""
    grouping = [{"objectType": "Activity", "id": BASE + "/au"}]
    return {
        **statement,
        "object": {"objectType": "Activity", "id": f"https://lms.example.com/au/77{rest}"},
        "context": {"contextActivities": {"grouping": grouping}},
    }


#: Statements the Collector names as a problem, or decides by the order read: each sends the files to it.
ODD: dict[str, Any] = {
    "not JSON": "{not json",
    "not an object": "[1, 2]",
    "a number for a response": answer(2, "x2", SIDS[0], 4, "2026-10-01T10:00:00.000Z"),
    "a number for a statement id": {**GOOD, "id": 7},
    "true for an mbox": {**GOOD, "actor": {"mbox": True}},
    "an object for a verb id": {**GOOD, "verb": {"id": {"a": 1}}},
    "a response off the scale": answer(3, "x3", SIDS[0], "6", "2026-10-01T10:00:00.000Z"),
    "a response with a space": answer(4, "x4", SIDS[0], " 3", "2026-10-01T10:00:00.000Z"),
    "no actor": {k: v for k, v in GOOD.items() if k != "actor"},
    "no verb": {k: v for k, v in GOOD.items() if k != "verb"},
    "an empty object id": {**GOOD, "object": {"id": ""}},
    "a timestamp in another form": answer(5, "x5", SIDS[0], "3", "2026-10-01T10:00:00Z"),
    "a timestamp that is no time": answer(6, "x6", SIDS[0], "3", "yesterday"),
    "a grouping that is one object": {
        **GOOD,
        "object": {"id": "https://lms.example.com/activity/9"},
        "context": {"contextActivities": {"grouping": {"id": BASE + "/au"}}},
    },
    "a grouping id that is a number": {
        **GOOD,
        "object": {"id": "https://lms.example.com/activity/9"},
        "context": {"contextActivities": {"grouping": [{"id": 5}]}},
    },
    "a grouping id that is true": {
        **GOOD,
        "object": {"id": "https://lms.example.com/activity/9"},
        "context": {"contextActivities": {"grouping": [{"id": True}]}},
    },
    "a grouping id that is an object": {
        **GOOD,
        "object": {"id": "https://lms.example.com/activity/9"},
        "context": {"contextActivities": {"grouping": [{"id": {"id": BASE + "/au"}}]}},
    },
    "two answers at the same moment": [
        answer(8, "x8", SIDS[1], "2", "2026-10-01T10:00:00.000Z"),
        answer(9, "x8", SIDS[1], "5", "2026-10-01T10:00:00.000Z"),
    ],
    "a duplicate key": '{"id": "a", "id": "b"}',
}


@pytest.mark.parametrize("case", list(ODD))
def test_a_statement_duckdb_cannot_decide_sends_the_files_to_the_collector(
    case: str, tmp_path: Path
) -> None:
    statements, groups, _ = generate(tmp_path, 30, seed=13)
    odd = ODD[case]
    extra = [odd] if isinstance(odd, (dict, str)) else odd
    text = [e if isinstance(e, str) else json.dumps(e) for e in extra]
    lines = statements.read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines[:7] + text + lines[7:]) + "\n", encoding="utf-8")
    auto, plain = both([mixed], groups=groups)
    assert auto.engine == "python"
    assert auto.report == plain.report
    same_files(tmp_path / "auto", tmp_path / "python")


def test_statements_the_collector_takes_in_silence_stay_with_duckdb(tmp_path: Path) -> None:
    statements, groups, _ = generate(tmp_path, 30, seed=14)
    quiet = [
        # The same answer twice at the same moment (an LRS export and a retry): no order needed.
        answer(20, "y1", SIDS[0], "2", "2026-10-01T10:00:00.000Z"),
        answer(21, "y1", SIDS[0], "2", "2026-10-01T10:00:00.000Z"),
        # Wrong types in fields the report does not read, unknown fields, a null where one may be.
        {**answer(22, "y2", SIDS[0], "5", "2026-10-02T10:00:00.000Z"), "version": 1, "x": [1]},
        {**answer(23, "y3", SIDS[0], "5", "2026-10-02T10:00:00.000Z"), "stored": None},
        # A voiding statement without a StatementRef voids nothing; this course's unknown ids are no one's.
        {**GOOD, "id": "v1", "verb": {"id": VERB + "voided"}, "object": {"id": GOOD["id"]}},
        {**GOOD, "id": "u1", "object": {"id": BASE + "/nothing"}},
        # Another course's statement with a grouping that is not this course's AU.
        {
            **GOOD,
            "id": "o1",
            "object": {"id": "https://other.example.org/x"},
            "context": {
                "contextActivities": {"grouping": [{"id": "https://other.example.org"}, {}]}
            },
        },
        # cmi5 under an LMS's own activity ids, the AU's publisher id in the grouping (cmi5 9.6.2.2):
        # an answer, a page, the AU itself completed, a question the course does not have.
        lms(answer(25, "y5", SIDS[1], "4", "2026-10-03T10:00:00.000Z"), ASKED[SIDS[1]]),
        lms(
            answer(26, "y5", SIDS[2], "3", "2026-10-03T10:00:00.000Z"),
            "/test/run/2" + ASKED[SIDS[2]],
        ),
        lms({**GOOD, "id": "p1", "verb": {"id": VERB + "experienced"}}, f"/pages/{PAGES[2]}"),
        lms({**GOOD, "id": "c1", "verb": {"id": VERB + "completed"}}, ""),
        lms({**GOOD, "id": "q1"}, "/test/q/question/nothing"),
        # An answer without a timestamp takes the stored time.
        {**answer(24, "y4", SIDS[2], "1", ""), "stored": "2026-10-03T10:00:00.000Z"},
    ]
    lines = statements.read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines + [json.dumps(q) for q in quiet]) + "\n", encoding="utf-8")
    auto, plain = both([mixed], groups=groups)
    assert auto.engine == "duckdb"
    assert auto.report == plain.report
    assert auto.report["input"]["left_out"]["of other courses"] >= 1


def test_the_python_engine_is_used_for_json_arrays(tmp_path: Path) -> None:
    array = tmp_path / "statements.json"
    array.write_text(json.dumps([GOOD]), encoding="utf-8")
    auto, plain = both([array])
    assert auto.engine == "python"
    assert auto.report == plain.report


# Property: any mix of statements of a few learners gives the same learners and counts either way.
STAMPS = [f"2026-10-0{d}T1{h}:00:00.000Z" for d in (1, 2) for h in (0, 1)] + [""]
WHO = st.sampled_from(["mailto:a@example.com", "b", "c"])


def _actor(who: str) -> dict[str, Any]:
    return (
        {"mbox": who} if who.startswith("mailto:") else {"account": {"name": who, "homePage": "h"}}
    )


@st.composite
def statement(draw: st.DrawFn, n: int) -> tuple[bool, str]:
    """Return (whether DuckDB may refuse it, the line) for statement number ``n``."""
    kind = draw(
        st.sampled_from(["answer", "answer", "answer", "page", "done", "void", "other", "odd"])
    )
    who = draw(WHO)
    base: dict[str, Any] = {
        "id": f"s{n}",
        "actor": _actor(who),
        "timestamp": draw(st.sampled_from(STAMPS)),
    }
    if kind == "answer":
        sid = draw(st.sampled_from(SIDS))
        base.update(
            verb={"id": VERB + "answered"},
            object={"id": f"{BASE}/likert/{sid}"},
            result={"response": draw(st.sampled_from(["1", "2", "3", "4", "5"]))},
        )
        if draw(st.booleans()):  # the same answer from a cmi5 LMS under its own activity id
            rest = draw(
                st.sampled_from(
                    [ASKED[sid], "/test/a" + ASKED[sid], "/pages/p" + ASKED[sid], "/test/x", ""]
                )
            )
            base = lms(base, rest)
        return True, json.dumps(base)  # two answers at one moment may need the order read
    if kind == "page":
        base.update(
            verb={"id": VERB + "experienced"},
            object={"id": f"{BASE}/pages/{draw(st.sampled_from(PAGES))}"},
        )
    elif kind == "done":
        base.update(verb={"id": VERB + "completed"}, object={"id": BASE})
        if draw(st.booleans()):
            base = lms(base, draw(st.sampled_from(["", f"/pages/{PAGES[0]}", "/test/"])))
    elif kind == "void":
        base.update(
            verb={"id": VERB + "voided"},
            object={"objectType": "StatementRef", "id": f"s{draw(st.integers(0, 12))}"},
        )
    elif kind == "other":
        base.update(verb={"id": VERB + "answered"}, object={"id": "https://other.example.org/q"})
    else:
        return True, draw(st.sampled_from([json.dumps(ODD["a number for a response"]), "{bad"]))
    return False, json.dumps(base)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 12).flatmap(lambda size: st.tuples(*(statement(n) for n in range(size)))))
def test_both_readers_find_the_same_learners_and_counts(
    drawn: tuple[tuple[bool, str], ...],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.jsonl"
        path.write_text("\n".join(line for _, line in drawn) + "\n", encoding="utf-8")
        collector = Collector(KEYS, Skips())
        read = read_file(path, collector.feed, collector.skips.problem)
        expected = sorted(collector.learners(), key=lambda p: p[0])
        clean = read_clean([path], KEYS, Collector(KEYS, Skips()))
    if not any(maybe for maybe, _ in drawn):
        assert clean is not None
    if clean is not None:
        assert not collector.skips.problems
        assert sorted(clean.learners, key=lambda p: p[0]) == expected
        assert dict(clean.read) == {str(path): read}
        assert clean.ignored == collector.skips.ignored


def test_a_file_name_duckdb_would_read_as_a_pattern_is_read_by_the_collector(
    tmp_path: Path,
) -> None:
    statements, groups, _ = generate(tmp_path, 20, seed=15)
    odd = tmp_path / "export[1].jsonl"
    odd.write_bytes(statements.read_bytes())
    (tmp_path / "export1.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    auto, plain = both([odd], groups=groups)
    assert auto.engine == "python"
    assert auto.report == plain.report
    assert auto.report["input"]["statements"] == len(statements.read_bytes().splitlines())


def test_a_damaged_gzip_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    statements, _, _ = generate(tmp_path, 60, seed=16)
    packed = gzip.compress(statements.read_bytes())
    broken = tmp_path / "cut.jsonl.gz"
    broken.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(ScormBuilderError, match=r"cut\.jsonl\.gz: cannot read"):
        make_report(ReportOptions([str(broken)], COURSE, tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_answer_pairs_read_as_bytes_and_as_code_points_give_the_same_numbers() -> None:
    # LEARNERS hands each answer over as two characters, key + 48 and value + 48.
    small = "".join(chr(k + 48) + chr(v + 48) for k, v in [(0, 1), (5, 5), (207, 10)])
    assert list(_narrow_codes(small)) == _codes(small) == [0, 1, 5, 5, 207, 10]
    wide = chr(300 + 48) + chr(3 + 48)  # a course with more than 207 answer keys
    assert _codes(wide) == [300, 3]
