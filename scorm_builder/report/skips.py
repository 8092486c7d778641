"""What the report could not use: one line per problem (file and line, or URL) and a summary by reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: Problems printed one per line before the rest are only counted.
SHOWN = 20


@dataclass
class Skips:
    """Problems found while reading, and statements left out on purpose (other courses, voided)."""

    #: reason -> number of statements or rows skipped because they are wrong.
    problems: Counter[str] = field(default_factory=Counter)
    #: reason -> number of statements left out although they are right (other courses, voided ones).
    ignored: Counter[str] = field(default_factory=Counter)
    #: The first :data:`SHOWN` problems as ``where: field: message`` lines.
    lines: list[str] = field(default_factory=list)
    #: Statements read, by source label.
    read: Counter[str] = field(default_factory=Counter)

    def problem(self, reason: str, where: str, message: str) -> None:
        """Count one wrong statement or row under ``reason`` and keep its line for the first few."""
        self.problems[reason] += 1
        if len(self.lines) < SHOWN:
            self.lines.append(f"{where}: {message}")

    def ignore(self, reason: str, count: int = 1) -> None:
        """Count statements that are fine but not part of the report (``reason`` says why)."""
        self.ignored[reason] += count

    def summary(self) -> str:
        """Return one line: what was read, what was skipped and why, what was left out on purpose."""
        total = sum(self.read.values())
        sources = len(self.read)
        text = f"read {total:,} statements from {sources} source{'s' if sources != 1 else ''}"
        if self.problems:
            text += "; skipped " + ", ".join(
                f"{n:,} {reason}" for reason, n in sorted(self.problems.items())
            )
        if self.ignored:
            text += "; left out " + ", ".join(
                f"{n:,} {reason}" for reason, n in sorted(self.ignored.items())
            )
        return text

    def more(self) -> int:
        """Return how many problems were counted but not given a line of their own."""
        return sum(self.problems.values()) - len(self.lines)

    def to_json(self) -> dict[str, object]:
        """Return the counts (never a learner or a line's content) for report.json."""
        return {
            "statements": sum(self.read.values()),
            "skipped": dict(sorted(self.problems.items())),
            "left_out": dict(sorted(self.ignored.items())),
        }
