"""report.html: one self-contained page (inline CSS and SVG, no script, no outside resource), nb or en.

Every chart is an SVG figure named by its caption and followed by the table it is drawn from.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from ..models import MatrixBlock
from ..paths import templates_dir
from ..render import make_env
from .course import CourseKeys

#: Fills of the answers 1-5 (red to blue), each at least 3:1 against white (WCAG 1.4.11).
FILLS = ("#a50f15", "#d0583a", "#7f7f7f", "#3f83b8", "#08519c")
#: Width of the charts' drawing area (SVG user units); the figure scales to the page.
WIDTH = 640


@cache
def strings(lang: str) -> dict[str, str]:
    """Return the report's texts in ``lang`` (English when a text lacks it)."""
    data = yaml.safe_load((templates_dir() / "report" / "strings.yaml").read_text(encoding="utf-8"))
    return {key: texts.get(lang, texts["en"]) for key, texts in data.items()}


def number(value: float | int | None, lang: str, decimals: int) -> str:
    """Return a mean as the language writes it: ``decimals`` places always, so that 3 reads 3,00 beside
    2,97 (decimal comma in nb)."""
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "nb" else text


def count(value: int, lang: str) -> str:
    """Return a whole number as the language writes it: from five digits on, grouped in threes (a
    no-break space in nb, a comma in en)."""
    if abs(value) < 10000:
        return str(value)
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if lang == "nb" else text


def to_html(keys: CourseKeys, report: dict[str, Any], lang: str) -> str:
    """Return report.html for ``report`` (the data of report.json) in ``lang``."""
    course, ui = keys.course, strings(lang)
    groups = [_group(keys, g, n, lang) for n, g in enumerate(report["groups"])]
    return (
        make_env()
        .get_template("report/report.html.jinja")
        .render(
            lang=lang,
            ui=ui,
            num=lambda value: count(value, lang),
            course_title=course.title.get(lang),
            report=report,
            groups=groups,
            fills=FILLS,
            width=WIDTH,
            rules=_rules(keys, lang),
            scale=_scale_words(keys, lang),
            axes=_axes(keys, lang),
            skipped=sum(report["input"]["skipped"].values()),
        )
    )


def _group(keys: CourseKeys, g: dict[str, Any], n: int, lang: str) -> dict[str, Any]:
    ui = strings(lang)
    return {
        "id": f"g{n}",
        "title": ui["whole"] if g["path"] == "" else g["path"].replace("/", " / "),
        "data": g,
        "categories": _categories(keys, g, lang),
        "placement": _placement(keys, g, lang),
        "low": _ranked(keys, g["development_areas"], g["learners"], lang),
        "high": _ranked(keys, g["strengths"], g["learners"], lang),
        "progress": _progress(keys, g, lang) if g["started"] is not None else None,
    }


def _categories(keys: CourseKeys, g: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    titles = {c.id: c.title.get(lang) for q in keys.course.questionnaires for c in q.categories}
    rows = []
    for cid, cat in g["categories"].items():
        total, x, segments = sum(cat["counts"]), 0.0, []
        for point, count in enumerate(cat["counts"]):
            width = WIDTH * count / total if total else 0
            segments.append(
                {
                    "x": round(x, 2),
                    "width": round(width, 2),
                    "fill": FILLS[point % len(FILLS)],
                    "point": point + 1,
                    "count": count,
                }
            )
            x += width
        rows.append(
            {
                "id": cid,
                "title": titles.get(cid, cid),
                "mean": number(cat["mean"], lang, keys.plan["rounding"]["decimals"]),
                "counts": cat["counts"],
                "segments": segments,
                "total": total,
            }
        )
    return rows


def _placement(keys: CourseKeys, g: dict[str, Any], lang: str) -> dict[str, Any] | None:
    matrix = _matrix(keys)
    if matrix is None:
        return None
    counts = g["placement"]
    total = sum(counts.values())
    cells = []
    for profile in matrix.profiles:
        cells.append(
            {
                "id": profile.id,
                "name": profile.name.get(lang),
                "count": counts.get(profile.id, 0),
                "x": 0 if profile.x == "low" else 1,
                "y": 0 if profile.y == "high" else 1,
            }
        )
    return {"cells": cells, "midline": counts.get("midline", 0), "total": total}


def _ranked(
    keys: CourseKeys, counts: dict[str, int], learners: int, lang: str
) -> list[dict[str, Any]]:
    titles = {c.id: c.title.get(lang) for q in keys.course.questionnaires for c in q.categories}
    order = {c.id: n for n, c in enumerate(keys.categories)}
    top = sorted((c for c in counts if counts[c]), key=lambda c: (-counts[c], order[c]))[:3]
    return [
        {
            "title": titles.get(c, c),
            "count": counts[c],
            "text": strings(lang)["of_learners"].format(
                n=count(counts[c], lang), total=count(learners, lang)
            ),
        }
        for c in top
    ]


def _progress(keys: CourseKeys, g: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    titles = {p.id: p.title.get(lang) for p in keys.course.pages}
    reached = list(g["pages_reached"].items())
    rows = []
    for n, (page, count) in enumerate(reached):
        after = reached[n + 1][1] if n + 1 < len(reached) else 0
        width = WIDTH * count / g["started"] if g["started"] else 0
        rows.append(
            {
                "title": f"{n + 1}. {titles.get(page, page)}",
                "reached": count,
                "stopped": count - after,
                "width": round(width, 2),
            }
        )
    return rows


def _matrix(keys: CourseKeys) -> MatrixBlock | None:
    place = keys.plan["placement"]
    if place is None:
        return None
    return next(
        b
        for p in keys.course.pages
        for b in p.blocks
        if isinstance(b, MatrixBlock) and b.id == place["matrix"]
    )


def _axes(keys: CourseKeys, lang: str) -> dict[str, str]:
    matrix = _matrix(keys)
    if matrix is None:
        return {}
    return {
        "x": matrix.x_axis.label.get(lang),
        "y": matrix.y_axis.label.get(lang),
        "x_low": matrix.x_axis.low.get(lang),
        "x_high": matrix.x_axis.high.get(lang),
        "y_low": matrix.y_axis.low.get(lang),
        "y_high": matrix.y_axis.high.get(lang),
    }


def _scale_words(keys: CourseKeys, lang: str) -> dict[str, str]:
    quest = keys.course.questionnaires[0] if keys.course.questionnaires else None
    labels = quest.scale.labels if quest is not None else {}
    low, high = (quest.scale.min, quest.scale.max) if quest is not None else (1, 5)
    return {
        "low": labels[low].get(lang) if low in labels else str(low),
        "high": labels[high].get(lang) if high in labels else str(high),
    }


def _rules(keys: CourseKeys, lang: str) -> list[str]:
    texts = keys.plan["descriptions"]
    return [
        texts[r].get(lang, "") for r in ("category_score", "rounding", "completion") if r in texts
    ]
