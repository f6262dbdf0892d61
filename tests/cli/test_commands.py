"""The commands as a user runs them: output, files written (or not), exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.cli import app
from boardpack.metrics import load_catalogue
from tests.conftest import TINY, edit

runner = CliRunner()


def test_init_validate_build_roundtrip(tmp_path: Path) -> None:
    pack = tmp_path / "my-pack"
    result = runner.invoke(app, ["init", str(pack), "--company", "Acme SaaS"])
    assert result.exit_code == 0, result.output
    from boardpack.inputs.tables import TABLES

    assert sorted(p.name for p in (pack / "data").iterdir()) == sorted(["README.md", *(f"{t}.csv" for t in TABLES)])
    readme = (pack / "data/README.md").read_text()
    assert "| `churned_mrr` | yes | MRR lost from customers who left |" in readme
    assert (pack / "data/funnel.csv").read_text().splitlines()[0] == (
        "period,channel,visitors,contacts,leads,mqls,sals,sqls,opportunities,quotes,customers"
    )
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output
    assert "is valid: tables churn_reasons, customers, demos, email" in result.output
    assert "data from 2026-06 to 2026-08 (3 months in 2 quarters)" in result.output
    result = runner.invoke(app, ["build", str(pack)])
    assert result.exit_code == 0, result.output
    assert (pack / "out/board-2026-08.pdf").is_file()
    # a second init into the same folder refuses, as a usage error
    result = runner.invoke(app, ["init", str(pack)])
    assert result.exit_code == 2
    assert "already exists" in result.output


def test_invalid_pack_lists_problems_and_writes_nothing(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/funnel.csv", "2025-Q4,Channel B,,,250,", "2025-Q4,Channel B,,,lots,")
    edit(pack / "data/pipeline.csv", "2026-02,", "2026-01,")
    for command in (["validate", str(pack)], ["build", str(pack)], ["metrics", str(pack), "--json"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            f"{pack}/data/funnel.csv:3:leads: 'lots' is not a number; expected a whole number ≥ 0",
            f"{pack}/data/pipeline.csv:3:period: duplicate row for 2026-01 (first at row 2); "
            "expected one row per period",
            f"2 problems in {pack}; nothing was written.",
        ]
    assert not (pack / "out").exists()


def test_usage_errors_exit_2(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    result = runner.invoke(app, ["build", str(pack), "--period", "2026-Q7"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: '2026-Q7' is not a period; expected a month (2026-07), a quarter (2026-Q3) or a year (2026, FY2026)"
    )
    result = runner.invoke(app, ["build", str(pack), "--period", "2030-Q1"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: 2030-Q1 is outside the pack's data, which covers 2025-10 to 2026-03"
    result = runner.invoke(app, ["build", str(pack), "--period", "2026"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: 2026 is not complete in the pack's data, which covers 2025-10 to 2026-03: "
        "no table has rows for 2026-04 to 2026-12"
    )
    assert runner.invoke(app, ["build", str(pack), "--no-such-option"]).exit_code == 2
    assert not (pack / "out").exists()


def test_metrics_json_lists_every_id() -> None:
    result = runner.invoke(app, ["metrics", str(TINY), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["period"] == "2026-Q1" and data["currency"] == "EUR"
    assert list(data["metrics"]) == list(load_catalogue().metrics)
    assert data["metrics"]["mrr"] == {
        "value": 13000.0,
        "unit": "currency",
        "prior": 11100.0,
        "change": 1900 / 11100,
        "change_kind": "relative",
        "year_ago": None,
        "change_year": None,
        "basis": "point",
        "target": None,
        "target_per": None,
        "status": None,
        "status_basis": None,
        "compared_value": None,
        "compared_threshold": None,
        "compared_basis": None,
        "reason": None,
        "breakdown": {"segment": {"All": 13000.0}},
    }
    assert data["metrics"]["ltv_cac_ratio"]["status"] == "off_target"
    assert data["metrics"]["ltv_cac_ratio"]["benchmark"]["source"] == "David Skok, SaaS Metrics 2.0"
    assert data["metrics"]["ltv_cac_ratio"]["benchmark"]["basis"] == "none"
    # churn 13 of 111 customers in the quarter against a 10% target read per year: compared as 1 - (98/111)^4
    churn = data["metrics"]["customer_churn_rate"]
    assert (churn["basis"], churn["target"], churn["target_per"], churn["compared_basis"]) == (
        "rate",
        0.1,
        "year",
        "year",
    )
    assert churn["compared_value"] == pytest.approx(1 - (98 / 111) ** 4)
    assert churn["compared_threshold"] == 0.1


def test_build_writes_to_out_and_prints_plain_progress(tmp_path: Path) -> None:
    out = tmp_path / "deck.pdf"
    # the installed entry point, as CI runs it: no terminal, so plain progress lines on stderr
    result = subprocess.run(
        [sys.executable, "-m", "boardpack", "build", str(TINY), "--period", "2026-Q1", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "boardpack: Computing metrics for 2026-Q1",
        "boardpack: Drawing charts",
        "boardpack: Rendering slides",
        "boardpack: Laying out the PDF",
    ]
    assert "\x1b[" not in result.stdout + result.stderr
    from pypdf import PdfReader

    assert result.stdout.strip() == f"wrote {out} ({len(PdfReader(out).pages)} pages)"
    assert out.read_bytes().startswith(b"%PDF-")


def test_validation_messages_in_the_pack_language(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "data/funnel.csv", "2025-Q4,Channel B,,,250,", "2025-Q4,Channel B,,,lots,")
    result = runner.invoke(app, ["validate", str(pack), "--language", "fr"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{pack}/data/funnel.csv:3:leads: «\u00a0lots\u00a0» n'est pas un nombre\u00a0; "
        "attendu\u00a0: un nombre entier ≥ 0",
        f"1 problème dans {pack}\u00a0; rien n'a été écrit.",
    ]
    edit(pack / "boardpack.yaml", "locale: en_IE", "locale: ro_RO\nlanguage: ro")  # the pack's own language
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.output.splitlines()[0] == (
        f"{pack}/data/funnel.csv:3:leads: „lots” nu este un număr; se aștepta un număr întreg ≥ 0"
    )
