"""Raw exports (a billing ledger, a CRM contacts or deals export) turned into the pack's tables.

An export is a file in the pack, computed on an embedded DuckDB, or a table in the database named
by `raw.connection` (PostgreSQL, Spark, any engine Ibis compiles to), computed there. The computed
tables go through the same row models and checks as typed-in ones (the revenue movements must still
reconcile), so everything downstream is unchanged. Rows that cannot be read are reported with their
line numbers (or their key, in a table); below the `max_bad_rows` share they are left out and listed
as notices, above it the pack is invalid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardpack.i18n import N_
from boardpack.inputs.raw.readers import SHOWN, BadRow, RowCheck
from boardpack.inputs.readers import RawTable
from boardpack.inputs.report import ValidationReport

if TYPE_CHECKING:
    from boardpack.inputs.fx.rates import Rates
    from boardpack.inputs.raw.ledger import LedgerResult


@dataclass
class RawResult:
    tables: dict[str, RawTable] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict)


def _report_row(row: BadRow, key_name: str, report: ValidationReport) -> None:
    if row.line is not None and row.template is not None:
        report.add(row.source, row.line, row.column, row.template, **dict(row.params))
    elif row.line is not None:
        report.add(row.source, row.line, row.column, row.message)
    else:
        report.add(row.source, None, row.column, f"{key_name} '{row.key}': {row.message}")


def _judge_bad_rows(check: RowCheck, limit: float, key_name: str, report: ValidationReport) -> None:
    if not check.bad_count:
        return
    share = check.bad_count / check.total if check.total else 1.0
    if share > limit:
        more = f" ({check.bad_count - SHOWN} more not shown)" if check.bad_count > SHOWN else ""
        report.add(
            check.source,
            None,
            None,
            f"{check.bad_count} of {check.total} rows cannot be read ({share:.1%}){more}; "
            f"expected at most {limit:.1%} (max_bad_rows in boardpack.yaml)",
        )
        for row in check.bad_rows:
            _report_row(row, key_name, report)
    else:
        report.note(
            check.source,
            None,
            None,
            f"{check.bad_count} of {check.total} rows left out as unreadable, first: {check.bad_rows[0]}",
        )


def _nothing_to_read(check: RowCheck, limit: float, kind: str, report: ValidationReport) -> bool:
    """An export with no row to compute from is a problem of its own, said once, before any table is made.

    A header with no rows is far more often an export filtered to nothing or cut short than a company
    with no subscriptions (or contacts) yet, and without a row there is no month to report on.
    """
    if check.total == 0:
        message = {
            "subscription": N_("the export has a header but no rows; expected at least one subscription"),
            "contact": N_("the export has a header but no rows; expected at least one contact"),
            "deal": N_("the export has a header but no rows; expected at least one deal"),
        }[kind]
        report.add(check.source, None, None, message)
        return True
    if check.bad_count == check.total:
        if check.bad_count / check.total <= limit:  # otherwise the share of unreadable rows was reported already
            report.add(check.source, None, None, N_("no row can be read; expected at least one readable row"))
        return True
    return False


def _no_month(ledger: LedgerResult, report: ValidationReport) -> None:
    """Readable subscriptions, but no month has ended between the first of them and the export date."""
    report.add(
        ledger.check.source,
        None,
        None,
        N_(
            "the first subscription starts on {first} and the export runs to {as_of}, so no month has ended; "
            "expected as_of (the export date in boardpack.yaml) on or after a month end"
        ),
        first=ledger.first,
        as_of=ledger.as_of,
    )


def _as_table(source: str, rows: list[dict[str, Any]]) -> RawTable:
    header = list(rows[0]) if rows else []
    return RawTable(source, header, [(index + 2, row) for index, row in enumerate(rows)])


class _Engines:
    """The engines a pack's exports need, each opened once: DuckDB for files, the connection for tables.

    A connection that fails is not tried again for the second export (an unreachable host would make
    the user wait for its timeout twice); the second export is told the same reason.
    """

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.open: dict[str, Any] = {}
        self.refused: dict[str, Exception] = {}

    def get(self, kind: str) -> Any:
        from boardpack.inputs.raw import engine
        from boardpack.inputs.raw.connection import Connection

        if kind in self.refused:
            raise self.refused[kind]
        if kind not in self.open:
            try:
                if kind == "file":
                    self.open[kind] = engine.embedded()
                else:
                    self.open[kind] = engine.connect(Connection(self.settings.connection), self.settings.spark_conf)
            except engine.SourceError as error:
                self.refused[kind] = error
                raise
        return self.open[kind]

    def close(self) -> None:
        for opened in self.open.values():
            opened.close()


def _compute(
    files: dict[str, Path],
    key: str,
    settings: Any,
    what: str,
    engines: _Engines,
    compute: Callable[[Any], Any],
    report: ValidationReport,
) -> Any:
    """Run one export's computation; a missing file or table, or an unreadable export, becomes a problem."""
    from boardpack.inputs.raw.decimals import UnclearNumbers
    from boardpack.inputs.raw.engine import LINE, SourceError
    from boardpack.inputs.raw.readers import Source

    engine = source = None
    try:
        if settings.file is not None:
            if key not in files:  # refused: outside the pack and data folders, already reported
                return None
            path = files[key]
            if not path.is_file():
                report.add("boardpack.yaml", None, f"raw.{key}.file", f"'{settings.file}' not found; expected {what}")
                return None
            if path.stat().st_size == 0:
                report.add(
                    settings.file, None, None, N_("the file is empty; expected a header row and at least one row")
                )
                return None
            engine = engines.get("file")
            source = Source(settings.file, engine.file(path), engine, lines=LINE)
        else:
            engine = engines.get("table")
            source = Source(f"{settings.table} ({engine.name})", engine.table(settings.table), engine)
        return compute(source)
    except SourceError as error:
        report.add("boardpack.yaml", None, f"raw.{key}", str(error))
    except UnclearNumbers as error:  # number cells read one way only by a guess: each named
        report.extend(error.report)
    except ValueError as error:  # missing columns, columns of the wrong type
        name = source.name if source else settings.name
        report.add(name, None, None, str(error).removeprefix(f"{name}: "))
    except Exception as error:  # the engine's own error while computing: its first line, no credential
        if engine is None:
            raise
        name = source.name if source else settings.name
        report.add(name, None, None, str(engine.fail(f"cannot be computed on {engine.label}", error)))
    return None


def _deals(files: dict[str, Path], config: Any, engines: _Engines, report: ValidationReport, result: RawResult) -> None:
    """The opportunities table from a CRM deals export, with notices for what was read by a default."""
    from boardpack.inputs.config import locale_hint
    from boardpack.inputs.raw.deals import compute_opportunities
    from boardpack.inputs.raw.deals_report import report_deals

    settings = config.raw.deals
    stages = list(config.forecast.stages)
    found = _compute(
        files,
        "deals",
        settings,
        "the deals export",
        engines,
        lambda source: compute_opportunities(source, settings, stages, locale_hint(config)),
        report,
    )
    if found is None:
        return
    _judge_bad_rows(found.check, settings.max_bad_rows, "deal", report)
    if _nothing_to_read(found.check, settings.max_bad_rows, "deal", report):
        return
    report_deals(found, settings, stages, "amount" in config.forecast.model_fields_set, report)
    header = ["id", "created", "amount", "stage", "expected_close", "source", "status", "closed"]
    result.tables["opportunities"] = RawTable(found.check.source, header, found.rows)


def load_raw(config: Any, report: ValidationReport, files: dict[str, Path], rates: Rates | None = None) -> RawResult:
    """Compute the revenue, funnel and opportunities tables from the exports named in `raw:`, if any.

    `files` are the export files by key (billing, crm, deals), checked to lie in the pack or data folder; a
    refused one is absent, and already reported. `rates` convert a ledger billed in other currencies.
    """
    settings = config.raw
    result = RawResult()
    if settings.billing is None and settings.crm is None and settings.deals is None:
        return result
    from boardpack.inputs.config import locale_hint
    from boardpack.inputs.fx.load import report_missing
    from boardpack.inputs.raw.crm import compute_funnel
    from boardpack.inputs.raw.ledger import compute_revenue

    engines = _Engines(settings)
    billing, crm = settings.billing, settings.crm
    try:
        if billing is not None:
            ledger = _compute(
                files,
                "billing",
                billing,
                "the ledger file",
                engines,
                lambda source: compute_revenue(source, billing, config.currency, locale_hint(config), rates),
                report,
            )
            if ledger is not None and ledger.missing and rates is not None:
                column = ledger.currency_column
                needed = {key: (ledger.check.source, line, column) for key, line in ledger.missing.items()}
                report_missing(rates, needed, report)
                _judge_bad_rows(ledger.check, billing.max_bad_rows, "subscription", report)
            elif ledger is not None:
                _judge_bad_rows(ledger.check, billing.max_bad_rows, "subscription", report)
                result.derived["currencies"] = ledger.currencies
                if ledger.undated_past_due:
                    report.note(
                        ledger.check.source,
                        None,
                        None,
                        N_(
                            "past-due subscriptions without a current period end: {count}; past_due_days cannot "
                            "apply to them, so they are kept as paying"
                        ),
                        count=ledger.undated_past_due,
                    )
                if ledger.rows:
                    result.tables["revenue"] = _as_table(ledger.check.source, ledger.rows)
                    result.derived["cohorts"] = ledger.cohorts
                elif not _nothing_to_read(ledger.check, billing.max_bad_rows, "subscription", report):
                    _no_month(ledger, report)
        if crm is not None:
            contacts = _compute(
                files,
                "crm",
                crm,
                "the contacts export",
                engines,
                lambda source: compute_funnel(source, crm, config.channels),
                report,
            )
            if contacts is not None:
                for original in contacts.unmapped:
                    report.add(
                        contacts.check.source,
                        None,
                        "source",
                        f"original source '{original}' is not a channel; expected a "
                        "mapping under raw.crm.channels or raw.crm.default_channel",
                    )
                _judge_bad_rows(contacts.check, crm.max_bad_rows, "contact", report)
                if not _nothing_to_read(contacts.check, crm.max_bad_rows, "contact", report):
                    result.tables["funnel"] = _as_table(contacts.check.source, contacts.rows)
                    result.derived["stage_days"] = contacts.stage_days
        if settings.deals is not None:
            _deals(files, config, engines, report, result)
    finally:
        engines.close()
    return result
