"""Launch Debian's Chromium through Playwright and keep each browser context on loopback."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Error, Playwright, Route, WebSocketRoute

DEFAULT_CHROMIUM = "/usr/bin/chromium"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no host name resolves, so nothing can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

LOCAL_SCHEMES = ("data", "blob", "about")


class ChromiumMissing(RuntimeError):
    """Chromium is not installed where the harness looks for it."""


def chromium_executable() -> str:
    """Return the Chromium binary (``CHROMIUM`` env var, else /usr/bin/chromium).

    Raises:
        ChromiumMissing: No executable exists there; the message says how to install it.
    """
    wanted = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    found = shutil.which(wanted)
    if not found:
        raise ChromiumMissing(
            f"Chromium not found at {wanted!r}. The browser tests need it: install it with "
            "`apt-get install chromium` (Debian/Ubuntu), or set the CHROMIUM environment "
            "variable to a Chromium binary. Do not use `playwright install`."
        )
    return found


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch headless Chromium with the harness flags."""
    return playwright.chromium.launch(
        executable_path=chromium_executable(), headless=True, args=CHROMIUM_FLAGS
    )


def is_allowed(url: str, origin: str) -> bool:
    """Return True if ``url`` may load: same scheme/host/port as ``origin`` or a local scheme."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    allowed = urlsplit(origin)
    try:
        port = parts.port
    except ValueError:
        return False
    return (parts.scheme, parts.hostname, port) == (
        allowed.scheme,
        allowed.hostname,
        allowed.port,
    )


def guard_context(context: BrowserContext, origin: str, blocked: list[str]) -> None:
    """Route every request of ``context``: continue loopback ones, abort and record the rest."""

    def on_request(route: Route) -> None:
        url = route.request.url
        try:
            if is_allowed(url, origin):
                route.continue_()
            else:
                blocked.append(url)
                route.abort("blockedbyclient")
        except Error:
            pass  # the page went away while the request was pending

    def on_websocket(ws: WebSocketRoute) -> None:
        blocked.append(ws.url)
        ws.close()

    context.route("**/*", on_request)
    context.route_web_socket(re.compile(r".*"), on_websocket)


def poll(check: Callable[[], object], timeout: float, sleep: Callable[[float], None]) -> object:
    """Call ``check`` until it returns a truthy value; raise TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"condition not met within {timeout}s")
        sleep(0.05)
