"""`scorm-builder report` on statement files: the numbers against the generated truth, both delivery
forms, voiding, changed answers, other courses, the file formats, and nothing that identifies a learner."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from report_support import cli, every_output, generate, report_json, subtraction_safe
from support import COURSE

from scorm_builder.loader import load_course
from scorm_builder.report.run import ReportOptions, make_report
from scorm_builder.scoring import Answers, evaluate, round_half_up

MODEL = load_course(COURSE)


def expected(people: list[Any]) -> dict[str, Any]:
    """The root group computed the slow way: evaluate() per learner on the generator's truth."""
    ids = [s.id for _, _, s in MODEL.statements()]
    counted = [p for p in people if all(i in p.answers for i in ids)]
    results = [evaluate(MODEL.scoring, MODEL, Answers(p.answers, p.placement)) for p in counted]
    categories = {}
    for q in MODEL.questionnaires:
        for c in q.categories:
            mean = sum((r.categories[c.id].score for r in results), Fraction(0)) / len(results)
            counts = Counter(p.answers[s.id] for p in counted for s in c.statements)
            categories[c.id] = {
                "mean": round_half_up(mean, 2),
                "counts": [counts[v] for v in range(1, 6)],
            }
    placement = Counter(
        r.quadrant or "midline" for r in results if r.placement and None not in r.placement.values()
    )
    started = [p for p in people if p.furthest >= 0 or p.answers]
    return {
        "learners": len(counted),
        "categories": categories,
        "started": len(started),
        "completed": sum(p.completed for p in people),
        "placement": {
            pid: placement[pid]
            for pid in ("handlingslammet", "proaktiv", "brikke", "reaktiv", "midline")
        },
        "strengths": Counter(c for r in results for c in r.overall.strengths),
        "development_areas": Counter(c for r in results for c in r.overall.development_areas),
        "pages_reached": [sum(p.furthest >= n for p in started) for n in range(len(MODEL.pages))],
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    return generate(tmp_path_factory.mktemp("statements"), 400, seed=11)


def test_every_number_matches_the_course_scoring_of_each_learner(generated, tmp_path: Path) -> None:
    statements, groups, truth = generated
    assert (
        {p.form for p in truth.people} == {"xapi", "cmi5"} and truth.voided and truth.other_courses
    )
    result = make_report(
        ReportOptions([str(statements)], COURSE, tmp_path / "out", groups, min_group=5)
    )
    root = result.report["groups"][0]
    want = expected(truth.people)
    assert root["path"] == "" and root["learners"] == want["learners"] > 100
    assert root["categories"] == want["categories"]
    assert root["placement"] == want["placement"] and sum(want["placement"].values()) > 100
    assert root["strengths"] == {c: want["strengths"][c] for c in root["strengths"]}
    assert root["development_areas"] == {
        c: want["development_areas"][c] for c in root["development_areas"]
    }
    assert (root["started"], root["completed"]) == (want["started"], want["completed"])
    assert list(root["pages_reached"].values()) == want["pages_reached"]
    assert result.report["input"]["left_out"]["of other courses"] == truth.other_courses
    for group in result.report["groups"][
        1:
    ]:  # each shown group: the same computation over its members
        members = [
            p
            for p in truth.people
            if p.group and (p.group == group["path"] or p.group.startswith(group["path"] + "/"))
        ]
        mine = expected(members)
        assert (group["learners"], group["categories"]) == (mine["learners"], mine["categories"])
        # progress where it singles no one out (privacy rule 3), and then the same count
        assert group["started"] in (mine["started"], None)
    assert any(g["started"] is not None for g in result.report["groups"][1:])


def test_small_groups_are_hidden_everywhere_and_no_learner_is_named(
    generated, tmp_path: Path
) -> None:
    statements, groups, truth = generated
    out = tmp_path / "out"
    result = make_report(ReportOptions([str(statements)], COURSE, out, groups, min_group=8))
    shown = [g["path"] for g in result.report["groups"]]
    sizes = Counter(p.group for p in truth.people)
    assert "Ledelse" in sizes and "Ledelse" not in shown and result.report["hidden"] >= 1
    assert all(g["learners"] >= 8 for g in result.report["groups"])
    assert subtraction_safe(result.report["groups"], 8) == []
    text = every_output(out)
    assert "Ledelse" not in text
    for name in {p.group for p in truth.people if p.group} - set(shown):
        assert (
            f'"{name}"' not in text
            and f"\n{name}," not in text
            and f">{name.replace('/', ' / ')}<" not in text
        ), name
    for person in truth.people:
        assert person.id not in text and person.actor["name"] not in text
    assert "mailto:" not in text and "registration" not in text


def test_gzip_json_array_and_lines_give_the_same_report(generated, tmp_path: Path) -> None:
    statements, groups, _ = generated
    lines = statements.read_bytes()
    (tmp_path / "s.jsonl.gz").write_bytes(gzip.compress(lines))
    array = [json.loads(line) for line in lines.splitlines()]
    (tmp_path / "s.json").write_text(json.dumps(array, indent=2), encoding="utf-8")
    half = len(lines.splitlines()) // 2
    (tmp_path / "a.jsonl").write_bytes(b"\n".join(lines.splitlines()[:half]) + b"\n")
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(json.dumps(array[half:]).encode()))
    reports = [
        make_report(ReportOptions(src, COURSE, tmp_path / f"o{n}", groups)).report["groups"]
        for n, src in enumerate(
            [
                [str(statements)],
                [str(tmp_path / "s.jsonl.gz")],
                [str(tmp_path / "s.json")],
                [str(tmp_path / "b.json.gz"), str(tmp_path / "a.jsonl")],
            ]
        )
    ]
    assert reports[0] and all(r == reports[0] for r in reports)


def test_a_voided_answer_gives_way_to_the_one_before_wherever_the_voiding_statement_is(
    tmp_path: Path,
) -> None:
    statements, _, truth = generate(
        tmp_path, 60, seed=5, groups=[], complete_share=1.0, cmi5_share=0.5
    )
    rows = [json.loads(line) for line in statements.read_text(encoding="utf-8").splitlines()]
    voids = [r for r in rows if r["verb"]["id"].endswith("/voided")]
    assert voids, "the generator voids some answers"
    backwards = list(
        reversed(rows)
    )  # every voiding statement now comes before or after its target the other way
    (tmp_path / "reversed.jsonl").write_text(
        "\n".join(json.dumps(r) for r in backwards), encoding="utf-8"
    )
    a = make_report(ReportOptions([str(statements)], COURSE, tmp_path / "a", min_group=3)).report
    b = make_report(
        ReportOptions([str(tmp_path / "reversed.jsonl")], COURSE, tmp_path / "b", min_group=3)
    ).report
    want = expected(truth.people)
    assert a["groups"][0]["categories"] == b["groups"][0]["categories"] == want["categories"]
    assert a["input"]["left_out"]["voided"] == len(voids)


def test_the_command_line_writes_three_files_and_a_summary(generated, tmp_path: Path) -> None:
    statements, groups, _ = generated
    done = cli(
        "report",
        str(statements),
        "--course",
        str(COURSE),
        "--groups",
        str(groups),
        "--lang",
        "en",
        "--out",
        str(tmp_path / "out"),
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "report.csv",
        "report.html",
        "report.json",
    ]
    assert "read " in done.stderr and "of other courses" in done.stderr
    report = report_json(tmp_path / "out")
    assert report["lang"] == "en" and report["min_group"] == 5
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Whole organisation" in html
    csv_rows = (tmp_path / "out" / "report.csv").read_text(encoding="utf-8").splitlines()
    root_karriere = next(r for r in csv_rows if r.startswith(",") and ",category,karriere," in r)
    cat = report["groups"][0]["categories"]["karriere"]
    assert root_karriere.split(",")[4:10] == [str(cat["mean"]), *map(str, cat["counts"])]
