"""Render a course into the files of one SCO: the page, the runtime, the styles and the media."""

from __future__ import annotations

import json
import secrets
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

import jinja2
from markupsafe import Markup, escape

from . import ui
from .budget import StatePlan
from .jinja_cache import template_cache
from .models import Course, MatrixBlock, SummaryBlock, Text
from .paths import RUNTIME_DIR, templates_dir
from .scoring import export_spec


@dataclass(frozen=True)
class Runtime:
    """What one standard puts into the learner's runtime."""

    #: The adapter's name (``SB.adapters[adapter]``).
    adapter: str
    #: Files under ``runtime/`` that define the adapter, in load order.
    scripts: tuple[str, ...]
    plan: StatePlan
    #: Standard-specific settings, ``data.standard`` in the page.
    config: dict[str, Any]


#: Rendered pages by (language, reflection limits), for the packages one build makes.
Pages = dict[tuple[str, tuple[tuple[str, int, int], ...]], str]
#: Stands for the course data in a rendered page until a package's own data is put in its place.
DATA_MARK = f"<!--course-data-{secrets.token_hex(8)}-->"

#: Runtime scripts every package loads, in order; the standard's scripts go between them.
RUNTIME_HEAD = ("lms.js", "textcode.js", "state.js", "scoring.js")
RUNTIME_TAIL = ("report.js", "summary.js", "fields.js", "course.js")


class PageContext(TypedDict):
    """Every variable the templates receive."""

    course: Course
    lang: str
    ui: dict[str, str]
    plan: StatePlan
    course_data: Markup


@cache
def make_env() -> jinja2.Environment:
    """Return the one jinja Environment: autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(),
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["t"] = text
    return env


def ui_strings(lang: str, course: Course | None = None) -> dict[str, str]:
    """Return the interface strings in ``lang``: the course's own ``ui.yaml`` over the built-in ones.

    A string neither has in ``lang`` falls back to English.
    """
    return ui.strings(lang, course.ui if course is not None else None)


def paragraphs(text: str) -> Markup:
    """Turn text with blank-line-separated paragraphs into escaped ``<p>`` elements."""
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(escape(" ".join(p.split()))) for p in parts)


def render_sco(
    course: Course,
    course_dir: Path,
    lang: str,
    runtime: Runtime,
    stage: Path,
    pages: Pages | None = None,
) -> list[str]:
    """Write the SCO's files for ``lang`` and ``runtime`` into ``stage``; return their sorted paths.

    ``pages`` keeps pages rendered for earlier packages of the same course: the page differs between
    standards only in its course data and the reflection fields' limits, so a page with the same
    language and limits is rendered once and given each package's data.
    """
    assets = stage / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    scripts = [*RUNTIME_HEAD, *runtime.scripts, *RUNTIME_TAIL]
    (assets / "course.js").write_text(_concat(scripts), encoding="utf-8")
    shutil.copyfile(RUNTIME_DIR / "course.css", assets / "course.css")
    for rel in course.media:
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(course_dir / rel, target)
    key = (lang, runtime.plan.reflections)
    page = pages.get(key) if pages is not None else None
    if page is None:
        context: PageContext = {
            "course": course,
            "lang": lang,
            "ui": ui_strings(lang, course),
            "plan": runtime.plan,
            "course_data": Markup(DATA_MARK),
        }
        page = make_env().get_template("course.html.jinja").render(**context)
        if pages is not None:
            pages[key] = page
    head, mark, tail = page.partition(DATA_MARK)
    if not mark:
        raise RuntimeError("course.html.jinja no longer writes course_data")
    data = _json_for_script(runtime_data(course, lang, runtime))
    (stage / "index.html").write_text(head + data + tail, encoding="utf-8")
    return sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())


def runtime_data(course: Course, lang: str, runtime: Runtime) -> dict[str, Any]:
    """Return what the runtime needs to know about the course, as JSON-ready data."""
    plan = runtime.plan
    blocks = [(i, b) for i, page in enumerate(course.pages) for b in page.blocks]
    summary = next((i for i, b in blocks if isinstance(b, SummaryBlock)), len(course.pages) - 1)
    matrix = next((b for _, b in blocks if isinstance(b, MatrixBlock)), None)
    return {
        "adapter": runtime.adapter,
        "standard": runtime.config,
        "id": course.id,
        "version": course.version,
        "lang": lang,
        "pages": [page.id for page in course.pages],
        "summaryPage": summary,
        "privacy": course.privacy.reflections,
        "ratings": course.privacy.ratings,
        "state": plan.runtime(),
        "placement": _placement(course, lang),
        "items": {
            s.id: {"q": q.id, "c": c.id, "t": s.text.get(lang), "min": q.scale.min, "max": q.scale.max}
            for q, c, s in course.statements()
        },
        "categories": [
            {"id": c.id, "q": q.id, "t": c.title.get(lang), "min": q.scale.min, "max": q.scale.max}
            for q in course.questionnaires
            for c in q.categories
        ],
        "questionnaires": {q.id: q.title.get(lang) for q in course.questionnaires},
        "reflections": {r.id: r.label.get(lang) for r in course.reflections()},
        "profiles": {p.id: p.name.get(lang) for p in matrix.profiles} if matrix else {},
        "axes": {"x": matrix.x_axis.label.get(lang), "y": matrix.y_axis.label.get(lang)} if matrix else {},
        "scoring": export_spec(course, course.scoring) if course.scoring is not None else None,
    }


def _placement(course: Course, lang: str) -> dict[str, Any] | None:
    """Return the 2x2 placement as the runtime reports it: the matrix id, its title and the two questions."""
    spec = course.scoring.placement if course.scoring is not None else None
    if spec is None:
        return None
    page, matrix = next((p, b) for p in course.pages for b in p.blocks if isinstance(b, MatrixBlock) and b.id == spec.matrix)
    axes = {"x": matrix.x_axis, "y": matrix.y_axis}
    questions = {k: (getattr(spec.questions, k) if spec.questions else axes[k].label).get(lang) for k in ("x", "y")}
    return {"id": matrix.id, "title": (matrix.title or page.title).get(lang), "questions": questions}


def _concat(names: list[str]) -> str:
    return "\n".join((RUNTIME_DIR / name).read_text(encoding="utf-8") for name in names)


def _json_for_script(data: Any) -> str:
    # Inside <script> only "</" and "<!--" can end or confuse the element: escape "<" in JSON.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")


def text(value: Text | None, lang: str) -> str:
    """Return ``value`` in ``lang`` or an empty string."""
    return value.get(lang) if value is not None else ""
