"""The interface every standard implements; the base class owns the order of the packaging steps."""

from __future__ import annotations

import shutil
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, final

from lxml import etree

from ..budget import DataLimits, StatePlan, plan_state
from ..errors import ManifestInvalid
from ..models import Course
from ..package import write_zip
from ..render import Runtime, render_sco
from ..validate import SchemaSet, check_manifest
from ..xsd import xsd_root


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


@dataclass(frozen=True)
class PackageResult:
    """What one packaging run produced."""

    path: Path
    standard: str
    lang: str
    size: int
    files: int
    #: The resume state's layout, with its worst-case size against the standard's limit.
    state: StatePlan


class Standard(ABC):
    """One packaging standard: SCORM 1.2, SCORM 2004 (an edition), xAPI or cmi5."""

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

    def schemas(self, ctx: BuildContext) -> SchemaSet | None:
        """Return the official schemas the manifest is validated against."""
        if self.schema_folder is None:
            return None
        folder = xsd_root(ctx.xsd_source) / self.schema_folder
        return SchemaSet(folder, self.schema_namespaces, self.xsd_version)

    def check_structure(self, ctx: BuildContext, manifest: etree._Element, files: list[str]) -> None:
        """Check the control document where no official XSD does (xAPI, cmi5); raise ManifestInvalid."""

    @final
    def package(self, ctx: BuildContext, out_dir: Path) -> PackageResult:
        """Render, add the runtime, write and validate the manifest, and zip one package into ``out_dir``."""
        stage = out_dir / f".{self.name}-{ctx.lang}"
        stage.mkdir(parents=True)
        try:
            limits = self.data_limits(ctx)
            plan = plan_state(ctx.course, limits, self.name)
            runtime = Runtime(self.runtime_adapter, self.runtime_scripts, plan, limits, self.runtime_config(ctx))
            files = render_sco(ctx.course, ctx.course_dir, ctx.lang, runtime, stage)
            manifest = self.build_manifest(ctx, files)
            schemas = self.schemas(ctx)
            if schemas is not None:
                check_manifest(manifest, schemas)
                for xsd in schemas.files:
                    shutil.copyfile(xsd, stage / xsd.name)
            self.check_structure(ctx, manifest, files)
            (stage / self.manifest_name).write_bytes(to_bytes(manifest))
            path = out_dir / f"{ctx.course.id}-{ctx.course.version}-{self.name}-{ctx.lang}.zip"
            count = write_zip(stage, path)
            validate_output(path, ctx.xsd_source)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        return PackageResult(path, self.name, ctx.lang, path.stat().st_size, count, plan)


def validate_output(path: Path, xsd_source: str | None) -> None:
    """Run ``scorm-builder validate``'s checks on a finished package; any error or warning fails the build."""
    from ..checker import check_package, render_text
    from ..checker.findings import INFO

    report = check_package(path, xsd_source)
    if any(f.level != INFO for f in report.findings):
        raise ManifestInvalid(f"{path.name} does not pass validation:\n{render_text(report)}")


def to_bytes(root: etree._Element) -> bytes:
    """Serialise a manifest: UTF-8, XML declaration, indented."""
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
