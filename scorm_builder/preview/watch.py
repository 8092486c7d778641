"""Watch a course folder by polling: a settled burst of saves becomes one call (stdlib only, portable).

Every ``interval`` seconds the watcher takes a snapshot of the folder (modification time, size and inode of
every file) and compares it with the last one. Editors write a file several times in one save (a backup, the
text, a rename), so a change is reported only once the folder has been quiet for ``quiet`` seconds: one
rebuild per save, not three. Hidden files and folders (``.name``) and editor backups (``name~``, ``*.swp``)
are not content and are left out.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

#: A file's signature: (modification time in ns, size, inode). A save changes at least one of them.
Signature = tuple[int, int, int]

#: Seconds between two snapshots.
INTERVAL = 0.3
#: Seconds without any change before a burst of saves counts as finished.
QUIET = 0.3


def ignored(name: str) -> bool:
    """Return True for names that are not content: hidden files, editor backups and swap files."""
    return name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp"))


def snapshot(root: Path) -> dict[str, Signature]:
    """Return {relative path: signature} of every content file under ``root`` (empty if it is missing)."""
    found: dict[str, Signature] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not ignored(d)]
        for name in files:
            if ignored(name):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue  # removed between the listing and the stat: the next snapshot sees it gone
            found[os.path.relpath(path, root)] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


class Debounce:
    """Turn a stream of "changed or not" observations into one signal per settled burst."""

    def __init__(self, quiet: float = QUIET) -> None:
        """Signal once nothing has changed for ``quiet`` seconds after the last change."""
        self.quiet = quiet
        self._last_change: float | None = None

    def observe(self, changed: bool, now: float) -> bool:
        """Record one observation at time ``now``; return True when a burst has just settled."""
        if changed:
            self._last_change = now
            return False
        if self._last_change is not None and now - self._last_change >= self.quiet:
            self._last_change = None
            return True
        return False

    @property
    def pending(self) -> bool:
        """Return True while a burst of changes has not settled yet."""
        return self._last_change is not None


class Watcher:
    """Poll ``root`` and call ``on_change()`` once per settled burst of changes, in a background thread."""

    def __init__(
        self,
        root: Path,
        on_change: Callable[[], object],
        interval: float = INTERVAL,
        quiet: float = QUIET,
    ) -> None:
        """Take the first snapshot now: later changes are measured against it."""
        self.root = Path(root)
        self.on_change = on_change
        self.interval = interval
        self.debounce = Debounce(quiet)
        self._seen = snapshot(self.root)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self, now: float) -> bool:
        """Take one snapshot at time ``now``; call ``on_change`` and return True when a burst has settled."""
        current = snapshot(self.root)
        changed, self._seen = current != self._seen, current
        if not self.debounce.observe(changed, now):
            return False
        self.on_change()
        return True

    def start(self) -> Watcher:
        """Poll in a daemon thread until :meth:`stop`; return self."""
        self._thread = threading.Thread(target=self._run, name="preview-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop polling and wait for a call in progress to end."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.step(time.monotonic())
