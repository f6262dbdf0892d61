"""The period a deck reports on, chosen from what the pack's data covers.

A period is given by name (`2026-Q3`), as the latest complete one (`latest-quarter`), or as a range;
it must be covered completely, since a quarter with a month missing would read as a quarter of less.
"""

from __future__ import annotations

from datetime import date

from boardpack.inputs.pack import PackInputs
from boardpack.inputs.tables import TABLES
from boardpack.periods import Period, PeriodError, parse_period


class PeriodUnavailable(ValueError):
    """The period asked for cannot be read, or lies outside the pack's data."""


def _latest(pack: PackInputs, kind: str) -> Period:
    """The last month, quarter or (fiscal) year that every periodic table of the pack covers."""
    periodic = [name for name in pack.tables if not TABLES[name].sparse and pack.rows(name)]
    if not periodic:
        raise PeriodUnavailable("the pack has no periodic table to find the latest period in")
    last = min(max(pack.covered_months(name)) for name in periodic)
    fiscal_start = pack.config.fiscal_year_start
    covered = {m.start for m in pack.covered_periods()}
    candidate = Period(last, "month", fiscal_start)
    if kind != "month":
        year, month = divmod(last, 12)
        anchor = parse_period(f"{year}-{month + 1:02d}", fiscal_start)
        span = 3 if kind == "quarter" else 12
        offset = (month - (fiscal_start - 1)) % span  # months since the quarter or fiscal year began
        start = anchor.start - offset
        candidate = Period(start, kind, fiscal_start)  # type: ignore[arg-type]
        if candidate.end > last:
            candidate = candidate.prior()
    if not all(m in covered for m in candidate.month_indexes()):
        raise PeriodUnavailable(f"the pack's data covers no complete {kind}")
    return candidate


def resolve_period(pack: PackInputs, text: str | None) -> Period:
    """`--period` if given, else `period:` in boardpack.yaml; the data must cover it completely.

    `latest`, `latest-quarter` and `latest-year` pick the last complete period in the data.
    """
    fiscal_start = pack.config.fiscal_year_start
    chosen = (text or pack.config.period or "").strip()
    if not chosen:
        raise PeriodUnavailable("no period given; pass --period (e.g. 2026-Q3) or set `period:` in boardpack.yaml")
    if chosen.lower() in ("latest", "latest-month", "latest-quarter", "latest-year"):
        kind = {"latest": "month"}.get(chosen.lower(), chosen.lower().removeprefix("latest-"))
        return _latest(pack, kind)
    try:
        period = parse_period(chosen, fiscal_start)
    except PeriodError as exc:
        raise PeriodUnavailable(str(exc)) from None
    covered = pack.covered_periods()
    span = f"{covered[0]} to {covered[-1]}" if covered else "no months"
    if not covered or not any(period.contains(m) for m in covered):
        raise PeriodUnavailable(f"{period} is outside the pack's data, which covers {span}")
    months = {m.start for m in covered}
    missing = [m for m in period.months() if m.start not in months]
    if missing:
        raise PeriodUnavailable(
            f"{period} is not complete in the pack's data, which covers {span}: no table has rows for "
            f"{missing[0]}" + (f" to {missing[-1]}" if len(missing) > 1 else "")
        )
    return period


def resolve_periods(pack: PackInputs, texts: list[str]) -> list[Period]:
    """Several periods: each text is a period, `latest...`, or a range `2025-10..2026-09` of one kind."""
    periods: list[Period] = []
    for text in texts or [""]:
        first, dots, last = text.partition("..")
        if not dots:
            periods.append(resolve_period(pack, text or None))
            continue
        start, end = resolve_period(pack, first), resolve_period(pack, last)
        if start.kind != end.kind or end < start:
            raise PeriodUnavailable(f"'{text}' is not a range; expected two periods of one kind, earliest first")
        step = start
        while step.start <= end.start:
            periods.append(resolve_period(pack, step.label))
            step = step.shift(1)
    return periods


def resolve_as_of(pack: PackInputs, periods: list[Period], text: str | None) -> date | None:
    """`--as-of`: the last day whose events count (None: each period's own last day).

    It may not come before a reported period starts (nothing of it would count), nor after the last
    month the pack's data covers (what happened then is not in the data, so it would read as nothing).
    """
    if text is None or not text.strip():
        return None
    try:
        as_of = date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodUnavailable(f"--as-of '{text}' is not a date; expected YYYY-MM-DD, e.g. 2026-10-31") from None
    for period in periods:
        if as_of < period.first_day:
            raise PeriodUnavailable(
                f"--as-of {as_of.isoformat()} is before {period} starts ({period.first_day.isoformat()}); "
                "expected a day from the period's start on"
            )
    covered = pack.covered_periods()
    if covered and as_of > covered[-1].last_day:
        raise PeriodUnavailable(
            f"--as-of {as_of.isoformat()} is after the pack's data, which ends {covered[-1].last_day.isoformat()}; "
            "expected a day the data covers"
        )
    return as_of
