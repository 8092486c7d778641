"""Write byte-reproducible zips: sorted entries, one fixed timestamp, fixed permissions."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

#: Used when SOURCE_DATE_EPOCH is not set: 2000-01-01T00:00:00Z.
DEFAULT_EPOCH = 946684800


def build_timestamp() -> tuple[int, int, int, int, int, int]:
    """Return the timestamp every zip entry gets (from ``SOURCE_DATE_EPOCH`` if set)."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    epoch = max(epoch, 315532800)  # zip cannot store dates before 1980
    return time.gmtime(epoch)[:6]


def write_zip(stage: Path, dest: Path) -> int:
    """Zip every file under ``stage`` into ``dest`` and return the number of entries."""
    stamp = build_timestamp()
    names = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
    with zipfile.ZipFile(dest, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3  # unix, so the permissions above are read everywhere
            archive.writestr(info, (stage / name).read_bytes(), compresslevel=9)
    return len(names)
