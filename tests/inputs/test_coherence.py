"""Figures that cannot both be true are named: a funnel stage far above the one before it, and the same
count of customers given differently by the funnel, billing and wins.csv. Notices, not errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from boardpack.api import evaluate, load_pack
from boardpack.cli import app
from boardpack.metrics import load_catalogue
from boardpack.periods import parse_period
from boardpack.slides.views import Fmt, metric_view
from tests.conftest import ROOT

Q3 = parse_period("2026-Q3")
REVENUE = (
    "month,segment,mrr,customers,new_mrr,expansion_mrr,contraction_mrr,churned_mrr,reactivation_mrr,"
    "new_customers,churned_customers,reactivated_customers\n"
)
REVENUE += """2026-07,All,1500,15,500,0,0,0,0,5,0,0
2026-08,All,2000,20,500,0,0,0,0,5,0,0
2026-09,All,2500,25,500,0,0,0,0,5,0,0
"""


def write_pack(root: Path, files: dict[str, str], settings: str = "") -> Path:
    """A pack on disk: boardpack.yaml with two channels, and the data files given."""
    (root / "data").mkdir(parents=True)
    (root / "boardpack.yaml").write_text(f"company: Coherence Ltd\nchannels: [Web, Events]\n{settings}")
    for name, text in files.items():
        (root / "data" / name).write_text(text)
    return root


def funnel(won: tuple[int, int, int]) -> str:
    rows = [f"2026-{month:02d},Web,,,100,40,,20,10,,{count}" for month, count in zip((7, 8, 9), won, strict=True)]
    return "period,channel,visitors,contacts,leads,mqls,sals,sqls,opportunities,quotes,customers\n" + "\n".join(rows)


def wins(count: int) -> str:
    rows = [f"W{n},2026-0{7 + n % 3}-1{n % 10},100,Web" for n in range(count)]
    return "customer,won,new_mrr,original_source\n" + "\n".join(rows) + "\n"


INVERTED = """period,channel,visitors,contacts,leads,mqls,sals,sqls,opportunities,quotes,customers
2026-Q3,Web,5253,,9185,900,,400,200,,50
2026-07,Events,,,100,40,,20,25,,5
2026-08,Events,,,100,40,,20,10,,5
2026-09,Events,,,100,40,,20,10,,5
"""


def test_a_stage_far_above_the_one_before_is_a_notice_naming_both_cells(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "pack", {"funnel.csv": INVERTED}))
    # Events' July opportunities (25 from 20 SQLs) are ordinary timing: its quarter has 45 from 60
    assert [str(n) for n in pack.notices] == [
        "data/funnel.csv:2:leads: leads 9,185 exceed visitors 5,253 by 74.9% in 2026-Q3 for channel 'Web' (rows 2, "
        "columns visitors and leads); expected each stage at most the stage before it plus 10% "
        "(checks.stage_margin), so the conversion is shown as not meaningful"
    ]
    result = evaluate(pack, Q3)["visitor_to_lead"]
    assert result.value is None and result.not_meaningful
    assert result.reason == "not meaningful: leads (9,185) exceed visitors (5,253) by 74.9% in 2026-Q3"
    view = metric_view(load_catalogue().metrics["visitor_to_lead"], result, Fmt("EUR", "en_IE"))
    assert view.display == "n/m" and view.shown
    assert evaluate(pack, Q3)["lead_to_mql"].value == 1020 / 9485  # the stages after it stay rates


def test_the_stage_margin_is_a_setting(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "pack", {"funnel.csv": INVERTED}, "checks:\n  stage_margin: 0.8\n"))
    assert pack.notices == ()
    assert evaluate(pack, Q3).value("visitor_to_lead") == 9185 / 5253


def test_customers_won_apart_from_customers_billed(tmp_path: Path) -> None:
    files = {"funnel.csv": funnel((3, 3, 3)), "revenue.csv": REVENUE, "wins.csv": wins(15)}
    pack = load_pack(write_pack(tmp_path / "pack", files))
    assert [str(n) for n in pack.notices] == [
        "data/funnel.csv:customers: 2026-Q3: 9 customers won in data/funnel.csv but 15 new customers billed in "
        "data/revenue.csv (40.0% apart); expected the two counts within 5% of each other (checks.count_tolerance): "
        "stage conversions use the first, CAC and ARPU the second"
    ]


def test_wins_apart_from_customers_billed(tmp_path: Path) -> None:
    files = {"funnel.csv": funnel((5, 5, 5)), "revenue.csv": REVENUE, "wins.csv": wins(12)}
    pack = load_pack(write_pack(tmp_path / "pack", files))
    assert [str(n) for n in pack.notices] == [
        "data/wins.csv:won: 2026-Q3: 12 customers won in data/wins.csv but 15 new customers billed in "
        "data/revenue.csv (20.0% apart); expected the two counts within 5% of each other (checks.count_tolerance): "
        "attribution uses the first, CAC and ARPU the second"
    ]


def test_counts_within_the_tolerance_are_quiet(tmp_path: Path) -> None:
    # 16 won against 15 billed: 6.25% apart, within a tolerance of 10%; wins agree exactly
    files = {"funnel.csv": funnel((5, 5, 6)), "revenue.csv": REVENUE, "wins.csv": wins(15)}
    assert load_pack(write_pack(tmp_path / "loose", files, "checks:\n  count_tolerance: 0.1\n")).notices == ()
    assert len(load_pack(write_pack(tmp_path / "strict", files)).notices) == 1


def test_notices_in_validate_and_the_metrics_json(tmp_path: Path) -> None:
    import json

    root = write_pack(tmp_path / "pack", {"funnel.csv": funnel((3, 3, 3)), "revenue.csv": REVENUE})
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 0, result.output
    assert f"note: {root}/data/funnel.csv:customers: 2026-Q3: 9 customers won in data/funnel.csv" in result.output
    result = CliRunner().invoke(app, ["metrics", str(root), "--period", "2026-Q3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["notices"][0]["file"] == "data/funnel.csv" and data["notices"][0]["column"] == "customers"
    assert "(40.0% apart)" in data["notices"][0]["message"]
    assert data["metrics"]["cac"]["value"] is None  # no spend; the count it would use is billing's 15


def test_sample_counts_agree_every_quarter() -> None:
    """The sample company's funnel, billing and wins.csv describe the same customers, quarter by quarter."""
    pack = load_pack(ROOT / "sample_data/northwind")
    checked = 0
    for year in (2025, 2026):
        for quarter in range(1, 5):
            period = parse_period(f"{year}-Q{quarter}")
            if period.end > parse_period("2026-09").start:
                continue
            metrics = evaluate(pack, period)
            billed = sum(r.new_customers for r in pack.rows("revenue") if period.contains(r.month))
            won = sum(r.customers for r in pack.rows("funnel") if period.contains(r.period))
            assert abs(won - billed) <= 0.05 * billed, (period, won, billed)
            if period.start >= parse_period("2025-10").start:
                wins_count = sum(1 for r in pack.rows("wins") if period.first_day <= r.won <= period.last_day)
                assert abs(wins_count - billed) <= 0.05 * billed, (period, wins_count, billed)
            assert metrics["cac"].value is not None
            checked += 1
    assert checked == 7


def test_sample_packs_have_no_notices_but_the_raw_exports_own() -> None:
    assert load_pack(ROOT / "sample_data/northwind").notices == ()
    # Harbor Lane's teal second series is too light for a chart's labels, which are drawn darker: validate says so
    assert [n.column for n in load_pack(ROOT / "sample_data/harbor").notices] == ["brand.colours.secondary"]
    raw = [str(n) for n in load_pack(ROOT / "sample_data/northwind-raw").notices]
    assert [n.split(": not used")[0] for n in raw] == [
        "../northwind/data/revenue.csv",
        "../northwind/data/funnel.csv",
        "../northwind/data/opportunities.csv",
    ]
