"""Load a pack folder into validated, frozen `PackInputs`, or report every problem at once."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from boardpack.i18n import N_
from boardpack.inputs.cellcheck import CellCheck
from boardpack.inputs.cells import is_number
from boardpack.inputs.coherence import check_coherence
from boardpack.inputs.config import PackConfig, load_config, locale_hint
from boardpack.inputs.numbers import settle_columns
from boardpack.inputs.paths import NOT_A_FILE, PackPaths, PathRefused, check_paths
from boardpack.inputs.raw import load_raw
from boardpack.inputs.readers import RawTable, read_csv, read_workbook
from boardpack.inputs.report import PackInvalid, Problem, ValidationReport
from boardpack.inputs.tables import TABLES, RevenueRow, Row, TableSpec
from boardpack.periods import Period

DATA_DIR = "data"
EMPTY_TABLE = {
    True: N_("the table has a header but no rows; read as none in every month of the pack's data"),
    False: N_("the table has a header but no rows; its metrics are shown as unavailable"),
}
CENT = 0.005  # half a cent: amounts are compared after rounding to cents


@dataclass(frozen=True)
class PackInputs:
    """Everything a pack says, validated. Tables the pack does not have are absent from `tables`."""

    root: Path
    config: PackConfig
    tables: dict[str, tuple[Row, ...]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict)  # from raw exports: cohorts, stage_days
    notices: tuple[Problem, ...] = ()  # not errors, but worth reading: rows of an export left out
    paths: PackPaths | None = None  # every file the settings name, checked to lie where it may

    @property
    def files(self) -> PackPaths:
        """The checked paths; a pack made by hand without them gets them checked now."""
        if self.paths is not None:
            return self.paths
        report = ValidationReport()
        paths = check_paths(self.root, self.config, report)
        if not report.ok:
            raise PackInvalid(report)
        return paths

    def rows(self, name: str) -> tuple[Any, ...]:
        return self.tables.get(name, ())

    def has(self, name: str) -> bool:
        """The table has rows, or it lists occurrences (events, trials) and none happened: a header with
        no rows is then a true zero, where a periodic table with no rows says nothing."""
        return bool(self.tables.get(name)) or (name in self.tables and TABLES[name].sparse)

    def present(self, name: str) -> bool:
        """The pack has the table's file (or sheet, or export), rows or not."""
        return name in self.tables

    @cached_property
    def _row_months(self) -> dict[str, frozenset[int]]:
        """Month indexes each table has rows for (computed once: metrics ask for it per period)."""
        result = {}
        for name, rows in self.tables.items():
            spec = TABLES[name]
            months: set[int] = set()
            for row in rows:
                months.update(spec.period_of(row).month_indexes())
            result[name] = frozenset(months)
        return result

    def covered_months(self, name: str) -> frozenset[int]:
        """Month indexes a table covers: those of its rows; for a sparse table (occurrences such as
        trials or events) every month from its first row to the last month of the pack's data."""
        months = self._row_months.get(name, frozenset())
        if TABLES[name].sparse and name in self.tables:
            others = [m for m in self._row_months.values() if m]
            if not others:
                return months
            last = max(max(other) for other in others)
            first = min(months) if months else min(min(other) for other in others)
            months = frozenset(range(first, last + 1))
        return months

    def covered_periods(self) -> list[Period]:
        """Every month some table has data for, in order."""
        months: set[int] = set()
        for name in self.tables:
            months |= self._row_months[name]
        return [Period(m, "month", self.config.fiscal_year_start) for m in sorted(months)]


def _normalise(column: str) -> str:
    return "_".join(column.strip().lower().replace("-", " ").split())


def _find_raw_tables(paths: PackPaths, config: PackConfig, report: ValidationReport) -> dict[str, RawTable]:
    raw: dict[str, RawTable] = {}
    if config.workbook and paths.workbook is not None:
        if not paths.workbook.is_file():
            report.add(
                "boardpack.yaml",
                None,
                "workbook",
                N_("'{file}' not found; expected an .xlsx file"),
                file=config.workbook,
            )
        else:
            for name, table in read_workbook(paths.workbook, config.workbook, report).items():
                if name in TABLES:
                    raw[name] = table
                else:
                    report.add(
                        table.source, None, None, N_("unknown sheet; expected one of {names}"), names=", ".join(TABLES)
                    )
    if paths.data is not None:
        for found in sorted(paths.data.glob("*.csv")):
            source = f"{config.data.rstrip('/')}/{found.name}"
            name = found.stem.lower()
            if name not in TABLES:
                report.add(
                    source,
                    None,
                    None,
                    N_("unknown table; expected one of {names}"),
                    names=", ".join(f"{t}.csv" for t in TABLES),
                )
                continue
            if name in raw:
                report.add(
                    source,
                    None,
                    None,
                    N_("table '{name}' is also in {other}; expected it once"),
                    name=name,
                    other=raw[name].source,
                )
                continue
            try:
                path = paths.table(found)
            except PathRefused as error:
                report.add(source, None, None, error.template, **{**error.params, "path": source})
                continue
            if not path.is_file():  # a folder, a pipe (reading it would wait for ever) or a device
                report.add(source, None, None, NOT_A_FILE, expected=N_("a CSV table"))
                continue
            table = read_csv(path, source, report)
            if table is not None:
                raw[name] = table
    return raw


def _validate_rows(spec: TableSpec, raw: RawTable, config: PackConfig, report: ValidationReport) -> list[Row]:
    fields = spec.model.model_fields
    columns = {_normalise(c): c for c in raw.header if c.strip()}
    problems_before = report.total
    for wanted in spec.columns:
        if wanted not in columns and fields[wanted].is_required():
            report.add(
                raw.source,
                1,
                wanted,
                N_("missing column; expected the columns {columns}"),
                columns=", ".join(spec.columns),
            )
    for normalised, original in columns.items():
        if normalised not in fields or normalised == "line":
            report.add(
                raw.source, 1, original, N_("unknown column; expected only {columns}"), columns=", ".join(spec.columns)
            )
    if report.total > problems_before:
        for _row in raw.rows:  # still read: rows of the wrong width or giant cells are reported too
            pass
        return []
    numbers = {name: columns[name] for name in spec.columns if name in columns and is_number(fields[name])}
    context = {
        "channels": config.channels,
        "segments": config.segments,
        "fiscal_start": config.fiscal_year_start,
        "decimals": settle_columns(raw.source, raw.rows, numbers, locale_hint(config), report),
    }
    rows: list[Row] = []
    read = 0
    named = [(original, normalised) for normalised, original in columns.items()]
    absent = dict.fromkeys(c for c in spec.columns if c not in columns)
    cells_checked = CellCheck(spec.model)
    for line, cells in raw.rows:
        read += 1
        values = {normalised: cells[original] for original, normalised in named}
        values.update(absent)
        values["line"] = line
        if report.full and (found := cells_checked.problems(values, context)):
            report.count(found)  # past the listed problems only the count matters: no messages built
            continue
        try:
            rows.append(spec.model.model_validate(values, context=context))
        except ValidationError as exc:
            if report.full:
                report.count(exc.error_count())
                continue
            for error in exc.errors(include_url=False, include_input=False):
                column = str(error["loc"][0]) if error["loc"] else None
                params = dict(error.get("ctx") or {})
                if "template" in params:
                    template = params.pop("template")
                    report.add(raw.source, line, column, template, **params)
                else:
                    report.add(raw.source, line, column, str(error["msg"]).removeprefix("Value error, "))
    if not read and report.total == problems_before:
        report.note(raw.source, None, None, EMPTY_TABLE[spec.sparse])
    return rows


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


def _check_overlaps(spec: TableSpec, rows: list[Row], source: str, report: ValidationReport) -> None:
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


def _check_revenue(rows: list[RevenueRow], source: str, report: ValidationReport) -> None:
    """Each month's start (last month's end) plus its movements must give its end, within a cent."""
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
            expected = previous.mrr + row.net_movement
            if abs(expected - row.mrr) > CENT:
                report.add(
                    source,
                    row.line,
                    "mrr",
                    N_(
                        "MRR for {month} in segment '{segment}' does not reconcile: {before} end {start} + new {new} "
                        "+ expansion {expansion} + reactivation {reactivation} - contraction {contraction} "
                        "- churned {churned} = {expected}, but mrr is {mrr}; "
                        "expected start + movements = end within 0.01"
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


def read_pack(root: Path | str) -> PackInputs:
    """Read and validate a pack folder's settings and tables. Raises `PackInvalid` with every problem found.

    The files the settings name beyond the tables (benchmarks, rules, notes, brand) are judged by the
    public `boardpack.api.load_pack`, which calls this first.
    """
    root = Path(root)
    report = ValidationReport()
    if not root.is_dir():
        report.add(
            str(root), None, None, N_("not a folder; expected a pack folder (run `boardpack init`)"), folder=root
        )
        raise PackInvalid(report)
    config = load_config(root, report)
    if config is None:
        raise PackInvalid(report)
    paths = check_paths(root, config, report)
    raw_tables = _find_raw_tables(paths, config, report)
    exports = load_raw(config, report, paths.exports)
    for name, table in exports.tables.items():
        if name in raw_tables:  # an export named in raw: wins over a typed-in table beside it
            report.note(
                raw_tables[name].source,
                None,
                None,
                N_("not used: the {name} table is computed from {export}"),
                name=name,
                export=table.source,
            )
        raw_tables[name] = table
    tables: dict[str, tuple[Row, ...]] = {}
    sources: dict[str, str] = {}
    for name, raw in raw_tables.items():
        spec = TABLES[name]
        rows = _validate_rows(spec, raw, config, report)
        _check_overlaps(spec, rows, raw.source, report)
        if name == "revenue":
            _check_revenue(rows, raw.source, report)  # type: ignore[arg-type]
        tables[name] = tuple(rows)
        sources[name] = raw.source
    if not raw_tables and report.ok:
        report.add(
            config.data,
            None,
            None,
            N_("no data tables found; expected some of {names}"),
            names=", ".join(f"{t}.csv" for t in TABLES),
        )
    if not report.ok:
        report.problems.sort(key=lambda p: (p.file, p.row or 0))
        raise PackInvalid(report)
    pack = PackInputs(root=root, config=config, tables=tables, sources=sources, derived=exports.derived, paths=paths)
    check_coherence(pack, report)
    return replace(pack, notices=tuple(report.notices))
