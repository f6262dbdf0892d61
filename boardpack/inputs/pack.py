"""Load a pack folder into validated, frozen `PackInputs`, or report every problem at once."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from boardpack.i18n import N_
from boardpack.inputs.brand import check_footer
from boardpack.inputs.cellcheck import CellCheck
from boardpack.inputs.cells import is_number
from boardpack.inputs.coherence import check_coherence
from boardpack.inputs.config import CONFIG_FILE, PackConfig, load_config, locale_hint
from boardpack.inputs.contrast import check_contrast
from boardpack.inputs.fx.load import load_rates, report_missing
from boardpack.inputs.fx.rates import Rates
from boardpack.inputs.fx.tables import Conversion, convert_revenue, convert_spend
from boardpack.inputs.numbers import settle_columns
from boardpack.inputs.paths import NOT_A_FILE, PackPaths, PathRefused, check_paths
from boardpack.inputs.raw import load_raw
from boardpack.inputs.readers import RawTable, read_csv, read_workbook
from boardpack.inputs.report import NOT_USED, PackInvalid, Problem, ValidationReport
from boardpack.inputs.table_checks import check_overlaps, check_revenue
from boardpack.inputs.tables import TABLES, Row, TableSpec
from boardpack.periods import Period

DATA_DIR = "data"
EMPTY_TABLE = {
    True: N_("the table has a header but no rows; read as none in every month of the pack's data"),
    False: N_("the table has a header but no rows; its metrics are shown as unavailable"),
}


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
    rates: Rates | None = None  # exchange rates into the pack's currency, when it gives any
    converted: tuple[str, ...] = ()  # the other currencies amounts were converted from

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
        "stages": list(config.forecast.stages),
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


def _shared(paths: PackPaths, source: str, config: PackConfig) -> bool:
    """The table is a CSV file of a data folder outside the pack, shared with another pack (`data: ../x/data`).

    A deals export beside the pack's own opportunities table is a contradiction to be settled by the user;
    one beside a shared folder's table is how a pack of raw exports reuses a pack of tables, as for revenue.
    """
    if paths.data is None or not source.startswith(f"{config.data.rstrip('/')}/"):
        return False
    return not paths.data.resolve().is_relative_to(paths.root.resolve())


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
    check_contrast(config.brand.colours, CONFIG_FILE, report)
    check_footer(config.brand, config.company, CONFIG_FILE, report)
    raw_tables = _find_raw_tables(paths, config, report)
    fx_table = raw_tables.pop("fx_rates", None)
    fx_rows = (_validate_rows(TABLES["fx_rates"], fx_table, config, report), fx_table.source) if fx_table else None
    rates = load_rates(config, paths.exports.get("fx"), fx_rows, report)  # type: ignore[arg-type]
    exports = load_raw(config, report, paths.exports, rates)
    for name, table in exports.tables.items():
        if name == "opportunities" and name in raw_tables and not _shared(paths, raw_tables[name].source, config):
            report.add(
                raw_tables[name].source,
                None,
                None,
                N_("the opportunities are also read from {export} (raw.deals); expected one of the two"),
                export=table.source,
            )
            continue
        if name in raw_tables:  # an export named in raw: wins over a typed-in table beside it
            report.note(
                raw_tables[name].source,
                None,
                None,
                NOT_USED,
                name=name,
                export=table.source,
            )
        raw_tables[name] = table
    tables: dict[str, tuple[Row, ...]] = {}
    sources: dict[str, str] = {}
    conversion = Conversion(rates or Rates(config.currency, config.fx.rate, ()))
    for name, raw in raw_tables.items():
        spec = TABLES[name]
        rows = _validate_rows(spec, raw, config, report)
        check_overlaps(spec, rows, raw.source, report)
        if name == "revenue":
            check_revenue(rows, raw.source, report)  # type: ignore[arg-type]  # as written, in its own currency
            rows = convert_revenue(rows, raw.source, conversion)
        elif name == "spend":
            rows = convert_spend(rows, raw.source, conversion)
        tables[name] = tuple(rows)
        sources[name] = raw.source
    report_missing(conversion.rates, conversion.needed, report)
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
    converted = conversion.used | set(exports.derived.get("currencies", ()))
    pack = PackInputs(
        root=root,
        config=config,
        tables=tables,
        sources=sources,
        derived=exports.derived,
        paths=paths,
        rates=rates,
        converted=tuple(sorted(converted)),
    )
    check_coherence(pack, report)
    return replace(pack, notices=tuple(report.notices))
