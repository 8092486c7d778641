"""Plain words for YAML syntax errors: what the author most likely wrote, on the line to look at.

PyYAML says what its parser expected (``expected <block end>, but found '<scalar>'``), often on the
line after the mistake. :func:`explain` recognises the mistakes people make in content files: a
tab, a quote left open, text after a closing quote, a colon in a text without quotes, a text that
starts with a sign YAML keeps for itself, a backslash in double quotes, a line that does not line
up. It says what to write instead, at the line where the mistake is. Anything else keeps the
parser's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

#: A line's value: after any list dashes and a plain ``key:``, up to the end of the line.
_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s\"'#\-][^\"'#]*?:(?:\s+|$))?(?P<value>.*)$")
#: Signs that make a value something other than a text when they come first (YAML 1.1, 5.3), and
#: what YAML reads them as.
_RESERVED = {
    "@": "a sign kept for later use",
    "`": "a sign kept for later use",
    "%": "a directive",
    "*": "a reference to an anchor",
    "&": "an anchor",
    "!": "a tag",
    "|": "the start of a block of text on the lines below",
    ">": "the start of a block of text on the lines below",
    "[": "the start of a list",
    "{": "the start of a mapping",
}
_CLOSE = {"[": ("]", "list"), "{": ("}", "mapping")}
#: A rule: (problem, its line, the line its context starts on, the file's lines) -> (line, words) or None.
Rule = Callable[[str, int, "int | None", list[str]], "tuple[int, str] | None"]
_SPECIAL = re.compile(r"found character '(?P<sign>.)' that cannot start any token")
#: Problems that come of a line that does not line up (a scalar found there has rules of its own).
_INDENT = re.compile(
    r"expected <block end>, but found '(<block mapping start>|<block sequence start>|<block entry>|-|\?)'"
    r"|did not find expected (key|'-')"
)


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """Return the line to look at and what is wrong there, in words an author can act on."""
    problem = exc.problem or ""
    at = exc.problem_mark.line + 1 if exc.problem_mark else None
    since = exc.context_mark.line + 1 if exc.context_mark else None
    if at is None:
        return since, problem
    lines = text.splitlines()
    rules: tuple[Rule, ...] = (
        _tab, _open_quote, _after_quote, _indent, _colon, _simple_key, _escape, _another_document, _reserved,
    )
    if isinstance(exc, yaml.constructor.ConstructorError):
        # it comes after the text parsed: of these, only a tag (a text that starts with !) can cause it
        rules = (_reserved,) if problem.startswith("could not determine a constructor") else ()
    for rule in rules:
        found = rule(problem, at, since, lines)
        if found is not None:
            return found
    words = problem
    if exc.context and since is not None and since != at:
        words += f" ({exc.context} at line {since})"
    return at, words


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _value(line: str) -> str:
    found = _VALUE.match(line)
    return found["value"].strip() if found else ""


def _unclosed(value: str) -> str | None:
    """Return the quote ``value`` opens and never closes on its line, else None."""
    if not value or value[0] not in "\"'":
        return None
    return value[0] if _closing(value) is None else None


def _closing(value: str) -> int | None:
    """Return the index of the quote that closes the quoted ``value``, else None."""
    quote, n = value[0], 1
    while n < len(value):
        char = value[n]
        if quote == '"' and char == "\\":
            n += 2
            continue
        if char == quote:
            if quote == "'" and value[n + 1 : n + 2] == "'":  # '' is a quote inside single quotes
                n += 2
                continue
            return n
        n += 1
    return None


def _tab(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    if not problem.startswith("found character '\\t'"):
        return None
    return at, "a tab character indents this line: YAML indents with spaces only (replace the tab with spaces)"


def _open_quote(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    """A quote opened on this line or one above and never closed: the parser reads on to the next quote."""
    if problem.startswith(("found character", "found unknown escape")):
        return None
    first = max(1, min(since or at, at - 1))
    for number in range(at, first - 1, -1):
        quote = _unclosed(_value(_line(lines, number)))
        if quote is not None:
            return number, (
                f"the text that starts on this line has no closing quote ({quote}): close it with "
                f"{quote} where the text ends"
            )
    return None


def _after_quote(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    if not problem.startswith("expected <block end>, but found '<scalar>'"):
        return None
    for number in dict.fromkeys((since or at, at)):
        value = _value(_line(lines, number))
        end = _closing(value) if value[:1] in ("'", '"') else None
        rest = value[end + 1 :].strip() if end is not None else ""
        if rest and not rest.startswith("#"):
            return number, (
                "the text goes on after its closing quote: keep the whole text inside one pair of "
                'quotes, and write a quote inside it as \\" (or use « »)'
            )
    return None


def _reserved(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    """A text that starts with a sign YAML reads as something else (a list, an alias, a tag …)."""
    special = _SPECIAL.match(problem)
    candidates = [(at, special["sign"])] if special else []
    candidates += [(n, _value(_line(lines, n))[:1]) for n in dict.fromkeys((since or at, at))]
    for number, sign in candidates:
        close, kind = _CLOSE.get(sign, ("", ""))
        if close and problem.startswith(f"expected ',' or '{close}'"):
            return number, (
                f"the {sign} on this line starts a {kind} that is not closed with {close}; "
                f'a text that starts with {sign} must be in quotes (write "{sign}…")'
            )
        if sign in _RESERVED:
            return number, (
                f'a text that starts with {sign} must be in quotes (write "{sign}…"): '
                f"YAML reads {sign} there as {_RESERVED[sign]}"
            )
    return None


def _colon(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    if problem != "mapping values are not allowed here":
        return None
    value = _value(_line(lines, at))
    if ": " in value or value.endswith(":"):
        return at, "a colon and a space inside a text without quotes: put the whole text in double quotes"
    previous = next((n for n in range(at - 1, 0, -1) if _line(lines, n).strip()), None)
    if previous is not None and (name := _bare_name(_line(lines, previous))):
        return previous, _no_colon(name)
    return at, (
        "this line is indented deeper than the field above it, which already has its value: "
        "line it up with the field it belongs with"
    )


def _simple_key(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    if problem != "could not find expected ':'":
        return None
    number = since or at
    name = _bare_name(_line(lines, number))
    if name and _indent_of(_line(lines, number + 1)) > _indent_of(_line(lines, number)):
        return number, _no_colon(name)  # a field name with its fields below it
    return number, (
        "this line is neither `field: value` nor a list item `- …`: a text that goes on over "
        "several lines must be in quotes (or under `|`), or the colon after a field name is missing"
    )


def _bare_name(line: str) -> str | None:
    """Return the field name a line holds alone (``title``, ``- items``), else None."""
    found = re.fullmatch(r"\s*(?:-\s+)?(?P<name>[A-Za-z_][\w-]*)\s*", line.split("#")[0])
    return found["name"] if found else None


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" ")) if line.strip() else -1


def _no_colon(name: str) -> str:
    return f"a field name without its colon: write `{name}:`"


def _another_document(
    problem: str, at: int, since: int | None, lines: list[str]
) -> tuple[int, str] | None:
    if problem != "but found another document":
        return None
    return at, (
        "a second document starts here (---): a content file holds one, so remove this line "
        "or move what follows to a file of its own"
    )


def _escape(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    if not problem.startswith("found unknown escape character"):
        return None
    return at, (
        "a backslash (\\) inside double quotes starts an escape such as \\n: write \\\\ for a "
        "backslash itself, or put the text in single quotes"
    )


def _indent(problem: str, at: int, since: int | None, lines: list[str]) -> tuple[int, str] | None:
    if not _INDENT.match(problem):
        return None
    above = f" (from line {since})" if since is not None and since != at else ""
    return at, (
        f"this line does not line up with the lines above it{above}: the fields of one thing start "
        "in the same column, and so do the items of one list"
    )
