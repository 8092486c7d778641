"""The test LMS: a SCORM package played by the preview's LMS (``scorm_builder.preview``) in headless Chromium.

The preview serves the package, keeps each SCO's data between launches, creates scorm-again's API,
logs every call and plays the failures of :class:`~scorm_builder.preview.LmsOptions`. This module
drives it: each launch in a fresh browser context (or a named profile that keeps its localStorage),
whose requests off loopback are aborted and recorded.

Example:
    lms = LmsHarness(browser, package_dir, standard="scorm2004")
    run = lms.launch()
    run.sco.click("text=Next")
    assert run.value("cmi.location") == "2"
    run.close()
    assert lms.launch().value("cmi.entry") == "resume"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from browser import guard_context, poll
from playwright.sync_api import Browser, BrowserContext, Frame, Page, Response
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scorm_builder.preview import LmsOptions, start
from scorm_builder.preview.session import lookup

#: scorm-again as `make test` installs it (the pinned version; the preview checks its sums).
SCORM_AGAIN = Path(__file__).resolve().parents[1] / "node_modules" / "scorm-again"
#: Options of this driver, not of the LMS: ``context`` (``browser.new_context`` keywords such as the
#: viewport), ``timeout`` (seconds to wait for the LMS page and the SCO) and ``clock`` (Playwright's
#: clock in each new browser context, so that a test moves the pages' timers on with
#: ``run.context.clock.fast_forward``: True starts it now, a number at that time in seconds since
#: 1970; a test may change ``harness.driver["clock"]`` between launches, days apart).
DRIVER_OPTIONS: dict[str, Any] = {"context": {}, "timeout": 10.0, "clock": False}

_WAIT_JS = """() => {
  const lms = window.__preview, api = lms.api, cmi = lms.cmi(), calls = lms.calls;
  return (%s);
}"""


class LmsHarness:
    """The preview LMS serving one package; launches it in Chromium and shows what the LMS keeps.

    Attributes:
        runs: Every launch so far, oldest first.
        served: Paths the browsers were answered with 200/206, in order; ``not_found``: with 404.
    """

    def __init__(
        self,
        browser: Browser,
        package_dir: str | Path,
        standard: str = "scorm12",
        launch: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        """Start the preview for ``package_dir`` (a SCORM package of ``standard``); launch nothing yet.

        ``options`` are :class:`~scorm_builder.preview.LmsOptions` fields and :data:`DRIVER_OPTIONS`.
        """
        values = {**(options or {}), **({"launch": launch} if launch else {})}
        self.driver = {key: values.pop(key, default) for key, default in DRIVER_OPTIONS.items()}
        self.options = LmsOptions(**values)
        self.browser = browser
        self.server = start(Path(package_dir), scorm_again_source=str(SCORM_AGAIN), options=self.options)
        if self.server.package.standard != standard:
            self.server.stop()
            raise ValueError(f"{package_dir} is a {self.server.package.standard} package, not {standard}")
        self.standard = standard
        self.sco_id = self.server.package.scos[0].id
        self.runs: list[LmsRun] = []
        self.served: list[str] = []
        self.not_found: list[str] = []
        #: Browser storage per profile name (see :meth:`launch`).
        self.profiles: dict[str, Any] = {}

    @property
    def saved_state(self) -> dict[str, Any] | None:
        """Return the CMI JSON (``{"cmi": {...}}``) the LMS holds (its own copy: a change is what the next launch gets)."""
        return self.server.store.saved(self.sco_id)

    @saved_state.setter
    def saved_state(self, state: dict[str, Any]) -> None:
        self.server.store.commit(self.sco_id, state)

    def play(self, **options: Any) -> None:
        """Make the LMS play these :class:`LmsOptions` from the next launch on (a fault in one session)."""
        self.options = replace(self.options, **options)
        self.server.options = self.options

    def launch(self, browser: str | None = None, beside: LmsRun | None = None) -> LmsRun:
        """Open the LMS page, which launches the SCO with the saved data; return once the SCO has loaded.

        Args:
            browser: Name of a browser profile: launches with the same name share the browser's
                storage (localStorage) as one computer would; None is a fresh browser every time.
            beside: An open run whose browser this launch opens another tab in (the same
                localStorage, live); ``browser`` is then ignored.
        """
        run = LmsRun(self, browser, beside.context if beside else None)
        self.runs.append(run)
        run.start()
        return run

    def close(self) -> None:
        """Dispose every run and stop the preview."""
        for run in self.runs:
            run.dispose()
        self.server.stop()

    def record(self, response: Response) -> None:
        """Note what the preview answered a browser (``served`` / ``not_found``)."""
        if response.url.startswith(self.server.url) and response.status in (200, 206, 404):
            path = "/" + response.url.removeprefix(self.server.url)
            (self.not_found if response.status == 404 else self.served).append(path)


class LmsRun:
    """One launch of the SCO in the preview LMS (a browser context of its own).

    Attributes:
        page: The LMS page (holds the API).
        popup: The SCO's popup window when ``opener=True``, else None.
        external_requests: URLs of requests the context aborted (anything off loopback).
        page_errors: Uncaught exceptions of every page.
        closed: True once :meth:`close` has run.
    """

    def __init__(self, harness: LmsHarness, profile: str | None = None, context: BrowserContext | None = None) -> None:
        """Open the browser context (or a tab in ``context``); :meth:`start` loads the LMS page."""
        self.harness = harness
        self.profile = profile
        self.external_requests: list[str] = []
        self.page_errors: list[str] = []
        self.popup: Page | None = None
        self.closed = False
        if context is not None:
            self.profile = None
            self.context = context
            self.page = context.new_page()
            self.page.on("pageerror", lambda err: self.page_errors.append(str(err)))
            return
        storage = harness.profiles.get(profile) if profile else None
        self.context = harness.browser.new_context(
            service_workers="block", storage_state=storage, **harness.driver["context"]
        )
        clock = harness.driver["clock"]
        if clock is True:
            self.context.clock.install()
        elif clock:
            self.context.clock.install(time=int(clock * 1000))
        guard_context(self.context, harness.server.url.rstrip("/"), self.external_requests)
        self.context.on("page", self._watch)
        self.context.on("response", harness.record)
        self.page = self.context.new_page()

    @property
    def sco(self) -> Frame:
        """Return the Playwright frame of the SCO document."""
        frame = self._find_sco()
        if frame is None:
            raise LookupError("the SCO frame is not open")
        return frame

    @property
    def calls(self) -> list[dict[str, Any]]:
        """Return the API calls so far: ``{method, args, result, error_code[, thrown]}``."""
        return self.page.evaluate("() => window.__preview.calls")

    @property
    def refused(self) -> list[int]:
        """Return the lengths of the values a strict LMS refused (``suspend_limit``, ``response_limit``)."""
        return self.page.evaluate("() => window.__preview.refused")

    def methods(self) -> list[str]:
        """Return just the method names of :attr:`calls`, in order."""
        return [call["method"] for call in self.calls]

    def cmi(self) -> dict[str, Any] | None:
        """Return scorm-again's current CMI data (None when the API is missing)."""
        return self.page.evaluate("() => window.__preview.cmi()")

    def value(self, element: str) -> Any:
        """Return one element of :meth:`cmi`, e.g. ``"cmi.core.lesson_status"``."""
        return lookup(self.cmi(), element.removeprefix("cmi."))

    def committed(self) -> dict[str, Any] | None:
        """Return the CMI JSON of this session's last successful Commit/Terminate, as the LMS stored it."""
        return self.page.evaluate("() => window.__preview.saved")

    def wait_for(self, predicate: str | Callable[[LmsRun], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate`` is truthy and return its value.

        Args:
            predicate: A JS expression evaluated in the LMS page with ``lms``, ``api``, ``cmi`` and
                ``calls`` in scope, or a Python callable taking this run.
            timeout: Seconds before TimeoutError.
        """
        if callable(predicate):
            try:
                return poll(lambda: predicate(self), timeout, self._sleep)
            except TimeoutError as exc:
                raise TimeoutError(f"{predicate!r} still false after {timeout}s") from exc
        try:
            handle = self.page.wait_for_function(_WAIT_JS % predicate, timeout=timeout * 1000)
        except PlaywrightTimeout as exc:
            raise TimeoutError(f"{predicate!r} still false after {timeout}s") from exc
        return handle.json_value()

    def close(self, how: str = "remove") -> None:
        """Close the SCO as an LMS does and wait until the LMS has stored what it committed.

        Args:
            how: ``"remove"`` the frame or ``"navigate"`` it to about:blank; a popup is closed.
        """
        if self.closed:
            return
        if self.popup is not None and not self.popup.is_closed():
            with self.popup.expect_event("close"):
                self.page.evaluate("() => { window.__preview.close(); }")
        self.page.evaluate("how => window.__preview.close(how).then(() => null)", how)
        self.closed = True
        if self.profile:
            self.harness.profiles[self.profile] = self.context.storage_state()

    def dispose(self) -> None:
        """Close the browser context of this run."""
        self.closed = True
        self.context.close()

    def start(self) -> None:
        """Load the LMS page (which launches the SCO, or waits for a click on Launch for a popup)."""
        timeout = self.harness.driver["timeout"] * 1000
        self.page.goto(self.harness.server.url, timeout=timeout)
        self.page.wait_for_function("() => window.__preview && window.__preview.ready", timeout=timeout)
        if self.harness.options.opener:  # a real click: popups need a user gesture
            with self.page.expect_popup(timeout=timeout) as popup:
                self.page.click("#launch")
            self.popup = popup.value
        frame = poll(self._loaded_sco, self.harness.driver["timeout"], self._sleep)
        frame.wait_for_load_state("load", timeout=timeout)

    def _find_sco(self) -> Frame | None:
        if self.popup is None:
            return self.page.frame(name="sco")
        if self.popup.is_closed():
            return None
        return self.popup.main_frame if self.harness.options.nested_frames == 1 else self.popup.frame(name="sco")

    def _loaded_sco(self) -> Frame | None:
        """Return the SCO frame once it has navigated to the package."""
        frame = self._find_sco()
        return frame if frame is not None and frame.url.startswith(self.harness.server.url + "pkg/") else None

    def _sleep(self, seconds: float) -> None:
        self.page.wait_for_timeout(seconds * 1000)

    def _watch(self, page: Page) -> None:
        page.on("pageerror", lambda err: self.page_errors.append(str(err)))
