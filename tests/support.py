"""Helpers shared by the tests: the course folders, builds, and zip readers."""

from __future__ import annotations

import hashlib
import shutil
import signal
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "content" / "aktivt-medarbeiderskap"
ROOTS = Path(__file__).resolve().parent / "roots"


def copy_course(dest: Path, source: Path = COURSE) -> Path:
    """Copy a course folder to ``dest`` (to break it without touching the real one) and return it."""
    shutil.copytree(source, dest)
    return dest


def report_overall(course: Path) -> Path:
    """Make a copied course report its overall score to the LMS (``overall.report: true``); return it."""
    path = course / "scoring.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\n  report: false\n" in text
    path.write_text(text.replace("\n  report: false\n", "\n  report: true\n", 1), encoding="utf-8")
    return course


def snapshot(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under ``folder`` (empty if it does not exist)."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def unzip(path: Path, dest: Path) -> Path:
    """Extract a package into ``dest`` and return ``dest``."""
    with zipfile.ZipFile(path) as archive:
        archive.extractall(dest)
    return dest


def manifest(path: Path) -> etree._Element:
    """Return the parsed ``imsmanifest.xml`` of a package zip."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def shared(*parts: str) -> Path:
    """Return a file or folder kept for tests only in ``shared/`` beside the repository.

    ``SCORM_BUILDER_SHARED`` names another ``shared/`` folder. What is there (the official cmi5 XSD, ADL's
    test manifests) ships in no package and is never copied into the project; a test that needs it
    fails loudly when it is missing.
    """
    import os

    import pytest

    path = Path(os.environ.get("SCORM_BUILDER_SHARED", ROOT.parent / "shared"), *parts)
    if not path.exists():
        pytest.fail(f"expected beside the repository: {path}", pytrace=False)
    return path


def official_cmi5_xsd() -> Path:
    """Return the official cmi5 CourseStructure.xsd (see :func:`shared`)."""
    return shared("schemas", "cmi5", "CourseStructure.xsd")


def run_node(driver: str, scripts: list[Path], batch: Any) -> Any:
    """Run ``driver`` (JavaScript reading one JSON batch on stdin) in node with ``scripts`` as its arguments."""
    import json
    import subprocess

    done = subprocess.run(
        ["/usr/bin/node", "-e", driver, *map(str, scripts)],
        input=json.dumps(batch),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def ctrl_c_as_in_a_terminal() -> None:
    """``preexec_fn`` for a child stopped by SIGINT: give it Ctrl-C's default action back.

    A test run started as a background job of a non-interactive shell has SIGINT ignored, and its
    children inherit that (Python then installs no KeyboardInterrupt handler): Ctrl-C would do nothing.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
