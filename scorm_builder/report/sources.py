"""Statement files: a JSON array (``.json``) or JSON lines (``.jsonl``), either of them gzipped.

Lines are decoded in blocks (msgspec's ``decode_lines``); a block with a bad line is decoded again
line by line so that every bad line is named and the good ones around it are kept.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path

import msgspec

from ..errors import ScormBuilderError
from .statements import MANY, ONE, Statement

#: Bytes read per block of JSON lines.
BLOCK = 1 << 20
Sink = Callable[[Statement, str, "int | str"], None]
Problem = Callable[[str, str, str], None]


def open_bytes(path: Path) -> io.BufferedIOBase:
    """Open ``path`` for reading bytes, through gzip when it starts with gzip's magic number.

    Raises:
        ScormBuilderError: the file cannot be opened.
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 - handed to the caller
    except OSError as exc:
        raise ScormBuilderError(f"{path}: cannot read: {exc.strerror}") from None
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    return raw


def read_file(path: Path, sink: Sink, problem: Problem) -> int:
    """Feed every statement of ``path`` to ``sink``; report bad lines to ``problem``; return the count."""
    label = str(path)
    with open_bytes(path) as stream:
        try:
            head = stream.peek(64).lstrip()[:1] if hasattr(stream, "peek") else b""
            if head == b"[":
                return _array(stream.read(), label, sink, problem)
            return _lines(stream, label, sink, problem)
        except (OSError, EOFError) as exc:
            raise ScormBuilderError(f"{label}: cannot read: {exc}") from None


def _lines(stream: io.BufferedIOBase, label: str, sink: Sink, problem: Problem) -> int:
    count, number, rest = 0, 0, b""
    for block in iter(lambda: stream.read(BLOCK), b""):
        block = rest + block
        cut = block.rfind(b"\n") + 1
        block, rest = block[:cut], block[cut:]
        lines = block.count(b"\n")
        count += _block(block, lines, number, label, sink, problem)
        number += lines
    if rest.strip():
        count += _block(rest, 1, number, label, sink, problem)
    return count


def _block(block: bytes, lines: int, before: int, label: str, sink: Sink, problem: Problem) -> int:
    """Decode the ``lines`` JSON lines in ``block`` (lines ``before + 1`` on) and feed them."""
    try:
        items = ONE.decode_lines(block)
    except msgspec.DecodeError:
        return _one_by_one(block, before, label, sink, problem)
    if len(items) != lines:  # blank lines: decode_lines skips them, so number the lines one by one
        return _one_by_one(block, before, label, sink, problem)
    for index, statement in enumerate(items):
        sink(statement, label, before + index + 1)
    return len(items)


def _one_by_one(block: bytes, before: int, label: str, sink: Sink, problem: Problem) -> int:
    count = 0
    for number, line in enumerate(block.split(b"\n"), start=before + 1):
        if not line.strip():
            continue
        try:
            statement = ONE.decode(line)
        except msgspec.ValidationError as exc:
            problem("not a statement", f"{label}:{number}", why(exc))
            continue
        except msgspec.DecodeError as exc:
            problem("not JSON", f"{label}:{number}", f"not valid JSON ({why(exc)})")
            continue
        sink(statement, label, number)
        count += 1
    return count


def _array(data: bytes, label: str, sink: Sink, problem: Problem) -> int:
    try:
        items = MANY.decode(data)
    except msgspec.DecodeError as exc:
        raise ScormBuilderError(f"{label}: not a JSON array of statements ({why(exc)})") from None
    count, cursor, start, line = 0, 0, 0, 1
    for raw in items:
        # Items come in order, each at the first non-blank byte after the previous one and a comma.
        found = data.find(bytes(raw)[:1], cursor)
        if found >= 0:
            line += data.count(b"\n", start, found)
            start, cursor = found, found + len(raw)
        try:
            statement = ONE.decode(raw)
        except msgspec.ValidationError as exc:
            problem("not a statement", f"{label}:{line}", why(exc))
            continue
        sink(statement, label, line)
        count += 1
    return count


def why(exc: Exception) -> str:
    """Return msgspec's message with its ``$.a.b`` path turned into the field name ``a.b``."""
    text = str(exc)
    if " - at `$." in text:
        message, path = text.rsplit(" - at `$.", 1)
        return f"{path.rstrip('`')}: {message}"
    return text
