"""Helpers for the report tests: generated statements of the seed course and the report command."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from support import COURSE, ROOT

from scorm_builder.loader import load_course
from scorm_builder.report.synthetic import Generator, Truth, group_paths, write_groups, write_jsonl


def generate(
    folder: Path,
    learners: int,
    seed: int = 3,
    groups: list[str] | None = None,
    course_dir: Path = COURSE,
    **options: Any,
) -> tuple[Path, Path, Truth]:
    """Write statements.jsonl and groups.csv for ``learners`` generated learners; return them and the truth."""
    course = load_course(course_dir)
    gen = Generator(course, seed=seed, **options)
    paths = groups if groups is not None else group_paths(random.Random(seed))
    statements, table = folder / "statements.jsonl", folder / "groups.csv"
    with open(statements, "wb") as out:
        write_jsonl(gen.people(learners, paths), out)
    write_groups(gen.truth.people, table)
    return statements, table, gen.truth


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``scorm-builder`` as a user would (this checkout first on the path)."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "scorm_builder", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
        cwd=ROOT,
    )


def report_json(out: Path) -> dict[str, Any]:
    """Return the report.json written into ``out``."""
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def every_output(out: Path) -> str:
    """Return the three output files' text joined (to search for what must never be in them)."""
    return "\n".join(
        (out / name).read_text(encoding="utf-8")
        for name in ("report.html", "report.json", "report.csv")
    )


def subtraction_safe(groups: list[dict[str, Any]], k: int) -> list[str]:
    """Return the sets of 1..k-1 learners a reader can work out from the groups as written.

    Each measure is taken where it is published: who counted (every shown group), who started, and
    the two sets the progress numbers make within a group (started but not counted, started but not
    completed). A set is the measure of a group itself (for the last two), or a group's less that
    of its nearest groups below that publish it.
    """
    measures: dict[str, Callable[[dict[str, Any]], int]] = {
        "learners": lambda g: g["learners"],
        "started": lambda g: g["started"],
        "not counted": lambda g: g["started"] - g["learners"],
        "not completed": lambda g: g["started"] - g["completed"],
    }
    bad = []
    for name, of in measures.items():
        published = [g for g in groups if name == "learners" or g["started"] is not None]
        for g in published:
            if name.startswith("not") and 0 < of(g) < k:
                bad.append(f"{g['path']!r} {name} {of(g)}")
            below = [c for c in published if c is not g and _under(c["path"], g["path"])]
            kids = [c for c in below if not any(_under(c["path"], m["path"]) for m in below)]
            rest = of(g) - sum(of(c) for c in kids)
            if 0 < rest < k:
                bad.append(f"{g['path']!r} {name} remainder {rest}")
    return bad


def _under(path: str, group: str) -> bool:
    return path != group and (group == "" or path.startswith(group + "/"))
