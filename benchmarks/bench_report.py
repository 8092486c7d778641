"""Print the time and peak memory of `scorm-builder report` beside DuckDB doing the same aggregation.

Generates the course's statements for N learners (default 20,000) once into a cache folder, then
times whole commands (Python start-up included): our report (all three files) and a DuckDB query
that reads the same JSON lines, keeps the latest answer per learner and statement (voided ones
dropped), joins GROUPS.csv and groups by group and category. Peak memory is each child's maximum
resident set size.

Run: make bench-report   (or: python benchmarks/bench_report.py [--learners N] [--repeat N])
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "content" / "aktivt-medarbeiderskap"
BASE = "https://courses.example.org/aktivt-medarbeiderskap"

DUCKDB = """
import sys, duckdb
statements, groups, BASE = sys.argv[1], sys.argv[2], sys.argv[3]
columns = {"id": "VARCHAR", "timestamp": "VARCHAR", "verb": "STRUCT(id VARCHAR)",
           "actor": "STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, account STRUCT(name VARCHAR))",
           "object": "STRUCT(id VARCHAR, objectType VARCHAR)", "result": "STRUCT(response VARCHAR)"}
duckdb.sql(f'''
CREATE TEMP TABLE s AS SELECT id, verb.id AS verb, object.id AS obj, object.objectType AS kind,
  result.response AS response, timestamp AS ts,
  coalesce(actor.mbox, actor.account.name, actor.mbox_sha1sum, actor.openid) AS learner
FROM read_json('{statements}', format='newline_delimited', columns={columns})''')
rows = duckdb.sql(f'''
WITH voided AS (SELECT obj AS id FROM s WHERE verb LIKE '%/voided' AND kind = 'StatementRef'),
answers AS (
  SELECT learner, regexp_extract(obj, '([^/]+)$', 1) AS statement, arg_max(response, ts) AS response
  FROM s WHERE verb = 'http://adlnet.gov/expapi/verbs/answered'
    AND (obj LIKE '{BASE}/likert/%' OR obj LIKE '{BASE}/au/test/%/question/%')
    AND obj NOT LIKE '%/placement/%' AND id NOT IN (SELECT id FROM voided)
  GROUP BY learner, statement),
complete AS (SELECT learner FROM answers GROUP BY learner HAVING count(*) = 21),
groups AS (SELECT * FROM read_csv('{groups}', header = true, columns = {{'learner': 'VARCHAR', 'grp': 'VARCHAR'}}))
SELECT coalesce(g.grp, '') AS grp, regexp_replace(a.statement, '-[0-9]+$', '') AS category,
       count(DISTINCT a.learner) AS learners, round(avg(a.response::INT), 2) AS mean,
       count(*) FILTER (a.response = '1') AS n1, count(*) FILTER (a.response = '5') AS n5
FROM answers a JOIN complete USING (learner) LEFT JOIN groups g USING (learner)
GROUP BY GROUPING SETS ((g.grp, category), (category))
''').fetchall()
print(len(rows), "rows")
"""


def generate(folder: Path, learners: int) -> tuple[Path, Path, int]:
    """Write (once) the statements and GROUPS.csv of ``learners`` generated learners into ``folder``."""
    from scorm_builder.loader import load_course
    from scorm_builder.report.synthetic import Generator, group_paths, write_groups, write_jsonl

    statements, groups = folder / f"statements-{learners}.jsonl", folder / f"groups-{learners}.csv"
    count_file = folder / f"statements-{learners}.count"
    if not count_file.exists():
        gen = Generator(load_course(COURSE), seed=2026)
        with open(statements, "wb") as out:
            write_jsonl(gen.people(learners, group_paths(random.Random(2026))), out)
        write_groups(gen.truth.people, groups)
        count_file.write_text(str(gen.truth.written), encoding="utf-8")
    return statements, groups, int(count_file.read_text(encoding="utf-8"))


def timed(command: list[str]) -> tuple[float, float, float]:
    """Run ``command``; return (wall seconds, peak resident memory in MB, CPU seconds: user + system)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"failed: {' '.join(command)}\n{proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--reads",
        action="store_true",
        help="also time DuckDB's bare read of the file with each column set (where the report's time goes)",
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "scorm-builder-bench-report"
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    statements, groups, count = generate(args.cache, args.learners)
    print(
        f"{args.learners:,} learners, {count:,} statements, {statements.stat().st_size / 1e6:,.0f} MB of JSON lines"
        f" (generated or reused in {time.perf_counter() - started:.1f} s: {statements})"
    )
    out = Path(tempfile.mkdtemp(prefix="bench-report-"))
    ours = [
        sys.executable,
        "-m",
        "scorm_builder",
        "report",
        str(statements),
        "--course",
        str(COURSE),
        "--groups",
        str(groups),
        "--out",
        str(out),
    ]
    theirs = [sys.executable, "-c", DUCKDB, str(statements), str(groups), BASE]
    commands = {"scorm-builder report": ours, "DuckDB (same aggregation)": theirs}
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(args.repeat):  # in turn, one of each per round: both see the machine's same minute
        for name, command in commands.items():
            runs[name].append(timed(command))
    print(f"{'':28}{'best of ' + str(args.repeat):>14}{'CPU median':>14}{'peak memory':>14}")
    for name, got in runs.items():
        best, cpu, peak = min(r[0] for r in got), statistics.median(r[2] for r in got), max(r[1] for r in got)
        print(f"{name:28}{best:>12.2f} s{cpu:>12.2f} s{peak:>11.0f} MB")
    ours, theirs = runs["scorm-builder report"], runs["DuckDB (same aggregation)"]
    # The wall ratio of each round (the two commands a minute apart) is steadier on a shared machine
    # than the ratio of two bests taken at different moments.
    wall = statistics.median(a[0] / b[0] for a, b in zip(ours, theirs, strict=True))
    cpu = statistics.median(a[2] for a in ours) / statistics.median(b[2] for b in theirs)
    print(
        f"ratio (report / DuckDB): {wall:.2f} wall clock (median of the rounds), {cpu:.2f} CPU time"
        f"   load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    if args.reads:
        print_reads(statements, args.repeat)


#: The reference query's columns (in DUCKDB above).
REFERENCE_COLUMNS = {
    "id": "VARCHAR",
    "timestamp": "VARCHAR",
    "verb": "STRUCT(id VARCHAR)",
    "actor": "STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, account STRUCT(name VARCHAR))",
    "object": "STRUCT(id VARCHAR, objectType VARCHAR)",
    "result": "STRUCT(response VARCHAR)",
}


def print_reads(statements: Path, repeat: int) -> None:
    """Time DuckDB reading the file into a table, in turn: no column, the reference's, the report's.

    In one process, with the report's settings (two threads, 200 MB). The report's first pass is its
    columns' read plus the check of every statement (``scorm_builder/report/duck.py``).
    """
    import duckdb

    from scorm_builder.report.duck import COLUMNS, MEMORY_LIMIT, THREADS

    context = {k: v for k, v in COLUMNS.items() if k != "context"}
    reads = {
        "parse only (count(*))": None,
        "the reference's columns": REFERENCE_COLUMNS,
        "the report's, without context": context,
        "the report's (JSON leaves, context)": COLUMNS,
    }
    con = duckdb.connect(
        config={"threads": THREADS, "memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False}
    )
    times: dict[str, list[float]] = {name: [] for name in reads}
    for _ in range(repeat):
        for name, columns in reads.items():
            shape = f", columns = {columns}" if columns else ""
            what = ", ".join(columns) if columns else "count(*)"
            source = f"read_json('{statements}', format = 'newline_delimited'{shape})"
            started = time.perf_counter()
            con.execute(f"CREATE TEMP TABLE z AS SELECT {what} FROM {source}")
            times[name].append(time.perf_counter() - started)
            con.execute("DROP TABLE z")
    print(f"DuckDB's read alone, in one process ({THREADS} threads, {MEMORY_LIMIT}), median of {repeat}:")
    for name, got in times.items():
        print(f"  {name:38}{statistics.median(got):>8.2f} s")


if __name__ == "__main__":
    main()
