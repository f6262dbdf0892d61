"""Installed as users install it: the wheel carries the templates, catalogues and translations, and
`boardpack build` works from any folder without the source tree.

Cheap on purpose: the wheel is built without network (`--no-build-isolation`, hatchling from the test
extra) and installed with `--no-deps --target` on top of the test environment's dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

pytest.importorskip("hatchling", reason="the test extra installs hatchling to build the wheel offline")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding boardpack installed from its wheel, and nothing of the source tree."""
    root = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", str(ROOT), "-w", str(root)], check=True)
    (wheel,) = root.glob("boardpack-*.whl")
    target = root / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    return target


def run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_wheel_holds_what_a_build_reads(installed: Path) -> None:
    package = installed / "boardpack"
    assert (package / "templates/deck.html.j2").is_file()
    assert (package / "metrics/catalogue.yaml").is_file()
    assert (package / "benchmarks/benchmarks.yaml").is_file()
    assert (package / "notes/rules.yaml").is_file()
    assert (package / "locale/fr/LC_MESSAGES/boardpack.po").is_file()
    assert not (installed / "tests").exists() and not (installed / "sample_data").exists()


def test_build_from_another_folder(installed: Path, tmp_path: Path) -> None:
    """The installed package, not the source tree, builds a copy of the sample deck in French."""
    pack = tmp_path / "northwind"
    shutil.copytree(SAMPLE, pack, ignore=shutil.ignore_patterns("out"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(installed, elsewhere, "-c", "import boardpack; print(boardpack.__file__)")
    assert where.stdout.strip() == str(installed / "boardpack/__init__.py")
    built = run(
        installed, elsewhere, "-m", "boardpack", "build", "../northwind", "-p", "2026-Q3", "-l", "fr", "-f", "pdf,json"
    )
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[-1] == "wrote ../northwind/out/board-2026-Q3.json"
    assert json.loads((pack / "out/board-2026-Q3.json").read_text())["metrics"]["mrr"]["value"] > 0
    assert (pack / "out/board-2026-Q3.pdf").read_bytes().startswith(b"%PDF-")
