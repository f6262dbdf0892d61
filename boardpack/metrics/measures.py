"""Measures: the sums and month-end stocks that metrics are built from, for one period.

A flow (leads, spend, new MRR) is summed over the months of the period; a stock (MRR, customers) is
read at the period's first or last month. A table that does not cover the period, or covers it only
with coarser rows (a quarter's spend cannot be split into months), makes the measure unavailable
with a reason instead of producing a partial figure.

Nothing dated after the as-of date (the period's last day unless asked otherwise) counts: a trial of
the period paid in the month after it is, as of the period's end, not converted yet.

Long because every measure of every table sits here beside the one coverage
rule (`Facts`) they share, so a measure and its period rule are read in one place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from boardpack.i18n import N_
from boardpack.inputs.pack import PackInputs
from boardpack.inputs.tables import TABLES
from boardpack.periods import Period

Value = float | dict[str, float]
MeasureFn = Callable[["Facts", str | None], Value]
MEASURES: dict[str, MeasureFn] = {}
_BREAKDOWN_COLUMN = {
    "funnel": {"channel": "channel"},
    "spend": {"channel": "channel"},
    "revenue": {"segment": "segment"},
}


class Unavailable(Exception):
    """A value cannot be computed; `reason` is shown to the reader of the deck.

    The reason is a message template with named values, so the deck can print it in its own
    language (`template` is the message id) while the JSON keeps the English `reason`.
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = {key: str(value) for key, value in params.items()}
        self.reason = template.format(**self.params)
        super().__init__(self.reason)


class NotMeaningful(Unavailable):
    """A value was computed but cannot be true (a later funnel stage far above the one before it)."""


def measure(name: str) -> Callable[[MeasureFn], MeasureFn]:
    def register(fn: MeasureFn) -> MeasureFn:
        MEASURES[name] = fn
        return fn

    return register


class Facts:
    """The pack's rows that fall in one period, checked for coverage once per table.

    `as_of` is the last day whose events count: dated rows after it are left out, and a conversion
    dated after it (a trial paid, a demo's prospect won) has not happened yet.
    """

    def __init__(self, pack: PackInputs, period: Period, as_of: date | None = None) -> None:
        self.pack = pack
        self.period = period
        self.as_of = as_of or period.last_day
        self._rows: dict[str, list[Any]] = {}

    def observed(self, when: date | None) -> date | None:
        """`when` if it happened by the as-of date, else None (not yet)."""
        return when if when is not None and when <= self.as_of else None

    def rows(self, table: str) -> list[Any]:
        if table in self._rows:
            return self._rows[table]
        if not self.pack.present(table):
            raise Unavailable("the pack has no {table} table (data/{table}.csv)", table=table)
        if not self.pack.has(table):
            raise Unavailable("{source} has a header but no rows", source=self.pack.sources[table])
        spec = TABLES[table]
        source = self.pack.sources[table]
        selected: list[Any] = []
        for row in self.pack.rows(table):
            row_period = spec.period_of(row)
            if not row_period.overlaps(self.period):
                continue
            if spec.dated and getattr(row, spec.period_column) > self.as_of:
                continue
            if not self.period.contains(row_period):
                raise Unavailable(
                    "{source} has {kind} rows ({rows}) that cannot be split into {period}",
                    source=source,
                    kind=f"{row_period.kind}ly",
                    rows=row_period,
                    period=self.period,
                )
            selected.append(row)
        covered = self.pack.covered_months(table)
        missing = [m for m in self.period.months() if m.start not in covered]
        if missing:
            shown = ", ".join(str(m) for m in missing[:3]) + (" ..." if len(missing) > 3 else "")
            raise Unavailable("{source} has no rows for {months}", source=source, months=shown)
        self._rows[table] = selected
        return selected

    def total(self, table: str, column: str, by: str | None, rows: Iterable[Any] | None = None) -> Value:
        """Sum a column, overall or per breakdown key; blank cells (not tracked) are skipped."""
        selected = self.rows(table) if rows is None else list(rows)
        key_column = TABLES[table].breakdowns.get(by or "")
        if by is not None and key_column is None:
            raise Unavailable("the {table} table has no {breakdown} breakdown", table=table, breakdown=by)
        sums: dict[str, float] = defaultdict(float)
        seen = False
        for row in selected:
            value = getattr(row, column)
            if value is None:
                continue
            seen = True
            key = getattr(row, key_column) if key_column else ""
            if key is not None:
                sums[key] += value
        if not seen:
            raise Unavailable(
                "{source} gives no {column} for {period}",
                source=self.pack.sources[table],
                column=column,
                period=self.period,
            )
        return dict(sums) if key_column else sums[""]

    def paired(self, table: str, *columns: str) -> list[Any]:
        """Rows of the period where every one of `columns` is tracked, so a ratio compares like with like."""
        rows = self.rows(table)
        for column in columns:
            if all(getattr(row, column) is None for row in rows):
                raise Unavailable(
                    "{source} gives no {column} for {period}",
                    source=self.pack.sources[table],
                    column=column,
                    period=self.period,
                )
        return [row for row in rows if all(getattr(row, c) is not None for c in columns)]

    def count(self, table: str, by: str | None, where: Callable[[Any], bool] | None = None) -> Value:
        """How many rows (events such as trials or demos) of the period, optionally only those `where`."""
        rows = [row for row in self.rows(table) if where is None or where(row)]
        key_column = TABLES[table].breakdowns.get(by or "")
        if by is None:
            return float(len(rows))
        if key_column is None:
            raise Unavailable("the {table} table has no {breakdown} breakdown", table=table, breakdown=by)
        counts: dict[str, float] = defaultdict(float)
        for row in self.rows(table):
            counts[getattr(row, key_column)] += 0.0
        for row in rows:
            counts[getattr(row, key_column)] += 1.0
        return dict(counts)

    def month_end(self, column: str, by: str | None, first: bool = False) -> Value:
        """A revenue stock at the end of the period, or at its start when `first`."""
        month = self.period.start if first else self.period.end
        rows = [row for row in self.rows("revenue") if row.month.start == month]
        if by not in (None, "segment", "plan"):
            raise Unavailable("the revenue table has no {breakdown} breakdown", breakdown=by)
        sums: dict[str, float] = defaultdict(float)
        for row in rows:
            key = row.segment if by == "segment" else (row.plan if by == "plan" else "")
            if key is not None:
                sums[key] += getattr(row, f"start_{column}") if first else getattr(row, column)
        return dict(sums) if by else sums[""]


def resolve(name: str) -> MeasureFn:
    """A registered measure, or `table.column`: the column summed over the period."""
    if name in MEASURES:
        return MEASURES[name]
    table, _, column = name.partition(".")
    if table in TABLES and column in TABLES[table].columns:
        return _flow(table, column)
    raise KeyError(name)


def is_measure(name: str) -> bool:
    try:
        resolve(name)
    except KeyError:
        return False
    return True


def _flow(table: str, column: str) -> MeasureFn:
    return lambda facts, by: facts.total(table, column, by)


for _column, _name in (
    ("visitors", "visitors"),
    ("contacts", "contacts"),
    ("leads", "leads"),
    ("mqls", "mqls"),
    ("sals", "sals"),
    ("sqls", "sqls"),
    ("opportunities", "opportunities"),
    ("customers", "won"),
):
    MEASURES[_name] = _flow("funnel", _column)

for _column in (
    "new_mrr",
    "expansion_mrr",
    "contraction_mrr",
    "churned_mrr",
    "reactivation_mrr",
    "fx_mrr",
    "churned_customers",
    "reactivated_customers",
):
    MEASURES[_column] = _flow("revenue", _column)

for _column, _name in (
    ("marketing_sourced", "marketing_pipeline"),
    ("sales_sourced", "sales_pipeline"),
    ("other_sourced", "other_pipeline"),
    ("total", "pipeline_created"),
    ("target", "pipeline_target"),
):
    MEASURES[_name] = _flow("pipeline", _column)


def _spend(kind: str | None) -> MeasureFn:
    def compute(facts: Facts, by: str | None) -> Value:
        rows = [r for r in facts.rows("spend") if kind is None or r.type == kind]
        if by is not None:
            rows = [r for r in rows if r.channel is not None]
        if not rows:
            if kind is None:
                raise Unavailable(
                    "{source} has no spend for {period}", source=facts.pack.sources["spend"], period=facts.period
                )
            raise Unavailable(
                "{source} has no {kind} spend for {period}",
                source=facts.pack.sources["spend"],
                kind=kind,
                period=facts.period,
            )
        return facts.total("spend", "amount", by, rows)

    return compute


MEASURES["marketing_spend"] = _spend("marketing")


@measure("channel_marketing_spend")
def _channel_marketing_spend(facts: Facts, by: str | None) -> Value:
    """Marketing spend marked with a channel: what a channel's own CAC can fairly be charged with."""
    rows = [r for r in facts.rows("spend") if r.type == "marketing" and r.channel is not None]
    if not rows:
        raise Unavailable("{source} has no marketing spend marked with a channel", source=facts.pack.sources["spend"])
    return facts.total("spend", "amount", by, rows)


MEASURES["sales_spend"] = _spend("sales")
MEASURES["acquisition_spend"] = _spend(None)


@measure("new_customers")
def _new_customers(facts: Facts, by: str | None) -> Value:
    """New customers from billing when the pack has it; deals won in the funnel otherwise."""
    if facts.pack.has("revenue"):
        return facts.total("revenue", "new_customers", by)
    return facts.total("funnel", "customers", by)


@measure("mrr_end")
def _mrr_end(facts: Facts, by: str | None) -> Value:
    return facts.month_end("mrr", by)


@measure("mrr_start")
def _mrr_start(facts: Facts, by: str | None) -> Value:
    return facts.month_end("mrr", by, first=True)


@measure("customers_end")
def _customers_end(facts: Facts, by: str | None) -> Value:
    return facts.month_end("customers", by)


@measure("customers_start")
def _customers_start(facts: Facts, by: str | None) -> Value:
    return facts.month_end("customers", by, first=True)


def _combine(terms: dict[str, int]) -> MeasureFn:
    """A signed sum of other measures, key by key when broken down."""

    def compute(facts: Facts, by: str | None) -> Value:
        values = {name: MEASURES[name](facts, by) for name in terms}
        if by is None:
            return sum(sign * values[name] for name, sign in terms.items())  # type: ignore[operator]
        keys = set().union(*(v.keys() for v in values.values()))  # type: ignore[union-attr]
        return {k: sum(sign * values[n].get(k, 0.0) for n, sign in terms.items()) for k in keys}  # type: ignore[union-attr]

    return compute


MEASURES["net_new_mrr"] = _combine(
    {"new_mrr": 1, "expansion_mrr": 1, "reactivation_mrr": 1, "contraction_mrr": -1, "churned_mrr": -1}
)
MEASURES["mrr_change"] = _combine(  # end minus start: the customers' movements and the FX movement
    {"new_mrr": 1, "expansion_mrr": 1, "reactivation_mrr": 1, "contraction_mrr": -1, "churned_mrr": -1, "fx_mrr": 1}
)
MEASURES["lost_mrr"] = _combine({"churned_mrr": 1, "contraction_mrr": 1})
MEASURES["net_retained_mrr"] = _combine({"mrr_start": 1, "expansion_mrr": 1, "contraction_mrr": -1, "churned_mrr": -1})
MEASURES["net_retained_mrr_with_fx"] = _combine(
    {"mrr_start": 1, "expansion_mrr": 1, "contraction_mrr": -1, "churned_mrr": -1, "fx_mrr": 1}
)
MEASURES["gross_retained_mrr"] = _combine({"mrr_start": 1, "contraction_mrr": -1, "churned_mrr": -1})

MEASURES["gained_mrr"] = _combine({"new_mrr": 1, "expansion_mrr": 1, "reactivation_mrr": 1})
MEASURES["net_lost_mrr"] = _combine(
    {"churned_mrr": 1, "contraction_mrr": 1, "expansion_mrr": -1, "reactivation_mrr": -1}
)


def _weighted(table: str, column: str, weight: str) -> MeasureFn:
    """Sum of column × weight: turns averages per session back into totals that add up over months."""

    def compute(facts: Facts, by: str | None) -> Value:
        rows = facts.rows(table)
        if by is not None:
            raise Unavailable("the {table} table has no {breakdown} breakdown", table=table, breakdown=by)
        return sum(getattr(r, column) * getattr(r, weight) for r in rows)

    return compute


MEASURES["session_seconds"] = _weighted("traffic", "avg_session_duration", "sessions")
MEASURES["bounces"] = _weighted("traffic", "bounce_rate", "sessions")


@measure("cost_to_serve")
def _cost_to_serve(facts: Facts, by: str | None) -> Value:
    rows = facts.rows("finance")
    parts = {
        N_("Customer success"): sum(r.customer_success_cost for r in rows),
        N_("Infrastructure"): sum(r.infrastructure_cost for r in rows),
        N_("Retention programmes"): sum(r.retention_cost for r in rows),
    }
    if by == "component":
        return parts
    if by is not None:
        raise Unavailable("the finance table has no {breakdown} breakdown", breakdown=by)
    return sum(parts.values())


MEASURES["trials_started"] = lambda facts, by: facts.count("trials", by)
MEASURES["trials_paid"] = lambda facts, by: facts.count("trials", by, lambda r: facts.observed(r.paid) is not None)
MEASURES["trials_engaged"] = lambda facts, by: facts.count("trials", by, lambda r: r.engaged is True)
MEASURES["demos_requested"] = lambda facts, by: facts.count("demos", by)
MEASURES["demos_won"] = lambda facts, by: facts.count(
    "demos", by, lambda r: facts.observed(r.customer_since) is not None
)
