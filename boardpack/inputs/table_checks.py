"""Checks within one table once its rows are read: one row per key and period, one per id, and revenue
whose movements add up from month to month. Each problem names the row and the row it clashes with."""

from __future__ import annotations

import itertools
from collections import defaultdict

from boardpack.i18n import N_
from boardpack.inputs.report import ValidationReport
from boardpack.inputs.tables import RevenueRow, Row, TableSpec

CENT = 0.005  # half a cent: amounts are compared after rounding to cents


def _describe_key(spec: TableSpec, key: tuple[object, ...]) -> str:
    parts = [f"{name} '{value}'" for name, value in zip(spec.key, key, strict=True) if value is not None]
    return " and " + " and ".join(parts) if parts else ""


def _check_unique_ids(spec: TableSpec, rows: list[Row], source: str, report: ValidationReport) -> None:
    """Event tables (trials, demos, wins) have one row per id."""
    first: dict[tuple[object, ...], int] = {}
    for row in rows:
        key = spec.key_of(row)
        if key in first:
            report.add(
                source,
                row.line,
                spec.key[0] if spec.key else None,
                N_("duplicate {key} (first at row {first}); expected each id once"),
                key=_describe_key(spec, key).removeprefix(" and "),
                first=first[key],
            )
        else:
            first[key] = row.line


def check_overlaps(spec: TableSpec, rows: list[Row], source: str, report: ValidationReport) -> None:
    """One row per key and period; monthly and quarterly rows for the same key must not overlap."""
    if spec.key is None:
        return
    if spec.dated:
        _check_unique_ids(spec, rows, source, report)
        return
    by_key: dict[tuple[object, ...], list[Row]] = defaultdict(list)
    for row in rows:
        by_key[spec.key_of(row)].append(row)
    for key, group in by_key.items():
        group.sort(key=lambda r: (spec.period_of(r).start, r.line))
        latest: Row | None = None
        for row in group:
            period = spec.period_of(row)
            if latest is not None and spec.period_of(latest).overlaps(period):
                other = spec.period_of(latest)
                described = _describe_key(spec, key)
                if other == period:
                    message = N_("duplicate row for {period}{key} (first at row {first}); expected one row per period")
                else:
                    message = N_(
                        "{period} overlaps {other} at row {first}{key}; expected either monthly or quarterly rows, "
                        "not both"
                    )
                report.add(
                    source,
                    row.line,
                    spec.period_column,
                    message,
                    period=period,
                    other=other,
                    first=latest.line,
                    key=described,
                )
                continue
            if latest is None or period.end > spec.period_of(latest).end:
                latest = row


def _money(value: float) -> str:
    return f"{value:,.2f}"


def check_revenue(rows: list[RevenueRow], source: str, report: ValidationReport) -> None:
    """Each month's start (last month's end) plus its movements and the FX movement must give its end, within a cent."""
    by_segment: dict[str, list[RevenueRow]] = defaultdict(list)
    for row in rows:
        by_segment[f"{row.segment} / {row.plan}" if row.plan else row.segment].append(row)
    for segment, group in by_segment.items():
        group.sort(key=lambda r: r.month.start)
        for previous, row in itertools.pairwise(group):
            if row.month.start == previous.month.start:
                continue  # reported as a duplicate
            if row.month.start != previous.month.start + 1:
                missing = previous.month.shift(1)
                report.add(
                    source,
                    row.line,
                    "month",
                    N_(
                        "no row for {missing} in segment '{segment}' between {before} and {after}; "
                        "expected consecutive months"
                    ),
                    missing=missing,
                    segment=segment,
                    before=previous.month,
                    after=row.month,
                )
                continue
            expected = previous.mrr + row.net_movement + row.fx_mrr
            if abs(expected - row.mrr) > CENT:
                report.add(
                    source,
                    row.line,
                    "mrr",
                    N_(
                        "MRR for {month} in segment '{segment}' does not reconcile: {before} end {start} + new {new} "
                        "+ expansion {expansion} + reactivation {reactivation} - contraction {contraction} "
                        "- churned {churned} + FX {fx} = {expected}, but mrr is {mrr}; "
                        "expected start + movements + FX = end within 0.01"
                    ),
                    month=row.month,
                    segment=segment,
                    before=previous.month,
                    start=_money(previous.mrr),
                    new=_money(row.new_mrr),
                    expansion=_money(row.expansion_mrr),
                    reactivation=_money(row.reactivation_mrr),
                    contraction=_money(row.contraction_mrr),
                    churned=_money(row.churned_mrr),
                    fx=_money(row.fx_mrr),
                    expected=_money(expected),
                    mrr=_money(row.mrr),
                )
            expected_customers = (
                previous.customers + row.new_customers + row.reactivated_customers - row.churned_customers
            )
            if expected_customers != row.customers:
                report.add(
                    source,
                    row.line,
                    "customers",
                    N_(
                        "customers for {month} in segment '{segment}' do not reconcile: {before} end {start} + new "
                        "{new} + reactivated {reactivated} - churned {churned} = {expected}, but customers is "
                        "{customers}; expected start + movements = end"
                    ),
                    month=row.month,
                    segment=segment,
                    before=previous.month,
                    start=previous.customers,
                    new=row.new_customers,
                    reactivated=row.reactivated_customers,
                    churned=row.churned_customers,
                    expected=expected_customers,
                    customers=row.customers,
                )
        first = group[0]
        if first.start_customers < 0 or first.start_mrr < -CENT:
            report.add(
                source,
                first.line,
                "mrr",
                N_(
                    "the movements of {month} in segment '{segment}' imply a negative start (MRR {mrr}, customers "
                    "{customers}); expected end minus movements ≥ 0"
                ),
                month=first.month,
                segment=segment,
                mrr=_money(first.start_mrr),
                customers=first.start_customers,
            )
