"""scorm-again, the LMS runtime the preview page plays: pinned by version and sha256, fetched with npm on first use."""

from __future__ import annotations

from pathlib import Path

from ..npm_assets import PinnedAsset, fetch

#: Environment variable naming a local copy: the package's ``.tgz`` or its unpacked folder (``dist/`` inside).
SCORM_AGAIN_ENV = "SCORM_BUILDER_SCORM_AGAIN_SOURCE"

SCORM_AGAIN = PinnedAsset(
    lock_file="scorm-again.lock.json",
    env=SCORM_AGAIN_ENV,
    cache_name="npm",
    what="the LMS runtime files of the preview (scorm-again)",
)

#: Standard -> the browser build the LMS page loads (defines window.Scorm12API / window.Scorm2004API).
BUNDLES = {"scorm12": "dist/scorm12.min.js", "scorm2004": "dist/scorm2004.min.js"}


def scorm_again_root(source: str | None = None) -> Path:
    """Return the verified scorm-again folder (holding ``dist/``), fetching it once into the user cache.

    Raises:
        SchemaFetchError: when it cannot be had or a checksum does not match.
    """
    return fetch(SCORM_AGAIN, source)
