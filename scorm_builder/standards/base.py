"""The interface every standard implements: its identity, its manifest and its runtime settings."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from lxml import etree

from ..models import Course
from ..specs import DataLimits, Spec


@dataclass(frozen=True)
class BuildContext:
    """Everything a standard needs to package one course in one language."""

    course: Course
    course_dir: Path
    lang: str
    #: Local copy of the official XSDs (a folder or .tgz), or None to use the fetched cache.
    xsd_source: str | None = None
    #: The target LMS's real ``suspend_data`` limit, when the author declares one (SCORM only).
    suspend_data: int | None = None


class Standard(ABC):
    """One packaging standard: SCORM 1.2, SCORM 2004 (an edition), xAPI or cmi5.

    The steps that make a package (plan the state, render, manifest, checks, zip) are the build's
    (:func:`scorm_builder.build.package`); a standard only says who it is and what its manifest holds.
    """

    #: The record of the standard's facts: name, title, control document, XSDs, limits...
    spec: ClassVar[Spec]
    #: Taken from :attr:`spec` when a subclass sets it: the name that selects the standard on the
    #: command line (``--standard``), a human name for messages, the limits packages are built for.
    name: ClassVar[str]
    title: ClassVar[str]
    limits: ClassVar[DataLimits]
    #: Which LMS adapter of the runtime the pages use (``SB.adapters[<name>]``).
    runtime_adapter: ClassVar[str]
    #: The runtime files (under ``runtime/``) that define that adapter, in load order.
    runtime_scripts: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Take the identity of a subclass that names its record from that record."""
        super().__init_subclass__(**kwargs)
        spec = cls.__dict__.get("spec")
        if spec is not None:
            cls.name, cls.title, cls.limits = spec.name, spec.title, spec.build_limits

    def data_limits(self, ctx: BuildContext) -> DataLimits:
        """Return the limits the package is built for: the standard's, or the LMS's declared ones."""
        if ctx.suspend_data is None or not self.spec.declared_limit:
            return self.limits
        return replace(self.limits, suspend_data=ctx.suspend_data)

    @abstractmethod
    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return the manifest for a package holding ``files`` (content files, sorted)."""

    def runtime_config(self, ctx: BuildContext) -> dict[str, Any]:
        """Return standard-specific settings the runtime reads (``data.standard`` in the page): the API and
        data-model names of the record's run-time environment, when the standard has one."""
        return {"lms": self.spec.rte.runtime()} if self.spec.rte is not None else {}
