"""Findings in the built deck: titles under their topic, a written summary that agrees with the tiles, the
review listing (`boardpack explain`) and the metrics JSON's `findings`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.lists import format_list
from pypdf import PdfReader
from typer.testing import CliRunner

from boardpack.api import BuildOptions, build_deck, evaluate, explain, load_pack, metric_rows, resolve_period
from boardpack.cli import app
from boardpack.judge.sentence import inline as inline_label
from boardpack.metrics import load_catalogue
from tests.conftest import SAMPLE

runner = CliRunner()


def _flat(text: str) -> str:
    """Text as pypdf reads it back: no-break spaces and line breaks as single spaces."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sentences() -> dict[str, dict]:
    pack = load_pack(SAMPLE)
    entries = [e for e in explain(pack, resolve_period(pack, None)) if e["kind"] != "step"]
    return {e["key"]: {**e, "text": _flat(e["text"])} for e in entries}


@pytest.fixture(scope="module")
def pages(sample_deck: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(sample_deck).pages]


def test_each_slide_shows_its_finding_under_its_topic(pages: list[str], sentences: dict[str, dict]) -> None:
    retention = next(p for p in pages if sentences["retention.title"]["text"] in p)
    assert "RETENTION · Are we keeping our customers and their revenue?" in retention  # the kicker, in capitals
    assert sentences["retention.summary"]["text"] in retention


def test_the_written_summary_quotes_the_tiles_figures_and_statuses(
    pages: list[str], sentences: dict[str, dict]
) -> None:
    summary = next(p for p in pages if sentences["summary.title"]["text"] in p)
    written = [sentences[f"summary.{part}"]["text"] for part in ("what", "why", "doing")]
    assert all(text in summary for text in written)
    tiles_text = summary
    for text in (sentences["summary.title"]["text"], *written):
        tiles_text = tiles_text.replace(text, "")
    quoted = [f for f in sentences["summary.what"]["figures"] if f["what"].startswith("fig.")]
    assert [f["value"] for f in quoted] == ["8.8%", "€608K", "€49K"]
    for figure in quoted:  # the same text on a tile: +8.8% vs Q2 2026, €608K, €49K
        assert figure["value"] in tiles_text
    pack = load_pack(SAMPLE)
    rows = {r.id: r for r in metric_rows(pack, evaluate(pack, resolve_period(pack, None)))}
    tiles = [rows[m] for m in load_catalogue().tiles if rows[m].value not in ("", "n/a")]
    off = [r.label for r in tiles if r.status == "off_target"]
    watch = [r.label for r in tiles if r.status == "watch"]
    assert len(off) == 2 and len(watch) == 3  # NRR and churn; MRR, pipeline and the year-end ARR forecast
    inline = [inline_label(label) for label in off + watch]  # mid-sentence: `net revenue retention`, `MRR`
    assert f"2 headline figures are off target: {format_list(inline[:2], locale='en')}." in written[0]
    assert f"3 are on watch: {format_list(inline[2:], locale='en')}." in written[0]
    assert off == ["Net revenue retention", "Customer churn rate"]
    assert "off target: net revenue retention and customer churn rate." in written[0]
    assert "on watch: MRR, pipeline vs target, and year-end ARR (forecast)." in written[0]


def test_explain_lists_every_sentence_with_its_key_and_figures() -> None:
    result = runner.invoke(app, ["explain", str(SAMPLE), "--period", "2026-Q3"])
    assert result.exit_code == 0, result.output
    lines = result.output.replace("\xa0", " ").splitlines()  # figures keep their no-break spaces
    title = lines.index(
        "retention.title [generated] NRR fell 2.3 pts to 96.6%, most in Enterprise; SMB kept the smallest share of its "
        "revenue (93.1%)"
    )
    assert lines[title + 1 : title + 6] == [
        "    fig.nrr.change = 2.3 pts",
        "    fig.nrr.display = 96.6%",
        "    drivers.nrr.segment.main = Enterprise",
        "    worst.nrr = SMB",
        "    by.nrr[worst.nrr] = 93.1%",
    ]
    assert any(line.startswith("step.nrr_leak [rule] ") for line in lines)
    assert lines[0].startswith("summary.title [generated] Q3 2026: ")


def test_the_metrics_json_carries_the_same_findings(tmp_path: Path) -> None:
    pack = load_pack(SAMPLE)
    period = resolve_period(pack, None)
    build_deck(pack, period, BuildOptions(tmp_path, formats=("json",)))
    document = json.loads((tmp_path / "board-2026-Q3.json").read_text(encoding="utf-8"))
    assert document["findings"] == explain(pack, period)
    kinds = {e["kind"] for e in document["findings"]}
    assert kinds == {"title", "summary", "step"}


def test_build_explain_lists_the_same_sentences_after_writing(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(SAMPLE), "--period", "2026-Q3", "-f", "json", "--out-dir", str(tmp_path), "--explain"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.replace("\xa0", " ").splitlines()
    assert f"wrote {tmp_path / 'board-2026-Q3.json'}" in lines
    document = json.loads((tmp_path / "board-2026-Q3.json").read_text(encoding="utf-8"))
    titles = [e for e in document["findings"] if e["key"] == "retention.title"]
    assert f"retention.title [generated] {titles[0]['text']}".replace("\xa0", " ") in lines


def test_a_slide_with_no_figure_for_the_period_is_left_out() -> None:
    """2025 has no trials, demos or attributed wins in the sample: no slide says "no data" over nothing."""
    pack = load_pack(SAMPLE)
    slides = {entry["slide"] for entry in explain(pack, resolve_period(pack, "2025"))}
    assert {"revenue", "retention", "funnel"} <= slides
    assert not slides & {"trials_demos", "attribution"}
    with_them = {entry["slide"] for entry in explain(pack, resolve_period(pack, "2026-Q3"))}
    assert {"trials_demos", "attribution"} <= with_them
