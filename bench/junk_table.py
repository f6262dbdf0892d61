"""Validating a 50 MB table of junk: time and peak memory, beside validating the clean sample pack.

Run: `.venv/bin/python bench/junk_table.py` (or `--megabytes 10` for a quicker look). Two kinds of junk:
short words (the cheap case: each cell fails on its first look) and dotted digits such as `12.3.5x`
(the dear case: each cell looks like a number until its last character). Every problem is counted and
at most 200 are printed. Compare the ratios printed in one run: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "cases" / "tiny"
HEADER = "period,channel,visitors,contacts,leads,mqls,sals,sqls,opportunities,customers\n"


def _junk(path: Path, size: int, cell: str) -> int:
    rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        written = len(HEADER)
        while written < size:
            row = ",".join(cell.format(row=rows, column=column) for column in range(10)) + "\n"
            out.write(row)
            written += len(row)
            rows += 1
    return rows


def _validate(pack: Path) -> tuple[float, float, str]:
    """Seconds, peak MiB of the child, and the last line it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "boardpack", "validate", str(pack)], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    lines = (done.stdout + done.stderr).strip().splitlines()
    return seconds, peak, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=50)
    size = parser.parse_args().megabytes * 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        clean = Path(folder) / "clean"
        shutil.copytree(TINY, clean)
        base, base_peak, _ = _validate(clean)
        print(f"clean tiny pack: {base:.2f} s, {base_peak:.0f} MiB")
        for name, cell in (("words", "x{row}_{column}abc"), ("dotted digits", "{row}.{column}.5x")):
            pack = Path(folder) / name.replace(" ", "-")
            shutil.copytree(TINY, pack)
            rows = _junk(pack / "data" / "funnel.csv", size, cell)
            seconds, peak, last = _validate(pack)
            print(f"{name}: {rows:,} rows, {seconds:.2f} s ({seconds / base:.1f}x the clean pack), {peak:.0f} MiB")
            print(f"  {last}")


if __name__ == "__main__":
    main()
