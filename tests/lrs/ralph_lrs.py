"""Ralph's LRS (``ralph-malph[lrs]``) on 127.0.0.1 with its file-system backend and HTTP Basic users.

Ralph authenticates Basic users against a JSON file of ``{username, hash (bcrypt), scopes, agent}``
entries (``RALPH_AUTH_FILE``); each test run makes up its own user and password.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

XAPI_VERSION = "1.0.3"


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Ralph:
    """Ralph's LRS server in a child process; ``page`` statements per page of a query."""

    def __init__(self, page: int = 100, timeout: float = 60.0) -> None:
        import bcrypt

        self.folder = Path(tempfile.mkdtemp(prefix="ralph-"))
        self.user, self.password = "report-" + secrets.token_hex(4), secrets.token_hex(16)
        users = [
            {
                "username": self.user,
                "hash": bcrypt.hashpw(self.password.encode(), bcrypt.gensalt(4)).decode(),
                "scopes": ["all"],
                "agent": {"mbox": "mailto:report-reader@example.org"},
            }
        ]
        (self.folder / "auth.json").write_text(json.dumps(users), encoding="utf-8")
        self.port = free_port()
        env = {
            **os.environ,
            "RALPH_APP_DIR": str(self.folder),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(page),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
        }
        (self.folder / "data").mkdir()
        self.log = open(self.folder / "server.log", "wb")  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(Path(__file__).parent),
                "ralph_app:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=self.folder,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait(timeout)

    @property
    def endpoint(self) -> str:
        """Return the xAPI endpoint (with its trailing slash)."""
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def _wait(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    "Ralph stopped: "
                    + (self.folder / "server.log").read_text(errors="replace")[-2000:]
                )
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2
                ):  # noqa: S310
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"Ralph did not start within {timeout}s")

    def post(self, statements: list[dict[str, Any]]) -> None:
        """Store ``statements`` in one request (the file-system backend writes its file once)."""
        import base64

        auth = "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        body = json.dumps(statements).encode()
        request = urllib.request.Request(
            self.endpoint + "statements",
            data=body,
            method="POST",
            headers={
                "Authorization": auth,
                "Content-Type": "application/json",
                "X-Experience-API-Version": XAPI_VERSION,
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
            assert response.status == 200, response.status

    def close(self) -> None:
        """Stop the server and remove its folder."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
