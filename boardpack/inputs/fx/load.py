"""The pack's exchange rates, read once before the tables that need them, and the check that each is there.

Rates come from `fx_rates.csv` (or its sheet) and from the ECB file named by `fx.ecb`; a currency the
table quotes is taken from the table alone, so a company's own rates win over the published ones. A
pack with neither converts nothing: an amount in another currency is then a problem, as before.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from boardpack.i18n import N_
from boardpack.inputs.fx.ecb import EcbProblem, crossed, read_ecb
from boardpack.inputs.fx.rates import Rates, Series
from boardpack.inputs.report import ValidationReport
from boardpack.inputs.tables import FxRateRow

MISSING = N_("no {currency} rate for {month}; expected a rate for every month used, in {rates}")
UNKNOWN = N_("no {currency} rate for {month}; expected {currency} among the rates of {rates}")
NO_RATES = N_(
    "no {currency} rate for {month}; expected exchange rates into {reporting} in fx_rates.csv or fx.ecb in "
    "boardpack.yaml"
)


def _table_series(rows: list[FxRateRow], source: str, quote: str, report: ValidationReport) -> dict[str, Series]:
    """The table's rates per currency, in reporting units per unit; a repeated day or month is a problem."""
    seen: dict[tuple[str, object], int] = {}
    days: dict[str, dict[date, float]] = defaultdict(dict)
    months: dict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        key = (row.currency, row.date)
        if key in seen:
            report.add(
                source,
                row.line,
                "date",
                N_("{currency} on {date} is also at row {first}; expected one rate per currency and date"),
                currency=row.currency,
                date=row.date,
                first=seen[key],
            )
            continue
        seen[key] = row.line
        value = 1 / row.rate if quote == "currency_per_reporting" else row.rate
        if row.day is not None:
            days[row.currency][row.day] = value
        else:
            months[row.currency][row.month] = value
    series = {}
    for code in set(days) | set(months):
        ordered = sorted(days[code].items())
        series[code] = Series(tuple(d for d, _ in ordered), tuple(v for _, v in ordered), dict(months[code]))
    return series


def load_rates(
    config: Any, ecb: Path | None, table: tuple[list[FxRateRow], str] | None, report: ValidationReport
) -> Rates | None:
    """The rates of the pack, or None when it gives none (nothing is then converted)."""
    if ecb is None and table is None:
        return None
    settings = config.fx
    series: dict[str, Series] = {}
    sources: list[str] = []
    unread = False
    if ecb is not None and settings.ecb is not None:
        try:
            series.update(crossed(read_ecb(ecb), config.currency))
            sources.append(settings.ecb)
        except EcbProblem as problem:
            report.add(settings.ecb, None, None, problem.template, **problem.params)
            unread = True
        except OSError as error:
            report.add(settings.ecb, None, None, N_("cannot be read ({reason}); expected a file"), reason=error)
            unread = True
    if table is not None:
        rows, source = table
        own = _table_series(rows, source, settings.quote, report)
        series.update(own)
        if own or not sources:
            sources.insert(0, source)
    return Rates(config.currency, settings.rate, tuple(sources), series, unread)


def report_missing(
    rates: Rates, needed: dict[tuple[str, int], tuple[str, int | None, str | None]], report: ValidationReport
) -> None:
    """Each (currency, month) without a rate, at the first file, row and column that needs it; all at once."""
    from boardpack.inputs.raw.ledger_rows import month_label

    if rates.unread:
        return
    named = ", ".join(rates.sources)
    for (currency, month), (file, row, column) in sorted(
        needed.items(), key=lambda item: (item[1][0], item[1][1] or 0, item[0])
    ):
        template = MISSING if rates.knows(currency) else (UNKNOWN if rates.sources else NO_RATES)
        report.add(
            file,
            row,
            column,
            template,
            currency=currency,
            month=month_label(month),
            rates=named,
            reporting=rates.reporting,
        )
