"""`scorm-builder report` against a real LRS on loopback (Ralph, file-system backend): paging through
``more``, credentials from a file or the environment, a refused login, an LRS that does not answer."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from lrs.ralph_lrs import Ralph
from report_support import cli, every_output, generate, report_json
from support import COURSE, snapshot

from scorm_builder.errors import ScormBuilderError
from scorm_builder.report.lrs import Lrs
from scorm_builder.report.run import ReportOptions, make_report

PAGE = 100


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ralph, Path, Path, Path]]:
    """Ralph holding the statements of 60 generated learners, with a credentials file for it."""
    folder = tmp_path_factory.mktemp("lrs")
    statements, groups, _ = generate(folder, 60, seed=8, groups=["Salg", "Salg/Oslo", "Drift"])
    server = Ralph(page=PAGE)
    try:
        server.post(
            [json.loads(line) for line in statements.read_text(encoding="utf-8").splitlines()]
        )
        secret = folder / "lrs.secret"
        secret.write_text(f"{server.user}:{server.password}\n", encoding="utf-8")
        yield server, statements, groups, secret
    finally:
        server.close()


def test_the_report_from_the_lrs_equals_the_report_from_the_file(loaded, tmp_path: Path) -> None:
    server, statements, groups, secret = loaded
    done = cli(
        "report",
        server.endpoint,
        "--auth-file",
        str(secret),
        "--course",
        str(COURSE),
        "--groups",
        str(groups),
        "--min-group",
        "3",
        "--out",
        str(tmp_path / "lrs"),
    )
    assert done.returncode == 0, done.stderr
    from_file = make_report(
        ReportOptions([str(statements)], COURSE, tmp_path / "file", groups, min_group=3)
    ).report
    from_lrs = report_json(tmp_path / "lrs")
    assert from_lrs["groups"] == from_file["groups"] and len(from_lrs["groups"]) >= 2
    assert from_lrs["input"]["left_out"]["voided"] >= 1
    text = every_output(tmp_path / "lrs") + done.stdout + done.stderr
    assert server.password not in text and server.user not in text


def test_statements_come_page_by_page_through_more(loaded) -> None:
    server, _, _, secret = loaded
    from scorm_builder.report.lrs import authorization

    lrs = Lrs(server.endpoint, authorization(secret))
    base = "https://courses.example.org/aktivt-medarbeiderskap"
    pages = [len(page) for page in lrs.pages({"activity": base, "related_activities": "true"})]
    assert len(pages) > 3 and max(pages) == PAGE, pages


def test_credentials_from_the_environment(
    loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, _, groups, _ = loaded
    monkeypatch.setenv("SCORM_BUILDER_LRS_AUTH", f"{server.user}:{server.password}")
    result = make_report(
        ReportOptions([server.endpoint], COURSE, tmp_path / "out", groups, min_group=3)
    )
    assert result.report["groups"][0]["learners"] > 10


def test_a_refused_login_names_the_url_and_writes_nothing(loaded, tmp_path: Path) -> None:
    server, _, _, _ = loaded
    wrong = tmp_path / "wrong.secret"
    wrong.write_text(f"{server.user}:not-the-password", encoding="utf-8")
    out = tmp_path / "out"
    done = cli(
        "report",
        server.endpoint,
        "--auth-file",
        str(wrong),
        "--course",
        str(COURSE),
        "--out",
        str(out),
    )
    assert done.returncode == 1
    assert (
        done.stderr.startswith(f"error: {server.endpoint}statements?activity=")
        and len(done.stderr.strip().splitlines()) == 1
    )
    assert (
        "HTTP 401: the LRS refused the credentials" in done.stderr
        and "not-the-password" not in done.stderr
    )
    assert not out.exists()


def test_credentials_in_the_address_are_refused(tmp_path: Path) -> None:
    done = cli(
        "report",
        "http://reader:secret@127.0.0.1:9/xAPI/",
        "--course",
        str(COURSE),
        "--out",
        str(tmp_path / "o"),
    )
    assert (
        done.returncode == 1
        and "credentials in the address; put them in --auth-file" in done.stderr
    )
    assert "secret" not in done.stderr


class Slow(BaseHTTPRequestHandler):
    """An LRS that takes ``delay`` seconds per page; pages link on with ``more`` until ``pages``."""

    delay, pages, seen = 0.0, 3, []  # type: ignore[var-annotated]

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).seen.append(self.path)
        time.sleep(self.delay)
        number = len([p for p in self.seen if "page=" in p])
        body: dict[str, Any] = {"statements": [{"id": str(n)} for n in range(5)]}
        if number < self.pages:
            body["more"] = f"/xAPI/statements?page={number + 1}"
        data = json.dumps(body).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def slow() -> Iterator[ThreadingHTTPServer]:
    Slow.delay, Slow.pages, Slow.seen = 0.0, 3, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_only_one_page_is_fetched_before_it_is_used(slow: ThreadingHTTPServer) -> None:
    lrs = Lrs(f"http://127.0.0.1:{slow.server_address[1]}/xAPI/")
    pages = lrs.pages({"activity": "https://courses.example.org/x"})
    first = next(pages)
    assert len(first) == 5 and len(Slow.seen) == 1
    next(pages)
    assert len(Slow.seen) == 2 and Slow.seen[1] == "/xAPI/statements?page=1"


def test_an_lrs_that_does_not_answer_in_time_names_the_url_and_writes_nothing(
    slow: ThreadingHTTPServer, tmp_path: Path
) -> None:
    Slow.delay = 5.0
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(out)
    endpoint = f"http://127.0.0.1:{slow.server_address[1]}/xAPI/"
    with pytest.raises(
        ScormBuilderError,
        match=rf"^{endpoint}statements\?activity=.*: no answer within 1 s \(--timeout\)$",
    ):
        make_report(ReportOptions([endpoint], COURSE, out, timeout=1.0))
    assert snapshot(out) == before


class NotStatements(BaseHTTPRequestHandler):
    """A server that answers 200 with JSON that is not an xAPI StatementResult."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        data = b'{"statements": "none", "more": 7}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def test_an_answer_that_is_not_a_statement_result_names_the_url_and_writes_nothing(
    tmp_path: Path,
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), NotStatements)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
    try:
        with pytest.raises(
            ScormBuilderError,
            match=rf"^{endpoint}statements\?activity=.*: not an xAPI StatementResult \(.*statements.*\)$",
        ):
            make_report(ReportOptions([endpoint], COURSE, tmp_path / "o"))
    finally:
        server.shutdown()
        server.server_close()
    assert not (tmp_path / "o").exists()


def test_an_lrs_that_refuses_connections(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(
        ScormBuilderError,
        match=rf"^http://127.0.0.1:{port}/xAPI/statements\?.*: cannot reach the LRS",
    ):
        make_report(ReportOptions([f"http://127.0.0.1:{port}/xAPI/"], COURSE, tmp_path / "o"))
    assert not (tmp_path / "o").exists()


def test_since_is_passed_to_the_lrs(loaded, tmp_path: Path) -> None:
    server, _, groups, secret = loaded
    options = {"course_dir": COURSE, "groups": groups, "min_group": 3, "auth_file": secret}
    everything = make_report(ReportOptions([server.endpoint], out=tmp_path / "a", **options)).report
    later = make_report(
        ReportOptions(
            [server.endpoint], out=tmp_path / "b", since="2030-01-01T00:00:00Z", **options
        )
    ).report
    assert (
        everything["input"]["statements"] > 1000
        and later["input"]["statements"] == 0
        and later["groups"] == []
    )
