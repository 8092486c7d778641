"""Shared pytest fixtures: the Chromium browser and the test LMS (the preview's LMS, driven by tests/lms.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import ChromiumMissing, chromium_executable, launch_chromium
from lms import LmsHarness
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Yield headless Chromium for the whole session (fail loudly if it is missing)."""
    try:
        chromium_executable()
    except ChromiumMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def lms_harness(browser: Browser) -> Iterator[Callable[..., LmsHarness]]:
    """Yield a factory ``(package_dir, standard, launch, **options) -> LmsHarness`` (options: see tests/lms.py).

    Every harness it makes (server, contexts) is closed when the test ends.
    """
    made: list[LmsHarness] = []

    def make(package_dir: str | Path, standard: str = "scorm12", launch: str | None = None, **options: Any) -> LmsHarness:
        made.append(LmsHarness(browser, package_dir, standard, launch, options))
        return made[-1]

    yield make
    for harness in made:
        harness.close()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the seed course once for the session: {standard name: zip path} (nb)."""
    from support import COURSE

    from scorm_builder.build import build

    out = tmp_path_factory.mktemp("dist")
    return {r.standard: r.path for r in build(COURSE, ["all"], ["nb"], out)}
