"""The interface every standard implements: its identity, its manifest and its runtime settings."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from lxml import etree

from ..budget import DataLimits
from ..models import Course


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

    #: The name that selects the standard on the command line (``--standard``).
    name: ClassVar[str]
    #: A human name for messages.
    title: ClassVar[str]
    #: The control document at the package root.
    manifest_name: ClassVar[str] = "imsmanifest.xml"
    #: Which LMS adapter of the runtime the pages use (``SB.adapters[<name>]``).
    runtime_adapter: ClassVar[str]
    #: The runtime files (under ``runtime/``) that define that adapter, in load order.
    runtime_scripts: ClassVar[tuple[str, ...]]
    #: The folder of the official XSDs inside the fetched ``definitionFiles``; None: no XSD.
    schema_folder: ClassVar[str | None] = None
    #: (namespace, schema file) pairs the manifest uses, its own namespace first.
    schema_namespaces: ClassVar[tuple[tuple[str, str], ...]] = ()
    #: XSD version the schema set is read as.
    xsd_version: ClassVar[str] = "1.0"
    #: The data-model limits the runtime must respect (smallest permitted maximums).
    limits: ClassVar[DataLimits]
    #: Whether the author may declare the LMS's real ``suspend_data`` limit: SCORM's limits are
    #: smallest permitted maximums, and many LMSs store more (Moodle has a setting for SCORM 1.2).
    declared_limit: ClassVar[bool] = False

    def data_limits(self, ctx: BuildContext) -> DataLimits:
        """Return the limits the package is built for: the standard's, or the LMS's declared ones."""
        if ctx.suspend_data is None or not self.declared_limit:
            return self.limits
        return replace(self.limits, suspend_data=ctx.suspend_data)

    @abstractmethod
    def build_manifest(self, ctx: BuildContext, files: list[str]) -> etree._Element:
        """Return the manifest for a package holding ``files`` (content files, sorted)."""

    def runtime_config(self, ctx: BuildContext) -> dict[str, Any]:
        """Return standard-specific settings the runtime reads (``data.standard`` in the page)."""
        return {}
