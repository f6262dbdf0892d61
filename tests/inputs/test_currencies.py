"""Several billing currencies, one reporting currency: every figure here is worked out by hand.

Rates in fx_rates.csv quote, by default, units of the currency per reporting unit (as the ECB does): USD
1.25 is 0.80 EUR per dollar. A month's amounts are converted at its rate; a customer's change from one
month end to the next is its movement at constant rates (this month's amounts at last month's rates)
plus the FX movement, so that start + movements + FX = end.
"""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.api import evaluate, load_pack
from boardpack.cli import app
from boardpack.inputs import PackInvalid
from boardpack.periods import parse_period
from tests.cli.test_bad_input import refused
from tests.conftest import ROOT, edit

LEDGER = "subscription,customer,plan,start,end,amount,interval,quantity,currency\n"
RATES = "date,currency,rate\n"


def _pack(tmp_path: Path, ledger: str, rates: str | None = None, settings: str = "", fx: str = "") -> Path:
    pack = tmp_path / "pack"
    (pack / "exports").mkdir(parents=True)
    (pack / "data").mkdir()
    (pack / "exports/ledger.csv").write_text(LEDGER + textwrap.dedent(ledger))
    if rates is not None:
        (pack / "data/fx_rates.csv").write_text(RATES + textwrap.dedent(rates))
    config = "company: FX Ltd\nchannels: [Organic search]\n" + settings
    config += "raw:\n  billing:\n    file: exports/ledger.csv\n    as_of: 2026-03-31\n"
    if fx:
        config += "fx:\n" + textwrap.indent(textwrap.dedent(fx), "  ")
    (pack / "boardpack.yaml").write_text(config)
    return pack


def _months(pack: Path) -> dict[str, object]:
    return {row.month.label: row for row in load_pack(pack).rows("revenue")}


def _problems(pack: Path) -> list[str]:
    with pytest.raises(PackInvalid) as caught:
        load_pack(pack)
    return [str(problem) for problem in caught.value.report.problems]


def _moves(row: object) -> tuple[float, ...]:
    names = ("mrr", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr", "fx_mrr")
    return tuple(round(getattr(row, name), 6) for name in names)


# one USD customer whose dollars do not change while the dollar rises from 0.80 to 1.00 EUR
USD_RATES = "2026-01,USD,1.25\n2026-02,USD,1\n2026-03,USD,1\n"
GBP_RATES = "2026-01,GBP,0.8\n2026-02,GBP,0.8\n2026-03,GBP,0.8\n"


def test_a_usd_customer_through_a_rate_change_moves_by_fx_not_expansion(tmp_path: Path) -> None:
    months = _months(_pack(tmp_path, "u1,usd,Pro,2026-01-10,,100,month,1,USD\n", USD_RATES))
    #                          mrr   new  exp  con  chu  rea  fx
    assert _moves(months["2026-01"]) == (80.0, 80.0, 0.0, 0.0, 0.0, 0.0, 0.0)  # 100 USD at 0.80
    assert _moves(months["2026-02"]) == (100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 20.0)  # 100 USD at 1.00: FX alone
    assert _moves(months["2026-03"]) == (100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_a_usd_customer_who_adds_seats_as_the_rate_changes(tmp_path: Path) -> None:
    """From 100 to 150 USD while the rate goes 0.80 -> 1.00: expansion 50 × 0.80 = 40, FX 150 × 0.20 = 30."""
    ledger = "u1,usd,Pro,2026-01-10,2026-02-10,100,month,1,USD\nu2,usd,Pro,2026-02-10,,150,month,1,USD\n"
    months = _months(_pack(tmp_path, ledger, USD_RATES))
    assert _moves(months["2026-02"]) == (150.0, 0.0, 40.0, 0.0, 0.0, 0.0, 30.0)


def test_a_new_eur_and_a_churned_gbp_customer_in_the_same_month(tmp_path: Path) -> None:
    ledger = (
        "u1,usd,Pro,2026-01-10,,100,month,1,USD\n"
        "g1,gbp,Pro,2026-01-05,2026-02-05,80,month,1,GBP\n"  # 80 GBP at 1.25 EUR: 100 EUR, gone in February
        "e1,eur,Pro,2026-02-03,,50,month,1,EUR\n"
    )
    months = _months(_pack(tmp_path, ledger, USD_RATES + GBP_RATES))
    jan, feb = months["2026-01"], months["2026-02"]
    assert _moves(jan) == (180.0, 180.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert _moves(feb) == (150.0, 50.0, 0.0, 0.0, 100.0, 0.0, 20.0)  # 180 + 50 − 100 + 20 = 150
    assert (feb.new_customers, feb.churned_customers, feb.customers) == (1, 1, 2)  # type: ignore[attr-defined]


def test_a_customer_who_left_needs_no_rate_after_its_last_month_end(tmp_path: Path) -> None:
    """Gone on 5 February: counted at the end of January only; its churn is January's MRR at January's rate."""
    ledger = "u1,usd,Pro,2026-01-10,,100,month,1,USD\ng1,gbp,Pro,2026-01-05,2026-02-05,80,month,1,GBP\n"
    months = _months(_pack(tmp_path, ledger, USD_RATES + "2026-01,GBP,0.8\n"))
    assert _moves(months["2026-02"]) == (100.0, 0.0, 0.0, 0.0, 100.0, 0.0, 20.0)


def test_growth_and_nrr_with_and_without_fx(tmp_path: Path) -> None:
    ledger = (
        "u1,usd,Pro,2026-01-10,,100,month,1,USD\n"
        "g1,gbp,Pro,2026-01-05,2026-02-05,80,month,1,GBP\n"
        "e1,eur,Pro,2026-02-03,,50,month,1,EUR\n"
    )
    metrics = evaluate(load_pack(_pack(tmp_path, ledger, USD_RATES + GBP_RATES)), parse_period("2026-02"))
    assert metrics.value("fx_mrr") == pytest.approx(20)
    assert metrics.value("mrr_growth") == pytest.approx(150 / 180 - 1)  # as reported
    # February's amounts at January's rates: 100 USD × 0.80 + 50 EUR = 130
    assert metrics.value("mrr_growth_constant_currency") == pytest.approx(130 / 180 - 1)
    assert metrics.value("nrr") == pytest.approx((180 - 100) / 180)
    assert metrics.value("nrr_with_fx") == pytest.approx((180 - 100 + 20) / 180)
    data = metrics.as_json()
    assert data["fx"] == {
        "reporting_currency": "EUR",
        "rule": "month_end",
        "sources": ["data/fx_rates.csv"],
        "currencies": ["GBP", "USD"],
        "rates": {"GBP": {"2026-02": 1.25}, "USD": {"2026-02": 1.0}},
    }
    assert data["metrics"]["fx_mrr"]["value"] == pytest.approx(20)


def test_the_fx_bar_is_shown_only_above_its_threshold(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "u1,usd,Pro,2026-01-10,,100,month,1,USD\n", USD_RATES)
    labels = [step.label for step in evaluate(load_pack(pack), parse_period("2026-02")).figures.bridge]  # type: ignore[union-attr]
    assert labels == ["Start", "New", "Expansion", "Reactivation", "Contraction", "Churn", "FX", "End"]
    edit(pack / "boardpack.yaml", "as_of: 2026-03-31\n", "as_of: 2026-03-31\nfx:\n  show_above: 0.3\n")  # 20 of 80
    labels = [step.label for step in evaluate(load_pack(pack), parse_period("2026-02")).figures.bridge]  # type: ignore[union-attr]
    assert "FX" not in labels


# ECB reference rates: units per euro, newest day first, N/A cells, a trailing comma; 31 January is a Saturday
ECB = (
    "Date,USD,JPY,GBP,\n"
    "2026-03-31,1.0000,160.00,0.8000,\n"
    "2026-02-27,1.1000,N/A,0.8800,\n"
    "2026-02-02,1.1500,158.10,0.8500,\n"
    "2026-01-30,1.2000,157.00,0.8000,\n"
    "2026-01-02,1.2500,156.00,0.8200,\n"
)


def _ecb(pack: Path, zipped: bool = True) -> str:
    if zipped:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("eurofxref-hist.csv", ECB)
        (pack / "eurofxref-hist.zip").write_bytes(buffer.getvalue())
        return "eurofxref-hist.zip"
    (pack / "eurofxref-hist.csv").write_text(ECB)
    return "eurofxref-hist.csv"


@pytest.mark.parametrize("zipped", [True, False])
def test_a_usd_reporting_currency_crosses_the_ecb_rates(tmp_path: Path, zipped: bool) -> None:
    ledger = "e1,eur,Pro,2026-01-10,,100,month,1,EUR\ng1,gbp,Pro,2026-01-10,,80,month,1,GBP\n"
    pack = _pack(tmp_path, ledger, settings="currency: USD\n")
    name = _ecb(pack, zipped)
    edit(pack / "boardpack.yaml", "as_of: 2026-03-31\n", f"as_of: 2026-03-31\nfx:\n  ecb: {name}\n")
    months = _months(pack)
    # January ends on a Saturday: its last rate is Friday 30 January. EUR 1.20 USD; GBP 1.20 / 0.80 = 1.50 USD
    assert _moves(months["2026-01"]) == (240.0, 240.0, 0.0, 0.0, 0.0, 0.0, 0.0)  # 100 × 1.2 + 80 × 1.5
    # February: EUR 1.10; GBP 1.10 / 0.88 = 1.25 USD, so 110 + 100 = 210, all of the fall FX
    assert _moves(months["2026-02"]) == (210.0, 0.0, 0.0, 0.0, 0.0, 0.0, -30.0)
    assert _moves(months["2026-03"]) == (200.0, 0.0, 0.0, 0.0, 0.0, 0.0, -10.0)  # 100 × 1.00 + 80 × 1.00 / 0.80


def test_the_daily_ecb_file_is_read_as_downloaded(tmp_path: Path) -> None:
    """eurofxref.csv: the latest day alone, spaces after the commas, the date written out."""
    pack = _pack(tmp_path, "e1,eur,Pro,2026-01-10,,100,month,1,EUR\n", settings="currency: USD\n")
    (pack / "eurofxref.csv").write_text("Date, USD, JPY, GBP, \n30 January 2026, 1.2000, 157.00, 0.8000, \n")
    edit(pack / "boardpack.yaml", "as_of: 2026-03-31\n", "as_of: 2026-01-31\nfx:\n  ecb: eurofxref.csv\n")
    assert _moves(_months(pack)["2026-01"]) == (120.0, 120.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_month_average_reads_the_days_the_month_has(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "e1,eur,Pro,2026-01-10,,100,month,1,EUR\n", settings="currency: USD\n")
    edit(pack / "boardpack.yaml", "as_of: 2026-03-31\n", f"as_of: 2026-03-31\nfx:\n  ecb: {_ecb(pack)}\n")
    edit(pack / "boardpack.yaml", "fx:\n", "fx:\n  rate: month_average\n")
    months = _months(pack)
    assert months["2026-01"].mrr == pytest.approx(100 * (1.25 + 1.2) / 2)  # type: ignore[attr-defined]
    assert months["2026-02"].mrr == pytest.approx(100 * (1.15 + 1.1) / 2)  # type: ignore[attr-defined]


def test_a_booking_on_a_weekend_takes_the_last_earlier_rate(tmp_path: Path) -> None:
    """Booked on Sunday 1 February at Friday 30 January's rate (1.20 USD), kept for life: no FX movement."""
    pack = _pack(tmp_path, "e1,eur,Pro,2026-02-01,,100,month,1,EUR\n", settings="currency: USD\n")
    edit(
        pack / "boardpack.yaml",
        "as_of: 2026-03-31\n",
        f"as_of: 2026-03-31\nfx:\n  ecb: {_ecb(pack)}\n  rate: booking\n",
    )
    months = _months(pack)
    assert _moves(months["2026-02"]) == (120.0, 120.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert _moves(months["2026-03"]) == (120.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_rates_quoted_the_other_way(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "u1,usd,Pro,2026-01-10,,100,month,1,USD\n", "2026-01,USD,0.8\n2026-02,USD,0.9\n")
    edit(pack / "boardpack.yaml", "as_of: 2026-03-31", "as_of: 2026-02-28")
    (pack / "boardpack.yaml").write_text(
        (pack / "boardpack.yaml").read_text() + "fx:\n  quote: reporting_per_currency\n"
    )
    months = _months(pack)
    assert _moves(months["2026-02"]) == (90.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0)


def test_one_currency_or_three_give_the_same_figures(tmp_path: Path) -> None:
    """The same customers billed in EUR, or in USD, GBP and EUR at steady rates: the same revenue table."""
    eur = (
        "a,alpha,Pro,2026-01-05,,80,month,1,EUR\n"
        "b,beta,Pro,2026-01-05,2026-02-20,125,month,1,EUR\n"
        "c,gamma,Pro,2026-02-01,,40,month,2,EUR\n"
        "d,gamma,Pro,2026-03-01,,80,month,1,EUR\n"
    )
    split = (
        "a,alpha,Pro,2026-01-05,,100,month,1,USD\n"  # 100 USD at 0.80
        "b,beta,Pro,2026-01-05,2026-02-20,100,month,1,GBP\n"  # 100 GBP at 1.25
        "c,gamma,Pro,2026-02-01,,40,month,2,EUR\n"
        "d,gamma,Pro,2026-03-01,,100,month,1,USD\n"
    )
    steady = USD_RATES.replace("USD,1\n", "USD,1.25\n") + GBP_RATES
    one = load_pack(_pack(tmp_path / "one", eur, steady))
    three = load_pack(_pack(tmp_path / "three", split, steady))
    assert [_moves(r) for r in one.rows("revenue")] == [_moves(r) for r in three.rows("revenue")]
    q1 = parse_period("2026-Q1")
    for metric in ("mrr_growth_constant_currency", "nrr", "net_new_mrr", "mrr_growth", "fx_mrr"):
        assert evaluate(one, q1).value(metric) == pytest.approx(evaluate(three, q1).value(metric)), metric


# rates that are missing, wrong, or where they may not be


def test_a_month_or_a_currency_without_a_rate(tmp_path: Path) -> None:
    ledger = "u1,usd,Pro,2026-01-10,,100,month,1,USD\nj1,yen,Pro,2026-03-02,,9000,month,1,JPY\n"
    pack = _pack(tmp_path, ledger, "2026-01,USD,1.25\n2026-03,USD,1\n")
    assert _problems(pack) == [
        "exports/ledger.csv:2:currency: no USD rate for 2026-02; expected a rate for every month used, in "
        "data/fx_rates.csv",
        "exports/ledger.csv:3:currency: no JPY rate for 2026-03; expected JPY among the rates of data/fx_rates.csv",
    ]


def test_a_missing_rate_writes_nothing(pack: Path) -> None:
    """The tiny pack's revenue in USD, with no rate for March: exit 1, the earlier deck untouched."""
    revenue = pack / "data/revenue.csv"
    lines = revenue.read_text().splitlines()
    revenue.write_text("\n".join([lines[0] + ",currency", *(line + ",USD" for line in lines[1:])]) + "\n")
    months = ("2025-10", "2025-11", "2025-12", "2026-01", "2026-02")
    (pack / "data/fx_rates.csv").write_text(RATES + "".join(f"{m},USD,1.25\n" for m in months))
    assert refused(pack)[:-1] == [
        f"{pack}/data/revenue.csv:7:currency: no USD rate for 2026-03; expected a rate for every month used, in "
        "data/fx_rates.csv"
    ]


def test_a_currency_column_without_any_rates(tiny_copy: object) -> None:
    pack = tiny_copy()  # type: ignore[operator]
    spend = pack / "data/spend.csv"
    lines = spend.read_text().splitlines()
    spend.write_text("\n".join([lines[0] + ",currency", lines[1] + ",GBP", *(line + "," for line in lines[2:])]) + "\n")
    assert _problems(pack) == [
        "data/spend.csv:2:currency: no GBP rate for "
        f"{lines[1].split(',')[0]}; expected exchange rates into EUR in fx_rates.csv or fx.ecb in boardpack.yaml"
    ]


def test_revenue_and_spend_in_another_currency_are_converted(tiny_copy: object) -> None:
    pack = tiny_copy()  # type: ignore[operator]
    revenue = pack / "data/revenue.csv"
    lines = revenue.read_text().splitlines()
    revenue.write_text("\n".join([lines[0] + ",currency", *(line + ",USD" for line in lines[1:])]) + "\n")
    spend = pack / "data/spend.csv"
    lines = spend.read_text().splitlines()
    spend.write_text("\n".join([lines[0] + ",currency", *(line + ",USD" for line in lines[1:])]) + "\n")
    rates = {"2025-10": 1.25, "2025-11": 1.25, "2025-12": 1.25, "2026-01": 1.25, "2026-02": 1.0, "2026-03": 1.0}
    (pack / "data/fx_rates.csv").write_text(RATES + "".join(f"{m},USD,{r}\n" for m, r in rates.items()))
    loaded = load_pack(pack)
    feb = {row.month.label: row for row in loaded.rows("revenue")}["2026-02"]
    # January ends at 11,900 USD × 0.80 = 9,520 EUR; February: 12,100 USD at 1.00. New at this month's rate,
    # expansion, contraction and churn at last month's; FX on the retained 12,100 − 500 = 11,600 USD: × 0.20
    assert _moves(feb) == (12100.0, 500.0, 160.0, 80.0, 320.0, 0.0, 2320.0)
    assert 9520 + 500 + 160 - 80 - 320 + 2320 == 12100
    q1 = evaluate(loaded, parse_period("2026-Q1"))
    assert q1.value("fx_mrr") == pytest.approx(2320)
    # spend: a month at its rate, the quarter at the mean of its months' rates, (0.80 + 1.00 + 1.00) / 3
    for row, line in zip(loaded.rows("spend"), lines[1:], strict=True):
        period, amount = line.split(",")[0], float(line.split(",")[-1])
        rate = (0.8 + 1.0 + 1.0) / 3 if period == "2026-Q1" else 0.8
        assert row.amount == pytest.approx(amount * rate), period
    assert loaded.converted == ("USD",)


def test_a_rate_given_twice(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "u1,usd,Pro,2026-01-10,,100,month,1,USD\n", USD_RATES + "2026-02,USD,1.1\n")
    assert _problems(pack) == [
        "data/fx_rates.csv:5:date: USD on 2026-02 is also at row 3; expected one rate per currency and date"
    ]


def test_a_rate_that_is_not_a_number(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "u1,usd,Pro,2026-01-10,,100,month,1,USD\n", "2026-01,USD,0\n2026-02,usd,abc\n")
    problems = _problems(pack)
    assert problems[:2] == [
        "data/fx_rates.csv:2:rate: 0 is out of range; expected an exchange rate above 0",
        "data/fx_rates.csv:3:rate: 'abc' is not a number; expected an exchange rate above 0",
    ]


def test_a_file_that_is_not_the_ecb_rates(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "u1,usd,Pro,2026-01-10,,100,month,1,USD\n", fx="ecb: rates.csv\n")
    (pack / "rates.csv").write_text("day,USD\n2026-01-30,1.2\n")
    assert _problems(pack)[0] == (
        "rates.csv: not the ECB's reference rates (first column 'day'); expected eurofxref-hist.zip or the CSV "
        "inside it, as downloaded, with a Date column and one column per currency"
    )


def test_a_reporting_currency_the_ecb_does_not_publish(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "e1,eur,Pro,2026-01-10,,100,month,1,EUR\n", settings="currency: CHF\n")
    edit(pack / "boardpack.yaml", "as_of: 2026-03-31\n", f"as_of: 2026-03-31\nfx:\n  ecb: {_ecb(pack)}\n")
    assert _problems(pack)[0] == (
        "eurofxref-hist.zip: the file has no CHF column; expected the reporting currency among the ECB's currencies"
    )


def test_an_ecb_file_outside_the_pack_is_refused(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "u1,usd,Pro,2026-01-10,,100,month,1,USD\n", USD_RATES, fx="ecb: ../eurofxref-hist.zip\n")
    (tmp_path / "eurofxref-hist.zip").write_bytes(b"")
    assert _problems(pack)[0].startswith("boardpack.yaml:fx.ecb: '../eurofxref-hist.zip' ")


def test_the_deck_states_the_rates_and_both_growths(tmp_path: Path) -> None:
    ledger = "u1,usd,Pro,2026-01-10,,100,month,1,USD\ne1,eur,Pro,2026-02-03,,50,month,1,EUR\n"
    pack = _pack(tmp_path, ledger, USD_RATES)
    result = CliRunner().invoke(app, ["build", str(pack), "--period", "2026-02", "--format", "html,json"])
    assert result.exit_code == 0, result.output
    html = (pack / "out/board-2026-02.html").read_text()
    assert "Excluding FX (constant currency)" in html
    assert (
        "Amounts in USD are converted into EUR at each month&#39;s last rate, from data/fx_rates.csv." in html
        or "Amounts in USD are converted into EUR at each month's last rate, from data/fx_rates.csv." in html
    )
    assert "1 USD = 1.0000 EUR (2026-02)" in html
    data = json.loads((pack / "out/board-2026-02.json").read_text())
    assert data["fx"]["currencies"] == ["USD"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, json.loads((ROOT / "docs/schemas/metrics.schema.json").read_text(encoding="utf-8")))
    assert data["metrics"]["mrr_growth"]["value"] == pytest.approx(150 / 80 - 1)
    assert data["metrics"]["mrr_growth_constant_currency"]["value"] == pytest.approx((80 + 50) / 80 - 1)
