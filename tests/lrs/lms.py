"""The LMS side of an xAPI/cmi5 launch, on 127.0.0.1: serves the package, hands out cmi5 auth tokens
once, keeps the State API (LMS.LaunchData, the AU's resume document) and forwards statements to the
real LRS (Learning Locker), recording what the AU sent.

Learning Locker's statements service has no State API, so this LMS offers one, as cmi5 LMSs do.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from scorm_builder.preview.files import content_type

from .lrs import XAPI_VERSION, LearningLocker, random_basic_auth

CMI5 = "https://w3id.org/xapi/cmi5/context/"


@dataclass
class Session:
    """One launch: its auth token, actor, registration, activity id and, for cmi5, its launch data."""

    token: str
    actor: dict[str, Any]
    registration: str
    activity_id: str
    fetched: bool = False
    sent: list[dict[str, Any]] = field(default_factory=list)


class Lms:
    """A loopback LMS for one unpacked package, in front of ``lrs``."""

    def __init__(self, package_dir: Path, lrs: LearningLocker) -> None:
        self.package_dir = Path(package_dir).resolve()
        self.lrs = lrs
        self.sessions: dict[str, Session] = {}
        self.fetch_ids: dict[str, str] = {}
        self.state: dict[tuple[str, str, str, str], bytes] = {}
        self.preferences: dict[str, Any] | None = None
        self.requests: list[tuple[str, str]] = []
        #: The next this many reads of one state document are answered 503 (-1: every one), as an LMS
        #: whose database is briefly away answers.
        self.failing_state_reads = 0
        self.lock = threading.Lock()
        self.fetches = 0
        # Two origins, as in real deployments: the package's (content) and the LMS's (fetch URL, xAPI).
        self.servers = [self._serve(), self._serve()]

    def _serve(self) -> ThreadingHTTPServer:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        httpd.lms = self  # type: ignore[attr-defined]
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        return httpd

    @property
    def origin(self) -> str:
        """The LMS's origin (fetch URL, xAPI endpoint, returnURL)."""
        return f"http://127.0.0.1:{self.servers[0].server_address[1]}"

    @property
    def content(self) -> str:
        """The package's origin."""
        return f"http://127.0.0.1:{self.servers[1].server_address[1]}"

    def close(self) -> None:
        for httpd in self.servers:
            httpd.shutdown()
            httpd.server_close()

    def sent(self) -> list[dict[str, Any]]:
        """Return every statement the AU posted, in the order received (retries included)."""
        return [s for session in self.sessions.values() for s in session.sent]

    # --- launches ------------------------------------------------------------------------------------

    def tincan_url(self, actor: dict[str, Any], registration: str, activity_id: str) -> str:
        """Return a Tin Can launch URL whose endpoint is this LMS (with a State API)."""
        session = self._session(actor, registration, activity_id)
        query = {"endpoint": self.origin + "/xapi/", "auth": "Basic " + session.token, "actor": json.dumps(actor),
                 "registration": registration, "activity_id": activity_id}
        return self.content + "/pkg/index.html?" + urlencode(query)

    def cmi5_url(self, actor: dict[str, Any], registration: str, publisher_id: str, mode: str = "Normal",
                 return_url: bool = True, mastery: float | None = None) -> tuple[str, Session]:
        """Prepare a cmi5 session (LMS.LaunchData, "launched") and return its launch URL (cmi5 8.1)."""
        activity_id = f"https://lms.example.com/activities/{uuid.uuid4()}"
        session = self._session(actor, registration, activity_id)
        fetch_id = uuid.uuid4().hex
        self.fetch_ids[fetch_id] = session.token
        session_id = str(uuid.uuid4())
        template = {"contextActivities": {"grouping": [{"objectType": "Activity", "id": publisher_id}]},
                    "extensions": {CMI5 + "extensions/sessionid": session_id}}
        data: dict[str, Any] = {"contextTemplate": template, "launchMode": mode, "moveOn": "Completed",
                                "launchMethod": "AnyWindow"}
        if return_url:
            data["returnURL"] = self.origin + "/return"
        if mastery is not None:
            data["masteryScore"] = mastery
        self.state[self._state_key(activity_id, actor, registration, "LMS.LaunchData")] = json.dumps(data).encode()
        launched = {"id": str(uuid.uuid4()), "actor": actor, "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"},
                    "object": {"objectType": "Activity", "id": activity_id},
                    "context": {**template, "registration": registration, "extensions": {
                        **template["extensions"], CMI5 + "extensions/launchmode": mode,
                        CMI5 + "extensions/moveon": "Completed", CMI5 + "extensions/launchurl": self.content + "/pkg/index.html"}}}
        launched["context"]["contextActivities"] = {**template["contextActivities"],
                                                    "category": [{"id": CMI5 + "categories/cmi5"}]}
        status, _ = self.lrs.request("POST", "statements", launched)
        assert status == 200, status
        query = {"endpoint": self.origin + "/xapi/", "fetch": f"{self.origin}/fetch/{fetch_id}", "actor": json.dumps(actor),
                 "registration": registration, "activityId": activity_id}
        return self.content + "/pkg/index.html?" + urlencode(query), session

    def _session(self, actor: dict[str, Any], registration: str, activity_id: str) -> Session:
        session = Session(uuid.uuid4().hex, actor, registration, activity_id)
        self.sessions[session.token] = session
        return session

    @staticmethod
    def _state_key(activity: str, agent: Any, registration: str | None, state_id: str) -> tuple[str, str, str, str]:
        agent_obj = json.loads(agent) if isinstance(agent, str) else agent
        who = {k: agent_obj[k] for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in agent_obj}
        return activity, json.dumps(who, sort_keys=True), registration or "", state_id

    def resume_document(self, session: Session, state_id: str = "scorm-builder.resume") -> Any:
        """Return the AU's resume document for ``session`` (None if never written)."""
        raw = self.state.get(self._state_key(session.activity_id, session.actor, session.registration, state_id))
        return json.loads(raw) if raw else None


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the test output clean."""

    @property
    def lms(self) -> Lms:
        return self.server.lms  # type: ignore[attr-defined]

    def do_OPTIONS(self) -> None:  # noqa: N802
        """Answer a CORS preflight."""
        self._send(204, b"")

    def do_GET(self) -> None:  # noqa: N802
        self._route("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._route("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._route("PUT")

    def _route(self, method: str) -> None:
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), {k: v[0] for k, v in parse_qs(parts.query).items()}
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path.startswith("/pkg/"):
            return self._file(path[5:])
        if path == "/return":
            return self._send(200, b"<!doctype html><title>LMS</title><h1>Back in the LMS</h1>", "text/html")
        if path.startswith("/fetch/") and method == "POST":
            return self._fetch(path[7:])
        if path.startswith("/xapi/"):
            session = self._auth()
            if session is None:
                return self._send(401, b"{}")
            return self._xapi(method, path[6:], query, body, session)
        self._send(404, b"not found", "text/plain")

    def _file(self, relative: str) -> None:
        target = (self.lms.package_dir / relative).resolve()
        if not target.is_file() or not target.is_relative_to(self.lms.package_dir):
            return self._send(404, b"not found", "text/plain")
        self._send(200, target.read_bytes(), content_type(target.name))

    def _fetch(self, fetch_id: str) -> None:
        """The one-time fetch URL (cmi5 8.2): the token once, then error 1."""
        with self.lms.lock:
            self.lms.fetches += 1
            token = self.lms.fetch_ids.get(fetch_id)
            session = self.lms.sessions.get(token or "")
            if session is None:
                return self._json(200, {"error-code": "2", "error-text": "unknown fetch URL"})
            if session.fetched:
                return self._json(200, {"error-code": "1", "error-text": "The authorization token has already been returned."})
            session.fetched = True
        self._json(200, {"auth-token": token})

    def _auth(self) -> Session | None:
        header = self.headers.get("Authorization") or ""
        return self.lms.sessions.get(header.removeprefix("Basic ").strip()) if header.startswith("Basic ") else None

    def _xapi(self, method: str, path: str, query: dict[str, str], body: bytes, session: Session) -> None:
        self.lms.requests.append((method, path))
        if path == "activities/state":
            return self._state(method, query, body)
        if path == "agents/profile":
            prefs = self.lms.preferences
            return self._json(200, prefs) if prefs is not None else self._send(404, b"")
        if path == "statements" and method in ("POST", "PUT"):
            return self._statements(method, body, session)
        self._send(404, b"{}")

    def _state(self, method: str, query: dict[str, str], body: bytes) -> None:
        state_id = query.get("stateId")
        key = self.lms._state_key(query["activityId"], query["agent"], query.get("registration"), state_id or "")
        if state_id is None:
            return self._json(200, [k[3] for k in self.lms.state if k[:3] == key[:3]])
        if method == "GET":
            with self.lms.lock:
                failing = self.lms.failing_state_reads
                self.lms.failing_state_reads = failing - 1 if failing > 0 else failing
            if failing:
                return self._send(503, b"{}")
            doc = self.lms.state.get(key)
            return self._send(200, doc) if doc is not None else self._send(404, b"")
        if state_id == "LMS.LaunchData":
            return self._send(403, b"")  # the AU must not change the launch data (cmi5 10)
        self.lms.state[key] = body
        self._send(204, b"")

    def _statements(self, method: str, body: bytes, session: Session) -> None:
        data = json.loads(body)
        batch = data if isinstance(data, list) else [data]
        if any(s.get("actor") != session.actor for s in batch):
            return self._send(403, b"{}")  # best practice 15: the actor must be the launched one
        session.sent.extend(batch)
        req = urllib.request.Request(self.lms.lrs.endpoint + "statements", data=body, method=method, headers={
            "Authorization": self.lms.lrs.auth, "X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - loopback only
                return self._send(resp.status, resp.read())
        except urllib.error.HTTPError as exc:
            return self._send(exc.code, exc.read())
        except OSError:
            return self._send(503, b"{}")  # the LRS behind this LMS is down

    def _json(self, code: int, value: Any) -> None:
        self._send(code, json.dumps(value).encode())

    def _send(self, code: int, body: bytes, ctype: str = "application/json") -> None:
        self.send_response(code)
        origin = self.headers.get("Origin")
        headers = {"Content-Type": ctype, "Content-Length": str(len(body)), "Cache-Control": "no-store"}
        if origin:
            headers.update({"Access-Control-Allow-Origin": origin, "Vary": "Origin",
                            "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
                            "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version",
                            "Access-Control-Expose-Headers": "ETag, X-Experience-API-Version"})
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


__all__ = ["Lms", "Session", "random_basic_auth"]
