"""Print `scorm-builder validate` time for our packages next to `xmllint --schema` on the same manifest.

validate does every check (zip safety, XSDs with strict extension namespaces, manifest rules, files);
xmllint (Debian's libxml2-utils) checks the XSDs only, against the XSDs the package ships. For SCORM 1.2
xmllint cannot run at all: it refuses the official ims_xml.xsd, which binds the xml namespace as its
default namespace; its own error is printed instead of a time.

Run: python benchmarks/bench_validate.py [COURSE_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from scorm_builder import validate
from scorm_builder.build import build
from scorm_builder.checker import check_package
from scorm_builder.specs import SPECS
from scorm_builder.validate import forget
from scorm_builder.xsd import xsd_root

ROOT = Path(__file__).resolve().parent.parent


def median_ms(run, repeat: int) -> float:
    """Return the median wall time of ``run()`` in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def xmllint(folder: Path, standard: str, repeat: int) -> str:
    """Return xmllint's median time on the extracted manifest, or why it cannot validate it."""
    if shutil.which("xmllint") is None:
        return "xmllint not installed (apt-get install libxml2-utils)"
    spec = SPECS[standard]
    if spec.xsd is None:
        return f"n/a: {spec.control_document} has no XSD in the package to run xmllint against"
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in spec.xsd.namespaces)
    (folder / "bench-driver.xsd").write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    )
    command = ["xmllint", "--noout", "--nonet", "--schema", "bench-driver.xsd", "imsmanifest.xml"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    first = next((line for line in result.stderr.splitlines() if "error" in line), result.stderr.strip()[:200])
    if result.returncode != 0:
        return f"FAILS (exit {result.returncode}): {first.strip()}"
    ms = median_ms(lambda: subprocess.run(command, cwd=folder, capture_output=True, check=True), repeat)
    if "namespace error" in result.stderr:  # SCORM 1.2: ims_xml.xsd is refused, validation goes on without it
        return (
            f"{ms:.0f} ms, but NOT against the official set: libxml2 refuses ims_xml.xsd "
            f"({first.split(':', 3)[-1].strip()}) and checks xml:lang with its built-in declaration instead"
        )
    return f"{ms:.0f} ms (XSDs only)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("course", nargs="?", default=ROOT / "content" / "aktivt-medarbeiderskap", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    xsd_root()  # fetch outside the timings
    os.environ["SCORM_BUILDER_XSD_VERDICTS"] = "0"  # measure validation itself, not remembered verdicts
    validate.verdicts_on_disk = False
    with tempfile.TemporaryDirectory() as tmp:
        results = build(args.course, ["all"], ["nb"], Path(tmp) / "dist")
        header = f"{'standard':<13}{'validate, first':>16}{'validate, warm':>16}{'validate CLI':>14}"
        print(header + "   xmllint --schema on the same manifest and XSDs")
        for result in results:
            forget()  # the build validated these manifests: measure a first call (validators from the user cache)
            path = result.path
            first = median_ms(lambda: check_package(path), 1)  # noqa: B023 - called at once; loads the XSDs
            warm = median_ms(lambda: (forget(validators=False), check_package(path)), args.repeat)  # noqa: B023
            command = [sys.executable, "-m", "scorm_builder", "validate", str(path)]
            cli = median_ms(
                lambda: subprocess.run(command, capture_output=True, check=True),  # noqa: B023
                max(1, args.repeat // 2),
            )
            folder = Path(tmp) / result.standard
            with zipfile.ZipFile(result.path) as archive:
                archive.extractall(folder)
            print(
                f"{result.standard:<13}{first:>13.0f} ms{warm:>13.0f} ms{cli:>11.0f} ms   "
                f"{xmllint(folder, result.standard, args.repeat)}"
            )
    print(
        "validate: every check; in-process (the first call loads the XSDs, later ones reuse them) and as a fresh"
        "\nprocess (Python start-up and imports included). xmllint: a fresh process, XSD validation only."
    )


if __name__ == "__main__":
    main()
