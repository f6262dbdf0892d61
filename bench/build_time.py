"""Whole-process build time and peak memory of the sample deck, beside the cost of the imports alone.

Run: `make bench` (or `.venv/bin/python bench/build_time.py --runs 5`). Machines here are shared
and noisy, so compare the ratios printed in one run, not absolute seconds between runs.

Peak memory is the largest sum of resident memory over the build's process tree (the command and
its chart worker), sampled every 10 ms from /proc.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "northwind"
HARBOR = ROOT / "sample_data" / "harbor"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue.extend(int(c) for c in children)
    return pids


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError):
            continue
    return total


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory of the process tree (bytes)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _rss(_tree(process.pid)))
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    boardpack = [sys.executable, "-m", "boardpack"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pdf"
        build = [*boardpack, "build", str(SAMPLE), "--period", "2026-Q3", "--out", str(out)]
        imports = [sys.executable, "-c", "import weasyprint, matplotlib.figure, jinja2, pydantic, babel"]
        harbor = [*boardpack, "build", str(HARBOR), "--period", "2026-Q3", "--out", str(Path(tmp) / "harbor.pdf")]
        pptx = [*boardpack, "build", str(SAMPLE), "--period", "2026-Q3", "--out-dir", tmp, "--format", "pdf,pptx"]
        serial_env = {**os.environ, "BOARDPACK_SERIAL": "1"}
        rows: dict[str, list[tuple[float, int]]] = {
            "imports only": [],
            "build": [],
            "build, charts serial": [],
            "build with PowerPoint": [],
            "second brand (harbor)": [],
            "build in French": [],
            "build in Romanian": [],
        }
        measure(build)  # warm the file cache and the font cache
        for _ in range(args.runs):
            rows["imports only"].append(measure(imports))
            rows["build"].append(measure(build))
            rows["build, charts serial"].append(measure(build, serial_env))
            rows["build with PowerPoint"].append(measure(pptx))
            rows["second brand (harbor)"].append(measure(harbor))
            rows["build in French"].append(measure([*build, "--language", "fr"]))
            rows["build in Romanian"].append(measure([*build, "--language", "ro"]))
        forecast = statistics.median(forecast_seconds() for _ in range(args.runs))
        count = pages_in(out)
        harbor_pages = pages_in(Path(tmp) / "harbor.pdf")
    build_time = statistics.median(t for t, _ in rows["build"])
    print(f"sample deck: {count} pages; median of {args.runs} runs, whole process")
    print(f"{'case':<24}{'time (s)':>10}{'per page (s)':>14}{'peak RSS (MiB)':>16}{'vs build':>10}")
    for name, samples in rows.items():
        seconds = statistics.median(t for t, _ in samples)
        memory = max(m for _, m in samples) / 2**20
        pages = harbor_pages if name.startswith("second brand") else count
        print(f"{name:<24}{seconds:>10.2f}{seconds / pages:>14.3f}{memory:>16.0f}{seconds / build_time:>10.2f}")
    print(f"{'forecast (in process)':<24}{forecast:>10.2f}{'':>14}{'':>16}{forecast / build_time:>10.2f}")


def forecast_seconds() -> float:
    """What the forecast adds to a build, in this process: its outlook for the period and for the prior and
    year-ago periods (the year-end tile's change), the slide's data, and its chart drawn (an upper bound:
    the build draws charts in a worker while it lays out the HTML)."""
    from boardpack.api import evaluate, load_pack
    from boardpack.charts import ChartTheme, draw
    from boardpack.metrics.catalogue import load_catalogue
    from boardpack.metrics.engine import Evaluation
    from boardpack.metrics.outlook import compute_outlook
    from boardpack.periods import parse_period
    from boardpack.slides import SLIDES, deck_result

    pack = load_pack(SAMPLE)
    period = parse_period("2026-Q3")
    metrics = evaluate(pack, period)
    warm = SLIDES["forecast"].build(deck_result(pack, metrics, period.last_day))
    assert warm is not None
    draw(warm.charts[0], ChartTheme())  # matplotlib's import and font cache are the build's, not the forecast's
    start = time.perf_counter()
    current = Evaluation(pack, period, load_catalogue())
    for other in (period, period.prior(), period.same_period_last_year()):
        compute_outlook(current.at(other))
    slide = SLIDES["forecast"].build(deck_result(pack, metrics, period.last_day))
    assert slide is not None
    draw(slide.charts[0], ChartTheme())
    return time.perf_counter() - start


def pages_in(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


if __name__ == "__main__":
    main()
