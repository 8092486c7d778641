"""pytest fixtures for the xAPI/cmi5 tests: the LRS (one per session), packages, LMSs and browsers.

Import them into a test module (``from lrs.fixtures import *``); tests/conftest.py gives ``browser``
and ``built``.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, Request
from support import unzip

from .lms import Lms
from .lrs import LearningLocker

__all__ = ["lrs", "package", "lms", "learner_browser", "Tab", "actor", "poll"]


@pytest.fixture(scope="session")
def lrs() -> Iterator[LearningLocker]:
    """Yield Learning Locker on a free loopback port for the whole session."""
    server = LearningLocker()
    yield server
    server.close()


@pytest.fixture(scope="session")
def package(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Return ``package(standard) -> folder`` of the unpacked nb package (unpacked once)."""
    folders: dict[str, Path] = {}

    def get(standard: str) -> Path:
        if standard not in folders:
            folders[standard] = unzip(built[standard], tmp_path_factory.mktemp(standard))
        return folders[standard]

    return get


@pytest.fixture
def lms(lrs: LearningLocker) -> Iterator[Callable[[Path], Lms]]:
    """Yield ``lms(package_dir) -> Lms``; every LMS made is closed after the test."""
    made: list[Lms] = []

    def make(folder: Path) -> Lms:
        made.append(Lms(folder, lrs))
        return made[-1]

    yield make
    for item in made:
        item.close()


def actor(name: str = "Kari Nordmann") -> dict[str, Any]:
    """Return a learner as the LMS names them: an account (cmi5 9.2 requires one)."""
    return {"objectType": "Agent", "name": name, "account": {"homePage": "https://lms.example.com", "name": uuid.uuid4().hex}}


@dataclass
class Tab:
    """One learner's browser context and page; records what the course posts and every page error."""

    context: BrowserContext
    page: Page
    posted: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def open(self, url: str) -> Page:
        """Go to ``url`` and wait until the course has started (its LRS connection included)."""
        self.page.goto(url)
        self.ready()
        return self.page

    def ready(self) -> None:
        self.page.wait_for_function("() => window.SB && window.SB.course", timeout=15000)

    def local(self) -> dict[str, str]:
        """Return the page's localStorage."""
        return self.page.evaluate("() => Object.assign({}, window.localStorage)")


def poll(check: Callable[[], Any], page: Page, timeout: float = 15.0, what: str = "condition") -> Any:
    """Call ``check`` until truthy (letting the browser run); fail after ``timeout`` seconds."""
    for _ in range(int(timeout / 0.1)):
        value = check()
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"{what} not met within {timeout}s")


@pytest.fixture
def learner_browser(browser: Browser) -> Iterator[Callable[[], Tab]]:
    """Yield ``new_tab() -> Tab``: a fresh context (own storage); any request off 127.0.0.1 is recorded."""
    tabs: list[Tab] = []

    def new_tab() -> Tab:
        context = browser.new_context()
        tab = Tab(context, context.new_page())

        def record(request: Request) -> None:
            url = request.url
            if not url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
                tab.blocked.append(url)  # Chromium's host-resolver rules keep it from leaving the machine
            if request.method in ("POST", "PUT") and url.split("?")[0].endswith("/statements"):
                body = json.loads(request.post_data or "null")
                tab.posted.extend(body if isinstance(body, list) else [body])

        # No request interception (context.route): Chromium then drops keepalive requests sent at
        # pagehide, which is exactly what these tests must see arrive.
        context.on("request", record)
        tab.page.on("pageerror", lambda err: tab.errors.append(str(err)))
        tabs.append(tab)
        return tab

    yield new_tab
    for tab in tabs:
        with contextlib.suppress(Error):
            tab.context.close()
