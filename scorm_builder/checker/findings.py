"""What a check reports: findings with a level, and the report of one package."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..errors import ScormBuilderError

ERROR = "error"
WARNING = "warning"
INFO = "info"

#: Check groups in the order the report lists them, with their headings.
CHECKS = {
    "input": "Input",
    "zip": "Zip safety",
    "lms": "Common LMS rejections",
    "xml": "XML parsing",
    "xsd": "Official XSDs",
    "manifest": "Manifest rules",
    "datamodel": "Data-model limits",
    "sequencing": "Sequencing (imsss)",
    "files": "Files and references",
    "xapi": "xAPI (tincan.xml)",
    "cmi5": "cmi5 (cmi5.xml)",
}


@dataclass(frozen=True)
class Finding:
    """One thing a check found: how bad, which check, a stable code, where, and what."""

    level: str
    check: str
    #: A stable, short identifier of the rule (``zip-slip``, ``scormtype-lowercase``...), for tools and tests.
    code: str
    #: Where: a package path, optionally with ``:line``.
    path: str
    message: str

    def line(self) -> str:
        """Return ``LEVEL path: message``."""
        return f"{self.level.upper()} {self.path}: {self.message}"


class Unreadable(ScormBuilderError):
    """The input cannot be checked at all: not a zip or folder, a corrupt zip, or no manifest anywhere."""


@dataclass
class Report:
    """Everything found in one package."""

    package: str
    #: What the package was detected as ("SCORM 1.2", "SCORM 2004 4th edition", "xAPI", "cmi5"); several if mixed.
    kinds: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Return the error-level findings."""
        return [f for f in self.findings if f.level == ERROR]

    @property
    def valid(self) -> bool:
        """Return True when nothing is at error level (warnings allowed)."""
        return not self.errors

    @property
    def exit_code(self) -> int:
        """Return 0 when valid, 1 when not."""
        return 0 if self.valid else 1

    def count(self, level: str) -> int:
        """Return how many findings have ``level``."""
        return sum(1 for f in self.findings if f.level == level)

    def as_dict(self) -> dict:
        """Return the report as JSON-ready data."""
        return {
            "package": self.package,
            "kinds": self.kinds,
            "valid": self.valid,
            "exit_code": self.exit_code,
            "counts": {level: self.count(level) for level in (ERROR, WARNING, INFO)},
            "findings": [asdict(f) for f in self.findings],
        }


def finding(level: str, check: str, code: str, path: str, message: str) -> Finding:
    """Build a :class:`Finding` (positional shorthand used by every check)."""
    return Finding(level, check, code, path, message)
