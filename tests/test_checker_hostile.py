"""`scorm-builder validate` on hostile and badly zipped packages: nothing is extracted, read through a link, or fetched."""

from __future__ import annotations

import os
import socket
import stat
import threading
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_checker_corpus import (
    Files,
    codes,
    edit_manifest,
    messages,
    package_files,
    validate_cli,
    validate_json,
    write_zip,
)

from scorm_builder.checker import check_package, lmsrules, zipsafety


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list]:
    """Make every outgoing Python connection fail, and fail the test if one was tried."""
    attempts: list = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError(f"test: network access to {address} refused")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


@pytest.fixture
def scorm(built: dict[str, Path]) -> Callable[[str], Files]:
    """Return the files of a built package."""
    return lambda standard="scorm2004-4": package_files(built[standard])


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run from a folder two levels below tmp_path; afterwards, nothing new may exist around it."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    watched = [tmp_path.parent, tmp_path, tmp_path / "a", work]
    before = {folder: sorted(os.listdir(folder)) for folder in watched}
    yield tmp_path
    after = {folder: sorted(os.listdir(folder)) for folder in watched}
    after[tmp_path] = [n for n in after[tmp_path] if not n.endswith(".zip")]  # the test's own inputs
    before[tmp_path] = [n for n in before[tmp_path] if not n.endswith(".zip")]
    assert after == before


def test_zip_slip_entry_is_refused_and_nothing_is_written(scorm: Callable[..., Files], sandbox: Path) -> None:
    path = write_zip(sandbox / "slip.zip", {**scorm(), "../../evil.txt": b"owned"})
    code, data = validate_json(path)
    assert code == 1
    assert any("../../evil.txt: entry path leaves the package root (zip slip)" in m for m in messages(data, "zip-slip"))
    assert not (sandbox / "evil.txt").exists() and not (sandbox / "a" / "evil.txt").exists()


def test_absolute_path_entry_is_refused(scorm: Callable[..., Files], sandbox: Path) -> None:
    target = f"/tmp/scorm-builder-test-{uuid.uuid4().hex}.txt"
    path = write_zip(sandbox / "abs.zip", scorm())
    with zipfile.ZipFile(path, "a") as archive:  # zipfile strips a leading / on write: set the raw name
        info = zipfile.ZipInfo("placeholder")
        info.filename = target
        archive.writestr(info, b"owned")
    assert target in zipfile.ZipFile(path).namelist()
    code, data = validate_json(path)
    assert code == 1
    assert messages(data, "absolute-path") == [
        f"{target}: absolute path in the zip: unzipping it writes outside the target folder"
    ]
    assert not Path(target).exists()


def test_symlink_entry_is_refused_and_not_followed(scorm: Callable[..., Files], sandbox: Path) -> None:
    path = write_zip(sandbox / "link.zip", scorm())
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo("assets/passwd.css")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    code, data = validate_json(path)
    assert code == 1
    assert any(m.startswith("assets/passwd.css: symbolic link") for m in messages(data, "symlink"))


def test_symlink_in_a_folder_is_not_followed(scorm: Callable[..., Files], tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    for name, data in scorm().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT-41")
    (folder / "imsmanifest.xml").unlink()
    (folder / "imsmanifest.xml").symlink_to(secret)
    with pytest.raises(Exception, match="no imsmanifest.xml"):  # a linked manifest is no manifest
        check_package(folder)
    (folder / "imsmanifest.xml").unlink()
    (folder / "imsmanifest.xml").write_bytes(scorm()["imsmanifest.xml"])
    (folder / "assets" / "course.css").unlink()
    (folder / "assets" / "course.css").symlink_to(secret)
    code, output = validate_cli(folder)
    assert code == 1 and "SECRET-CONTENT" not in output
    assert "ERROR assets/course.css: symbolic link" in output


def test_zip_bomb_is_refused_from_the_central_directory(
    scorm: Callable[..., Files], sandbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sandbox / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in scorm().items():
            archive.writestr(name, data)
        archive.writestr("assets/bomb.bin", b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert path.stat().st_size < 200_000  # the test file stays small
    opened: list[str] = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile,
        "open",
        lambda self, name, *a, **k: opened.append(getattr(name, "filename", name)) or real_open(self, name, *a, **k),
    )
    code, data = validate_json(path)
    assert code == 1
    assert any("67,108,864 bytes" in m and "zip bomb, not inflated" in m for m in messages(data, "zip-bomb"))
    assert opened == ["imsmanifest.xml"]  # only the manifest was inflated


def test_total_uncompressed_size_is_capped(
    scorm: Callable[..., Files], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zipsafety, "MAX_TOTAL_BYTES", 10_000)
    code, data = validate_json(write_zip(tmp_path / "p.zip", scorm()))
    assert code == 1 and "too-large-uncompressed" in codes(data, "error")


def _with_doctype(files: Files, doctype: str, old: str, new: str) -> Files:
    files = edit_manifest(files, (old, new))
    text = files["imsmanifest.xml"].decode()
    declaration, rest = text.split("\n", 1)
    return {**files, "imsmanifest.xml": f"{declaration}\n{doctype}\n{rest}".encode()}


def test_xxe_to_a_local_file_is_not_read(scorm: Callable[..., Files], sandbox: Path) -> None:
    secret = sandbox / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a")
    doctype = f'<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    files = _with_doctype(scorm(), doctype, "2004 4th Edition", "&xxe;")
    code, output = validate_cli(write_zip(sandbox / "xxe.zip", files), "--json")
    assert code == 1
    assert "TOP-SECRET" not in output
    assert '"code": "entity-declaration"' in output and '"code": "entity-reference"' in output
    secret.unlink()


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b'<!ENTITY leak "LEAKED-FROM-HTTP">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server recording every request (it is what an XXE fetch would hit)."""
    hits: list[str] = []
    handler = type("Handler", (_Recorder,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("document", ["imsmanifest.xml", "tincan.xml", "cmi5.xml"])
def test_xxe_to_a_url_is_not_fetched(
    document: str, scorm: Callable[..., Files], tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{url}/general"><!ENTITY % p SYSTEM "{url}/parameter"> %p;]>'
    if document == "imsmanifest.xml":
        files = _with_doctype(scorm(), doctype, "2004 4th Edition", "&xxe;")
    else:
        root = "tincan" if document == "tincan.xml" else "courseStructure"
        files = {document: f'<?xml version="1.0"?>\n{doctype}\n<{root}>&xxe;</{root}>'.encode(), "index.html": b""}
    code, output = validate_cli(write_zip(tmp_path / "xxe.zip", files), "--json")
    time.sleep(0.2)  # a fetch would have reached the listener by now
    assert hits == []
    assert code == 1 and "LEAKED" not in output
    assert '"code": "entity-declaration"' in output


def test_billion_laughs_is_not_expanded(scorm: Callable[..., Files], tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    files = _with_doctype(scorm(), f"<!DOCTYPE manifest [{entities}]>", "2004 4th Edition", "&i;")
    started = time.monotonic()
    code, data = validate_json(write_zip(tmp_path / "lol.zip", files))
    assert time.monotonic() - started < 10
    assert code == 1 and "a" * 100 not in str(data)
    # libxml2 refuses the declarations outright (amplification limit), or leaves &i; unexpanded
    refused = any("amplification" in m for m in messages(data, "invalid-xml"))
    assert refused or any("entity reference &i; left unexpanded" in m for m in messages(data, "entity-reference"))


def test_nested_zip_is_a_warning(scorm: Callable[..., Files], tmp_path: Path) -> None:
    inner = write_zip(tmp_path / "inner.zip", scorm()).read_bytes()
    code, data = validate_json(write_zip(tmp_path / "outer.zip", {**scorm(), "old/course.zip": inner}))
    assert code == 0
    assert any("a zip inside the package" in m for m in messages(data, "nested-zip"))


def test_zip_in_a_zip_without_manifest_cannot_be_checked(scorm: Callable[..., Files], tmp_path: Path) -> None:
    inner = write_zip(tmp_path / "inner.zip", scorm()).read_bytes()
    code, output = validate_cli(write_zip(tmp_path / "outer.zip", {"course.zip": inner}))
    assert code == 2
    assert "no imsmanifest.xml, tincan.xml or cmi5.xml found; it holds course.zip: a zip inside the zip" in output


def test_missing_manifest_cannot_be_checked(tmp_path: Path) -> None:
    code, output = validate_cli(write_zip(tmp_path / "p.zip", {"index.html": b"<html></html>"}))
    assert code == 2 and "no imsmanifest.xml, tincan.xml or cmi5.xml found" in output


def test_manifest_in_a_subfolder_is_reported_and_the_rest_checked(scorm: Callable[..., Files], tmp_path: Path) -> None:
    files = {f"course/{name}": data for name, data in scorm().items()}
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 1
    assert codes(data, "error") == {"manifest-in-subfolder"}
    assert any(
        "not at the root" in m and "zip what is inside 'course/'" in m for m in messages(data, "manifest-in-subfolder")
    )


def test_manifest_in_another_case_is_reported(scorm: Callable[..., Files], tmp_path: Path) -> None:
    files = scorm()
    files["IMSManifest.xml"] = files.pop("imsmanifest.xml")
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 1 and "control-document-case" in codes(data, "error")


def test_spaces_and_non_ascii_in_paths_are_warnings(scorm: Callable[..., Files], tmp_path: Path) -> None:
    listed = '<file href="media/my%20clip.vtt"/><file href="media/blåbær.txt"/>'
    files = edit_manifest(scorm(), ('<file href="index.html"/>', '<file href="index.html"/>' + listed))
    files |= {"media/my clip.vtt": b"WEBVTT", "media/blåbær.txt": b"x"}
    code, data = validate_json(write_zip(tmp_path / "p.zip", files))
    assert code == 0, data["findings"]
    assert messages(data, "space-in-path")[0].startswith("media/my clip.vtt: space in the path")
    assert messages(data, "non-ascii-path")[0].startswith("media/blåbær.txt: non-ASCII characters")
    assert "missing-file" not in codes(data)


def test_large_package_is_a_warning(
    scorm: Callable[..., Files], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lmsrules, "TOO_LARGE_BYTES", 1000)
    code, data = validate_json(write_zip(tmp_path / "p.zip", scorm()))
    assert code == 0 and any("many LMSs refuse uploads above 100 MB" in m for m in messages(data, "large-package"))


def test_not_a_zip_and_corrupt_zips_cannot_be_read(scorm: Callable[..., Files], tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("hello")
    assert validate_cli(text) == (2, f"error: {text}: not a zip file or a folder\n")
    good = write_zip(tmp_path / "good.zip", scorm()).read_bytes()
    broken = tmp_path / "broken.zip"
    broken.write_bytes(good.replace(b"PK\x01\x02", b"PK\x09\x09"))
    code, output = validate_cli(broken)
    assert code == 2 and "not a readable zip file" in output


def test_corrupt_member_is_an_error_not_a_crash(scorm: Callable[..., Files], tmp_path: Path) -> None:
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in scorm().items():
            archive.writestr(name, data)
    raw = bytearray(path.read_bytes())
    at = raw.index(b"<organizations")
    raw[at + 1 : at + 14] = b"ORGANIZATIONS"  # same length, so the CRC no longer matches
    path.write_bytes(bytes(raw))
    code, data = validate_json(path)
    assert code == 1 and any("Bad CRC-32" in m for m in messages(data, "unreadable-document"))
