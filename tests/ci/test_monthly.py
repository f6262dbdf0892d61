"""The monthly CI pack: periods, reproducible bytes, archive-grade PDF, restated figures, alerts."""

from __future__ import annotations

import hashlib
import json
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from boardpack.api import load_pack, resolve_period, resolve_periods
from boardpack.cli import app
from tests.conftest import ROOT, SAMPLE, TINY, edit

runner = CliRunner()


def _build(*args: str) -> None:
    result = runner.invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output


def test_latest_and_ranges() -> None:
    pack = load_pack(SAMPLE)
    assert resolve_period(pack, "latest").label == "2026-09"
    assert resolve_period(pack, "latest-quarter").label == "2026-Q3"
    assert resolve_period(pack, "latest-year").label == "2025"  # 2026 is not complete
    assert [p.label for p in resolve_periods(pack, ["2026-07..2026-09", "2026-Q2"])] == [
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-Q2",
    ]
    tiny = load_pack(TINY)  # spend for 2026-Q1 is quarterly, revenue monthly: the last month is still March
    assert resolve_period(tiny, "latest").label == "2026-03"


def test_fiscal_year(tiny_copy: Callable[[], Path]) -> None:
    pack_dir = tiny_copy()
    edit(pack_dir / "boardpack.yaml", "period: 2026-Q1", "period: 2026-Q1\nfiscal_year_start: 4")
    pack = load_pack(pack_dir)
    # with a fiscal year starting in April, January-March 2026 is the fourth quarter of FY2026
    assert resolve_period(pack, "2026-Q4").first_day.isoformat() == "2026-01-01"
    assert resolve_period(pack, "2026-Q4").prior().label == "2026-Q3"


def test_same_inputs_give_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        _build(str(TINY), "--period", "2026-03", "--out-dir", str(folder), "--format", "pdf,html,json")
    for name in ("board-2026-03.pdf", "board-2026-03.html", "board-2026-03.json"):
        digests = {hashlib.sha256((folder / name).read_bytes()).hexdigest() for folder in (first, second)}
        assert len(digests) == 1, name
    created = PdfReader(first / "board-2026-03.pdf").metadata["/CreationDate"]
    assert created == "D:20260331000000Z"  # the period end, not the clock


def test_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21 14:13:20 UTC
    _build(str(TINY), "--period", "2026-03", "--out", str(tmp_path / "deck.pdf"))
    assert PdfReader(tmp_path / "deck.pdf").metadata["/CreationDate"] == "D:20260921141320Z"


def test_pdf_a_carries_metrics_and_inputs(tmp_path: Path) -> None:
    _build(str(TINY), "--out-dir", str(tmp_path), "--pdf-variant", "pdf/a-3b")
    reader = PdfReader(tmp_path / "board-2026-Q1.pdf")
    attachments = reader.attachments
    assert sorted(attachments) == ["board-2026-Q1.json", "funnel.csv", "pipeline.csv", "revenue.csv", "spend.csv"]
    metrics = json.loads(attachments["board-2026-Q1.json"][0])
    assert metrics["metrics"]["mrr"]["value"] == 13000.0
    assert attachments["revenue.csv"][0] == (TINY / "data/revenue.csv").read_bytes()
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.rdf_root.toxml()
    assert 'pdfaid:part="3" pdfaid:conformance="B"' in raw
    assert reader.metadata["/Title"] == "Tiny Test Ltd · Board meeting Q1\u00a02026"


def test_pdf_ua_is_tagged(tmp_path: Path) -> None:
    _build(str(TINY), "--out", str(tmp_path / "ua.pdf"), "--pdf-variant", "pdf/ua-1")
    reader = PdfReader(tmp_path / "ua.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"


def test_restated_figures(tiny_copy: Callable[[], Path], tmp_path: Path) -> None:
    pack = tiny_copy()
    _build(str(pack), "--period", "2026-02", "--format", "json,pdf", "--out-dir", str(tmp_path / "feb"))
    # a late invoice: January gains 100 of new MRR, and every later month-end carries it
    revenue = pack / "data/revenue.csv"
    text = revenue.read_text()
    text = text.replace("2026-01,All,11900,117,1200,", "2026-01,All,12000,117,1300,")
    text = text.replace("2026-02,All,12100,", "2026-02,All,12200,").replace("2026-03,All,13000,", "2026-03,All,13100,")
    revenue.write_text(text)
    result = runner.invoke(
        app,
        [
            "build",
            str(pack),
            "--period",
            "2026-03",
            "--format",
            "json,pdf",
            "--out-dir",
            str(tmp_path / "mar"),
            "--previous",
            str(tmp_path / "feb/board-2026-02.pdf"),
        ],
    )
    assert result.exit_code == 0, result.output
    restated = json.loads((tmp_path / "mar/board-2026-03.json").read_text())["restated"]
    mrr = [(r["period"], r["reported"], r["now"]) for r in restated if r["metric"] == "mrr"]
    assert mrr == [("2026-01", 11900.0, 12000.0), ("2026-02", 12100.0, 12200.0)]
    assert {"period": "2026-01", "metric": "new_mrr", "reported": 1200.0, "now": 1300.0, "change": 100.0} in restated
    assert "restated figures" in result.output
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "mar/board-2026-03.pdf").pages)
    assert "Appendix · restated figures" in text and "€12,100" in text and "€12,200" in text


def test_check_exit_codes(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "segments: [All]", "segments: [All]\nalerts: [cac, nrr]")
    # NRR 91.9% for the quarter against 100% a year is 71.3% a year: off target, and the line says on which basis
    result = runner.invoke(app, ["check", str(pack)])
    assert result.exit_code == 4
    assert result.output.splitlines()[1] == (
        "BREACH nrr (Net revenue retention) in 2026-Q1: 91.9% this quarter, 71.3% a year "
        "against target 100.0% a year: off_target"
    )
    edit(pack / "boardpack.yaml", "  nrr: 1.0", "  nrr: {value: 1.0, per: quarter}")
    result = runner.invoke(app, ["check", str(pack)])
    assert result.exit_code == 0, result.output  # cac on target, nrr only watch
    result = runner.invoke(app, ["check", str(pack), "--fail-on", "watch"])
    assert result.exit_code == 4
    assert result.output.splitlines() == [
        "ok     cac (CAC) in 2026-Q1: €1,154 against target €1,200: on_target",
        "BREACH nrr (Net revenue retention) in 2026-Q1: 91.9% against target 100.0% a quarter: watch",
        "1 of 2 checked metrics breach watch in 2026-Q1.",
    ]
    result = runner.invoke(app, ["check", str(pack), "--fail-on", "watch", "--language", "fr"])
    assert "nrr (Rétention nette du revenu (NRR)) in 2026-Q1: 91,9\u00a0%" in result.output  # French numbers


def test_usage_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["build", str(TINY), "--format", "pdf,docx"]).exit_code == 2
    assert runner.invoke(app, ["build", str(TINY), "--pdf-variant", "pdf/x"]).exit_code == 2
    result = runner.invoke(app, ["build", str(TINY), "--period", "2026-01..2026-03", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "use --out-dir" in result.output


def test_example_workflow_is_valid_and_uses_real_commands() -> None:
    workflow = yaml.safe_load((ROOT / "examples/ci/monthly-board-pack.yml").read_text())
    steps = workflow["jobs"]["board-pack"]["steps"]
    commands = [line for step in steps for line in str(step.get("run", "")).splitlines() if "boardpack " in line]
    assert len(commands) >= 3
    group = typer.main.get_command(app)
    for line in commands:
        words = shlex.split(line[line.index("boardpack ") :])
        name = words[1]
        assert name in group.commands, f"no command {name}"
        options = {opt for param in group.commands[name].params for opt in param.opts}
        for word in words[2:]:
            if word.startswith("--"):
                assert word in options, f"{name} has no option {word}"
    assert "examples/ci/monthly-board-pack.yml" in (ROOT / "docs/ci.md").read_text()
    assert "pip install boardpack" not in (ROOT / "examples/ci/monthly-board-pack.yml").read_text()


def test_several_periods_in_one_run(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(TINY), "--period", "2026-01..2026-03", "--out-dir", str(tmp_path), "--format", "json,pdf"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "board-2026-01.json",
        "board-2026-01.pdf",
        "board-2026-02.json",
        "board-2026-02.pdf",
        "board-2026-03.json",
        "board-2026-03.pdf",
    ]
    # decks laid out side by side are the same as decks built alone
    alone = tmp_path / "alone"
    _build(str(TINY), "--period", "2026-02", "--out-dir", str(alone), "--format", "pdf")
    assert (alone / "board-2026-02.pdf").read_bytes() == (tmp_path / "board-2026-02.pdf").read_bytes()
