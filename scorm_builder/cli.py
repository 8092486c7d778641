"""The ``scorm-builder`` command line: each command parses its options and calls one function."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from .cli_inspect import XSD_HELP, preview, validate
from .cli_new import new
from .cli_report import report
from .cli_translate import translate
from .errors import ScormBuilderError

#: The registered standards (kept literal so --help needs no import of lxml; a test keeps them equal).
STANDARD_NAMES = ["scorm12", "scorm2004-3", "scorm2004-4", "xapi", "cmi5"]

BUILD_HELP = """Build the course in COURSE_DIR into one zip per standard and language.

COURSE_DIR is a folder with a course.yaml (default: ./content/aktivt-medarbeiderskap, or the
course bundled with scorm-builder). Each package is named
<course-id>-<version>-<standard>-<lang>.zip and its manifest is validated against the
official XSDs before it is written. If anything is wrong, nothing is written to OUT and every
mistake is reported as file:line: field: message.

\b
Examples:
  scorm-builder build
  scorm-builder build content/aktivt-medarbeiderskap --standard scorm12 --lang nb
  scorm-builder build my-course --standard all --lang all --out /tmp/packages
"""

LMS_LIMIT_HELP = (
    "The target LMS's real cmi.suspend_data limit in characters, for SCORM packages. The standards' "
    "limits (4096 in SCORM 1.2, 64000 in 2004) are smallest permitted maximums; some LMSs store more "
    "(Moodle has a setting that lifts the SCORM 1.2 limits). The reflection fields then share the "
    "room the LMS really has. Use only what the LMS is known to accept."
)

SCHEMA_HELP = """Print the JSON Schema of the content format (course.yaml, page and questionnaire files).

Point your editor's YAML support at it to get completion and checks while you write.

\b
Example:
  scorm-builder schema > schemas/course.schema.json
"""

SCORE_HELP = """Score ANSWERS.json against the course's scoring rules (scoring.yaml) and print the result as JSON.

ANSWERS.json is {"answers": {"<statement id>": 1-5 or null, ...}, "placement": {"x": 1-5, "y": 1-5}}.
The same rules run in the learner's browser. With --template, print an ANSWERS.json to fill in
(every statement id with a null answer, and each statement's category and text) instead.

\b
Examples:
  scorm-builder score --template > answers.json
  scorm-builder score content/aktivt-medarbeiderskap answers.json
"""

def default_course() -> Path:
    """Return the default course folder."""
    from .paths import default_course_dir

    base = default_course_dir()
    return base / "aktivt-medarbeiderskap" if not (base / "course.yaml").is_file() else base


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: what a build creates lives until it ends, so walking it is lost time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scorm-builder")
def main() -> None:
    """Turn a course written as YAML content files into e-learning packages an LMS imports.

    \b
    Start with:
      scorm-builder build          build the default course into dist/
      scorm-builder build --help   options and examples
    """


@main.command(help=BUILD_HELP)
@click.argument("course_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--standard", "-s", "standards", multiple=True, default=["all"], show_default=True,
              type=click.Choice([*STANDARD_NAMES, "all"]), help="Standard to package for; repeat for several.")
@click.option("--lang", "-l", "langs", multiple=True, default=["nb"], show_default=True,
              help="Language to build (nb, en, ... or all); repeat for several.")
@click.option("--out", "-o", default=Path("dist"), show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder.")
@click.option("--xsd-source", envvar="SCORM_BUILDER_XSD_SOURCE", help=XSD_HELP)
@click.option("--lms-suspend-data", "suspend_data", type=click.IntRange(1000, 10_000_000), metavar="CHARS",
              help=LMS_LIMIT_HELP)
def build(course_dir: Path | None, standards: tuple[str, ...], langs: tuple[str, ...], out: Path,
          xsd_source: str | None, suspend_data: int | None) -> None:
    with _no_cycle_collection():
        from .build import build as run_build
        from .loader import load_course

        folder = course_dir or default_course()
        course = load_course(folder)
        for note in course.notes:
            click.echo(f"note: {note}", err=True)
        results = run_build(folder, list(standards), list(langs), out, xsd_source, suspend_data, course)
    for result in results:
        plan = result.state
        state = f"resume state <= {plan.worst_case:,} of {plan.limit:,} chars"
        if plan.reflections:
            state += f", text fields share {plan.text_budget:,} (about {plan.prose:,} characters of prose)"
        click.echo(f"{result.path}  {result.size:,} bytes  {result.files} files  manifest valid  {state}")


@main.command(help=SCORE_HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--template", is_flag=True, help="Print an ANSWERS.json to fill in.")
def score(paths: tuple[Path, ...], template: bool) -> None:
    from .loader import load_course
    from .scoring import answers_template, score_file

    if len(paths) > (1 if template else 2) or (not template and not paths):
        raise click.UsageError("usage: score [COURSE_DIR] ANSWERS.json, or score --template [COURSE_DIR]")
    if template:
        result = answers_template(load_course(paths[0] if paths else default_course()))
    else:
        course_dir, answers = (default_course(), paths[0]) if len(paths) == 1 else paths
        result = score_file(course_dir, answers)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@main.command(help=SCHEMA_HELP)
def schema() -> None:
    from .schema import course_schema

    click.echo(json.dumps(course_schema(), indent=2, ensure_ascii=False))


def run() -> None:
    """Run the CLI, turning a ScormBuilderError into its message and exit code 1.

    The process ends when this returns. Everything it made is frozen out of the cycle collector's
    reach first: the interpreter's last collections at exit would otherwise walk every object the
    command and its imports created (some 60 ms after a build, a tenth of it) only to free memory
    the process is about to give back anyway. Files and folders are closed and removed before.
    """
    try:
        main.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ScormBuilderError as exc:
        for line in str(exc).splitlines() or [""]:
            click.echo(f"error: {line}", err=True)
        sys.exit(1)
    finally:
        gc.freeze()


main.add_command(validate)
main.add_command(preview)
main.add_command(new)
main.add_command(translate)
main.add_command(report)
