"""Twelve monthly packs of the sample company in one run: one deck at a time, then two side by side,
beside twelve separate `boardpack build` processes.

Run: `.venv/bin/python bench/monthly_packs.py`. Compare the ratios printed in one run.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "northwind"


def main() -> None:
    from boardpack.api import BuildOptions, build_decks, load_pack, resolve_periods

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for month in range(1, 13):
            period = f"{2025 + (9 + month - 1) // 12}-{(9 + month - 1) % 12 + 1:02d}"
            subprocess.run(
                [sys.executable, "-m", "boardpack", "build", str(SAMPLE), "--period", period, "--out-dir", tmp],
                check=True,
                capture_output=True,
            )
        separate = time.perf_counter() - start
        start = time.perf_counter()
        pack = load_pack(SAMPLE)
        periods = resolve_periods(pack, ["2025-10..2026-09"])
        loaded = time.perf_counter() - start
        timings = {}
        for workers in (1, 2):
            start = time.perf_counter()
            build_decks(pack, periods, BuildOptions(Path(tmp) / str(workers)), workers=workers)
            timings[workers] = time.perf_counter() - start
    print(f"12 monthly packs of {SAMPLE.name}")
    print(f"{'how':<40}{'time (s)':>10}{'per pack':>10}{'vs separate':>13}")
    for label, seconds in (
        ("12 separate processes", separate),
        ("one run, one deck at a time", loaded + timings[1]),
        ("one run, two decks side by side", loaded + timings[2]),
    ):
        print(f"{label:<40}{seconds:>10.2f}{seconds / 12:>10.2f}{seconds / separate:>13.2f}")


if __name__ == "__main__":
    main()
