"""Print the time of `translate export` and `translate import` for a course, and the size of its XLIFF file.

The import is measured on a copy of the course with every unit translated (a stand-in text), so it
writes every content file; `new` is timed too.

Run: python benchmarks/bench_translate.py [COURSE_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from lxml import etree

from scorm_builder.newcourse import create
from scorm_builder.translate import export_xliff, import_file

ROOT = Path(__file__).resolve().parent.parent
NS = "{urn:oasis:names:tc:xliff:document:1.2}"


def timed(run) -> float:  # type: ignore[no-untyped-def]
    """Return the wall time of ``run()`` in milliseconds."""
    started = time.perf_counter()
    run()
    return 1000 * (time.perf_counter() - started)


def translated(data: bytes) -> bytes:
    """Return the XLIFF ``data`` with a target for every unit."""
    root = etree.fromstring(data)
    for unit in root.iter(f"{NS}trans-unit"):
        target = etree.Element(f"{NS}target")
        target.text = "SV " + (unit.find(f"{NS}source").text or "")
        unit.find(f"{NS}source").addnext(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", nargs="?", type=Path, default=ROOT / "content" / "aktivt-medarbeiderskap")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    exports, imports, news = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.repeat):
            exports.append(timed(lambda: export_xliff(args.course, None, "sv")))
            data, units = export_xliff(args.course, None, "sv")
            copy = shutil.copytree(args.course, Path(tmp) / f"course-{n}")
            xlf = Path(tmp) / f"course-{n}.xlf"
            xlf.write_bytes(translated(data))
            imports.append(timed(partial(import_file, copy, xlf)))
            news.append(timed(partial(create, Path(tmp) / f"new-{n}")))
    print(f"course: {args.course.name}, {len(units)} units, XLIFF {len(data):,} bytes")
    print(f"translate export: {statistics.median(exports):7.0f} ms (median of {args.repeat})")
    print(f"translate import: {statistics.median(imports):7.0f} ms (every unit translated)")
    print(f"new:              {statistics.median(news):7.0f} ms")


if __name__ == "__main__":
    main()
