"""The ``translate`` commands: hand a course's texts to translators as XLIFF and bring their work back."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

TRANSLATE_HELP = """Translate a course with any translation tool (CAT tool) that reads XLIFF 1.2.

\b
  export  writes every text of the course (pages, questionnaires, scoring rules, course.yaml
          and the interface strings) as an XLIFF 1.2 file for the translator;
  import  writes the translations back into the course's YAML files, beside the other
          languages, and adds the language to course.yaml.

\b
Examples:
  scorm-builder translate export content/my-course --from nb --to sv --out my-course-sv.xlf
  scorm-builder translate import content/my-course my-course-sv.xlf
  scorm-builder build content/my-course --lang sv
"""

EXPORT_HELP = """Write every text of the course in COURSE_DIR as an XLIFF 1.2 file to translate.

One unit per text, with an id that stays the same from export to export (made from the content's
ids, e.g. hva-kan-du.label), a note saying where the text stands (file:line field), and the
translation as target where the course already has one. Interface strings (buttons, messages)
are included, with their {placeholders}.

\b
Examples:
  scorm-builder translate export content/my-course --to sv
  scorm-builder translate export content/my-course --from nb --to pl --out my-course-pl.xlf
"""

IMPORT_HELP = """Write the translations in XLIFF_FILE into the course in COURSE_DIR.

Checks the whole file first (form, language pair, unit ids, placeholders) and writes nothing if
anything is wrong. Then adds each translation beside the other languages of its text, keeping the
files' comments, order and quoting, writes interface strings into the course's ui.yaml, and adds
the language to course.yaml. Units without a translation, and units whose source text changed
since the export (stale), are listed and left out.

\b
Examples:
  scorm-builder translate import content/my-course my-course-sv.xlf
  scorm-builder translate import content/my-course my-course-sv.xlf --dry-run
"""


@click.group(help=TRANSLATE_HELP)
def translate() -> None:
    """The ``translate`` command group."""


@translate.command("export", help=EXPORT_HELP)
@click.argument("course_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "source", help="Language to translate from (default: the course's first language).")
@click.option("--to", "target", required=True, help="Language to translate into: sv, pl, en-GB, ...")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="XLIFF file to write (default: <course folder>-<to>.xlf in the working folder).")
def export(course_dir: Path, source: str | None, target: str, out: Path | None) -> None:
    from .translate import export_xliff

    data, units = export_xliff(course_dir, source, target)
    out = out or Path(f"{course_dir.resolve().name}-{target}.xlf")
    _write_atomically(out, data)
    done = sum(1 for unit in units if unit.target)
    click.echo(f"{out}: {len(units)} units to translate into {target}, {done} already translated")


@translate.command("import", help=IMPORT_HELP)
@click.argument("course_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("xliff_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report, but write nothing.")
def import_(course_dir: Path, xliff_file: Path, dry_run: bool) -> None:
    from .translate import import_file

    for line in import_file(course_dir, xliff_file, dry_run).lines():
        click.echo(line)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
