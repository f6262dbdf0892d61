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


EARLIER = b"%PDF-1.7 an earlier deck"


@pytest.fixture
def pack(tiny_copy: Callable[[], Path]) -> Path:
    """The tiny pack with a deck from an earlier build in out/: a refused build must leave it as it was."""
    folder = tiny_copy()
    (folder / "out").mkdir()
    (folder / "out/board-2026-Q1.pdf").write_bytes(EARLIER)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_clean_pdf(pack_dir: Path, out: Path, language: str | None = None, period: str | None = None) -> Path:
    """Build a pack's period (its default one unless given) into `out`, in `language` if given, asserting
    the build had nothing to warn about."""
    from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period, with_language

    pack = with_language(load_pack(pack_dir), language)
    result = build_deck(pack, resolve_period(pack, period), BuildOptions(out.parent, pdf_out=out))
    assert result.warnings == []
    return out


def load_script(name: str):  # type: ignore[no-untyped-def]
    """A module from scripts/ (not a package), for the tests that run its checks."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample_pptx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample company's deck as PDF, PowerPoint and metrics JSON from one build, for the PowerPoint checks."""
    from boardpack.api import BuildOptions, build_deck, load_pack, resolve_period

    out = tmp_path_factory.mktemp("pptx")
    pack = load_pack(SAMPLE)
    result = build_deck(pack, resolve_period(pack, None), BuildOptions(out, formats=("pdf", "pptx", "json")))
    assert result.warnings == []
    return {path.suffix.lstrip("."): path for path in result.files}


@pytest.fixture(scope="session")
def sample_deck(sample_pptx: dict[str, Path]) -> Path:
    """The sample company's PDF, from the one build of the sample shared by the PDF and PowerPoint checks."""
    return sample_pptx["pdf"]


@pytest.fixture(scope="session")
def harbor_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second brand's deck (A4 pages, its own fonts and theme, in French), built once for all PDF checks."""
    return build_clean_pdf(ROOT / "sample_data" / "harbor", tmp_path_factory.mktemp("harbor") / "board.pdf", "fr")


@pytest.fixture(scope="session")
def month_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample company's September deck in Romanian: a month rather than a quarter, built once."""
    return build_clean_pdf(SAMPLE, tmp_path_factory.mktemp("month") / "board.pdf", "ro", "2026-09")


@pytest.fixture(scope="session")
def year_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample company's 2025 deck in English: a year with no prior year and no trials, demos or churn reasons."""
    return build_clean_pdf(SAMPLE, tmp_path_factory.mktemp("year") / "board.pdf", "en", "2025")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-references",
        action="store_true",
        help="accept the sample decks' pages as they are now as the picture test's reference images",
    )
