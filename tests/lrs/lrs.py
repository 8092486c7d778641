"""A real LRS for the tests: Learning Locker's xAPI statements service, in memory, on 127.0.0.1.

The statements it stores are read back through its own xAPI query API and checked with both
Learning Locker's validator (npm ``xapi-validation``) and Ralph's xAPI base statement model.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import secrets
import shutil
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
XAPI_VERSION = "1.0.3"


def random_basic_auth() -> str:
    """Return a made-up Basic authorization value for one test run (never a real credential)."""
    pair = f"{secrets.token_hex(6)}:{secrets.token_hex(12)}"
    return "Basic " + base64.b64encode(pair.encode()).decode()


class LearningLocker:
    """Learning Locker's ``xapi-statements`` (Node) with memory repositories, bound to loopback.

    ``stop()``/``start()`` close and reopen its port (connection refused meanwhile) while the
    statements stay in memory; ``close()`` ends the process.
    """

    def __init__(self, timeout: float = 30.0) -> None:
        node = shutil.which("node")
        if not node or not (ROOT / "node_modules" / "xapi-statements").is_dir():
            raise RuntimeError(f"Learning Locker's xapi-statements is missing: run `npm ci` in {ROOT}")
        self.logs = tempfile.mkdtemp(prefix="lrs-logs-")
        env = {**os.environ, "AUTH_REPO": "test", "EVENTS_REPO": "test", "MODELS_REPO": "memory",
               "STORAGE_REPO": "memory", "EXPRESS_MORGAN_DIRECTORY": self.logs, "WINSTON_CONSOLE_LEVEL": "error",
               "FS_LOCAL_STORAGE_DIR": self.logs, "NODE_NO_WARNINGS": "1"}
        self.proc = subprocess.Popen([node, str(HERE / "ll_server.js")], cwd=self.logs, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.port = int(self._expect("ready", timeout).split()[1])
        self.auth = random_basic_auth()

    @property
    def endpoint(self) -> str:
        """Return the xAPI endpoint (with its trailing slash)."""
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def _expect(self, word: str, timeout: float) -> str:
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise RuntimeError(f"Learning Locker did not say {word!r} within {timeout}s") from None
            if line.startswith(word):
                return line

    def _command(self, word: str, answer: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(word + "\n")
        self.proc.stdin.flush()
        self._expect(answer, 10)

    def stop(self) -> None:
        """Stop listening: every request is refused until :meth:`start`."""
        self._command("stop", "stopped")

    def start(self) -> None:
        """Listen again on the same port, with every statement stored so far."""
        self._command("start", "ready")

    def close(self) -> None:
        """End the process and remove its log folder."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.logs, ignore_errors=True)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Call the LRS as a client would; return (status, decoded JSON body or None)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": self.auth, "X-Experience-API-Version": XAPI_VERSION}
        if data is not None:
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.endpoint + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - loopback only
                text = resp.read().decode()
                return resp.status, json.loads(text) if text else None
        except urllib.error.HTTPError as exc:
            return exc.code, None

    def statements(self, registration: str | None = None) -> list[dict[str, Any]]:
        """Return every stored statement (of one registration), oldest first, following ``more``."""
        path = "statements?ascending=true&limit=500" + (f"&registration={registration}" if registration else "")
        out: list[dict[str, Any]] = []
        for _ in range(50):
            status, page = self.request("GET", path)
            assert status == 200, status
            out += page["statements"]
            more = page.get("more") or ""
            if not more:
                return out
            path = more.split("/xAPI/", 1)[1]
        raise AssertionError("the LRS kept paging")


def ll_problems(statements: list[dict[str, Any]]) -> list[list[str]]:
    """Return Learning Locker's validator's problems per statement (``xapi-validation``, in Node)."""
    result = subprocess.run(["node", str(HERE / "validate.js")], input=json.dumps(statements), text=True,
                            capture_output=True, check=True, cwd=ROOT, timeout=60)
    return json.loads(result.stdout)


def ralph_problems(statements: list[dict[str, Any]]) -> list[str]:
    """Return Ralph's objections (its xAPI base statement model) per statement, "" when valid."""
    from pydantic import ValidationError
    from ralph.models.xapi.base.statements import BaseXapiStatement

    out = []
    for statement in statements:
        try:
            BaseXapiStatement.model_validate(statement)
            out.append("")
        except ValidationError as exc:
            out.append(str(exc))
    return out
