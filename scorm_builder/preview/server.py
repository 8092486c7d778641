"""The preview's HTTP server (stdlib, threaded): the LMS page, scorm-again, the package, and a small JSON API.

Routes:
    ``GET /``                   the LMS page (``static/lms.html``); ``GET /static/<file>`` its script and style
    ``GET /vendor/<std>.js``    scorm-again's browser build for ``scorm12`` or ``scorm2004``
    ``GET /pkg/<path>``         a file of the package, by its exact name (one byte range on request)
    ``GET /api/package``        what the page needs: standard, edition, suspend_data limit, SCOs, the
                                record's API names, elements and error codes, the launch options
    ``POST /api/launch``        ``{"sco": id}`` -> the start data of a new session (see :mod:`.session`)
    ``POST /api/commit``        ``{"sco": id, "cmi": {...}}``: what a successful Commit/Terminate stored
    ``POST /api/reset``         forget everything: the next launch is a new attempt
    ``GET /api/state``          what the LMS keeps, for a look behind the scenes

It binds to loopback unless told otherwise, answers only Host headers naming the bound address (no
DNS rebinding), and takes POSTs only as ``application/json`` (a cross-site form cannot post that).
"""

from __future__ import annotations

import ipaddress
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Generic, TypeVar
from urllib.parse import unquote, urlsplit

from .files import byte_range, content_type
from .options import LmsOptions
from .package import PreviewPackage, Sco
from .runtime import BUNDLES
from .session import Store

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_POST_BYTES = 8 * 1024 * 1024


def is_loopback(host: str) -> bool:
    """Return True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PreviewServer:
    """Serve one package with the preview LMS page; ``start()`` runs it in a daemon thread."""

    #: The request handler; the live preview (:mod:`.live`) adds its routes in a subclass.
    handler: type[BaseHTTPRequestHandler] | None = None

    def __init__(
        self,
        package: PreviewPackage | None,
        runtime_root: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        allow_remote: bool = False,
        standard: str | None = None,
        options: LmsOptions | None = None,
    ) -> None:
        """Bind (not yet serve); refuse a non-loopback ``host`` unless ``allow_remote``.

        ``package`` may be None (the live preview before its first good build) when ``standard`` names
        the API family ("scorm12" or "scorm2004") the packages to come will use; ``options``: :mod:`.options`.
        """
        if not is_loopback(host) and not allow_remote:
            raise PermissionError(
                f"refusing to serve on {host}: the preview binds to loopback only unless --allow-remote is given"
            )
        family = standard or (package.standard if package is not None else None)
        if family is None:
            raise ValueError("the preview needs a package or the standard of the packages to come")
        self.package = package
        self.runtime_root = runtime_root
        self.store = Store(family)
        self.allow_remote = allow_remote
        self.options = options or LmsOptions()
        self.httpd: _Server[PreviewServer] = _Server((host, port), self.handler or _Handler)
        self.httpd.preview = self
        #: (host, port) as bound (port 0 asks the system for a free one).
        self.address: tuple[str, int] = self.httpd.socket.getsockname()[:2]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Return the page's URL (the address bound, also after :meth:`stop`)."""
        host, port = self.address
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"

    def start(self) -> PreviewServer:
        """Serve in a daemon thread and return self."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="preview-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def sco(self, ident: str) -> Sco | None:
        """Return the SCO ``ident`` of the package, or None (also while there is no package)."""
        if self.package is None:
            return None
        return next((s for s in self.package.scos if s.id == ident), None)


#: The preview server a handler serves: the live preview's handler reads its builds from it.
P = TypeVar("P", bound=PreviewServer)


class _Server(ThreadingHTTPServer, Generic[P]):
    daemon_threads = True
    preview: P

    def handle_error(self, request, client_address) -> None:
        """Ignore clients that hang up early; report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler, Generic[P]):
    server: _Server[P]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the preview prints its URL and nothing per request."""

    def do_GET(self) -> None:
        """Serve the page, its assets, scorm-again, the package and the read-only API."""
        if not self._host_ok():
            return
        path = unquote(urlsplit(self.path).path)
        preview = self.server.preview
        if path == "/api/package":
            if preview.package is None:
                return self._json({"error": "no package yet"}, 503)
            return self._json({**preview.package.describe(), "options": preview.options.page()})
        if path == "/api/state":
            return self._json(preview.store.state())
        body, name = self._static(path)
        if body is None:
            return self._send(404, b"not found", "text/plain; charset=utf-8")
        span = byte_range(self.headers.get("Range"), len(body))
        if span is not None:
            extra = {"Content-Range": f"bytes {span[0]}-{span[1]}/{len(body)}"}
            return self._send(206, body[span[0] : span[1] + 1], content_type(name), extra)
        self._send(200, body, content_type(name))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        """Launch, commit or reset."""
        if not self._host_ok():
            return
        data = self._body()
        if data is None:
            return
        preview, path = self.server.preview, urlsplit(self.path).path
        if path == "/api/reset":
            preview.store.reset()
            return self._json({"ok": True})
        sco = preview.sco(str(data.get("sco", "")))
        if sco is None:
            return self._json({"error": "unknown sco"}, 404)
        if path == "/api/launch":
            return self._json(
                preview.store.launch(sco.id, sco.lms_values, new_attempts=preview.options.new_attempts)
            )
        if path == "/api/commit" and isinstance(data.get("cmi"), dict):
            preview.store.commit(sco.id, {"cmi": data["cmi"]})
            return self._json({"ok": True})
        self._json({"error": "not found"}, 404)

    def _static(self, path: str) -> tuple[bytes | None, str]:
        preview = self.server.preview
        if path in ("/", "/index.html"):
            return (STATIC_DIR / "lms.html").read_bytes(), "lms.html"
        if path.startswith("/static/"):
            name = path.removeprefix("/static/")
            allowed = {p.name for p in STATIC_DIR.iterdir() if p.is_file()}
            return ((STATIC_DIR / name).read_bytes() if name in allowed else None), name
        if path.startswith("/vendor/"):
            bundle = BUNDLES.get(path.removeprefix("/vendor/").removesuffix(".js"))
            return ((preview.runtime_root / bundle).read_bytes() if bundle else None), "x.js"
        if path.startswith("/pkg/"):
            name = path.removeprefix("/pkg/")
            return (preview.package.read(name) if preview.package is not None else None), name
        return None, path

    def _host_ok(self) -> bool:
        """Refuse requests whose Host is not the bound address (DNS rebinding), unless remote is allowed."""
        host = urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
        if self.server.preview.allow_remote or is_loopback(host):
            return True
        self._send(421, b"wrong host", "text/plain; charset=utf-8")
        return False

    def _body(self) -> dict | None:
        length = int(self.headers.get("Content-Length") or 0)
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self._send(415, b"application/json only", "text/plain; charset=utf-8")
            return None
        if length > MAX_POST_BYTES:
            self._send(413, b"too large", "text/plain; charset=utf-8")
            return None
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            self._send(400, b"a JSON object is expected", "text/plain; charset=utf-8")
            return None
        return data

    def _json(self, data: object, code: int = 200) -> None:
        self._send(code, json.dumps(data).encode("utf-8"), "application/json")

    def _send(self, code: int, body: bytes, kind: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(code)
        headers = {"Content-Type": kind, "Content-Length": str(len(body)), "Cache-Control": "no-store",
                   "X-Content-Type-Options": "nosniff", "Accept-Ranges": "bytes", **(extra or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
