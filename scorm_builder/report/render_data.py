"""report.json and report.csv: the same aggregates as the page, for other tools and spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

#: report.csv columns: one row per group and measure (``section``), counts in columns 1-5.
CSV_COLUMNS = ["path", "learners", "section", "id", "mean", "1", "2", "3", "4", "5", "count"]


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
        head = [g["path"], g["learners"]]
        for cid, cat in g["categories"].items():
            counts = (cat["counts"] + [""] * 5)[:5]
            rows.writerow([*head, "category", cid, cat["mean"], *counts, sum(cat["counts"])])
        for section, key in (
            ("placement", "placement"),
            ("strength", "strengths"),
            ("development_area", "development_areas"),
            ("page_reached", "pages_reached"),
        ):
            for ident, count in g[key].items():
                rows.writerow([*head, section, ident, "", "", "", "", "", "", count])
        rows.writerow([*head, "started", "", "", "", "", "", "", "", g["started"]])
        rows.writerow([*head, "completed", "", "", "", "", "", "", "", g["completed"]])
    return out.getvalue()
