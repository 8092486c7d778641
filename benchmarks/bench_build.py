"""Print our build time beside simple-scorm-packager's on the same files, then per-standard times and sizes.

Side by side, each timed as a whole command with the wall clock (so Python's start-up counts in ours
as Node's does in the packager's), the runs taken in turn, one of each per round:

- ours: ``python -m scorm_builder build COURSE --standard all --lang nb``: five packages (SCORM 1.2,
  2004 3rd and 4th edition, xAPI, cmi5) rendered, validated against the XSDs and checked;
- the packager: simple-scorm-packager 0.2.7 (``benchmarks/zipper.js`` under node) writing its
  manifest beside the same rendered files and zipping them into three SCORM packages (1.2, 2004 3rd,
  2004 4th), with no rendering or validation.

The packager is installed with npm into ``<user cache>/bench/`` (never into the repository or its
package.json). One build runs before the timings, so both sides start with warm caches, and the
package's bytecode is compiled first, as ``pip install`` does (an environment with
``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module from source on every run).

Run: make bench   (or: python benchmarks/bench_build.py [COURSE_DIR] [--repeat N])
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from scorm_builder.build import build
from scorm_builder.loader import load_course
from scorm_builder.paths import cache_dir
from scorm_builder.standards import STANDARDS
from scorm_builder.xsd import xsd_root

ROOT = Path(__file__).resolve().parent.parent
ZIPPER = "simple-scorm-packager"
ZIPPER_VERSION = "0.2.7"
#: Our SCORM standard -> the packager's name for the same version.
ZIPPER_JOBS = {"scorm12": "1.2", "scorm2004-3": "2004 3rd Edition", "scorm2004-4": "2004 4th Edition"}
CONTROL = (".xsd", ".dtd", "imsmanifest.xml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("course", nargs="?", default=ROOT / "content" / "aktivt-medarbeiderskap", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument(
        "--floors",
        action="store_true",
        help="also time the start-ups both commands pay before any work (interpreter, imports)",
    )
    args = parser.parse_args()
    xsd_root()  # fetch outside the timings
    compileall.compile_dir(ROOT / "scorm_builder", quiet=1)  # as an install would
    packager = install_zipper()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        built = {r.standard: r.path for r in build(args.course, ["all"], ["nb"], work / "warm-up")}
        ours = [sys.executable, "-m", "scorm_builder", "build", str(args.course.resolve()),
                "--standard", "all", "--lang", "nb", "--out"]
        times = side_by_side(ours, packager, built, work, args.repeat)
    print_side_by_side(times, args.repeat)
    if args.floors:
        print_floors(args.repeat)
    print_per_standard(args.course, max(1, args.repeat // 2))


def install_zipper() -> Path:
    """Return the installed simple-scorm-packager folder, installing it with npm into the user cache once."""
    prefix = cache_dir() / "bench" / f"{ZIPPER}-{ZIPPER_VERSION}"
    folder = prefix / "node_modules" / ZIPPER
    if not (folder / "package.json").is_file():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed to install the packager this benchmark compares with")
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(prefix), "--no-save", "--no-package-lock", "--ignore-scripts",
             "--no-audit", "--no-fund", "--loglevel=error", f"{ZIPPER}@{ZIPPER_VERSION}"],
            check=True,
        )
    return folder


def lay_out(built: dict[str, Path], dest: Path) -> list[str]:
    """Extract each SCORM package's content files (no manifest, no XSDs) into ``dest``; return the jobs."""
    shutil.rmtree(dest, ignore_errors=True)
    jobs = []
    for standard, version in ZIPPER_JOBS.items():
        with zipfile.ZipFile(built[standard]) as archive:
            names = [n for n in archive.namelist() if not n.endswith(CONTROL)]
            archive.extractall(dest / standard, names)
        jobs.append(f"{version}={dest / standard}")
    return jobs


def side_by_side(ours: list[str], packager: Path, built: dict[str, Path], work: Path, repeat: int) -> dict:
    """Time both commands ``repeat`` times, in turn; return their (wall, CPU) times in seconds."""
    node = shutil.which("node") or sys.exit("node is needed to run the packager")
    times: dict[str, list[tuple[float, float]]] = {"ours": [], "zipper": []}
    for run in range(repeat):
        jobs = lay_out(built, work / "zipper-source")
        zipper = [node, str(ROOT / "benchmarks" / "zipper.js"), str(packager), str(work / f"zipper-{run}"), *jobs]
        times["zipper"].append(timed(zipper))
        times["ours"].append(timed([*ours, str(work / f"ours-{run}")]))
    return times


def timed(command: list[str]) -> tuple[float, float]:
    """Run ``command`` (output discarded); return its wall time and its CPU time (user + system), in seconds."""
    before, started = os.times(), time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    wall, after = time.perf_counter() - started, os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def print_side_by_side(times: dict[str, list[tuple[float, float]]], repeat: int) -> None:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"whole commands, {repeat} runs each, in turn ({os.cpu_count()} CPUs, load average {load})")
    print(f"  {'':<48}{'wall median':>12}{'wall min':>10}{'CPU median':>12}")
    labels = {"ours": "scorm-builder build: 5 packages, rendered+checked",
              "zipper": f"{ZIPPER} {ZIPPER_VERSION}: 3 packages zipped"}
    medians = {}
    for key, label in labels.items():
        wall, cpu = [t[0] for t in times[key]], [t[1] for t in times[key]]
        medians[key] = (statistics.median(wall), statistics.median(cpu))
        print(f"  {label:<48}{1000 * medians[key][0]:>9.0f} ms{1000 * min(wall):>7.0f} ms{1000 * medians[key][1]:>9.0f} ms")
    ratio = [medians["ours"][i] / medians["zipper"][i] for i in (0, 1)]
    # each round's two commands run a moment apart: their ratio is steadier on a shared machine than
    # the ratio of two medians taken over minutes in which the machine's speed drifts
    rounds = statistics.median(o[0] / z[0] for o, z in zip(times["ours"], times["zipper"], strict=True))
    print(
        f"  ratio ours / zipper: {ratio[0]:.2f} (wall clock), {ratio[1]:.2f} (CPU time);"
        f" {rounds:.2f} (wall clock, median of the rounds' ratios)"
    )


#: Whole commands that do no work: what each side pays before it starts (start-up and imports).
FLOORS = {
    "node, empty script": ["node", "-e", ""],
    "Python, empty script": [sys.executable, "-c", "pass"],
    "Python, importing the build's libraries": [
        sys.executable, "-c", "import click, jinja2, lxml.etree, pydantic.main, yaml"],
    "Python, importing the build (content models included)": [
        sys.executable, "-c", "import scorm_builder.cli, scorm_builder.build"],
}


def print_floors(repeat: int) -> None:
    """Print the median wall time of each command of :data:`FLOORS`, taken in turn."""
    times: dict[str, list[float]] = {name: [] for name in FLOORS}
    for _ in range(repeat):
        for name, command in FLOORS.items():
            times[name].append(timed(command)[0])
    print(f"\nstart-up alone, whole commands, median of {repeat}:")
    for name, got in times.items():
        print(f"  {name:<60}{1000 * statistics.median(got):>6.0f} ms")


def print_per_standard(course: Path, repeat: int) -> None:
    started = time.perf_counter()
    load_course(course)
    print(f"\nin one process: load course {1000 * (time.perf_counter() - started):.0f} ms")
    print(f"{'standard':<14}{'median build':>14}{'zip size':>12}{'files':>7}{'runtime js+css gz':>20}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in STANDARDS:
            times = []
            for run in range(repeat):
                started = time.perf_counter()
                [result] = build(course, [name], ["nb"], Path(tmp) / f"{name}-{run}")
                times.append(time.perf_counter() - started)
            with zipfile.ZipFile(result.path) as archive:
                assets = sum(
                    len(gzip.compress(archive.read(n), 9)) for n in archive.namelist() if n.startswith("assets/")
                )
            print(f"{name:<14}{1000 * statistics.median(times):>11.0f} ms{result.size:>12,}{result.files:>7}{assets:>17,} B")


if __name__ == "__main__":
    main()
