"""A fresh `boardpack init` pack builds a first deck that looks right: every table has rows for the default
period, no warning reaches the terminal, no figure is missing but the one that needs a CRM export."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DEFAULT_PERIOD = "2026-08"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A pack made by `boardpack init` and its first deck, built as a user would from a terminal-less shell."""
    folder = tmp_path_factory.mktemp("fresh")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "default"}
    command = [sys.executable, "-m", "boardpack"]
    subprocess.run(
        [*command, "init", "acme", "--company", "Acme"], cwd=folder, env=env, check=True, capture_output=True
    )
    built = subprocess.run(
        [*command, "build", "acme", "--format", "pdf,json"], cwd=folder, env=env, capture_output=True, text=True
    )
    return folder / "acme", built


def test_every_table_has_rows_for_the_default_period(fresh: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    from boardpack.inputs.tables import TABLES

    pack, _ = fresh
    assert f"period: {DEFAULT_PERIOD}" in (pack / "boardpack.yaml").read_text()
    for spec in TABLES.values():
        with (pack / "data" / f"{spec.name}.csv").open(encoding="utf-8") as handle:
            periods = {row[spec.period_column][:7] for row in csv.DictReader(handle)}
        assert DEFAULT_PERIOD in periods, spec.name


def test_first_build_prints_no_warning(fresh: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """Only progress on stderr: no layout warning, no matplotlib or Python warning, no notice."""
    _, built = fresh
    assert built.returncode == 0, built.stderr
    assert [line for line in built.stderr.splitlines() if not line.startswith("boardpack: ")] == []
    assert built.stdout.splitlines() == [
        # no What to expect slide (too little history: the appendix says so), cost to serve and engagement on
        # one page, two pages listing all next steps and an appendix of four
        f"wrote acme/out/board-{DEFAULT_PERIOD}.pdf (22 pages)",
        f"wrote acme/out/board-{DEFAULT_PERIOD}.json",
    ]


def test_every_figure_is_there_but_the_one_needing_a_crm_export(
    fresh: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    pack, _ = fresh
    document = json.loads((pack / f"out/board-{DEFAULT_PERIOD}.json").read_text())
    assert document["notices"] == []
    missing = {metric_id for metric_id, metric in document["metrics"].items() if metric["value"] is None}
    # the example rows hold two months of revenue: the forecast says it needs six instead of forecasting
    assert missing == {"days_between_stages", "year_end_arr", "year_end_arr_gap", "pipeline_coverage"}
    assert document["forecast"] == {
        "available": False,
        "reason": f"2 months of MRR movements up to {DEFAULT_PERIOD}; a forecast needs at least 6",
    }


def test_a_count_axis_labels_whole_numbers_only() -> None:
    """Three customers in a band: ticks at 0.5 stay blank rather than reading "0 0 1 1"."""
    from boardpack.charts.base import tick_formatter
    from boardpack.charts.spec import Axis

    label = tick_formatter(Axis(unit="count"))
    assert [label(v) for v in (0.0, 0.5, 1.0, 1.5, 2.0)] == ["0", "", "1", "", "2"]
    assert label(0.5) == "" and tick_formatter(Axis(unit="ratio"))(0.5) == "50%"


def test_a_forecast_without_history_is_said_in_the_appendix_not_on_an_empty_page(
    fresh: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    from pypdf import PdfReader

    pack, _ = fresh
    reader = PdfReader(pack / f"out/board-{DEFAULT_PERIOD}.pdf")
    assert "What to expect" not in [" ".join(item.title.split()) for item in reader.outline]
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Forecast. No forecast: 2 months of MRR movements up to Aug 2026; a forecast needs at least 6." in text
