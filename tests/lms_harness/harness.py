"""Run a SCORM package under scorm-again in Chromium, as an LMS would."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence
from urllib.parse import quote

from playwright.sync_api import Browser, Frame, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .browser import guard_context, poll
from .server import HarnessServer
from .state import DEFAULT_LEARNER, finish_session, launch_data, lookup

STANDARDS = ("scorm12", "scorm2004")

_WAIT_JS = """() => {
  const lms = window.__lms, api = lms.api, cmi = lms.cmi(), calls = lms.calls;
  return (%s);
}"""


@dataclass
class LmsOptions:
    """Launch and fault-injection options of the test LMS.

    Attributes:
        api: ``"present"`` or ``"missing"`` (no API object anywhere).
        fail_set_value: True (every element) or element names whose SetValue returns
            "false" with error 101 (1.2) / 351 (2004).
        fail_commit: The first N Commit/LMSCommit calls return "false" (101 / 391).
        throw_on: API function names that throw instead of answering.
        entry_flag_stuck: Report cmi(.core).entry as "ab-initio" even on resume.
        missing_functions: API function names deleted from the API object.
        opener: Open the SCO in a popup (``window.open``) instead of an iframe.
        nested_frames: Depth of the SCO below the LMS page (1 = a direct child frame).
        cmi: LMS-provided flattened CMI values merged over the default learner identity.
        settings: Extra scorm-again settings.
        context: Extra ``browser.new_context`` keyword arguments (viewport, locale...).
        timeout: Seconds to wait for the LMS page and the SCO to load.
        suspend_limit: A strict LMS: SetValue of cmi.suspend_data longer than this many
            characters returns "false" (405 in 1.2, 406 in 2004); 0 accepts any length.
        crlf_on_exit: Store the values of the last save (LMSFinish/Terminate) with every line
            break turned into CRLF, as Moodle's exit path (sendBeacon with FormData) does.
    """

    api: str = "present"
    fail_set_value: bool | Sequence[str] = False
    fail_commit: int = 0
    throw_on: Sequence[str] = ()
    entry_flag_stuck: bool = False
    missing_functions: Sequence[str] = ()
    opener: bool = False
    nested_frames: int = 1
    cmi: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    timeout: float = 10.0
    suspend_limit: int = 0
    crlf_on_exit: bool = False

    def __post_init__(self) -> None:
        """Reject values the harness cannot honour."""
        if self.api not in ("present", "missing"):
            raise ValueError(f"api must be 'present' or 'missing', not {self.api!r}")
        if self.nested_frames < 1:
            raise ValueError("nested_frames counts the SCO frame itself, so it must be >= 1")


class LmsHarness:
    """A tiny LMS for one package: serves it, launches it and keeps its saved CMI state.

    Attributes:
        saved_state: CMI JSON (``{"cmi": {...}}``) stored by the last session that
            committed, with total_time accumulated; None before any commit. Tests may
            set it to seed a launch.
        runs: Every launch so far, oldest first.
    """

    def __init__(
        self,
        browser: Browser,
        package_dir: str | Path,
        standard: str = "scorm12",
        launch: str = "index.html",
        options: LmsOptions | dict[str, Any] | None = None,
    ) -> None:
        """Start the loopback server for ``package_dir``; launch nothing yet."""
        if standard not in STANDARDS:
            raise ValueError(f"standard must be one of {STANDARDS}, not {standard!r}")
        self.browser = browser
        self.standard = standard
        self.launch_path = launch
        self.options = options if isinstance(options, LmsOptions) else LmsOptions(**(options or {}))
        self.saved_state: dict[str, Any] | None = None
        self.runs: list[LmsRun] = []
        #: Browser storage per profile name (see :meth:`launch`).
        self.profiles: dict[str, Any] = {}
        self.server = HarnessServer(Path(package_dir)).start()

    def launch(self, browser: str | None = None) -> "LmsRun":
        """Open the LMS page with the saved state loaded and start the SCO.

        Args:
            browser: Name of a browser profile: launches with the same name share the browser's
                storage (localStorage) as one computer would; None is a fresh browser every time.

        Returns:
            The running session, once the SCO document has loaded.
        """
        for run in self.runs:
            if not run.closed:
                self._store(run)
        flat, start_total = launch_data(
            self.saved_state, self.standard, self._base_cmi(), self.options.entry_flag_stuck
        )
        self.server.config_js = f"window.LMS_CONFIG = {json.dumps(self._config(flat))};\n"
        run = LmsRun(self, start_total, browser)
        self.runs.append(run)
        run._start()
        return run

    def close(self) -> None:
        """Dispose every run and stop the server."""
        for run in self.runs:
            run.dispose()
        self.server.stop()

    def __enter__(self) -> "LmsHarness":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _base_cmi(self) -> dict[str, str]:
        """Return the LMS-owned values every launch starts with."""
        return {**DEFAULT_LEARNER[self.standard], **self.options.cmi}

    def _config(self, start_data: dict[str, str]) -> dict[str, Any]:
        """Build window.LMS_CONFIG for lms.js."""
        opts = asdict(self.options)
        fail_set = opts["fail_set_value"]
        return {
            "standard": self.standard,
            "scoUrl": "/pkg/" + quote(self.launch_path, safe="/?&=#%+"),
            "startData": start_data,
            "api": opts["api"],
            "failSetValue": fail_set if isinstance(fail_set, bool) else list(fail_set),
            "failCommit": opts["fail_commit"],
            "throwOn": list(opts["throw_on"]),
            "missingFunctions": list(opts["missing_functions"]),
            "opener": opts["opener"],
            "nestedFrames": opts["nested_frames"],
            "settings": opts["settings"],
            "suspendLimit": opts["suspend_limit"],
            "crlfOnExit": opts["crlf_on_exit"],
        }

    def _store(self, run: "LmsRun") -> None:
        """Keep the state ``run`` last committed, as the LMS database would."""
        snapshot = run.committed()
        if snapshot is not None:
            self.saved_state = finish_session(snapshot, self.standard, run.start_total)


class LmsRun:
    """One launch of the SCO inside the test LMS (fresh browser context).

    Attributes:
        page: The top LMS page (holds the API).
        popup: The SCO's popup window when ``opener=True``, else None.
        external_requests: URLs of requests the context aborted (anything off loopback).
        console: Console messages of every page, as ``"type: text"``.
        page_errors: Uncaught exceptions of every page.
        start_total: total_time (centiseconds) the LMS handed to this session.
        closed: True once :meth:`close` has run.
    """

    def __init__(self, harness: LmsHarness, start_total: int, profile: str | None = None) -> None:
        """Prepare a run; :meth:`LmsHarness.launch` starts it."""
        self.harness = harness
        self.profile = profile
        self.start_total = start_total
        self.external_requests: list[str] = []
        self.console: list[str] = []
        self.page_errors: list[str] = []
        self.popup: Page | None = None
        self.closed = False
        storage = harness.profiles.get(profile) if profile else None
        self.context = harness.browser.new_context(
            service_workers="block", storage_state=storage, **harness.options.context
        )
        guard_context(self.context, harness.server.origin, self.external_requests)
        self.context.on("page", self._watch)
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
        return self.page.evaluate("() => window.__lms.calls")

    def methods(self) -> list[str]:
        """Return just the method names of :attr:`calls`, in order."""
        return [call["method"] for call in self.calls]

    def cmi(self) -> dict[str, Any] | None:
        """Return scorm-again's current CMI data (None when the API is missing)."""
        return self.page.evaluate("() => window.__lms.cmi()")

    def value(self, element: str) -> Any:
        """Return one element of :meth:`cmi`, e.g. ``"cmi.core.lesson_status"``."""
        return lookup(self.cmi(), element.removeprefix("cmi."))

    def committed(self) -> dict[str, Any] | None:
        """Return the CMI JSON of this session's last successful Commit/Terminate."""
        return self.page.evaluate("() => window.__lms.saved")

    def wait_for(self, predicate: str | Callable[["LmsRun"], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate`` is truthy and return its value.

        Args:
            predicate: A JS expression evaluated in the LMS page with ``lms``, ``api``,
                ``cmi`` and ``calls`` in scope, or a Python callable taking this run.
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
        """Close the SCO as an LMS does, then store what it committed.

        Args:
            how: ``"remove"`` the iframe or ``"navigate"`` it to about:blank (iframe mode);
                a popup is always closed with ``window.close()``.
        """
        if self.closed:
            return
        if self.popup is not None and not self.popup.is_closed():
            with self.popup.expect_event("close"):
                self.page.evaluate("() => window.__lms.unload()")
        else:
            self.page.evaluate("how => window.__lms.unload(how)", how)
        self.closed = True
        if self.profile:
            self.harness.profiles[self.profile] = self.context.storage_state()
        self.harness._store(self)

    def dispose(self) -> None:
        """Close the browser context of this run."""
        self.closed = True
        self.context.close()

    def _start(self) -> None:
        """Load the LMS page, press Launch and wait for the SCO document."""
        timeout = self.harness.options.timeout * 1000
        self.page.goto(self.harness.server.url("/lms/lms.html"), timeout=timeout)
        self.page.wait_for_function("() => window.__lms && window.__lms.ready", timeout=timeout)
        if self.harness.options.opener:  # a real click: popups need a user gesture
            with self.page.expect_popup(timeout=timeout) as popup:
                self.page.click("#launch")
            self.popup = popup.value
        else:
            self.page.evaluate("() => window.__lms.launch()")
        frame = poll(self._loaded_sco, self.harness.options.timeout, self._sleep)
        frame.wait_for_load_state("load", timeout=timeout)

    def _find_sco(self) -> Frame | None:
        """Return the SCO frame if it exists."""
        if self.popup is None:
            return self.page.frame(name="sco")
        if self.popup.is_closed():
            return None
        if self.harness.options.nested_frames == 1:
            return self.popup.main_frame
        return self.popup.frame(name="sco")

    def _loaded_sco(self) -> Frame | None:
        """Return the SCO frame once it has navigated to the package."""
        frame = self._find_sco()
        prefix = self.harness.server.url("/pkg/")
        return frame if frame is not None and frame.url.startswith(prefix) else None

    def _sleep(self, seconds: float) -> None:
        """Wait while letting Playwright process events."""
        self.page.wait_for_timeout(seconds * 1000)

    def _watch(self, page: Page) -> None:
        """Record console output and uncaught errors of ``page``."""
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda err: self.page_errors.append(str(err)))
