"""Shared fixtures: the case packs, a copier for breaking them, and the sample deck built once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "cases" / "tiny"
SAMPLE = ROOT / "sample_data" / "northwind"


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Callable[[], Path]:
    """A writable copy of the tiny case pack, to break in one place."""

    def copy() -> Path:
        target = tmp_path / "pack"
        shutil.copytree(TINY, target)
        return target

    return copy


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def sample_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample company's deck, built once for all PDF checks."""
    from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period

    pack = load_pack(SAMPLE)
    out = tmp_path_factory.mktemp("deck") / "board.pdf"
    result = build_deck(pack, resolve_period(pack, None), BuildOptions(out.parent, pdf_out=out))
    assert result.warnings == []
    return out
