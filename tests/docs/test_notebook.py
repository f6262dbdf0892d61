"""The notebook API: tables with periods as labels, time series, breakdowns, a chart in the brand, and the
example notebook run cell by cell (a small runner: `exec` of each code cell in one namespace, without a
Jupyter kernel, which the tests do not need to install)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SAMPLE

pandas = pytest.importorskip("pandas")

import boardpack  # noqa: E402


@pytest.fixture(scope="module")
def pack() -> boardpack.Pack:
    return boardpack.open_pack(SAMPLE)


def test_metrics_of_a_period(pack: boardpack.Pack) -> None:
    table = pack.metrics("2026-Q3")
    assert table.attrs["period"] == "2026-Q3"
    assert list(table.columns[:8]) == ["label", "section", "unit", "value", "prior", "change", "change_kind", "target"]
    nrr = table.loc["nrr"]
    assert (nrr["label"], nrr["unit"], nrr["status"]) == ("Net revenue retention", "ratio", "off_target")
    assert nrr["value"] == pytest.approx(pack.evaluate("2026-Q3").value("nrr"))
    assert table.loc["days_between_stages", "reason"].startswith("needs a CRM export")


def test_series_are_indexed_by_period_labels(pack: boardpack.Pack) -> None:
    series = pack.series(["mrr", "nrr"])
    assert list(series.index) == [
        "2024-Q4",
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
    ]
    assert series.loc["2026-Q3", "mrr"] == 608108.0
    assert list(pack.series("cac", "2026-01..2026-03").index) == ["2026-01", "2026-02", "2026-03"]
    assert "start" not in series.to_json()  # never {'start': 24312, ...}
    with pytest.raises(KeyError, match="unknown metric id 'nrrr' \\(did you mean 'nrr'\\?\\)"):
        pack.series("nrrr")


def test_breakdowns_by_channel_and_segment(pack: boardpack.Pack) -> None:
    channels = pack.breakdown(["cpl", "cac_by_channel"], by="channel", period="2026-Q3")
    assert channels.index.name == "channel" and "Paid search" in channels.index
    segments = pack.breakdown("mrr", by="segment", period="2026-Q3")
    assert segments["mrr"].sum() == pytest.approx(608108.0)
    with pytest.raises(ValueError, match="no breakdown by 'planet' for mrr; they have: plan, segment"):
        pack.breakdown("mrr", by="planet", period="2026-Q3")


def test_plot_uses_the_brand(tmp_path: Path) -> None:
    """Harbor's own primary colour and its heading font reach the chart, as on its slides."""
    harbor = boardpack.open_pack(ROOT / "sample_data/harbor")
    chart = harbor.plot(["nrr", "grr"])
    assert chart._repr_svg_().startswith("<?xml") and "#134e4a" in chart.svg.lower()
    assert chart.save(tmp_path / "nrr.svg").read_text(encoding="utf-8") == chart.svg


def test_period_unavailable_is_exported(pack: boardpack.Pack) -> None:
    with pytest.raises(boardpack.PeriodUnavailable):
        pack.metrics("2030-Q1")


def test_a_build_does_not_import_pandas(tmp_path: Path) -> None:
    code = (
        "import sys, boardpack\n"
        "pack = boardpack.load_pack(sys.argv[1])\n"
        "boardpack.build_deck(pack, boardpack.resolve_period(pack, None), "
        "boardpack.BuildOptions(__import__('pathlib').Path(sys.argv[2]), formats=('json',)))\n"
        "assert 'pandas' not in sys.modules, 'pandas imported by a build'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "tests/cases/tiny"), str(tmp_path)], env=env)
    assert done.returncode == 0


def run_notebook(path: Path, cwd: Path) -> dict[str, Any]:
    """Every code cell of `path` executed in order in one namespace, from `cwd`; the namespace at the end."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    namespace: dict[str, Any] = {"__name__": "__notebook__"}
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        for number, cell in enumerate(cells):
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                exec(compile(source, f"{path.name}[cell {number}]", "exec"), namespace)
    finally:
        os.chdir(previous)
    return namespace


def test_example_notebook_runs(tmp_path: Path) -> None:
    """The notebook in docs/ runs from a copy of the clone's layout (docs/ beside sample_data/)."""
    shutil.copytree(SAMPLE, tmp_path / "sample_data/northwind", ignore=shutil.ignore_patterns("out"))
    (tmp_path / "docs").mkdir()
    namespace = run_notebook(ROOT / "docs/notebook.ipynb", tmp_path / "docs")
    assert namespace["table"].loc["mrr", "value"] == 608108.0
    assert [p.name for p in namespace["result"].files] == ["board-2026-Q3.pdf", "board-2026-Q3.json"]
    assert (tmp_path / "docs/out/board-2026-Q3.pdf").is_file()
