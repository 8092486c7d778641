"""report.json and report.csv: the same aggregates as the page, for other tools and spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

#: report.csv columns: one row per group and measure (``section``), counts in columns 1-5.
CSV_COLUMNS = ["path", "learners", "section", "id", "mean", "1", "2", "3", "4", "5", "count"]


def cell(text: str) -> str:
    """Return a text cell a spreadsheet shows as text: one that starts like a formula (=, +, -, @, a
    tab or a carriage return) gets a leading apostrophe, so a group name never runs as one."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_json(report: dict[str, Any]) -> str:
    """Return report.json's text."""
    return json.dumps(report, ensure_ascii=False, indent=1) + "\n"


def to_csv(report: dict[str, Any]) -> str:
    """Return report.csv's text: sections ``category``, ``placement``, ``strength``, ``development_area``,
    ``page_reached``, ``started`` and ``completed``; a group path of ``""`` is the whole organisation."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(CSV_COLUMNS)
    for g in report["groups"]:
        head = [cell(g["path"]), g["learners"]]
        for cid, cat in g["categories"].items():
            counts = (cat["counts"] + [""] * 5)[:5]
            rows.writerow([*head, "category", cid, cat["mean"], *counts, sum(cat["counts"])])
        for section, key in (
            ("placement", "placement"),
            ("strength", "strengths"),
            ("development_area", "development_areas"),
            ("page_reached", "pages_reached"),
        ):
            for ident, count in (g[key] or {}).items():  # no progress where it would single someone out
                rows.writerow([*head, section, ident, "", "", "", "", "", "", count])
        if g["started"] is not None:
            rows.writerow([*head, "started", "", "", "", "", "", "", "", g["started"]])
            rows.writerow([*head, "completed", "", "", "", "", "", "", "", g["completed"]])
    return out.getvalue()
