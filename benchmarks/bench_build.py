"""Print build time per standard, package sizes and the runtime's gzipped size for the default course.

Run: make bench   (or: python benchmarks/bench_build.py [COURSE_DIR] [--repeat N])
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from scorm_builder.build import build
from scorm_builder.loader import load_course
from scorm_builder.standards import STANDARDS
from scorm_builder.xsd import xsd_root

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("course", nargs="?", default=ROOT / "content" / "aktivt-medarbeiderskap", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    xsd_root()  # fetch outside the timings
    started = time.perf_counter()
    load_course(args.course)
    print(f"load course: {1000 * (time.perf_counter() - started):.0f} ms")
    print(f"{'standard':<14}{'median build':>14}{'zip size':>12}{'files':>7}{'runtime js+css gz':>20}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in STANDARDS:
            times = []
            for run in range(args.repeat):
                out = Path(tmp) / f"{name}-{run}"
                started = time.perf_counter()
                [result] = build(args.course, [name], ["nb"], out)
                times.append(time.perf_counter() - started)
            with zipfile.ZipFile(result.path) as archive:
                assets = sum(
                    len(gzip.compress(archive.read(n), 9)) for n in archive.namelist() if n.startswith("assets/")
                )
            print(
                f"{name:<14}{1000 * statistics.median(times):>11.0f} ms{result.size:>12,}{result.files:>7}{assets:>17,} B"
            )


if __name__ == "__main__":
    main()
