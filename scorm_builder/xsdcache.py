"""Keep compiled XSD validators in the user cache between runs, keyed by the pinned sums and xmlschema.

Building a validator from the official XSDs (parsing them, checking them against the XSD meta-schema,
compiling the content models) costs far more than one validation, and its result depends only on the
files and the xmlschema release: a pinned set is built once, pickled into
``<cache>/xsd-validators/<key>.pickle`` and read back by every later run. The key is the sha256 of the
files' pinned sums (``schemas/scorm-xsd.lock.json``), the namespaces imported, the XSD version,
xmlschema's and Python's versions and :data:`FORMAT`. A folder without pins (a package's own copy of
the XSDs) is always built, never cached.

The cache can only make things faster: a missing, truncated, corrupt or foreign file is rebuilt and
replaced, and a cache folder that cannot be written is ignored. Like every file under the user cache,
it is trusted as much as the user's own home folder (a pickle runs code when read).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import cache_dir

if TYPE_CHECKING:
    import xmlschema

    from .validate import SchemaSet

#: Bumped whenever what goes into a validator changes without the XSDs changing (the driver schema,
#: the ims_xml.xsd patch, the loader's options in validate._build).
FORMAT = 1
FOLDER = "xsd-validators"
MAGIC = b"scorm-builder xsd validator\n"


def cache_key(schemas: SchemaSet) -> str | None:
    """Return the cache key of ``schemas``, or None when its files are not pinned."""
    if not schemas.pins:
        return None
    import xmlschema

    identity = {
        "format": FORMAT,
        "xmlschema": xmlschema.__version__,
        "python": list(sys.version_info[:2]),
        "xsd_version": schemas.xsd_version,
        "namespaces": [list(pair) for pair in schemas.namespaces],
        "pins": [list(pair) for pair in schemas.pins],
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()


def cache_path(key: str) -> Path:
    """Return the file that holds the validator of ``key``."""
    return cache_dir() / FOLDER / f"{key}.pickle"


def cached(
    schemas: SchemaSet, build: Callable[[SchemaSet], xmlschema.XMLSchemaBase]
) -> xmlschema.XMLSchemaBase:
    """Return the validator of ``schemas`` from the cache, or ``build(schemas)`` it and keep it there."""
    key = cache_key(schemas)
    if key is None:
        return build(schemas)
    path = cache_path(key)
    schema = _read(path, key)
    if schema is None:
        schema = build(schemas)
        _write(path, key, schema)
    return schema


def _read(path: Path, key: str) -> xmlschema.XMLSchemaBase | None:
    """Return the validator stored at ``path`` for ``key``, or None for anything else."""
    import xmlschema

    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = MAGIC + key.encode() + b"\n"
    if not data.startswith(header):
        return None
    collecting = gc.isenabled()
    gc.disable()  # a validator is tens of thousands of objects and no garbage: halves the time to read it
    try:
        schema = pickle.loads(data[len(header):])  # noqa: S301 - our own file in the user's cache
    except Exception:  # noqa: BLE001 - a truncated or corrupt pickle raises almost anything
        return None
    finally:
        if collecting:
            gc.enable()
    return schema if isinstance(schema, xmlschema.XMLSchemaBase) and schema.built else None


def _write(path: Path, key: str, schema: xmlschema.XMLSchemaBase) -> None:
    """Store ``schema`` at ``path`` atomically; give up silently when the cache cannot be written."""
    try:
        data = pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    except (OSError, RecursionError, pickle.PicklingError, TypeError, AttributeError):
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + key.encode() + b"\n" + data)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
