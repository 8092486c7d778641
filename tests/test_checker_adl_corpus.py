"""`scorm-builder validate` accepts every one of ADL's SCORM 2004 4th edition LMS test packages.

The 189 manifests (``shared/corpora/adl-scorm2004-4th-lms-packages/``, beside the repository) are
conformant content written by ADL; its Content Package conformance validator passes all of them.
Each is laid out as its README says: the manifest, an empty file for every ``<file href>`` and resource
``href`` (``xml:base`` of manifest, resources and resource resolved), and the pinned SCORM 2004 4th
edition XSDs at the root. A warning may be fair; an error is the checker's mistake.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree
from support import ROOT, shared

from scorm_builder.checker import check_package
from scorm_builder.checker.findings import ERROR
from scorm_builder.xsd import xsd_root

CORPUS = ("corpora", "adl-scorm2004-4th-lms-packages")
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _names() -> list[str]:
    import os

    base = Path(os.environ.get("SCORM_BUILDER_SHARED", ROOT.parent / "shared"), *CORPUS)
    return sorted(p.parent.name for p in base.glob("*/imsmanifest.xml")) or ["(corpus missing)"]


def referenced_files(manifest: etree._Element) -> set[str]:
    """Return the package paths the manifest's resources name, with every ``xml:base`` applied."""
    paths = set()
    for resources in manifest.iter("{*}resources"):
        outer = posixpath.join(manifest.get(XML_BASE, ""), resources.get(XML_BASE, ""))
        for resource in resources.findall("{*}resource"):
            base = posixpath.join(outer, resource.get(XML_BASE, ""))
            hrefs = [resource.get("href")] + [f.get("href") for f in resource.findall("{*}file")]
            paths |= {posixpath.normpath(posixpath.join(base, unquote(urlsplit(h).path))) for h in hrefs if h}
    return paths


def lay_out(source: Path, folder: Path) -> Path:
    """Lay out ``source`` (an ``imsmanifest.xml``) as a package in ``folder`` and return the folder."""
    folder.mkdir()
    shutil.copyfile(source, folder / "imsmanifest.xml")
    for xsd in (xsd_root() / "scorm20044thedition").iterdir():
        shutil.copyfile(xsd, folder / xsd.name)
    for path in referenced_files(etree.parse(str(source)).getroot()):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).touch()
    return folder


def test_the_corpus_is_complete() -> None:
    assert len(list(shared(*CORPUS).glob("*/imsmanifest.xml"))) == 189


@pytest.mark.parametrize("name", _names())
def test_adl_test_package_has_no_error(name: str, tmp_path: Path) -> None:
    package = lay_out(shared(*CORPUS, name, "imsmanifest.xml"), tmp_path / name)
    report = check_package(package)
    assert report.kinds == ["SCORM 2004 4th edition"]
    assert [f.line() for f in report.findings if f.level == ERROR] == []
