"""The report's privacy rules, proven over random group trees: minimum group size and no subtraction,
both on the rule itself and on the files written for generated learners in random groups."""

from __future__ import annotations

import functools
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_support import every_output, generate, subtraction_safe
from support import COURSE

from scorm_builder.report.privacy import FLOOR, progress_shown, shown_groups
from scorm_builder.report.run import ReportOptions, make_report

NAMES = st.sampled_from(["Salg", "Drift", "IT", "Oslo", "Bergen", "A", "B", "C"])
PATHS = st.lists(
    st.lists(NAMES, min_size=1, max_size=4).map("/".join), min_size=0, max_size=14, unique=True
)


def lineage(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: n + 1]) for n in range(len(parts))]


@st.composite
def trees(
    draw: st.DrawFn,
) -> tuple[set[str], dict[str, tuple[int, int]], int, dict[str, tuple[int, int]]]:
    """A group tree, the (counted, started-only) learners placed directly in each group, and k."""
    leaves = draw(PATHS)
    paths = {a for p in leaves for a in lineage(p)}
    sizes = st.tuples(st.integers(0, 12), st.integers(0, 6))
    direct = {p: draw(sizes) for p in ["", *sorted(paths)]}
    k = draw(st.integers(FLOOR, 8))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path, (counted, started_only) in direct.items():
        for group in ["", *lineage(path)] if path else [""]:
            totals[group][0] += counted
            totals[group][1] += counted + started_only
    return paths, {p: (t[0], t[1]) for p, t in totals.items()}, k, direct


def parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


@settings(max_examples=400, deadline=None)
@given(trees())
def test_no_small_group_and_no_subtraction(tree) -> None:
    paths, sizes, k, _ = tree
    shown = shown_groups(paths, sizes, k)
    assert len(shown) == len(set(shown)) and set(shown) <= paths | {""}
    for group in shown:
        assert sizes[group][0] >= k, f"{group!r} has {sizes[group][0]} < {k} learners"
        if group:
            assert parent(group) in shown, f"{group!r} is shown under a hidden group"
        kids = [c for c in shown if c and parent(c) == group]
        for population in (0, 1):
            rest = sizes[group][population] - sum(sizes[c][population] for c in kids)
            assert rest == 0 or rest >= k, f"{rest} learners can be worked out under {group!r}"


@settings(max_examples=200, deadline=None)
@given(trees())
def test_at_most_one_group_large_enough_is_hidden_per_level(tree) -> None:
    paths, sizes, k, _ = tree
    shown = set(shown_groups(paths, sizes, k))
    for group in shown:
        big = [c for c in paths if parent(c) == group and sizes.get(c, (0, 0))[0] >= k]
        hidden = [c for c in big if c not in shown]
        assert len(hidden) <= 1, (group, hidden)
        if hidden:  # it was hidden because showing it would have left a remainder of 1..k-1
            kids = [c for c in big if c in shown] + hidden
            rests = [sizes[group][n] - sum(sizes[c][n] for c in kids) for n in (0, 1)]
            assert any(0 < r < k for r in rests), (group, hidden, rests)


def test_a_lone_member_beside_a_team_hides_the_team() -> None:
    sizes = {"": (11, 11), "Salg": (6, 6), "Salg/Oslo": (5, 5), "Drift": (5, 5)}
    # Salg minus Salg/Oslo would be one person: Salg/Oslo is hidden, Salg and Drift are shown.
    assert shown_groups(["Salg", "Salg/Oslo", "Drift"], sizes, 5) == ["", "Drift", "Salg"]
    # Whole organisation minus the two departments is 0: both are shown.
    assert shown_groups(["Salg", "Drift"], {"": (11, 11), "Salg": (6, 6), "Drift": (5, 5)}, 5) == [
        "",
        "Drift",
        "Salg",
    ]
    # Two people outside any department: the smaller department is hidden with them.
    assert shown_groups(["Salg", "Drift"], {"": (13, 13), "Salg": (6, 6), "Drift": (5, 5)}, 5) == [
        "",
        "Salg",
    ]


def test_people_who_only_started_are_protected_too() -> None:
    # Counted learners subtract to 0, but 2 who started without completing could be singled out.
    sizes = {"": (10, 12), "A": (5, 5), "B": (5, 5)}
    assert shown_groups(["A", "B"], sizes, 5) == ["", "B"]


def test_too_few_learners_shows_nothing_and_k_below_three_is_refused() -> None:
    assert shown_groups(["A"], {"": (4, 9), "A": (4, 4)}, 5) == []
    with pytest.raises(ValueError, match="at least 3"):
        shown_groups([], {"": (100, 100)}, 2)


KIND = st.tuples(*[st.integers(0, 7)] * 4)


@settings(max_examples=400, deadline=None)
@given(PATHS.flatmap(lambda leaves: st.tuples(st.just(leaves), st.integers(FLOOR, 6), st.data())))
def test_progress_is_published_only_where_no_kind_of_learner_is_singled_out(drawn) -> None:
    leaves, k, data = drawn
    paths = sorted({a for p in leaves for a in lineage(p)})
    direct = {p: data.draw(KIND) for p in ["", *paths]}
    kinds = {g: tuple(sum(direct[p][n] for p in direct if p == g or g == "" or p.startswith(g + "/"))
                      for n in range(4)) for g in ["", *paths]}
    shown = data.draw(st.sets(st.sampled_from(paths))) if paths else set()
    shown = {"", *(p for p in shown if all(a in shown for a in lineage(p)[:-1]))}
    published = progress_shown(shown, kinds, k)
    assert published <= shown
    for group in published:
        assert all(n == 0 or n >= k for n in kinds[group]), (group, kinds[group])
        below = [p for p in published if p != group and (group == "" or p.startswith(group + "/"))]
        nearest = [p for p in below if not any(p.startswith(m + "/") for m in below)]
        for n in range(4):
            rest = kinds[group][n] - sum(kinds[p][n] for p in nearest)
            assert rest == 0 or rest >= k, f"{rest} learners of kind {n} can be worked out under {group!r}"


def test_one_learner_who_did_not_finish_hides_the_groups_progress_not_its_answers() -> None:
    # Drift: 5 counted and completed, Ola started and stopped early (the README's own example).
    kinds = {"": (10, 0, 0, 1), "Drift": (5, 0, 0, 1), "Salg": (5, 0, 0, 0)}
    assert progress_shown({"", "Drift", "Salg"}, kinds, 5) == {"Salg"}
    # Two such people in Drift and three in Salg: neither department alone, the whole, 5, may be shown.
    kinds = {"": (10, 0, 0, 5), "Drift": (5, 0, 0, 2), "Salg": (5, 0, 0, 3)}
    assert progress_shown({"", "Drift", "Salg"}, kinds, 5) == {""}
    # One person outside both departments did not finish: the whole less the two would be that
    # person, so the smaller department's progress is left out (the rest is then 5 and 6).
    kinds = {"": (11, 0, 0, 6), "Drift": (5, 0, 0, 5), "Salg": (6, 0, 0, 0)}
    assert progress_shown({"", "Drift", "Salg"}, kinds, 5) == {"", "Salg"}


@functools.cache
def population() -> tuple[Path, list[str], list[int]]:
    """Statements of 90 generated learners (no groups yet), their ids, and who completed the assessments."""
    folder = Path(tempfile.mkdtemp(prefix="report-privacy-"))
    statements, _, truth = generate(folder, 90, seed=13, groups=[], complete_share=0.8)
    return (
        statements,
        [p.id for p in truth.people],
        [n for n, p in enumerate(truth.people) if len(p.answers) == 21],
    )


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Salg", "Salg/Oslo", "Salg/Oslo/Team 1", "Salg/Bergen", "Drift", "Drift/Nord", "IT"]
        ),
        min_size=90,
        max_size=90,
    ),
    st.integers(FLOOR, 9),
    st.lists(st.integers(0, 89), max_size=30),
)
def test_the_written_report_keeps_both_rules(
    groups: list[str], k: int, ungrouped: list[int]
) -> None:
    statements, ids, _ = population()
    folder = Path(tempfile.mkdtemp(prefix="report-privacy-run-"))
    try:
        table = folder / "groups.csv"
        table.write_text(
            "learner,group\n"
            + "".join(
                f"{who},{g}\n" for n, (who, g) in enumerate(zip(ids, groups, strict=True)) if n not in ungrouped
            ),
            encoding="utf-8",
        )
        out = folder / "out"
        report = make_report(
            ReportOptions([str(statements)], COURSE, out, table, min_group=k)
        ).report
        shown = {g["path"] for g in report["groups"]}
        assert all(g["learners"] >= k for g in report["groups"])
        assert subtraction_safe(report["groups"], k) == []
        text = every_output(out)
        for path in set(groups) - shown:
            assert (
                f'"{path}"' not in text
                and f"\n{path}," not in text
                and f">{path.replace('/', ' / ')}<" not in text
            )
        assert not any(who in text for who in ids)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
