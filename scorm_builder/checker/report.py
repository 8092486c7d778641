"""Print a report: readable lines ``LEVEL path: message`` grouped by check, or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

from .findings import CHECKS, ERROR, INFO, WARNING, Report

LEVEL_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def ordered(report: Report) -> list:
    """Return the findings grouped by check (report order), errors first within a group."""
    groups = list(CHECKS)
    return sorted(
        report.findings,
        key=lambda f: (groups.index(f.check) if f.check in groups else len(groups), LEVEL_ORDER.get(f.level, 3)),
    )


def render_text(report: Report) -> str:
    """Return the human-readable report."""
    kinds = ", ".join(report.kinds) or "unknown"
    lines = [f"{report.package}: {kinds}"]
    current = None
    for item in ordered(report):
        if item.check != current:
            current = item.check
            lines.append(f"\n{CHECKS.get(current, current)}")
        lines.append(f"  {item.line()}")
    verdict = "valid" if report.valid else "INVALID"
    counts = ", ".join(
        f"{report.count(level)} {name}" for level, name in ((ERROR, "errors"), (WARNING, "warnings"), (INFO, "info"))
    )
    lines.append(f"\n{verdict}: {counts}")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    """Return the report as JSON (findings in report order)."""
    data = report.as_dict()
    order = ordered(report)
    data["findings"] = [asdict(f) for f in order]
    return json.dumps(data, indent=2, ensure_ascii=False)


def render_unreadable(package: str, message: str, as_json: bool) -> str:
    """Return what is printed when the input cannot be checked at all (exit code 2)."""
    if as_json:
        return json.dumps(
            {"package": package, "valid": False, "exit_code": 2, "error": message}, indent=2, ensure_ascii=False
        )
    return f"error: {message}"
