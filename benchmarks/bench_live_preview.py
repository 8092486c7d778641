"""Print how soon the live preview shows a save: rebuild time, and save-to-page time in Chromium.

Run: python benchmarks/bench_live_preview.py [--rounds N]   (needs `make test`'s set-up: Debian's chromium)

On a copy of the seed course, ``scorm-builder preview COURSE_DIR``'s server (in this process) is opened
in headless Chromium at the course's third page. Each round saves a new page title and measures the
wall time until the SCO frame shows it on the same page (watcher poll + quiet time + build + reload),
then saves an unknown field and measures until the page shows the error, then fixes it. The rebuild
alone is timed by calling it directly.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers live beside the tests

from browser import launch_chromium  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from scorm_builder.preview.live import start_course  # noqa: E402

PAGE = Path("pages/03-selvbevissthet-og-omstilling.yaml")
FIRST = "Aktivt medarbeiderskap – hva, hvordan og hvorfor?"
TITLE = "Hva er de viktigste kompetansekravene i et arbeidsliv i endring?"
HEADING = """title => { const f = document.querySelector('#stage iframe'), d = f && f.contentDocument;
                        const h = d && d.querySelector('section.page:not([hidden]) h1');
                        return h && h.textContent.trim() === title; }"""


def save(path: Path, old: str, new: str) -> float:
    """Replace ``old`` with ``new`` in ``path`` as an editor saves; return the time of the save."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return time.monotonic()


def until(page: Page, script: str, arg: object, since: float) -> float:
    """Wait (polling in the page) until ``script`` holds; return the ms since ``since``."""
    page.wait_for_function(script, arg=arg, timeout=60000, polling=20)
    return (time.monotonic() - since) * 1000


def rounds(page: Page, course: Path, count: int) -> tuple[list[float], list[float]]:
    """Return save-to-new-title and save-to-error times (ms) over ``count`` rounds."""
    shown, errors, title = [], [], TITLE
    for n in range(count):
        new = f"Tittel {n}"
        shown.append(until(page, HEADING, new, save(course / PAGE, title, new)))
        title = new
        at = save(course / PAGE, "\nblocks:", "\nsubtitle: x\nblocks:")
        errors.append(until(page, "() => document.querySelectorAll('#build-errors li').length > 0", None, at))
        at = save(course / PAGE, "\nsubtitle: x\n", "\n")
        until(page, "() => document.querySelectorAll('#build-errors li').length === 0", None, at)
    return shown, errors


def line(label: str, values: list[float]) -> str:
    return f"{label:<44}{statistics.median(values):>8,.0f} ms median{min(values):>8,.0f} min{max(values):>8,.0f} max"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    count = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(shutil.copytree(ROOT / "content" / "aktivt-medarbeiderskap", Path(tmp) / "course"))
        server = start_course(course)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page()
                page.goto(server.url)
                page.wait_for_function(HEADING, arg=FIRST, timeout=60000)
                frame = next(f for f in page.frames if f.name == "sco")
                frame.click("#next")
                frame.click("#next")
                page.wait_for_function(HEADING, arg=TITLE, timeout=60000)
                shown, errors = rounds(page, course, count)
                browser.close()
            builds = []
            for _ in range(count):
                started = time.monotonic()
                server.rebuild()
                builds.append((time.monotonic() - started) * 1000)
        finally:
            server.stop()
    print(f"live preview of the seed course, SCORM 2004 4th edition, nb; {count} rounds")
    print(line("rebuild (build, check, swap)", builds))
    print(line("save -> new title in the SCO frame", shown))
    print(line("save -> error shown in the page", errors))


if __name__ == "__main__":
    main()
