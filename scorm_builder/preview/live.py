"""``scorm-builder preview COURSE_DIR``: build the course in memory, serve it, and rebuild it on every save.

The live preview is the package preview (:mod:`.server`, scorm-again as the LMS, the CMI panel) over a
package it builds itself (:mod:`.livebuild`) from a course folder it watches (:mod:`.watch`). Each
settled save rebuilds in the watcher's thread; a good build replaces the served package in one
assignment, so a request gets the old build or the new one, never a mixture or a half-written one.
The LMS page learns of every build through Server-Sent Events (``GET /api/live``) and its script
(``static/live.js``) reloads the SCO frame, which resumes at its bookmark through the preview's store;
a failed build's ``file:line: field: message`` lines are shown over the last good build.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ScormBuilderError
from .livebuild import DEFAULT_STANDARD, BuildFailed, Built, CourseBuilder
from .package import PreviewPackage
from .runtime import scorm_again_root
from .server import STATIC_DIR, PreviewServer, _Handler, is_loopback
from .watch import INTERVAL, QUIET, Watcher

#: Seconds between two keep-alive comments on an idle event stream (a closed tab is noticed then).
KEEPALIVE = 15.0
#: What the live preview adds to the LMS page: its script (run after lms.js) and its style.
LIVE_TAGS = b'<link rel="stylesheet" href="/static/live.css">\n  <script src="/static/live.js" defer></script>\n'


@dataclass(frozen=True)
class BuildStatus:
    """Where the builds stand: how many were made, which one is served, and the latest one's problems."""

    #: Builds made so far, good or failed.
    serial: int = 0
    #: The build being served; 0 before the first good one.
    build: int = 0
    #: The latest build's problems, one line each; empty when it succeeded.
    errors: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """Return the status as the page receives it."""
        return {"serial": self.serial, "build": self.build, "errors": list(self.errors)}


class _LiveHandler(_Handler["LivePreviewServer"]):
    """The preview's routes, plus the event stream, the build number, and the page before any good build."""

    def do_GET(self) -> None:
        """Serve ``/api/live`` and ``/api/package`` here, the rest as the package preview does."""
        path = urlsplit(self.path).path
        if path not in ("/api/live", "/api/package"):
            return super().do_GET()
        if not self._host_ok():
            return None
        preview = self.server.preview
        if path == "/api/live":
            return self._events(preview)
        package, build = preview.served()
        if package is None:
            return self._json({"error": "no good build yet", **preview.status.as_json()}, 503)
        return self._json({**package.describe(), "options": preview.options.page(), "build": build})

    def _static(self, path: str) -> tuple[bytes | None, str]:
        preview = self.server.preview
        if path in ("/", "/index.html"):
            if preview.package is None:
                return (STATIC_DIR / "live.html").read_bytes(), "live.html"
            page = (STATIC_DIR / "lms.html").read_bytes()
            return page.replace(b"</head>", LIVE_TAGS + b"</head>", 1), "lms.html"
        if path.startswith("/pkg/") and preview.package is None:
            return None, path
        return super()._static(path)

    def _events(self, preview: LivePreviewServer) -> None:
        """Stream the build status as Server-Sent Events: now, then at every build, until the page goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen: int | None = None
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                status = preview.wait_status(seen, KEEPALIVE)
                if preview.closing:
                    return
                if status.serial == seen:
                    self.wfile.write(b": idle\n\n")
                else:
                    seen = status.serial
                    self.wfile.write(b"data: " + json.dumps(status.as_json()).encode("utf-8") + b"\n\n")
                self.wfile.flush()
        except OSError:
            return  # the page went away


class LivePreviewServer(PreviewServer):
    """The preview server over the builds of one course folder, watched for changes."""

    handler = _LiveHandler

    def __init__(
        self,
        builder: CourseBuilder,
        runtime_root: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        allow_remote: bool = False,
        report: Callable[[str], None] | None = None,
        interval: float = INTERVAL,
        quiet: float = QUIET,
    ) -> None:
        """Bind (not yet serve or build); ``report`` receives one message per build."""
        super().__init__(None, runtime_root, host, port, allow_remote, standard=builder.family)
        self.builder = builder
        self.status = BuildStatus()
        self.closing = False
        self._report = report
        self._served: list[Built] = []
        self._changed = threading.Condition()
        self._building = threading.Lock()
        self.watcher = Watcher(builder.course_dir, self.rebuild, interval, quiet)

    def rebuild(self) -> BuildStatus:
        """Build the course now; serve the result if it is good, else keep the last good build. Never raises."""
        with self._building:  # one build at a time, whoever asks
            return self._rebuild()

    def _rebuild(self) -> BuildStatus:
        started = time.monotonic()
        try:
            built = self.builder.build()
        except BuildFailed as exc:
            status = BuildStatus(self.builder.serial, self.status.build, tuple(exc.lines))
            self._publish(status, None)
            self._say(f"build {status.serial} failed; the page shows:\n  " + "\n  ".join(status.errors))
            return status
        status = BuildStatus(built.serial, built.serial, ())
        self._publish(status, built)
        notes = "".join(f"\n  note: {note}" for note in built.notes)
        self._say(f"build {built.serial}: {built.package.label}, {built.lang}, {time.monotonic() - started:.1f} s{notes}")
        return status

    def _publish(self, status: BuildStatus, built: Built | None) -> None:
        """Swap in a good build (one assignment) and announce the new status to every open page."""
        retired: list[Built] = []
        with self._changed:
            if built is not None:
                self.package = built.package
                self._served.append(built)
                retired, self._served = self._served[:-2], self._served[-2:]  # the previous one may be mid-request
            self.status = status
            self._changed.notify_all()
        for old in retired:
            self.builder.discard(old)

    def served(self) -> tuple[PreviewPackage | None, int]:
        """Return the package being served and its build number, read together."""
        with self._changed:
            return self.package, self.status.build

    def wait_status(self, seen: int | None, timeout: float) -> BuildStatus:
        """Return the status once its ``serial`` differs from ``seen``, or after ``timeout`` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.closing or self.status.serial != seen, timeout)
            return self.status

    def start(self, watch: bool = True) -> LivePreviewServer:
        """Serve, and watch the course folder unless ``watch`` is False, in daemon threads; return self."""
        if watch:
            self.watcher.start()
        super().start()
        return self

    def stop(self) -> None:
        """Stop watching and serving, end the event streams, and delete every build."""
        self.watcher.stop()
        with self._changed:
            self.closing = True
            self._changed.notify_all()
        super().stop()
        self.builder.close()

    def _say(self, message: str) -> None:
        if self._report is not None:
            self._report(message)


def make_live_server(
    course_dir: Path,
    standard: str = DEFAULT_STANDARD,
    lang: str | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    allow_remote: bool = False,
    scorm_again_source: str | None = None,
    xsd_source: str | None = None,
    report: Callable[[str], None] | None = None,
) -> LivePreviewServer:
    """Bind the server and make the first build (a failed one is shown in the page); not serving yet.

    Raises:
        PermissionError: a non-loopback host without ``allow_remote``; ScormBuilderError: a standard the
        preview does not play, or scorm-again cannot be had.
    """
    if not is_loopback(host) and not allow_remote:
        raise PermissionError(
            f"refusing to serve on {host}: the preview binds to loopback only unless --allow-remote is given"
        )
    builder = CourseBuilder(Path(course_dir), standard, lang, xsd_source)
    try:
        server = LivePreviewServer(builder, scorm_again_root(scorm_again_source), host, port, allow_remote, report)
    except BaseException:
        builder.close()
        raise
    server.rebuild()
    return server


def start_course(course_dir: Path, **options: object) -> LivePreviewServer:
    """Like :func:`make_live_server`, then serve and watch in daemon threads (for tests and embedding)."""
    return make_live_server(course_dir, **options).start()  # type: ignore[arg-type]


def serve_course_forever(course_dir: Path, open_browser: bool, **options: object) -> int:
    """Serve and rebuild until Ctrl-C; print the URL and each build. Return the exit code."""
    try:
        server = make_live_server(course_dir, report=_print, **options)  # type: ignore[arg-type]
    except (ScormBuilderError, PermissionError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Previewing {course_dir} as {server.builder.standard.title} at {server.url}", flush=True)
    print("Rebuilding on every save. Press Ctrl-C to stop.", flush=True)
    if open_browser:
        from . import _has_display

        if _has_display():
            with contextlib.suppress(webbrowser.Error):  # no browser: the URL is printed
                webbrowser.open(server.url)
    server.watcher.start()
    try:
        signal.signal(signal.SIGTERM, _interrupt)  # a terminated preview cleans up as Ctrl-C does
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.watcher.stop()
        server.httpd.server_close()
        server.builder.close()
    return 0


def _print(line: str) -> None:
    print(line, flush=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
