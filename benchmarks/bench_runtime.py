"""Print the learner runtime's figures: JS+CSS gzipped, package size, time to interactive, LMS calls per action.

Run: make bench-runtime   (needs `make test`'s set-up: Node packages and Debian's chromium)
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch_chromium  # noqa: E402
from lms import LmsHarness  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from scorm_builder.build import build  # noqa: E402
from scorm_builder.specs import SPECS, ScormSpec  # noqa: E402

TARGET_ASSETS = 30 * 1024
TARGET_PACKAGE = 200 * 1024


def sizes(path: Path) -> tuple[int, int]:
    """Return (JS+CSS gzipped, content without XSDs) of a package."""
    with zipfile.ZipFile(path) as archive:
        assets = sum(len(gzip.compress(archive.read(n), 9)) for n in archive.namelist() if n.endswith((".js", ".css")))
    return assets, path.stat().st_size


def calls_per_action(browser, folder: Path, kind: str) -> dict[str, int]:
    """Count the LMS API calls each learner action costs."""
    lms = LmsHarness(browser, folder, kind)
    run = lms.launch()
    sco, counts = run.sco, {}

    def measure(label: str, action) -> None:
        before = len(run.calls)
        action()
        counts[label] = len(run.calls) - before

    counts["launch"] = len(run.calls)
    measure("turn a page", lambda: sco.click("#next"))
    while not sco.locator("section.page:not([hidden]) fieldset[data-statement]").count():
        sco.click("#next")
    groups = sco.locator("section.page:not([hidden]) fieldset[data-statement]").all()
    measure("answer a statement", lambda: groups[0].locator("input").nth(2).check())
    for group in groups[1:-1]:
        group.locator("input").nth(2).check()
    measure("answer the last statement (questionnaire done)", lambda: groups[-1].locator("input").nth(2).check())
    measure("turn a page after a questionnaire", lambda: sco.click("#next"))
    area = sco.locator("section.page:not([hidden]) textarea").first
    measure("type 40 characters in a reflection", lambda: area.type("Ferdigheter jeg vil utvikle videre i år.", delay=0))
    measure("close (finish)", run.close)
    lms.close()
    return counts


def time_to_interactive(browser, folder: Path, kind: str, runs: int = 5) -> float:
    """Return the median ms from navigation start to the first page being shown and wired."""
    values = []
    for _ in range(runs):
        lms = LmsHarness(browser, folder, kind)
        run = lms.launch()
        run.sco.wait_for_function("() => window.SB && SB.course")
        values.append(run.sco.evaluate("() => performance.now()"))
        lms.close()
    return statistics.median(values)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = build(ROOT / "content" / "aktivt-medarbeiderskap", ["all"], ["nb"], Path(tmp) / "dist")
        print(f"{'package':<48}{'JS+CSS gz':>11}{'zip':>10}  targets: {TARGET_ASSETS:,} / {TARGET_PACKAGE:,} B")
        for result in results:
            assets, total = sizes(result.path)
            print(f"{result.path.name:<48}{assets:>9,} B{total:>8,} B")
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for result in results:
                spec = SPECS[result.standard]
                if not isinstance(spec, ScormSpec):
                    continue  # xAPI/cmi5 talk to an LRS: their requests are counted in tests/test_xapi.py
                folder = Path(tmp) / result.standard
                with zipfile.ZipFile(result.path) as archive:
                    archive.extractall(folder)
                kind = spec.rte.name
                print(f"\n{result.standard}: time to interactive (median of 5, inside the test LMS: the preview's): "
                      f"{time_to_interactive(browser, folder, kind):.0f} ms")
                for label, count in calls_per_action(browser, folder, kind).items():
                    print(f"  LMS calls, {label}: {count}")
            browser.close()


if __name__ == "__main__":
    main()
