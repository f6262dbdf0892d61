"""Hostile and careless packs beyond the common mistakes: each is refused with a message that names
what was found and what was expected, nothing is written, and an earlier deck comes through intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.cli import app
from tests.cli.test_bad_input import EARLIER, pack  # noqa: F401  (`pack` is a fixture)

runner = CliRunner()


def _earlier_intact(folder: Path) -> None:
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["board-2026-Q1.pdf"]
    assert (folder / "out/board-2026-Q1.pdf").read_bytes() == EARLIER


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if not line.startswith("boardpack: ")]


# where the outputs go


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--out-dir", "{pack}/notes.txt"],
            "--out-dir {pack}/notes.txt: a file, not a folder; expected a folder for the outputs",
        ),
        (
            ["--out-dir", "{pack}/notes.txt/decks"],
            "--out-dir {pack}/notes.txt/decks: {pack}/notes.txt is a file, not a folder; expected a folder to write in",
        ),
        (["--out", "{pack}/out"], "--out {pack}/out: a folder; expected the PDF's file name"),
    ],
    ids=["out-dir-is-a-file", "out-dir-under-a-file", "out-is-a-folder"],
)
def test_output_path_that_cannot_be_written(pack: Path, options: list[str], message: str) -> None:  # noqa: F811
    (pack / "notes.txt").write_text("not a folder")
    args = [option.format(pack=pack) for option in options]
    result = runner.invoke(app, ["build", str(pack), "-f", "pdf,json", *args])
    assert result.exit_code == 2, result.output
    assert _lines(result.output) == [f"error: {message.format(pack=pack)}; nothing was written"]
    assert (pack / "notes.txt").read_text() == "not a folder"
    _earlier_intact(pack)
