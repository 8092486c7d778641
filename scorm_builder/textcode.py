"""The text code of the resume state: learners' own text as a short string every LMS stores unchanged.

``runtime/textcode.js`` runs the same code in the browser; a property test keeps the two identical.

A text is coded as a static canonical Huffman code over the characters of ordinary Norwegian and
English prose (the weights below), an escape for every other UTF-16 code unit, and an end mark, then
written six bits per character in the URL-safe base64 alphabet (RFC 4648 section 5) behind one check
character. The result holds no line break, no space, no quote and nothing outside ASCII, so an LMS
that rewrites line breaks (Moodle's last save on exit sends ``FormData``, which turns ``\\n`` into
``\\r\\n``), trims, or stores text in a single-byte character set keeps it intact, and its length is
exactly what the LMS counts. Ordinary prose takes about 0.75 stored characters per written one.

The code is part of the resume-state format: a change to :data:`ALPHABET` or :data:`WEIGHTS` makes
saved states unreadable, so a test pins the code's digest; a new code needs a new state format.
"""

from __future__ import annotations

import hashlib
import heapq
from functools import cache
from typing import Any

#: The URL-safe base64 alphabet: six bits per stored character.
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#: Characters with a code of their own, most frequent first.
ALPHABET = (
    " etrnsialodgkvmupbfhåjøyæcwzxq\n.,-?!:;()«»\"'/%&+–…0123456789"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅéüöäèáó*=@#"
)
#: Relative frequency of each character of :data:`ALPHABET` per 10,000 characters of prose, from the
#: course's Norwegian source text (three parts) and its English translation (one part), with a line
#: break every 80 characters or so and a floor of 1.
WEIGHTS = (
    1506, 1204, 546, 699, 545, 532, 544, 499, 388, 504, 349, 368, 239, 297, 221, 164, 153, 102, 111,
    145, 61, 58, 43, 80, 15, 30, 10, 5, 5, 1, 120, 90, 80, 26, 42, 10, 15, 3, 10, 10, 2, 2, 5, 5, 8,
    3, 2, 2, 10, 3, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 12, 10, 5, 13, 12, 5, 6, 32, 18, 21, 18,
    10, 25, 4, 5, 15, 1, 8, 21, 22, 10, 7, 8, 1, 2, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
)
#: Symbol 0 ends a text, symbol 1 escapes one UTF-16 code unit written in 16 bits; then the alphabet.
END, ESCAPE = 0, 1
#: Weight of the end mark (one per field) and of the escape (anything outside the alphabet).
END_WEIGHT, ESCAPE_WEIGHT = 40, 8
ESCAPED_BITS = 16


@cache
def code_lengths() -> tuple[int, ...]:
    """Return each symbol's code length in bits (a Huffman code; ties broken by symbol order)."""
    weights = (END_WEIGHT, ESCAPE_WEIGHT, *WEIGHTS)
    heap: list[tuple[int, int, list[int]]] = [(w, i, [i]) for i, w in enumerate(weights)]
    heapq.heapify(heap)
    lengths = [0] * len(weights)
    order = len(weights)
    while len(heap) > 1:
        w1, _, s1 = heapq.heappop(heap)
        w2, _, s2 = heapq.heappop(heap)
        for symbol in s1 + s2:
            lengths[symbol] += 1
        heapq.heappush(heap, (w1 + w2, order, s1 + s2))
        order += 1
    return tuple(lengths)


@cache
def codes() -> tuple[tuple[int, int], ...]:
    """Return each symbol's canonical code as (value, length): shorter codes first, then symbol order."""
    lengths = code_lengths()
    out = [(0, 0)] * len(lengths)
    value, previous = 0, 0
    for length, symbol in sorted((n, s) for s, n in enumerate(lengths)):
        value <<= length - previous
        out[symbol] = (value, length)
        value, previous = value + 1, length
    return tuple(out)


@cache
def _symbol_of() -> dict[int, int]:
    return {ord(ch): 2 + i for i, ch in enumerate(ALPHABET)}


def _units(text: str) -> list[int]:
    """Return the UTF-16 code units of ``text`` (what JavaScript strings are made of)."""
    data = text.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def _check(units: list[int]) -> int:
    """Return the six-bit check value of a text's code units."""
    value = len(units) & 63
    for unit in units:
        value = (value * 31 + unit) & 63
    return value


def unit_bits(unit: int) -> int:
    """Return how many bits one UTF-16 code unit costs."""
    symbol = _symbol_of().get(unit)
    return codes()[symbol][1] if symbol is not None else codes()[ESCAPE][1] + ESCAPED_BITS


def size(text: str) -> int:
    """Return the stored length of ``text``: 0 for an empty text, else the check and the coded bits."""
    if not text:
        return 0
    bits = sum(unit_bits(u) for u in _units(text)) + codes()[END][1]
    return 1 + -(-bits // 6)


def encode(text: str) -> str:
    """Return ``text`` as stored: the check character, then the code in base64url (empty for "")."""
    if not text:
        return ""
    units = _units(text)
    table, symbols = codes(), _symbol_of()
    acc = nbits = 0
    for unit in units:
        symbol = symbols.get(unit)
        if symbol is None:
            value, length = table[ESCAPE]
            acc, nbits = (acc << length) | value, nbits + length
            acc, nbits = (acc << ESCAPED_BITS) | unit, nbits + ESCAPED_BITS
        else:
            value, length = table[symbol]
            acc, nbits = (acc << length) | value, nbits + length
    value, length = table[END]
    acc, nbits = (acc << length) | value, nbits + length
    pad = -nbits % 6
    acc, nbits = acc << pad, nbits + pad
    body = "".join(DIGITS[(acc >> shift) & 63] for shift in range(nbits - 6, -1, -6))
    return DIGITS[_check(units)] + body


def decode(stored: str) -> str | None:
    """Return the text ``stored`` holds, or None when it is damaged (bad character, no end, wrong check)."""
    if not stored:
        return ""
    if any(ch not in DIGITS for ch in stored):
        return None
    bits = "".join(format(DIGITS.index(ch), "06b") for ch in stored[1:])
    lookup = {(length, value): symbol for symbol, (value, length) in enumerate(codes())}
    units: list[int] = []
    value = length = pos = 0
    while pos < len(bits):
        value, length, pos = (value << 1) | (bits[pos] == "1"), length + 1, pos + 1
        symbol = lookup.get((length, value))
        if symbol is None:
            continue
        value = length = 0
        if symbol == END:
            if "1" in bits[pos:] or len(bits) - pos >= 6:
                return None
            break
        if symbol == ESCAPE:
            if pos + ESCAPED_BITS > len(bits):
                return None
            units.append(int(bits[pos : pos + ESCAPED_BITS], 2))
            pos += ESCAPED_BITS
        else:
            units.append(ord(ALPHABET[symbol - 2]))
    else:
        return None
    if DIGITS.index(stored[0]) != _check(units):
        return None
    return b"".join(u.to_bytes(2, "big") for u in units).decode("utf-16-be", "surrogatepass")


@cache
def prose_bits() -> float:
    """Return the average bits per character of the prose the code was made for (its own weights)."""
    lengths = code_lengths()[2:]
    return sum(w * n for w, n in zip(WEIGHTS, lengths, strict=True)) / sum(WEIGHTS)


def runtime_table() -> dict[str, Any]:
    """Return the code as the browser reads it: the alphabet and every symbol's length (end, escape first)."""
    return {"alphabet": ALPHABET, "lengths": list(code_lengths()), "escaped": ESCAPED_BITS}


def digest() -> str:
    """Return a digest of the code (alphabet, lengths): saved states stay readable only while it is unchanged."""
    return hashlib.sha256(repr((ALPHABET, code_lengths())).encode()).hexdigest()[:16]
