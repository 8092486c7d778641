"""Statement files read by DuckDB: the answers :class:`.extract.Collector` finds, in about half the time.

DuckDB parses JSON lines in two threads and aggregates in C++, but it names no line. So it reads only
files in which every statement is one the Collector takes or leaves out without a word: JSON lines
(gzip too) whose every field the report reads is a string or null, every statement with a verb and
an object, every answer on its scale with the runtime's own timestamp form, never two different
answers at the same latest moment. If any statement is not like that, or DuckDB cannot parse a line,
:func:`read_clean` returns None and the caller reads the files again with the Collector, which names
each bad line. The rules below follow ``extract.py`` step for step; ``tests/test_report_engines.py``
holds the two readers to the same report.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .course import ROOT, CourseKeys
from .extract import DONE, VOIDED, Collector, Learner, Target
from .sources import open_bytes

#: DuckDB's memory ceiling: the report stays under 300 MB with Python, the course and the output.
MEMORY_LIMIT = "200MB"
#: DuckDB's threads: each reads its own block of the file, and more than two do not fit the ceiling
#: (four ran out of memory on the 1.1 GB benchmark file).
THREADS = 2

#: The statement fields the report reads; every leaf as JSON, so that a number is told from a string.
COLUMNS = {
    "id": "JSON",
    "actor": "STRUCT(mbox JSON, mbox_sha1sum JSON, openid JSON, account STRUCT(name JSON))",
    "verb": "STRUCT(id JSON)",
    "object": "STRUCT(id JSON, objectType JSON)",
    "result": "STRUCT(response JSON)",
    # An LRS returns every context activity as an array (xAPI Data 2.4.6.2); one alone fails the parse.
    # Its ids as text (half the cost of JSON text here): an IRI never starts as a number, an object or
    # an array does, nor is it true or false: all a text column could make of what is not a string.
    "context": "STRUCT(contextActivities STRUCT(grouping STRUCT(id VARCHAR)[]))",
    "timestamp": "JSON",
    "stored": "JSON",
}
LEAVES = (
    "id",
    "actor.mbox",
    "actor.mbox_sha1sum",
    "actor.openid",
    "actor.account.name",
    "verb.id",
    "object.id",
    "object.objectType",
    "result.response",
    "timestamp",
    "stored",
)
#: What a JSON number, object or array read into a text column starts with (an IRI never does).
NOT_FIRST = tuple("-0123456789{[")
#: The runtime's timestamp form (``2026-09-01T08:00:00.000Z``): any other goes to the Collector.
STAMP = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"
#: Kinds of row after the first pass.
BAD, SKIP, OTHER, VOID, ANSWER, EVENT = range(6)

# One row per statement, classified as extract.Collector.feed would take it. $1: the files,
# $2: the AU's id (cmi5). Table t: the course's objects; table l: the same by the part after a
# cmi5 launch id (``CourseKeys.launched``), '' the AU itself.
CLASSIFY = """
CREATE TEMP TABLE r AS
WITH x AS (
  SELECT {filename_column}
    {typed} AS typed,
    id->>'$' AS sid, verb.id->>'$' AS verb, object.id->>'$' AS obj,
    object.objectType->>'$' AS otype,
    coalesce(nullif(actor.mbox->>'$', ''), nullif(actor.account.name->>'$', ''),
             nullif(actor.mbox_sha1sum->>'$', ''), nullif(actor.openid->>'$', '')) AS who,
    result.response->>'$' AS response,
    coalesce(nullif(timestamp->>'$', ''), nullif(stored->>'$', ''), '') AS stamp,
    context.contextActivities.grouping AS grouping
  FROM read_json($1, format = 'newline_delimited', compression = '{compression}',
                 columns = {columns}{filename})
),
a AS (
  SELECT x.*, t.wanted, t.answer, t.key, t.low, t.high, t.obj IS NOT NULL AS known,
    -- only an object the course does not name has its context read (xAPI 2.4.6.2 shapes)
    CASE WHEN t.obj IS NULL AND grouping IS NOT NULL THEN
      coalesce(list_bool_and(list_transform(grouping, lambda g:
        g IS NOT NULL AND (g.id IS NULL OR (left(g.id, 1) NOT IN {NOT_FIRST} AND g.id NOT IN ('true', 'false')))
      )), true)
    END AS shaped
  FROM x LEFT JOIN t ON x.obj = t.obj
),
b AS (
  -- cmi5 under an LMS's own activity id: the AU's id in the grouping, the part after the launch id
  -- (its last /test/, else its last /pages/, never at the start) names the question or page; none: the AU
  SELECT a.*, CASE WHEN shaped AND list_contains(list_transform(grouping, lambda g: g.id), $2) THEN
      CASE WHEN regexp_matches(obj, '(?s)^.+/test/') THEN regexp_extract(obj, '(?s)^.+(/test/.*)$', 1)
           WHEN regexp_matches(obj, '(?s)^.+/pages/') THEN regexp_extract(obj, '(?s)^.+(/pages/.*)$', 1)
           ELSE '' END
    END AS launch
  FROM a
),
j AS (
  SELECT b.* EXCLUDE (wanted, answer, key, low, high),
    coalesce(b.wanted, l.wanted) AS wanted, coalesce(b.answer, l.answer) AS answer,
    coalesce(b.key, l.key) AS key, coalesce(b.low, l.low) AS low, coalesce(b.high, l.high) AS high,
    TRY_CAST(b.response AS INTEGER) AS value
  FROM b LEFT JOIN l ON b.launch = l.suffix
),
k AS (
SELECT {src}who, key, sid, stamp, value, obj, CASE
    WHEN NOT typed OR coalesce(verb, '') = '' OR coalesce(obj, '') = '' THEN {BAD}
    WHEN verb = '{VOIDED}' THEN CASE WHEN otype = 'StatementRef' THEN {VOID} ELSE {SKIP} END
    WHEN NOT known AND NOT shaped THEN {BAD}
    WHEN wanted IS NULL THEN CASE WHEN {ours} THEN {SKIP} ELSE {OTHER} END
    WHEN verb <> wanted THEN {SKIP}
    WHEN who IS NULL THEN {BAD}
    WHEN NOT answer THEN {EVENT}
    WHEN value IS NULL OR value NOT BETWEEN low AND high OR CAST(value AS VARCHAR) <> response
      THEN {BAD}
    WHEN stamp <> '' AND NOT regexp_full_match(stamp, '{STAMP}') THEN {BAD}
    ELSE {ANSWER}
  END AS kind
FROM j
)
SELECT {src}kind::UTINYINT AS kind,
  CASE WHEN kind IN ({ANSWER}, {EVENT}) THEN who END AS who,
  CASE WHEN kind IN ({ANSWER}, {EVENT}) THEN key END::SMALLINT AS key,
  CASE WHEN kind IN ({ANSWER}, {EVENT}) THEN sid END AS sid,
  -- the moment as the number its digits make: in the runtime's one form, number order is text order
  CASE WHEN kind = {ANSWER} THEN
    CASE WHEN stamp = '' THEN 0 ELSE translate(stamp, '-T:.Z', '')::BIGINT + 1 END
  END AS moment,
  CASE WHEN kind = {ANSWER} THEN value END::TINYINT AS value,
  CASE WHEN kind = {VOID} THEN obj END AS target
FROM k
"""

# What was read: per file, the statements and each kind.
COUNTS = "SELECT {src}kind, count(*) FROM r GROUP BY ALL"

# Voided rows the Collector counts (answers and events, each time they appear).
VOIDED_COUNT = f"""
SELECT count(*) FROM r SEMI JOIN (SELECT target FROM r WHERE kind = {VOID}) v ON r.sid = v.target
WHERE r.kind IN ({ANSWER}, {EVENT})
"""

# Each learner's latest remaining answers, furthest page and completion. `hi` and `lo` are the
# highest and lowest answer at the latest moment: when they differ the Collector decides by the order
# read, which DuckDB does not keep, so the caller falls back to it.
LEARNERS = f"""
WITH gone AS (SELECT DISTINCT target FROM r WHERE kind = {VOID}),
latest AS (
  -- a value is 0 to 10: (moment, value) and (moment, 15 - value) each fit one number
  SELECT who, key, max(moment * 16 + value) % 16 AS hi, 15 - max(moment * 16 + 15 - value) % 16 AS lo
  FROM r ANTI JOIN gone ON r.sid = gone.target WHERE kind = {ANSWER} GROUP BY who, key
),
answers AS (
  -- two characters per answer, the key's and the value's code point less 48 (cheaper to hand over
  -- than two lists; a scale's points are 0 to 10)
  SELECT who, string_agg(chr(key + 48) || chr((hi + 48)::INTEGER), '' ORDER BY key) AS pairs,
         count(*) FILTER (WHERE lo <> hi) AS ties
  FROM latest GROUP BY who
),
events AS (
  SELECT who, max(key) AS furthest, bool_or(key = {DONE}) AS completed
  FROM r ANTI JOIN gone ON r.sid = gone.target WHERE kind = {EVENT} GROUP BY who
)
SELECT who, coalesce(pairs, ''), coalesce(ties, 0), coalesce(furthest, {DONE}), coalesce(completed, false)
FROM answers FULL JOIN events USING (who)
"""


@dataclass
class Clean:
    """What DuckDB read: every learner, statements per file, and what the Collector would leave out."""

    learners: list[tuple[str, Learner]]
    read: Counter[str]
    ignored: Counter[str]


def read_clean(paths: list[Path], keys: CourseKeys, collector: Collector) -> Clean | None:
    """Read JSON-lines files with DuckDB; return None where the Collector must read them instead.

    None when DuckDB is not installed, a file is a JSON array or does not parse, or any statement is
    one the Collector would name as a problem or decide by the order read.
    """
    try:
        import duckdb
    except ImportError:
        return None
    compression = _compression(paths)
    if compression is None:
        return None
    with tempfile.TemporaryDirectory(prefix="scorm-builder-duckdb-") as spill:
        con = duckdb.connect(
            config={
                "memory_limit": MEMORY_LIMIT,
                "threads": min(os.cpu_count() or 1, THREADS),
                "preserve_insertion_order": False,
                "temp_directory": spill,
            }
        )
        try:
            return _run(con, [str(p) for p in paths], compression, keys, collector)
        except (
            duckdb.InvalidInputException,  # a line that is not JSON, or not the shape read
            duckdb.ConversionException,
            duckdb.IOException,  # a damaged gzip stream
            duckdb.OutOfMemoryException,  # more than the memory cap allows
        ):
            return None
        finally:
            con.close()


def _compression(paths: list[Path]) -> str | None:
    """Return 'gzip' or 'none' when every file is JSON lines in that form, else None."""
    kinds = set()
    for path in paths:
        try:
            with open_bytes(path) as stream:
                head = stream.read(4096).lstrip()[:1]
                gzipped = isinstance(stream, gzip.GzipFile)
        except (OSError, EOFError):
            return None
        if head != b"{":
            return None
        kinds.add("gzip" if gzipped else "none")
    return kinds.pop() if len(kinds) == 1 else None


#: A code point less 48, byte for byte (the offset LEARNERS adds to keep key 0 out of NUL).
_LESS_48 = bytes((b - 48) % 256 for b in range(256))


def _narrow_codes(pairs: str) -> bytes:
    """Return the numbers of ``pairs`` when every code point is below 256 (twice as fast)."""
    return pairs.encode("latin-1").translate(_LESS_48)


def _codes(pairs: str) -> list[int]:
    return [ord(c) - 48 for c in pairs]


def _row(
    target: Target, obj: str | None
) -> tuple[str | None, str, bool, int, int | None, int | None]:
    """Return a row of table t: the object, the verb that counts, whether an answer, key, scale."""
    wanted, where = target
    if isinstance(where, int):
        return (obj, wanted, False, where, None, None)
    key, scale, _ = where
    return (obj, wanted, True, key, min(scale.values()), max(scale.values()))


def _run(
    con: Any, files: list[str], compression: str, keys: CourseKeys, collector: Collector
) -> Clean | None:
    con.execute(
        "CREATE TEMP TABLE t (obj VARCHAR, wanted VARCHAR, answer BOOLEAN, key INTEGER,"
        " low INTEGER, high INTEGER)"
    )
    rows = [_row(target, obj) for obj, target in collector.targets.items()]
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute("CREATE TEMP TABLE l AS SELECT obj AS suffix, * EXCLUDE (obj) FROM t LIMIT 0")
    launched = [("", *_row(collector.target((ROOT, 1)), None)[1:])]
    launched += [
        (suffix, *_row(collector.target(hit), None)[1:]) for suffix, hit in keys.launched.items()
    ]
    con.executemany("INSERT INTO l VALUES (?, ?, ?, ?, ?, ?)", launched)
    base = keys.base.replace("'", "''")
    ours = f"(obj = '{base}' OR starts_with(obj, '{base}/'))"
    typed = " AND ".join(f"({leaf} IS NULL OR left({leaf}::VARCHAR, 1) = '\"')" for leaf in LEAVES)
    one = len(files) == 1  # DuckDB's filename column costs a tenth of the time: only for several
    sql = CLASSIFY.format(
        src="" if one else "src, ",
        filename_column="" if one else "filename AS src,",
        filename="" if one else ", filename = true",
        typed=typed,
        compression=compression,
        columns=COLUMNS,
        ours=ours,
        VOIDED=VOIDED,
        BAD=BAD,
        SKIP=SKIP,
        OTHER=OTHER,
        VOID=VOID,
        ANSWER=ANSWER,
        EVENT=EVENT,
        STAMP=STAMP,
        NOT_FIRST=NOT_FIRST,
    )
    con.execute(sql, [files, collector.au])
    read: Counter[str] = Counter()
    kinds: Counter[int] = Counter()
    for *src, kind, count in con.execute(COUNTS.format(src="" if one else "src, ")).fetchall():
        read[src[0] if src else files[0]] += count
        kinds[kind] += count
    if kinds[BAD]:
        return None
    learners = []
    # every answer key and value fits one byte after the offset of 48: decode the pairs as bytes
    narrow = max((row[3] for row in rows + launched), default=0) + 48 < 256
    codes: Callable[[str], Sequence[int]] = _narrow_codes if narrow else _codes
    for who, pairs, ties, furthest, completed in con.execute(LEARNERS).fetchall():
        if ties:
            return None
        numbers = codes(pairs)
        answers = dict(zip(numbers[::2], numbers[1::2], strict=True))
        if answers or furthest >= 0 or completed:
            learners.append((who, Learner(answers, furthest, completed)))
    ignored: Counter[str] = Counter()
    if kinds[OTHER]:
        ignored["of other courses"] += kinds[OTHER]
    if kinds[VOID]:
        ignored["voided"] += con.execute(VOIDED_COUNT).fetchone()[0]
    return Clean(learners, read, ignored)
