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
from tests.conftest import SAMPLE, TINY, edit

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
    closing = {"build": "; nothing was written.", "validate": ".", "metrics": "."}  # only build would write
    for command in (["validate", str(pack)], ["build", str(pack)], ["metrics", str(pack), "--format", "json"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            f"{pack}/data/funnel.csv:3:leads: 'lots' is not a number; expected a whole number ≥ 0",
            f"{pack}/data/pipeline.csv:3:period: duplicate row for 2026-01 (first at row 2); "
            "expected one row per period",
            f"2 problems in {pack}{closing[command[0]]}",
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
        f"1 problème dans {pack}.",
    ]
    edit(pack / "boardpack.yaml", "locale: en_IE", "locale: ro_RO\nlanguage: ro")  # the pack's own language
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.output.splitlines()[0] == (
        f"{pack}/data/funnel.csv:3:leads: „lots” nu este un număr; se aștepta un număr întreg ≥ 0"
    )


COMMANDS = (["init"], ["validate"], ["build"], ["metrics"], ["check"], ["preview"], ["theme", "init"], [])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "boardpack")
def test_help_reads_as_placeholders(command: list[str]) -> None:
    """`PACK` and `PERIOD`, not `{pack}`, `<bool>` or `<list[str]>`; the same --period and --language help."""
    from boardpack.cli.common import PeriodOpt

    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for python_type in ("<bool>", "<list[str]>", "<str>", "<int>", "{pack}", "{folder}"):
        assert python_type not in result.output
    if command and command[0] in ("build", "metrics", "check", "preview"):
        assert "--period" in result.output and "latest, latest-quarter, latest-year" in result.output
        assert PeriodOpt.__metadata__[0].help.split(".")[0] in result.output
    if command and command[0] in ("validate", "build", "metrics", "check", "preview"):
        assert "--language" in result.output and "LANGUAGE" in result.output


def test_metrics_table_wraps_names_and_keeps_every_figure_whole() -> None:
    """At 80 columns the names wrap; no figure is cut (`€1,709,6…`)."""
    from rich.console import Console

    from boardpack import api
    from boardpack.cli.figures import metrics_table

    pack = api.load_pack(SAMPLE)
    result = api.evaluate(pack, api.resolve_period(pack, "2026-Q3"))
    console = Console(width=80, record=True)
    console.print(metrics_table(pack, result))
    text = console.export_text()
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    cells = {cell.strip() for line in text.splitlines() for cell in line.split("│")}
    for row in api.metric_rows(pack, result):
        assert {row.value, row.prior, row.change, row.target} <= cells, row


def test_metrics_format_json_is_the_json_flag() -> None:
    """`--format json`, as on `build`; `--json` still works (deprecated)."""
    new = runner.invoke(app, ["metrics", str(TINY), "--format", "json"])
    old = runner.invoke(app, ["metrics", str(TINY), "--json"])
    assert new.exit_code == old.exit_code == 0
    assert new.stdout == old.stdout and json.loads(new.stdout)["period"] == "2026-Q1"
    result = runner.invoke(app, ["metrics", str(TINY), "--format", "csv"])
    assert result.exit_code == 2 and "unknown format 'csv'; expected table or json" in result.output


def test_theme_init_hint_names_theme_from_the_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`theme:` is read from the pack, so the hint writes the folder as the pack sees it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme/boardpack.yaml").write_text("company: Acme\n")
    result = runner.invoke(app, ["theme", "init", "acme/lumen"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "Next: set `theme: lumen` in acme/boardpack.yaml, then edit acme/lumen/style.css or a slide."
    )
    result = runner.invoke(app, ["theme", "init", "shared-theme"])
    assert "set `theme:` in your pack's boardpack.yaml to this folder's path from the pack" in result.output
    assert "`--theme shared-theme`" in result.output


def test_check_and_preview_take_language() -> None:
    result = runner.invoke(app, ["check", str(TINY), "--language", "de"])
    assert result.exit_code == 2 and "unknown language 'de'; expected one of en, fr, ro" in result.output
    result = runner.invoke(app, ["preview", str(TINY), "--language", "de"])
    assert result.exit_code == 2 and "unknown language 'de'" in result.output
