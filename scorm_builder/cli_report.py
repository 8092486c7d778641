"""The ``report`` command: the L&D team's anonymous group report from xAPI statements."""

from __future__ import annotations

import sys
from pathlib import Path

import click

REPORT_HELP = """Report a course's self-assessments per group, never per person, from xAPI statements.

SOURCE is a file of statements (.json array or .jsonl, gzipped or not) or an LRS's xAPI
endpoint (http(s)://.../xAPI/), read page by page; give as many as you like. Credentials for
an LRS come from --auth-file (user:password, or a bearer token) or $SCORM_BUILDER_LRS_AUTH,
never from the command line.

GROUPS.csv has the columns learner,group: the learner as statements name them (mailto:... for
an e-mail address, the account name for an LMS account), the group a path such as Salg/Oslo.
Learners without a row count in the whole organisation only.

Groups with fewer than --min-group learners are hidden, and so is any group that could be
worked out by subtracting the shown ones. Writes report.html, report.json and report.csv to
OUT, all or nothing. Bad lines and rows are named (file:line) and counted in a summary.

\b
Examples:
  scorm-builder report statements.jsonl.gz --course content/aktivt-medarbeiderskap --out report/
  scorm-builder report export.json --course content/aktivt-medarbeiderskap --groups groups.csv --lang en --out report/
  scorm-builder report https://lrs.example.org/xAPI/ --auth-file lrs.secret --since 2026-09-01T00:00:00Z \\
      --course content/aktivt-medarbeiderskap --groups groups.csv --min-group 7 --out report/
"""


@click.command("report", help=REPORT_HELP)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--course",
    "course_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The course folder (with course.yaml).",
)
@click.option(
    "--groups", type=click.Path(dir_okay=False, path_type=Path), help="GROUPS.csv: learner,group."
)
@click.option(
    "--min-group", default=5, show_default=True, type=int, help="Smallest group shown (3 or more)."
)
@click.option("--lang", help="Language of the page (nb, en, ...); default: the course's first.")
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder.",
)
@click.option(
    "--auth-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A file holding the LRS credentials: user:password or a bearer token.",
)
@click.option("--since", help="LRS only: statements stored after this time (ISO 8601).")
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=float,
    help="LRS only: seconds to wait for a page.",
)
def report(
    sources: tuple[str, ...],
    course_dir: Path,
    groups: Path | None,
    min_group: int,
    lang: str | None,
    out: Path,
    auth_file: Path | None,
    since: str | None,
    timeout: float,
) -> None:
    from .report.run import ReportOptions, make_report

    result = make_report(
        ReportOptions(
            list(sources), course_dir, out, groups, min_group, lang, auth_file, since, timeout
        )
    )
    for line in result.skips.lines:
        click.echo(f"skipped: {line}", err=True)
    if result.skips.more():
        click.echo(f"skipped: ... and {result.skips.more():,} more", err=True)
    shown = len(result.report["groups"])
    click.echo(result.skips.summary(), err=True)
    click.echo(
        f"{out}: report.html, report.json, report.csv ({shown} group{'s' if shown != 1 else ''} shown, "
        f"{result.report['hidden']} hidden)",
        file=sys.stdout,
    )
