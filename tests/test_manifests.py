"""Each package's manifest passes the official XSDs and ADL's content-package rules."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import COURSE, manifest, unzip

from scorm_builder.standards import STANDARDS
from scorm_builder.validate import SchemaSet, check_manifest

#: The standards whose manifest is an IMS manifest checked against official XSDs (xAPI and cmi5: test_xapi, test_cmi5).
SCORM = [name for name, cls in STANDARDS.items() if cls.spec.xsd is not None]

CONTROL_SUFFIXES = (".xsd", ".dtd")
EXPECTED = {
    "scorm12": ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "1.2", "scormtype"),
    "scorm2004-3": ("http://www.imsglobal.org/xsd/imscp_v1p1", "2004 3rd Edition", "scormType"),
    "scorm2004-4": ("http://www.imsglobal.org/xsd/imscp_v1p1", "2004 4th Edition", "scormType"),
}


@pytest.mark.parametrize("name", SCORM)
def test_manifest_valid_against_the_xsds_shipped_in_the_package(name: str, built: dict[str, Path], tmp_path: Path) -> None:
    folder = unzip(built[name], tmp_path)
    standard = STANDARDS[name]()
    # Validate with the schema files the package itself carries at its root.
    check_manifest(manifest(built[name]), SchemaSet(folder, standard.spec.xsd.namespaces, standard.spec.xsd.version))


@pytest.mark.parametrize("name", SCORM)
def test_content_package_rules(name: str, built: dict[str, Path]) -> None:
    root = manifest(built[name])
    namespace, version, scormtype = EXPECTED[name]
    assert root.tag == f"{{{namespace}}}manifest"
    assert root.findtext(f"{{{namespace}}}metadata/{{{namespace}}}schemaversion") == version
    with zipfile.ZipFile(built[name]) as archive:
        names = set(archive.namelist())
    # Every control document the manifest names is at the package root.
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    assert all(xsd in names for xsd in location[1::2])
    # Every file is referenced, every reference exists, nothing else is carried.
    listed = {f.get("href") for f in root.iter(f"{{{namespace}}}file")}
    content = {n for n in names if n != "imsmanifest.xml" and not n.endswith(CONTROL_SUFFIXES)}
    assert listed == content
    assert "index.html" in listed
    # Every identifierref resolves; the default organization exists; identifiers are unique.
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids))
    assert root.find(f"{{{namespace}}}organizations").get("default") in ids
    refs = [e.get("identifierref") for e in root.iter() if e.get("identifierref")]
    assert refs and all(ref in ids for ref in refs)
    for resource in root.iter(f"{{{namespace}}}resource"):
        adlcp = [v for k, v in resource.attrib.items() if k.endswith("}" + scormtype)]
        assert adlcp == ["sco"]
        assert resource.get("href") in names


def test_scorm12_metadata_carries_title_description_language_keywords_version(built: dict[str, Path]) -> None:
    root = manifest(built["scorm12"])
    md = "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}"
    lom = root.find(f".//{md}lom")
    assert lom.findtext(f"{md}general/{md}title/{md}langstring") == "Aktivt medarbeiderskap – hva, hvordan og hvorfor?"
    assert lom.findtext(f"{md}general/{md}language") == "nb"
    assert "aktivt medarbeiderskap" in lom.findtext(f"{md}general/{md}description/{md}langstring")
    assert len(lom.findall(f"{md}general/{md}keyword")) >= 3
    assert lom.findtext(f"{md}lifecycle/{md}version/{md}langstring") == "1.1.0"


@pytest.mark.parametrize("name", SCORM)
def test_a_broken_manifest_is_caught(name: str, built: dict[str, Path], tmp_path: Path) -> None:
    folder = unzip(built[name], tmp_path)
    standard = STANDARDS[name]()
    schemas = SchemaSet(folder, standard.spec.xsd.namespaces, standard.spec.xsd.version)
    root = manifest(built[name])
    item = root.find(".//{*}item")
    item.append(item.makeelement(f"{{{standard.spec.xsd.namespaces[-1][0]}}}notAnElement"))
    with pytest.raises(Exception, match="notAnElement"):
        check_manifest(root, schemas)


def test_error_output_names_file_line_field(tmp_path: Path) -> None:
    course = tmp_path / "course"
    import shutil

    shutil.copytree(COURSE, course)
    (course / "course.yaml").write_text((course / "course.yaml").read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scorm_builder", "build", "course", "--out", "dist"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    lines = (course / "course.yaml").read_text(encoding="utf-8").splitlines()
    assert result.stderr.strip() == f"error: course/course.yaml:{len(lines)}: colour: unknown field"
    assert not (tmp_path / "dist").exists()
