"""Raw exports (a billing ledger, a CRM contacts export) turned into the pack's tables with DuckDB.

The computed tables go through the same row models and checks as typed-in ones (the revenue
movements must still reconcile), so everything downstream is unchanged. Rows of an export that
cannot be read are reported with their line numbers; below the `max_bad_rows` share they are left
out and listed as notices, above it the pack is invalid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardpack.inputs.raw.readers import BadRow
from boardpack.inputs.readers import RawTable
from boardpack.inputs.report import ValidationReport

SHOWN_BAD_ROWS = 20


@dataclass
class RawResult:
    tables: dict[str, RawTable] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def _judge_bad_rows(
    bad: list[BadRow], total: int, limit: float, source: str, report: ValidationReport, notices: list[str]
) -> None:
    if not bad:
        return
    share = len(bad) / total if total else 1.0
    if share > limit:
        for row in bad[:SHOWN_BAD_ROWS]:
            column, _, message = row.problem.partition(": ")
            report.add(row.source, row.line, column, message)
        more = f" ({len(bad) - SHOWN_BAD_ROWS} more not shown)" if len(bad) > SHOWN_BAD_ROWS else ""
        report.add(
            source,
            None,
            None,
            f"{len(bad)} of {total} rows cannot be read ({share:.1%}){more}; "
            f"expected at most {limit:.1%} (max_bad_rows in boardpack.yaml)",
        )
    else:
        notices.append(f"{source}: {len(bad)} of {total} rows left out as unreadable, first: {bad[0]}")


def _as_table(source: str, rows: list[dict[str, Any]]) -> RawTable:
    header = list(rows[0]) if rows else []
    return RawTable(source, header, [(index + 2, row) for index, row in enumerate(rows)])


def _compute(root: Path, key: str, settings: Any, what: str, compute: Any, report: ValidationReport) -> Any:
    """Run one export's computation; a missing file or an unreadable export becomes a problem, not a crash."""
    import duckdb

    path = root / settings.file
    if not path.is_file():
        report.add("boardpack.yaml", None, f"raw.{key}.file", f"'{settings.file}' not found; expected {what}")
        return None
    try:
        return compute(path)
    except (ValueError, duckdb.Error) as exc:
        report.add(settings.file, None, None, str(exc).removeprefix(f"{settings.file}: "))
        return None


def load_raw(root: Path, config: Any, report: ValidationReport) -> RawResult:
    """Compute the revenue and funnel tables from the exports named in `raw:`, if any."""
    settings = config.raw
    result = RawResult()
    if settings.billing is None and settings.crm is None:
        return result
    from boardpack.inputs.raw.crm import compute_funnel
    from boardpack.inputs.raw.engine import connect
    from boardpack.inputs.raw.ledger import compute_revenue

    con = connect()
    billing, crm = settings.billing, settings.crm
    if billing is not None:
        ledger = _compute(
            root,
            "billing",
            billing,
            "the ledger file",
            lambda path: compute_revenue(path, billing.file, billing, config.currency, con),
            report,
        )
        if ledger is not None:
            _judge_bad_rows(
                ledger.bad_rows, ledger.total_rows, billing.max_bad_rows, billing.file, report, result.notices
            )
            result.tables["revenue"] = _as_table(billing.file, ledger.rows)
            result.derived["cohorts"] = ledger.cohorts
    if crm is not None:
        contacts = _compute(
            root,
            "crm",
            crm,
            "the contacts export",
            lambda path: compute_funnel(path, crm.file, crm, config.channels, con),
            report,
        )
        if contacts is not None:
            for name in contacts.unmapped:
                report.add(
                    crm.file,
                    None,
                    "source",
                    f"original source '{name}' is not a channel; expected a "
                    "mapping under raw.crm.channels or raw.crm.default_channel",
                )
            _judge_bad_rows(contacts.bad_rows, contacts.total_rows, crm.max_bad_rows, crm.file, report, result.notices)
            result.tables["funnel"] = _as_table(crm.file, contacts.rows)
            result.derived["stage_days"] = contacts.stage_days
    con.close()
    return result
