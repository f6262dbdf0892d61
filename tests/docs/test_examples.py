"""Every command and Python example of the docs runs, so the docs cannot go stale.

The blocks of a page run in order in a temporary folder holding a copy of sample_data/ and examples/
(and `my-pack`, made by `boardpack init`, unless the page makes it), with `boardpack` on the PATH (this
source tree, as installed): a shell block must exit 0, a Python block runs in its page's one namespace.
Blocks marked `<!-- not-run: REASON -->` (a server, an engine, an install) are parsed only; `yaml` and
`json` blocks are parsed too.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.docs.blocks import PAGES, SHELL, Block, blocks


def _folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder laid out like the clone (sample_data/, examples/), and an environment with `boardpack`."""
    ignore = shutil.ignore_patterns("out", "__pycache__")
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data", ignore=ignore)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    bin_dir = tmp_path / ".bin"
    bin_dir.mkdir()
    shim = bin_dir / "boardpack"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m boardpack "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    env.pop("COLUMNS", None)
    return tmp_path, env


def _parse(block: Block) -> None:
    if block.lang in SHELL:
        checked = subprocess.run(["bash", "-n"], input=block.code, text=True, capture_output=True)
        assert checked.returncode == 0, f"{block.where}: {checked.stderr}"
    elif block.lang == "python":
        ast.parse(block.code, filename=block.where)
    elif block.lang == "yaml":
        yaml.safe_load(block.code)
    elif block.lang == "json":
        json.loads(block.code)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    folder, env = _folder(tmp_path)
    if "boardpack init my-pack" not in page.read_text(encoding="utf-8"):  # the page's pack, as init makes it
        subprocess.run(["boardpack", "init", "my-pack"], cwd=folder, env=env, check=True, capture_output=True)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in blocks(page):
        _parse(block)
        if block.not_run is not None:
            continue
        if block.lang in SHELL:
            done = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", block.code], cwd=folder, env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, f"{block.where} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        elif block.lang == "python":
            previous = Path.cwd()
            os.chdir(folder)
            try:
                exec(compile(block.code, block.where, "exec"), namespace)
            finally:
                os.chdir(previous)


def test_not_run_blocks_say_why() -> None:
    marked = [b for page in PAGES for b in blocks(page) if b.not_run is not None]
    assert marked, "no block is marked; the marker of the development page is documented with one"
    for block in marked:
        assert block.lang in (*SHELL, "python"), f"{block.where}: only commands and code are run or not"
        assert block.not_run.startswith("needs "), f"{block.where}: say what it needs ({block.not_run!r})"


def test_no_page_suggests_an_index_install() -> None:
    """boardpack is not on a package index: installs are from the clone or a wheel built from it."""
    for page in [*PAGES, ROOT / "examples/ci/monthly-board-pack.yml"]:
        text = page.read_text(encoding="utf-8")
        assert "pip install boardpack" not in text and "pipx install boardpack" not in text, page
