"""Golden control documents: each standard's manifest for the seed course, reviewed once and kept in
``tests/golden/<standard>/``, so any unintended change to what an LMS reads fails here.

After an intended change, rewrite them with ``SCORM_BUILDER_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff like any other change.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from support import ROOT

from scorm_builder.standards import STANDARDS

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("name", list(STANDARDS))
def test_control_document_matches_the_reviewed_one(name: str, built: dict[str, Path]) -> None:
    document = STANDARDS[name].spec.control_document
    with zipfile.ZipFile(built[name]) as archive:
        made = archive.read(document)
    golden = GOLDEN / name / document
    if os.environ.get("SCORM_BUILDER_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(made)
    assert golden.is_file(), f"no reviewed {golden.relative_to(ROOT)}: write it with SCORM_BUILDER_UPDATE_GOLDEN=1"
    assert made.decode("utf-8") == golden.read_text(encoding="utf-8")
