"""What a field's validation error means, in the words of the person who wrote the file.

pydantic says ``Input should be a valid dictionary`` or ``String should match pattern
'^[a-z][a-z0-9]*(-[a-z0-9]+)*$'``. An author wrote ``label: "Hvem er du?"`` (a text needs its
languages) or ``id: Læringsmål`` (an id is ASCII). :func:`field_message` says what is expected and
what to write, and keeps pydantic's words for anything it does not know.
"""

from __future__ import annotations

import re
from typing import Any

from .primitives import ID_PATTERN, LANG_PATTERN, REL_PATH_PATTERN, VERSION_PATTERN

#: What each pattern of :mod:`.primitives` asks for.
PATTERNS = {
    ID_PATTERN: "an id is lower-case letters a-z, digits and hyphens, starting with a letter",
    REL_PATH_PATTERN: "a path inside the course folder: letters a-z and A-Z, digits, '.', '_', '-' and '/'",
    LANG_PATTERN: "a language code such as nb, nn or en",
    VERSION_PATTERN: "a version such as 1.0 or 1.2.0",
}
#: Letters an id cannot hold, as they are usually written without them (Norwegian and the like).
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e"})
TEXT_EXAMPLE = '{nb: "…", en: "…"}, or nb: and en: on lines of their own below it'


def field_message(error: Any, raw: str | None, expects_text: bool) -> str:
    """Return what is wrong with one field.

    Args:
        error: one of pydantic's ``ValidationError.errors()``.
        raw: the value as written in the file, when it is one scalar (``1.10``, not pydantic's 1.1).
        expects_text: whether the field is a text in the course's languages.
    """
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    written = raw if raw is not None else value
    if kind in ("dict_type", "model_type") and not error["loc"]:
        found = "nothing (the file is empty)" if value is None else _what(value)
        return f"the file must hold fields (key: value lines), not {found}"
    if kind in ("dict_type", "model_type") and expects_text:
        return f"a text is written per language: {TEXT_EXAMPLE}"
    if kind in ("dict_type", "model_type"):
        return f"fields (key: value lines) are expected here, not {_what(value)}"
    if kind == "list_type":
        return f"a list is expected here (a line starting with '- ' per item), not {_what(value)}"
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return f'a text is expected here: write it in quotes ("{written}"), otherwise YAML reads it as {_what(value)}'
    if kind == "string_type":
        return f"a text is expected here, not {_what(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"a whole number is expected here, not {written!r}"
    if kind in ("bool_parsing", "bool_type"):
        return f"true or false is expected here, not {written!r}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in PATTERNS:
        return _pattern(str(ctx["pattern"]), str(value))
    if kind == "too_short":
        return f"at least {_items(ctx['min_length'])} needed here, there {_are(ctx['actual_length'])}"
    if kind == "too_long":
        return f"at most {_items(ctx['max_length'])} here, there {_are(ctx['actual_length'])}"
    if kind == "string_too_long":
        return f"at most {ctx['max_length']:,} characters, this has {len(str(value)):,}"
    if kind in ("less_than_equal", "greater_than_equal"):
        bound = "at most" if kind == "less_than_equal" else "at least"
        return f"{bound} {ctx.get('le', ctx.get('ge'))}, not {written}"
    return str(error["msg"]).removeprefix("Value error, ")


def _pattern(pattern: str, value: str) -> str:
    message = f"{PATTERNS[pattern]}, not {value!r}"
    if pattern == ID_PATTERN:
        slug = re.sub(r"[^a-z0-9]+", "-", value.lower().translate(_ASCII)).strip("-")
        if slug and re.match(ID_PATTERN, slug) and len(slug) <= 40:
            message += f" (for example {slug!r})"
    return message


def _what(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    return "fields"


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _are(count: int) -> str:
    return f"is {count}" if count == 1 else f"are {count}"
