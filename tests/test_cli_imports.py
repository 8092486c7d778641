"""Each command imports only what it uses: --help and validate start without the build's libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

#: Run a command in a fresh interpreter and print the top-level packages it imported.
PROBE = """
import json, sys
from scorm_builder.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""
BUILD_ONLY = {"pydantic", "jinja2", "yaml", "markupsafe"}
XSD = {"xmlschema", "elementpath"}


def imported(*args: str, verdicts: bool = True) -> set[str]:
    env = {**os.environ, "SCORM_BUILDER_XSD_VERDICTS": "1" if verdicts else "0"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("command", [["--help"], ["build", "--help"], ["validate", "--help"]])
def test_help_imports_no_library_it_does_not_need(command: list[str]) -> None:
    assert imported(*command) & (BUILD_ONLY | XSD | {"lxml"}) == set()


def test_validate_reads_an_xapi_package_without_the_xsd_validator(built: dict[str, Path]) -> None:
    modules = imported("validate", str(built["xapi"]))
    assert "lxml" in modules
    assert modules & (BUILD_ONLY | XSD) == set()


def test_validate_loads_the_xsd_validator_for_scorm_only(built: dict[str, Path]) -> None:
    modules = imported("validate", str(built["scorm2004-4"]), verdicts=False)
    assert modules >= XSD
    assert modules & BUILD_ONLY == set()


def test_a_manifest_found_valid_before_is_not_validated_again(built: dict[str, Path]) -> None:
    # The build that made the package validated its manifest and remembered the verdict.
    assert imported("validate", str(built["scorm2004-4"])) & XSD == set()
