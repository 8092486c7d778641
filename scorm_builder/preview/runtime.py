"""scorm-again, the LMS runtime the preview page plays: pinned by version and sha256, fetched with npm on first use."""

from __future__ import annotations

from pathlib import Path

from ..npm_assets import PinnedAsset, fetch
from ..specs import RTES

#: Environment variable naming a local copy: the package's ``.tgz`` or its unpacked folder (``dist/`` inside).
SCORM_AGAIN_ENV = "SCORM_BUILDER_SCORM_AGAIN_SOURCE"

SCORM_AGAIN = PinnedAsset(
    lock_file="scorm-again.lock.json",
    env=SCORM_AGAIN_ENV,
    cache_name="npm",
    what="the LMS runtime files of the preview (scorm-again)",
)

#: Run-time environment (the record's ``rte.name``) -> the browser build the LMS page loads: scorm-again names
#: its builds as we name the environments (``dist/scorm12.min.js`` defines window.Scorm12API).
BUNDLES = {name: f"dist/{name}.min.js" for name in RTES}


def scorm_again_root(source: str | None = None) -> Path:
    """Return the verified scorm-again folder (holding ``dist/``), fetching it once into the user cache.

    Raises:
        SchemaFetchError: when it cannot be had or a checksum does not match.
    """
    return fetch(SCORM_AGAIN, source)
