"""``scorm-builder preview``: play a SCORM package in the browser against a real LMS runtime (scorm-again).

A loopback HTTP server (:mod:`.server`) serves the package (zip or folder, never extracted) inside an
LMS page (``static/lms.html``) that creates scorm-again's SCORM 1.2 or 2004 API, frames the SCO, and
shows a live panel of the CMI data, with buttons to reset the attempt, close and relaunch, and make
the LMS fail (SetValue and Commit return "false"). It is the tests' LMS too (:mod:`.options`). A
course folder is built, watched and previewed live by :mod:`.live`.

Where the state between launches lives: on the server, in memory (:mod:`.session`). Every successful
Commit/Terminate posts the whole CMI to ``/api/commit``; each launch asks ``/api/launch`` for its start
data, built as an LMS builds it (saved CMI reloaded, ``cmi.entry=resume`` after ``exit=suspend``,
total_time advanced by the last session_time, the manifest's mastery score and launch data added).
Kept server-side rather than in the page's sessionStorage because the SCO's own page shares the
origin and could read or clear sessionStorage, because the state then survives reloading the LMS
page (as an LMS database does), and because it can be inspected at ``/api/state``. It lasts as long
as the command runs; "Reset attempt" forgets it and clears the origin's browser storage, which
content also uses (our runtime keeps a copy of its state in localStorage).
"""

from __future__ import annotations

import contextlib
import os
import sys
import webbrowser
from pathlib import Path

from ..errors import ScormBuilderError
from .options import LmsOptions
from .package import PreviewError, open_package
from .runtime import scorm_again_root
from .server import PreviewServer, is_loopback

__all__ = ["LmsOptions", "PreviewError", "PreviewServer", "make_server", "open_package", "serve_forever", "start"]


def make_server(
    path: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    allow_remote: bool = False,
    scorm_again_source: str | None = None,
    options: LmsOptions | None = None,
) -> PreviewServer:
    """Open the package, fetch scorm-again if needed, and bind the server (not serving yet).

    ``options`` make the LMS page open the SCO elsewhere or fail as real LMSs do (:mod:`.options`);
    the command line never sets them.

    Raises:
        PreviewError: the package cannot be previewed; PermissionError: a non-loopback host without ``allow_remote``;
        SchemaFetchError: scorm-again cannot be had.
    """
    if not is_loopback(host) and not allow_remote:  # before any work: refuse early and clearly
        raise PermissionError(
            f"refusing to serve on {host}: the preview binds to loopback only unless --allow-remote is given"
        )
    package = open_package(Path(path))
    runtime = scorm_again_root(scorm_again_source)
    return PreviewServer(package, runtime, host, port, allow_remote, options=options)


def start(path: Path, **options: object) -> PreviewServer:
    """Like :func:`make_server`, then serve in a daemon thread (for tests and embedding)."""
    return make_server(path, **options).start()  # type: ignore[arg-type]


def serve_forever(
    path: Path, host: str, port: int, allow_remote: bool, open_browser: bool, scorm_again_source: str | None
) -> int:
    """Serve until Ctrl-C; print the URL and open a browser when one is available. Return the exit code."""
    try:
        server = make_server(path, host, port, allow_remote, scorm_again_source)
    except (ScormBuilderError, PermissionError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, PreviewError) else 1
    package = server.package
    assert package is not None  # make_server() opened it
    print(f"Previewing {path} ({package.label}, {len(package.scos)} SCO) at {server.url}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    if open_browser and _has_display():
        with contextlib.suppress(webbrowser.Error):  # no browser: the URL is printed
            webbrowser.open(server.url)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.httpd.server_close()
    return 0


def _has_display() -> bool:
    """Return False on a Linux/BSD console (no X or Wayland): opening a text browser there would take the terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
