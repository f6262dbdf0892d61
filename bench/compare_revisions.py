"""The sample deck built by another revision beside this one: pages, time and memory in one run.

Run: `.venv/bin/python bench/compare_revisions.py REV [--runs 4]`. REV is checked out into a
temporary git worktree and run with this environment's packages; each revision builds its own
sample data, alternating runs so that machine noise falls on both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from build_time import measure, pages_in

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(other), args.revision], check=True
        )
        try:
            trees = {args.revision: other, "this tree": ROOT}
            samples: dict[str, list[tuple[float, int]]] = {name: [] for name in trees}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    out = Path(tmp) / f"{name.replace(' ', '-')}.pdf"
                    command = [
                        sys.executable,
                        "-m",
                        "boardpack",
                        "build",
                        str(tree / "sample_data/northwind"),
                        "--period",
                        "2026-Q3",
                        "--out",
                        str(out),
                    ]
                    # run from the tree itself so that `-m boardpack` imports that tree's code
                    env = {**os.environ, "PYTHONPATH": str(tree)}
                    previous = Path.cwd()
                    os.chdir(tree)
                    try:
                        samples[name].append(measure(command, env))
                    finally:
                        os.chdir(previous)
            for name in trees:
                seconds = statistics.median(t for t, _ in samples[name])
                pages = pages_in(Path(tmp) / f"{name.replace(' ', '-')}.pdf")
                memory = max(m for _, m in samples[name]) / 2**20
                print(
                    f"{name:<12} {pages:3d} pages  {seconds:6.2f} s  {seconds / pages:.3f} s/page",
                    f"peak {memory:.0f} MiB",
                )
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=True)


if __name__ == "__main__":
    main()
