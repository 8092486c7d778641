"""What a file is served as: its Content-Type, and the bytes a ``Range`` request asks for (RFC 9110 14.1.2)."""

from __future__ import annotations

from pathlib import PurePosixPath

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".vtt": "text/vtt; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".pdf": "application/pdf",
}


def content_type(name: str) -> str:
    """Return the Content-Type of a file named ``name`` (``application/octet-stream`` when unknown)."""
    return CONTENT_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Return the inclusive span of a single ``bytes=`` range of a ``size``-byte body, or None (send it all).

    A browser asks for ranges to seek in a video; several ranges, or one that cannot be met, get the
    whole body.
    """
    if not header or not header.startswith("bytes=") or "," in header or size == 0:
        return None
    first, _, last = header.removeprefix("bytes=").partition("-")
    try:
        start, end = (int(first), int(last) if last else size - 1) if first else (max(size - int(last), 0), size - 1)
    except ValueError:
        return None
    if start > end or start >= size:
        return None
    return start, min(end, size - 1)
