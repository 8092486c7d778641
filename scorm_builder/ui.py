"""The learner's interface strings: the built-in set, a course's own ``ui.yaml`` over it, and their checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

import yaml

from .errors import closest, did_you_mean
from .models import Text
from .paths import templates_dir

#: A course's own interface strings, beside its ``course.yaml``.
UI_FILE = "ui.yaml"
#: The language an interface string falls back to when neither the course nor scorm-builder has it.
FALLBACK = "en"
#: ``{name}`` in an interface string: filled in by the runtime (``fmt`` in ``course.js``).
PLACEHOLDER = re.compile(r"\{(\w+)\}")

Loc = tuple[str | int, ...]


@cache
def builtin() -> dict[str, dict[str, str]]:
    """Return the built-in interface strings, ``{key: {lang: text}}``, in the order of ``templates/ui.yaml``."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the machine has it
    data = yaml.load((templates_dir() / UI_FILE).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    return {key: dict(texts) for key, texts in data.items()}


def placeholders(text: str) -> set[str]:
    """Return the ``{name}`` placeholders of ``text``."""
    return set(PLACEHOLDER.findall(text))


def expected_placeholders(key: str) -> set[str]:
    """Return the placeholders every translation of interface string ``key`` must keep."""
    return placeholders(builtin()[key][FALLBACK])


def strings(lang: str, course_ui: Mapping[str, Text] | None = None) -> dict[str, str]:
    """Return every interface string in ``lang``: the course's own first, then the built-in one, then English."""
    own = course_ui or {}
    result = {}
    for key, texts in builtin().items():
        mine = own[key].root if key in own else {}
        result[key] = next(
            found[wanted] for wanted in (lang, FALLBACK) for found in (mine, texts) if wanted in found
        )
    return result


def check_course_ui(course_ui: Mapping[str, Text], languages: Iterable[str]) -> list[tuple[Loc, str]]:
    """Return ``(field path, message)`` for each unknown key, foreign language or changed placeholder."""
    problems: list[tuple[Loc, str]] = []
    known, wanted = builtin(), set(languages)
    for key, text in course_ui.items():
        if key not in known:
            hint = did_you_mean(key, known)
            listing = hint or f"; the keys are: {', '.join(known)}"
            problems.append(((key,), f"unknown interface string{listing}"))
            continue
        expected = expected_placeholders(key)
        for lang, value in text.root.items():
            if lang not in wanted:
                problems.append(((key, lang), f"language {lang} is not in the course's languages"))
            problem = placeholder_problem(value, expected)
            if problem:
                problems.append(((key, lang), problem))
    return problems


def placeholder_problem(value: str, expected: set[str]) -> str | None:
    """Return why ``value`` does not keep exactly the placeholders ``expected``, or None."""
    found = placeholders(value)
    listed = ", ".join(f"{{{name}}}" for name in sorted(expected)) or "none"
    said = []
    if expected - found:
        missing = ", ".join(f"{{{name}}}" for name in sorted(expected - found))
        said.append(f"drops {missing}; keep every placeholder ({listed})")
    for name in sorted(found - expected):
        near = closest(name, expected, cutoff=0.55)  # few and short: a looser match
        hint = f" (did you mean {{{near}}}?)" if near else ""
        said.append(f"{{{name}}} is not a placeholder of this string{hint} (it has: {listed})")
    return "; ".join(said) or None
