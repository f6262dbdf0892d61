"""The sample company from its raw exports gives the same figures as from its aggregated tables.

sample_data/generate.py aggregates its simulated customers in plain Python; boardpack computes the
same tables from the exported ledger and contacts (Ibis on DuckDB). Two implementations, one answer.
"""

from __future__ import annotations

import pytest

from boardpack.api import evaluate, load_pack
from boardpack.periods import parse_period
from tests.conftest import ROOT

# a CRM export has no web visitors, SALs or quotes, and has contacts for every channel: these differ
NEEDS_MORE_THAN_A_CRM = {
    "visitor_to_lead",
    "visitor_growth",
    "visitor_to_mql",
    "visitor_to_contact",
    "contact_to_customer",
    "mql_to_sal",
    "sal_to_sql",
    "sql_to_quote",
    "opportunity_to_quote",
    "quote_to_won",
}
ONLY_FROM_A_CRM = {"days_between_stages"}
# the forecast's next quarter and coverage read opportunities.csv, which the raw sample does not have;
# the movements they start from are compared below
NEEDS_OPPORTUNITIES = {"year_end_arr", "year_end_arr_gap", "pipeline_coverage"}


@pytest.mark.parametrize("period", ["2026-Q3", "2026-08", "2025"])
def test_same_metrics_from_exports_and_tables(period: str) -> None:
    tables = load_pack(ROOT / "sample_data/northwind")
    exports = load_pack(ROOT / "sample_data/northwind-raw")
    assert exports.sources["revenue"].endswith("subscriptions.csv")
    assert exports.sources["funnel"].endswith("contacts.csv.gz")
    a, b = evaluate(tables, parse_period(period)), evaluate(exports, parse_period(period))
    compared = 0
    for metric_id, result in a.results.items():
        if metric_id in NEEDS_MORE_THAN_A_CRM | ONLY_FROM_A_CRM | NEEDS_OPPORTUNITIES:
            continue
        other = b[metric_id]
        assert (result.value is None) == (other.value is None), metric_id
        if result.value is not None:
            assert other.value == pytest.approx(result.value, rel=1e-9, abs=1e-9), metric_id
            for dimension, values in result.breakdowns:
                expected = {k: v for k, v in values if v is not None}
                got = {k: v for k, v in other.breakdown(dimension).items() if v is not None}
                assert got == pytest.approx(expected, rel=1e-9, abs=1e-9), (metric_id, dimension)
            compared += 1
    assert compared >= 45
    assert b["days_between_stages"].value is not None
    assert a.forecast is not None and b.forecast is not None
    assert (a.forecast.rates is None) == (b.forecast.rates is None)
    if a.forecast.rates is not None:  # the same movements from the ledger and from revenue.csv
        assert b.forecast.rates.as_json() == pytest.approx(a.forecast.rates.as_json(), rel=1e-9)  # type: ignore[union-attr]


def test_revenue_rows_identical() -> None:
    tables = load_pack(ROOT / "sample_data/northwind")
    exports = load_pack(ROOT / "sample_data/northwind-raw")
    key = lambda r: (r.month.start, r.segment, r.plan)  # noqa: E731
    left = sorted(tables.rows("revenue"), key=key)
    right = sorted(exports.rows("revenue"), key=key)
    assert len(left) == len(right) == 100
    for x, y in zip(left, right, strict=True):
        assert key(x) == key(y)
        assert x.model_dump(exclude={"line", "month"}) == pytest.approx(
            y.model_dump(exclude={"line", "month"}), abs=1e-6
        )
    assert tuple(str(n) for n in exports.notices) == (
        "../northwind/data/revenue.csv: not used: the revenue table is computed from exports/subscriptions.csv",
        "../northwind/data/funnel.csv: not used: the funnel table is computed from exports/contacts.csv.gz",
    )


def test_deck_from_exports_has_cohorts_and_names_its_policies(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from boardpack.api import BuildOptions, build_deck, resolve_period

    pack = load_pack(ROOT / "sample_data/northwind-raw")
    out = tmp_path / "raw.pdf"
    result = build_deck(pack, resolve_period(pack, None), BuildOptions(tmp_path, pdf_out=out))
    assert result.warnings == []
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert (
        "COHORT RETENTION" in text and "Customers still paying, by first-paid month" in text
    )  # the kicker is in capitals
    assert "churn counts at the end of the paid period" in text
    assert "contacts.csv.gz and are period-based: each stage counts the contacts that entered it" in text
    assert "Data notes" in text and "../northwind/data/revenue.csv: not used" in text
