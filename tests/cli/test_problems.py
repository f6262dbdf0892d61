"""Problems found after loading travel as `Problem`s, like those of loading: each names its file.

An earlier pack given with `--previous` that is not one, a benchmarks file with a wrong key, a theme
broken in a build of several periods side by side, and the preview's page of problems.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.api import PackInvalid, Problem, ThemeProblem, load_pack
from boardpack.cli import app
from boardpack.preview import build_page
from tests.conftest import edit

runner = CliRunner()


def _build_fails(pack: Path, *args: str) -> list[str]:
    out = pack / "out"
    result = runner.invoke(app, ["build", str(pack), "--out-dir", str(out), *args])
    assert result.exit_code == 1, result.output
    assert not out.exists()
    return [line for line in result.output.splitlines() if not line.startswith("boardpack: ")]


def test_previous_json_whose_metrics_are_not_a_mapping(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    previous = tmp_path / "board-2025-Q4.json"
    previous.write_text('{"period": "2025-Q4", "prior_period": "2025-Q3", "metrics": []}', encoding="utf-8")
    assert _build_fails(tiny_copy(), "--previous", str(previous)) == [
        f"error: {previous}:metrics: missing or not a mapping; expected a boardpack metrics JSON; nothing was written"
    ]


def test_previous_json_without_a_period(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    previous = tmp_path / "board.json"
    previous.write_text('{"metrics": {}}', encoding="utf-8")
    assert _build_fails(tiny_copy(), "--previous", str(previous)) == [
        f"error: {previous}:period: missing; expected a boardpack metrics JSON; nothing was written"
    ]


def test_previous_pdf_that_is_not_a_pdf(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    previous = tmp_path / "board-2025-Q4.pdf"
    previous.write_bytes(b"%PDF-1.7\nnot really\n")
    (line,) = _build_fails(tiny_copy(), "--previous", str(previous))
    assert line.startswith(f"error: {previous}: cannot be read as a PDF (") and line.endswith(
        "); expected a deck built by boardpack; nothing was written"
    )


def test_benchmark_problems_name_the_key(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "bench.yaml").write_text(
        "benchmarks:\n"
        "  - {metric: cac, low: cheap, source: Ours}\n"
        "  - {metric: cac, low: 1, source: Ours, colour: red}\n"
        "  - {metric: cac, low: 1, source: Ours, basis: week}\n"
        "  - just text\n",
        encoding="utf-8",
    )
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nbenchmarks: bench.yaml")
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert [str(p) for p in error.value.problems] == [
        "bench.yaml: benchmark 1: low: Input should be a valid number, unable to parse string as a number",
        "bench.yaml: benchmark 2: colour: unknown key; expected metric, source, low, high, year, segment, basis, note",
        "bench.yaml: benchmark 3: basis: Input should be 'month', 'quarter', 'year', 'point', 'none' or 'period'",
        "bench.yaml: benchmark 4: expected a mapping of metric, source, low, high, year, segment, basis, note",
    ]


def test_problems_cross_processes_whole(tiny_copy: Callable[[], Path]) -> None:
    """Decks built side by side raise in a worker process: the error arrives with its problems intact."""
    error = ThemeProblem([Problem("theme/style.css", 3, None, "unknown property")])
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.problems, str(copy)) == (
        ThemeProblem,
        error.problems,
        "theme/style.css:3: unknown property",
    )
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: 1200\n  ltv_to_cac: 3")
    with pytest.raises(PackInvalid) as invalid:
        load_pack(pack)
    again = pickle.loads(pickle.dumps(invalid.value))
    assert again.problems == invalid.value.problems and again.report.total == invalid.value.report.total


def test_broken_theme_in_builds_side_by_side(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "slides").mkdir(parents=True)
    (theme / "slides/summary.html.j2").write_text("<section>\n<p>{{ 1 / 0 }}</p>\n</section>\n")
    assert _build_fails(tiny_copy(), "--theme", str(theme), "--period", "2026-01..2026-02") == [
        f"{theme}/slides/summary.html.j2:2: division by zero",
        "the theme has problems; nothing was written.",
    ]


def test_preview_page_lists_problems_where_the_user_finds_them(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nlanguage: fr\nrules: rules.yaml")
    (pack / "rules.yaml").write_text("rules: 3\n", encoding="utf-8")
    page, problems = build_page(pack, None, None)
    page = page.replace("\xa0", " ").replace("\u202f", " ")  # French spacing
    assert problems == 1
    assert f"<li><code>{pack}/rules.yaml:rules: contient un nombre ; attendu : une liste de règles</code></li>" in page
    assert f"<li><code>1 problème dans {pack}.</code></li>" in page


def test_preview_says_an_invalid_edit_was_not_built(tiny_copy: Callable[[], Path]) -> None:
    """After an edit that makes the pack invalid, the log must not claim a new version was built."""
    from boardpack.preview import Preview

    pack = tiny_copy()
    edit(pack / "data/funnel.csv", "2025-Q4,Channel B,,,250,", "2025-Q4,Channel B,,,lots,")
    said: list[str] = []
    preview = Preview(pack, port=0, say=said.append)
    try:
        preview.rebuild()
    finally:
        preview.server.server_close()
    assert said == ["not built: 1 problem, listed in the page (version 1)"]
