"""Loopback-only static HTTP server for the LMS harness page, scorm-again and a package."""

from __future__ import annotations

import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".vtt": "text/vtt; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".pdf": "application/pdf",
}


def scorm_again_dist() -> Path:
    """Return the scorm-again ``dist`` folder (``SCORM_AGAIN_DIST`` overrides the default)."""
    override = os.environ.get("SCORM_AGAIN_DIST")
    if override:
        return Path(override)
    return REPO_ROOT / "node_modules" / "scorm-again" / "dist"


def mime_type(path: Path) -> str:
    """Return the Content-Type served for ``path``."""
    return MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")


class HarnessServer:
    """Serve ``/lms/`` (harness page), ``/lms/vendor/`` (scorm-again) and ``/pkg/`` (package).

    Attributes:
        config_js: Body served at ``/lms/config.js``; the harness sets it before each launch.
        served: Paths answered with 200/206, in order.
        not_found: Paths answered with 404, in order.
    """

    def __init__(self, package_dir: Path, vendor_dir: Path | None = None) -> None:
        """Prepare (but do not start) a server for ``package_dir``."""
        self.package_dir = Path(package_dir).resolve()
        self.vendor_dir = (vendor_dir or scorm_again_dist()).resolve()
        self.config_js = "window.LMS_CONFIG = null;\n"
        self.served: list[str] = []
        self.not_found: list[str] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        """Return ``http://127.0.0.1:<port>``."""
        if self._httpd is None:
            raise RuntimeError("server is not running")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        """Return the absolute URL of a server path such as ``/pkg/index.html``."""
        return self.origin + path

    def start(self) -> "HarnessServer":
        """Bind to a free loopback port and serve in a daemon thread."""
        if not (self.vendor_dir / "scorm12.js").is_file():
            raise RuntimeError(
                f"scorm-again not found in {self.vendor_dir}; run `npm ci` in {REPO_ROOT}"
            )
        httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        httpd.harness = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="lms-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and join the thread."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> "HarnessServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve(self, url_path: str) -> Path | str | None:
        """Map a request path to a file, to ``"config"`` or to None (not served)."""
        path = unquote(urlsplit(url_path).path)
        if path == "/lms/config.js":
            return "config"
        if path.startswith("/lms/vendor/"):
            return _inside(self.vendor_dir, path[len("/lms/vendor/"):])
        if path.startswith("/lms/") and Path(path).suffix in (".html", ".js", ".css"):
            return _inside(HERE, path[len("/lms/"):])
        if path.startswith("/pkg/"):
            return _inside(self.package_dir, path[len("/pkg/"):])
        return None


def _inside(root: Path, relative: str) -> Path | None:
    """Return ``root/relative`` if it is a file inside ``root``, else None."""
    candidate = (root / relative).resolve()
    if candidate.is_file() and candidate.is_relative_to(root):
        return candidate
    return None


class _QuietServer(ThreadingHTTPServer):
    """Threaded server that ignores clients hanging up early (media, aborted loads)."""

    daemon_threads = True
    harness: HarnessServer

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        """Ignore connection errors; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Answer GET/HEAD from the harness server's file map."""

    server: _QuietServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        """Serve a file or config.js, with single-range support."""
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        """Serve headers only."""
        self._serve(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output clean."""

    def _serve(self, send_body: bool) -> None:
        """Look up the target and send it."""
        harness = self.server.harness
        target = harness.resolve(self.path)
        if target is None:
            harness.not_found.append(self.path)
            self._send(404, b"not found", "text/plain; charset=utf-8", send_body)
            return
        harness.served.append(self.path)
        if target == "config":
            body = harness.config_js.encode("utf-8")
            self._send(200, body, MIME_TYPES[".js"], send_body)
            return
        self._send_file(Path(target), send_body)

    def _send_file(self, path: Path, send_body: bool) -> None:
        """Send ``path``, honouring a ``Range: bytes=a-b`` header."""
        data = path.read_bytes()
        span = _parse_range(self.headers.get("Range"), len(data))
        if span is None:
            self._send(200, data, mime_type(path), send_body)
            return
        start, end = span
        extra = {"Content-Range": f"bytes {start}-{end}/{len(data)}"}
        self._send(206, data[start : end + 1], mime_type(path), send_body, extra)

    def _send(
        self, code: int, body: bytes, ctype: str, send_body: bool, extra: dict | None = None
    ) -> None:
        """Write status, headers and (optionally) the body."""
        self.send_response(code)
        headers = {
            "Content-Type": ctype,
            "Content-Length": str(len(body)),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Accept-Ranges": "bytes",
            **(extra or {}),
        }
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def _parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Return the inclusive byte span of a single ``bytes=`` range, or None."""
    if not header or not header.startswith("bytes=") or "," in header or size == 0:
        return None
    first, _, last = header[len("bytes="):].partition("-")
    try:
        if first:
            start, end = int(first), int(last) if last else size - 1
        else:
            start, end = max(size - int(last), 0), size - 1
    except ValueError:
        return None
    if start > end or start >= size:
        return None
    return start, min(end, size - 1)
