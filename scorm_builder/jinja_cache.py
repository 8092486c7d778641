"""Keep compiled templates in the user cache between runs, so a build renders without compiling them."""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, FileSystemBytecodeCache

from .paths import cache_dir

FOLDER = "templates"

class TemplateCache(FileSystemBytecodeCache):
    """jinja's bytecode cache in ``<cache>/templates``, which can only make a build faster, never fail it.

    jinja keys each entry by the template's name and file and checks the source's checksum before it
    uses one, so an edited template is compiled again. A missing, unreadable or corrupt entry is
    compiled again too, and a cache folder that cannot be written is ignored.
    """

    def __init__(self) -> None:
        super().__init__(str(cache_dir() / FOLDER))

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from its file, or leave it empty when that file cannot be used."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - pickle and marshal raise almost anything on a damaged file
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store ``bucket``'s code; give up silently when the cache folder cannot be written."""
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            return

def template_cache() -> TemplateCache:
    """Return the bytecode cache the jinja Environment uses."""
    return TemplateCache()
