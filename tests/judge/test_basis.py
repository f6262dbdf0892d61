"""Every comparison on one basis: rates compound to the period of their target or benchmark, flow targets
are prorated, points and ratios are compared as they are; the expected figures are worked out by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.api import evaluate, load_pack, with_language
from boardpack.benchmarks.status import compare, status_of
from boardpack.cli import app
from boardpack.inputs import PackInvalid
from boardpack.metrics import load_catalogue
from boardpack.metrics.basis import convert_rate, prorate
from boardpack.periods import parse_period
from boardpack.slides import deck_result
from tests.cli.test_bad_input import add_setting, one_problem
from tests.conftest import SAMPLE, edit

runner = CliRunner()
METRICS = load_catalogue().metrics
Q1 = parse_period("2026-Q1")
# the tiny case's 2026-Q1: 13 of 111 customers lost, NRR (11100 + 600 - 200 - 1300) / 11100, new MRR 2,600
TINY_CHURN = 13 / 111
TINY_NRR = 10200 / 11100


def test_rates_compound_and_are_never_multiplied() -> None:
    assert convert_rate(0.031, "loss", 1, 12) == pytest.approx(1 - 0.969**12)  # 31.5% a year, not 37.2%
    assert convert_rate(0.031, "loss", 1, 12) == pytest.approx(0.3146, abs=1e-4)
    assert convert_rate(0.09, "loss", 3, 12) == pytest.approx(0.3143, abs=1e-4)  # 1 - 0.91^4, not 36%
    assert convert_rate(0.95, "retention", 3, 12) == pytest.approx(0.8145, abs=1e-4)  # 0.95^4
    assert convert_rate(0.10, "growth", 3, 12) == pytest.approx(0.4641)  # 1.1^4 - 1
    assert convert_rate(0.3143, "loss", 12, 3) == pytest.approx(0.09, abs=1e-4)  # and back
    assert convert_rate(1.2, "loss", 3, 12) == 1.0  # more than everything lost stays everything lost
    assert convert_rate(0.0, "retention", 1, 12) == 0.0
    assert prorate(240_000, 12, 3) == 60_000


def test_monthly_churn_against_a_yearly_target_is_off_target() -> None:
    # the monthly deck's 3.1% churn against 5% a year: 31.5% a year, far beyond 5% (it used to read "On target")
    compared = compare(METRICS["customer_churn_rate"], 0.031, 0.05, 12, 1)
    assert (compared.value, compared.threshold, compared.per) == (pytest.approx(0.3146, abs=1e-4), 0.05, "year")
    assert status_of(compared.value, compared.threshold, "lower", 0.10) == "off_target"
    quarterly = compare(METRICS["customer_churn_rate"], 0.09, 0.05, 12, 3)
    assert quarterly.value == pytest.approx(0.3143, abs=1e-4)
    assert status_of(quarterly.value, quarterly.threshold, "lower", 0.10) == "off_target"


def test_quarterly_grr_against_the_yearly_benchmark() -> None:
    # 95.0% for a quarter is 81.5% a year against 90-93%: no longer on target; inside the default 10% watch
    # band of 90% (down to 81.0%) it is Watch, and with no band it is off target
    compared = compare(METRICS["grr"], 0.95, 0.90, 12, 3)
    assert (compared.value, compared.per) == (pytest.approx(0.8145, abs=1e-4), "year")
    assert status_of(0.95, 0.90, "higher", 0.10) == "on_target"  # compared as it is, as before
    assert status_of(compared.value, 0.90, "higher", 0.10) == "watch"
    assert status_of(compared.value, 0.90, "higher", 0.0) == "off_target"


def test_points_and_ratios_are_compared_as_they_are() -> None:
    assert compare(METRICS["mrr"], 608_000, 640_000, None, 3).per is None
    assert compare(METRICS["cac"], 4_251, 4_000, None, 1).value == 4_251
    assert compare(METRICS["ltv_cac_ratio"], 3.0, 3.0, None, 12).threshold == 3.0


def test_targets_per_month_quarter_and_year(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "  nrr: 1.0", "  nrr: {value: 0.97, per: quarter}")
    edit(pack / "boardpack.yaml", "  customer_churn_rate: 0.1", "  customer_churn_rate: {value: 0.04, per: month}")
    metrics = evaluate(load_pack(pack), Q1)
    churn = metrics["customer_churn_rate"]
    # 11.7% a quarter is 1 - (98/111)^(1/3) = 4.07% a month, within 10% of the 4% a month target
    assert (churn.target, churn.target_per, churn.compared_basis) == (0.04, "month", "month")
    assert churn.compared_value == pytest.approx(1 - (98 / 111) ** (1 / 3))
    assert churn.status == "watch"
    # annual churn (a rate per year) is judged by the same monthly target: 39.2% a year is the same 4.07% a month
    annual = metrics["annual_churn_rate"]
    assert (annual.status, annual.compared_basis) == ("watch", "month")
    assert annual.compared_value == pytest.approx(churn.compared_value)
    # NRR per quarter for a quarter: compared as it is, 91.9% against 97% (watch down to 87.3%)
    nrr = metrics["nrr"]
    assert (nrr.compared_value, nrr.compared_basis, nrr.status) == (pytest.approx(TINY_NRR), "quarter", "watch")
    # the same NRR target written per year: 91.9% a quarter is 71.3% a year
    edit(pack / "boardpack.yaml", "  nrr: {value: 0.97, per: quarter}", "  nrr: {value: 0.97, per: year}")
    nrr = evaluate(load_pack(pack), Q1)["nrr"]
    assert (nrr.compared_value, nrr.status) == (pytest.approx(TINY_NRR**4), "off_target")


@pytest.mark.parametrize(
    ("written", "threshold", "status"),
    [
        ("10000", 2500, "on_target"),  # a bare number is per year: a quarter's share is 2,500
        ("{value: 10000, per: year}", 2500, "on_target"),
        ("{value: 1000, per: month}", 3000, "off_target"),  # 2,600 is below 3,000 - 10%
        ("{value: 2800, per: quarter}", 2800, "watch"),  # 2,600 is within 10% of 2,800
    ],
)
def test_flow_targets_are_prorated_to_the_period(
    tiny_copy: Callable[[], Path], written: str, threshold: float, status: str
) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "  cac: 1200", f"  cac: 1200\n  new_mrr: {written}")
    new_mrr = evaluate(load_pack(pack), Q1)["new_mrr"]
    assert (new_mrr.value, new_mrr.compared_value) == (2600, 2600)
    assert (new_mrr.compared_threshold, new_mrr.compared_basis, new_mrr.status) == (threshold, "quarter", status)


def test_a_period_on_a_ratio_or_point_target_is_refused(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "out").mkdir()
    (pack / "out/board-2026-Q1.pdf").write_bytes(b"%PDF-1.7 an earlier deck")
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: {value: 1200, per: quarter}")
    assert one_problem(pack, "build") == (
        f"{pack / 'boardpack.yaml'}:targets.cac.per: 'per: quarter' does not fit cac, a ratio with no time basis; "
        "expected the target as a plain number"
    )
    edit(
        pack / "boardpack.yaml", "  cac: {value: 1200, per: quarter}", "  cac: 1200\n  mrr: {value: 14000, per: month}"
    )
    assert one_problem(pack) == (
        f"{pack / 'boardpack.yaml'}:targets.mrr.per: 'per: month' does not fit mrr, a point in time (its value at the "
        "period's end); expected the target as a plain number"
    )


def test_one_rate_on_two_bases_takes_one_target(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "out").mkdir()
    (pack / "out/board-2026-Q1.pdf").write_bytes(b"%PDF-1.7 an earlier deck")
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: 1200\n  annual_churn_rate: 0.3")
    assert one_problem(pack, "build") == (
        f"{pack / 'boardpack.yaml'}:targets.annual_churn_rate: annual_churn_rate is customer_churn_rate on another "
        "basis, and one target judges both; expected a target for one of them"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("lots", "'lots' is not a target; expected a number such as 0.05, or {value: 0.05, per: year}"),
        ("{value: 0.05, per: week}", "Input should be 'month', 'quarter' or 'year'"),
        ("{per: year}", "required key is missing"),
    ],
)
def test_an_unreadable_target_names_its_key(tiny_copy: Callable[[], Path], written: str, message: str) -> None:
    pack = tiny_copy()
    (pack / "out").mkdir()
    (pack / "out/board-2026-Q1.pdf").write_bytes(b"%PDF-1.7 an earlier deck")
    edit(pack / "boardpack.yaml", "  nrr: 1.0", f"  nrr: {written}")
    key = {"lots": "targets.nrr", "{per: year}": "targets.nrr.value"}.get(written, "targets.nrr.per")
    assert one_problem(pack, "build") == f"{pack / 'boardpack.yaml'}:10:{key}: {message}"


def test_a_benchmark_basis_must_fit_its_metric(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "bench.yaml").write_text(
        "benchmarks:\n"
        "  - {metric: cac, high: 5000, source: Ours, basis: year}\n"
        "  - {metric: grr, low: 0.9, source: Ours, basis: point}\n"
        "  - {metric: nrr, low: 0.99, source: Ours, basis: quarter}\n",
        encoding="utf-8",
    )
    add_setting(pack, "benchmarks: bench.yaml")
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    assert error.value.report.lines() == [
        "bench.yaml: benchmark 1: basis: 'year' does not fit cac, a ratio metric; expected none, or no basis",
        "bench.yaml: benchmark 2: basis: 'point' does not fit grr, a rate metric; "
        "expected month, quarter or year (the period its figure covers)",
    ]


def test_a_benchmark_without_basis_is_read_per_year_for_a_rate(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    (pack / "bench.yaml").write_text("benchmarks:\n  - {metric: grr, low: 0.9, source: Ours}\n", encoding="utf-8")
    add_setting(pack, "benchmarks: bench.yaml")
    grr = evaluate(load_pack(pack), Q1)["grr"]
    # 9,600 / 11,100 = 86.5% a quarter is 55.9% a year
    assert (grr.benchmark.basis, grr.compared_basis, grr.status) == ("year", "year", "off_target")
    assert grr.compared_value == pytest.approx((9600 / 11100) ** 4)


def test_validate_says_how_it_read_each_target(tiny_copy: Callable[[], Path]) -> None:
    pack = tiny_copy()
    edit(pack / "boardpack.yaml", "  cac: 1200", "  cac: 1200\n  new_mrr: {value: 1000, per: month}")
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "Net revenue retention: target 100.0% a year (a rate written without a basis is read per year, as "
        "published rates are); for 2026-Q1 that is 100.0% a quarter",
        "LTV:CAC: target 3.0×, a ratio with no time basis, compared as it is",
        "Customer churn rate: target 10.0% a year (a rate written without a basis is read per year, as "
        "published rates are); for 2026-Q1 that is 2.6% a quarter",
        "CAC: target €1,200, a ratio with no time basis, compared as it is",
        "New MRR: target €1,000 a month, as written; for 2026-Q1 that is €3,000 a quarter",
    ]


# the same company for a month, a quarter and a year


@pytest.fixture(scope="module")
def sample_periods() -> dict[str, dict]:
    pack = load_pack(SAMPLE)
    return {label: evaluate(pack, parse_period(label)).results for label in ("2026-09", "2026-Q3", "2025")}


def test_a_month_a_quarter_and_a_year_are_judged_per_year(sample_periods: dict[str, dict]) -> None:
    months = {"2026-09": 1, "2026-Q3": 3, "2025": 12}
    for label, results in sample_periods.items():
        churn, annual = results["customer_churn_rate"], results["annual_churn_rate"]
        # customer churn and annual churn are one rate on two bases: one compared value, one status
        assert churn.compared_value == pytest.approx(annual.value)
        assert (churn.status, annual.status) == ("off_target", "off_target"), label
        assert churn.compared_value == pytest.approx(1 - (1 - churn.value) ** (12 / months[label]))
        for metric_id in ("nrr", "grr"):
            result = results[metric_id]
            assert result.compared_basis == "year"
            assert result.compared_value == pytest.approx(result.value ** (12 / months[label]))
            expected = status_of(result.compared_value, result.compared_threshold, "higher", 0.10)
            assert result.status == expected
    # the sample's figures: churn 3.4% a month, 10.1% a quarter, 34.0% in 2025, each about 34% a year
    yearly = [r["customer_churn_rate"].compared_value for r in sample_periods.values()]
    assert yearly == pytest.approx([0.336, 0.346, 0.340], abs=5e-4)
    # NRR 99.3% in September is 91.7% a year (within 10% of 100%), 96.6% in Q3 is 87.2%, 88.3% in 2025
    assert [round(r["nrr"].compared_value, 3) for r in sample_periods.values()] == [0.917, 0.872, 0.883]
    assert [r["nrr"].status for r in sample_periods.values()] == ["watch", "off_target", "off_target"]
    # GRR against the yearly 90-93% benchmark: 77.7%, 73.7%, 69.9% a year
    assert [r["grr"].status for r in sample_periods.values()] == ["off_target"] * 3


def test_smb_benchmarks_without_a_churn_target_cannot_disagree() -> None:
    pack = load_pack(SAMPLE)
    config = pack.config.model_copy(
        update={
            "benchmark_segment": "smb",
            "targets": {k: v for k, v in pack.config.targets.items() if k != "customer_churn_rate"},
        }
    )
    smb = replace(pack, config=config)
    for label in ("2026-09", "2026-Q3", "2025"):
        results = evaluate(smb, parse_period(label)).results
        churn, annual = results["customer_churn_rate"], results["annual_churn_rate"]
        # both judged by SMB's 3-5% monthly logo churn, on its monthly basis: about 3.4% a month
        assert churn.benchmark == annual.benchmark
        assert (churn.compared_basis, annual.compared_basis) == ("month", "month")
        assert churn.compared_value == pytest.approx(annual.compared_value)
        assert churn.status == annual.status == "on_target"


def test_the_tile_says_which_basis_it_shows() -> None:
    pack = load_pack(SAMPLE)
    metrics = evaluate(pack, parse_period("2026-Q3"))
    views = deck_result(pack, metrics, date(2026, 10, 5)).views
    assert views["customer_churn_rate"].basis_note == "10.1% this quarter, 34.6% a year"
    # the sample's target is 28% a year: 10.1% this quarter compounds to 34.6% a year, over it
    assert views["customer_churn_rate"].target_display == "28.0% a year"
    assert metrics.results["customer_churn_rate"].compared_threshold == pytest.approx(0.28)
    assert metrics.results["customer_churn_rate"].status == "off_target"
    assert views["nrr"].basis_note == "96.6% this quarter, 87.2% a year"
    assert views["grr"].benchmark_display == "90.0%–93.0% a year"
    assert views["annual_churn_rate"].basis_note == ""  # already per year, judged per year
    assert views["mrr"].basis_note == views["cac"].basis_note == ""
    french = deck_result(with_language(pack, "fr"), metrics, date(2026, 10, 5)).views
    assert french["customer_churn_rate"].basis_note == "10,1\u00a0% ce trimestre, 34,6\u00a0% par an"  # fr_FR numbers
    romanian = deck_result(with_language(pack, "ro"), metrics, date(2026, 10, 5)).views
    assert romanian["nrr"].basis_note == "96,6\u00a0% în acest trimestru, 87,2\u00a0% pe an"
