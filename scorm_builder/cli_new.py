"""The ``new`` command: start a course from a small example that already builds and validates."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

NEW_HELP = """Create a new course in DIR: three pages, a Likert self-assessment with its scoring rules, a
2x2 model, a reflection and a summary, in Norwegian (nb) and English (en).

Every file has comments that explain the format. The course builds for every standard as it is:
change the texts, add pages, and build again. DIR must be new or empty. The course id is made
from DIR's name unless you give --id. Change xapi.base_iri in course.yaml to an address your
organisation owns before you upload an xAPI or cmi5 package.

\b
Examples:
  scorm-builder new courses/feedback
  scorm-builder new my-course --id customer-service-basics
  scorm-builder build courses/feedback --lang all
"""


@click.command(help=NEW_HELP)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--id", "course_id", help="The course id (default: made from DIR's name).")
def new(directory: Path, course_id: str | None) -> None:
    from .newcourse import create

    files = create(directory, course_id)
    click.echo(f"created {len(files)} files in {directory}: {', '.join(files)}")
    click.echo(f"next: edit the files, then run  scorm-builder build {shlex.quote(str(directory))} --lang all")
