"""Figures that cannot both be true: checks across rows and tables, reported as notices.

Each table can be valid on its own and the pack still contradict itself: more leads than the
visitors they came from, or a quarter with 92 customers won in the CRM and 152 new customers billed.
Both may have an explanation (a stage fed by last quarter's entries, billing that lags the CRM), so
they are notices that name the figures, not errors; beyond the margins in `checks:` they are almost
always a data error worth a look before the board sees the deck.

Quarters are the unit: months are too short (a deal won on the 30th is billed on the 2nd, an SQL of
June becomes an opportunity in July) and a quarter is what a board reads.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from boardpack.i18n import N_
from boardpack.inputs.report import ValidationReport
from boardpack.inputs.tables import TABLES, FunnelRow
from boardpack.periods import Period

if TYPE_CHECKING:
    from boardpack.inputs.pack import PackInputs

# the funnel's stages in the order a prospect goes through them: each is at most the one before it
STAGES = tuple(name for name in FunnelRow.model_fields if name not in ("line", "period", "channel"))


def exceeds(count: float, base: float, margin: float) -> bool:
    """A later stage larger than the stage before it by more than `margin` (a share of the earlier one)."""
    return count > base * (1 + margin) + 1e-9


def excess(count: float, base: float) -> str:
    """How far a later stage exceeds the one before it, as a percentage (∞ when the earlier is zero)."""
    return f"{count / base - 1:.1%}" if base else "∞"


def quarter_of(month: int, fiscal_start: int) -> Period:
    """The fiscal quarter a month index falls in."""
    offset = (month % 12 - (fiscal_start - 1)) % 3
    return Period(month - offset, "quarter", fiscal_start)


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _rows(lines: Iterable[int]) -> str:
    return ", ".join(str(line) for line in sorted(lines))


def check_stages(pack: PackInputs, report: ValidationReport) -> None:
    """Per channel and quarter, each tracked stage against the nearest tracked stage before it.

    Compared over the rows that track both, as the conversions are; one month above the stage before
    it is ordinary timing, a whole quarter far above it is not.
    """
    if not pack.has("funnel"):
        return
    margin = pack.config.checks.stage_margin
    fiscal_start = pack.config.fiscal_year_start
    source = pack.sources["funnel"]
    groups: dict[tuple[str, Period], list[Any]] = defaultdict(list)
    for row in pack.rows("funnel"):
        groups[(row.channel, quarter_of(row.period.start, fiscal_start))].append(row)
    for (channel, quarter), rows in sorted(groups.items(), key=lambda kv: (kv[0][1].start, kv[1][0].line)):
        tracked = [stage for stage in STAGES if any(getattr(row, stage) is not None for row in rows)]
        for before, stage in itertools.pairwise(tracked):
            paired = [row for row in rows if getattr(row, before) is not None and getattr(row, stage) is not None]
            count = sum(getattr(row, stage) for row in paired)
            base = sum(getattr(row, before) for row in paired)
            if not paired or not exceeds(count, base, margin):
                continue
            report.note(
                source,
                min(row.line for row in paired),
                stage,
                N_(
                    "{stage} {count} exceed {before} {base} by {excess} in {period} for channel '{channel}' "
                    "(rows {rows}, columns {before} and {stage}); expected each stage at most the stage before it "
                    "plus {margin} (checks.stage_margin), so the conversion is shown as not meaningful"
                ),
                stage=stage,
                count=_count(count),
                before=before,
                base=_count(base),
                excess=excess(count, base),
                period=quarter,
                channel=channel,
                rows=_rows(row.line for row in paired),
                margin=f"{margin:.0%}",
            )


def _complete_quarters(pack: PackInputs, *tables: str) -> list[Period]:
    """Quarters every month of which each of `tables` covers."""
    fiscal_start = pack.config.fiscal_year_start
    months = set.intersection(*(set(pack.covered_months(name)) for name in tables))
    quarters = {quarter_of(month, fiscal_start) for month in months}
    return sorted(q for q in quarters if all(m in months for m in q.month_indexes()))


def _apart(one: float, other: float, tolerance: float) -> bool:
    return abs(one - other) > tolerance * max(one, other)


def check_counts(pack: PackInputs, report: ValidationReport) -> None:
    """Customers won in the funnel and rows of wins.csv against the new customers billed, per quarter.

    Billing is the reference: CAC and ARPU divide by it. The funnel's count serves its own conversions
    and wins.csv the attribution, so a gap between them means two slides describe different customers.
    """
    if not pack.has("revenue"):
        return
    tolerance = pack.config.checks.count_tolerance
    spec = TABLES["funnel"]
    others = [name for name in ("funnel", "wins") if pack.has(name)]
    for name in others:
        for quarter in _complete_quarters(pack, "revenue", name):
            billed = sum(r.new_customers for r in pack.rows("revenue") if quarter.contains(r.month))
            if name == "funnel":
                count = sum(r.customers for r in pack.rows("funnel") if quarter.contains(spec.period_of(r)))
                message = N_(
                    "{period}: {count} customers won in {table} but {billed} new customers billed in {billing} "
                    "({apart} apart); expected the two counts within {tolerance} of each other "
                    "(checks.count_tolerance): stage conversions use the first, CAC and ARPU the second"
                )
                column = "customers"
            else:
                count = sum(1 for r in pack.rows("wins") if quarter.contains(TABLES["wins"].period_of(r)))
                message = N_(
                    "{period}: {count} customers won in {table} but {billed} new customers billed in {billing} "
                    "({apart} apart); expected the two counts within {tolerance} of each other "
                    "(checks.count_tolerance): attribution uses the first, CAC and ARPU the second"
                )
                column = "won"
            if not _apart(count, billed, tolerance):
                continue
            report.note(
                pack.sources[name],
                None,
                column,
                message,
                period=quarter,
                count=_count(count),
                table=pack.sources[name],
                billed=_count(billed),
                billing=pack.sources["revenue"],
                apart=f"{abs(count - billed) / max(count, billed):.1%}",
                tolerance=f"{tolerance:.0%}",
            )


def check_coherence(pack: PackInputs, report: ValidationReport) -> None:
    """Every cross-row and cross-table check, each disagreement a notice."""
    check_stages(pack, report)
    check_counts(pack, report)
