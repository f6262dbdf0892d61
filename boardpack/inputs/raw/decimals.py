"""The decimal separator of an export's number columns, decided on its engine from all their cells.

The rule is the tables' (`boardpack/inputs/numbers.py`), so a ledger and a table agree on `12,50`
and `12.500`: one aggregate counts each text column's cells of each form on the engine, the
conventions are decided from those counts in Python, and `Columns.number` then reads each cell by
its column's convention. Columns the source already types as numbers say nothing. Cells that no
convention settles, or that settle a column both ways, are errors naming the export, the line (or
the row's key, in a table) and the column: rows read by a guess would change the MRR unseen.
"""

from __future__ import annotations

from typing import Any

from boardpack.i18n import N_
from boardpack.inputs.numbers import (
    AMBIGUOUS,
    CONTRADICTS,
    CONTRADICTS_KEYED,
    HAS,
    Convention,
    Tally,
    clean,
    decide,
    odd_one_out,
    readings,
)
from boardpack.inputs.raw.readers import SHOWN, Source
from boardpack.inputs.raw.values import Columns, number_form
from boardpack.inputs.report import ValidationReport

MORE = N_("{count} more cells like these are not shown")


class UnclearNumbers(ValueError):
    """Number cells of an export that cannot be read one way only; `report` holds one problem per cell."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__("\n".join(report.lines()))


def settle(
    source: Source, columns: Columns, fields: tuple[str, ...], key: str, hint: Convention | None
) -> dict[str, Convention | None]:
    """Each text number field's decimal separator; raises UnclearNumbers for ambiguous or contradicting cells.

    `key` is the field that names a row of a table without line numbers (the subscription id).
    """
    texts = [f for f in fields if columns.has(f) and columns.schema[columns.names[f]].is_string()]
    if not texts:
        return {}
    table = source.table
    forms = {f: number_form(table[columns.names[f]]) for f in texts}
    formed = table.select(**forms)  # each cell's form computed once, then counted three ways
    counts = {
        f"{f}__{kind}": formed.count(where=formed[f] == kind) for f in texts for kind in ("point", "comma", "ambiguous")
    }
    found = source.engine.rows(formed.aggregate(**counts))[0]
    tallies = {f: Tally() for f in texts}
    where = _Where(source, columns, key)
    for f, tally in tallies.items():
        tally.counts.update({kind: int(found[f"{f}__{kind}"]) for kind in ("point", "comma", "ambiguous")})
        if tally.contradicts:  # where each convention is first seen: the reference for the other cells
            firsts = {kind: where.cells(forms[f], kind, f, 1)[0] for kind in ("point", "comma")}
            tally.first = dict(sorted(firsts.items(), key=lambda item: item[1][0]))  # type: ignore[arg-type]
    decided = decide(tallies, hint)
    report = ValidationReport()
    for f, tally in tallies.items():
        column = columns.names[f]
        if tally.contradicts:
            odd = odd_one_out(tally)
            other_where, other = tally.first[tally.own]  # type: ignore[index]
            for at, cell in where.cells(forms[f], odd, f, SHOWN):
                values = {"value": cell, "this": HAS[odd], "other": other, "that": HAS[tally.own]}  # type: ignore[index]
                where.add(report, at, column, other_where, values)
            where.more(report, column, tally.counts[odd])
        elif decided[f] is None and tally.counts["ambiguous"]:
            for at, cell in where.cells(forms[f], "ambiguous", f, SHOWN):
                where.add(report, at, column, None, {"value": cell, **readings(clean(cell)[0])})
            where.more(report, column, tally.counts["ambiguous"])
    if report.problems:
        raise UnclearNumbers(report)
    return decided


class _Where:
    """Finds cells of a form in the export, and names them by line in a file or by key in a table."""

    def __init__(self, source: Source, columns: Columns, key: str) -> None:
        self.source, self.columns, self.key = source, columns, key
        self.key_name = columns.names.get(key, key)
        self.lines = source.lines is not None

    def cells(self, form: Any, kind: str, field: str, limit: int) -> list[tuple[Any, str]]:
        """The first `limit` cells of the form `kind`, in line (or key) order, with where each is."""
        table = self.source.table
        at = self.source.line() if self.lines else self.columns.text(self.key)
        found = table.filter(form == kind).select(at=at, cell=self.columns.text(field))
        return [(row["at"], row["cell"]) for row in self.source.engine.rows(found.order_by("at").limit(limit))]

    def add(self, report: ValidationReport, at: Any, column: str, other: Any, values: dict[str, Any]) -> None:
        name = self.source.name
        if other is None:
            template, extra = AMBIGUOUS, {}
        elif self.lines:
            template, extra = CONTRADICTS, {"first": other}
        else:
            template, extra = CONTRADICTS_KEYED, {"key_name": self.key_name, "key": other}
        if self.lines:
            report.add(name, at, column, template, **values, **extra)
        else:  # a table has no lines: its rows are named by their key, where a file names the line
            report.add(f"{name}:{self.key_name} '{at}'", None, column, template, **values, **extra)

    def more(self, report: ValidationReport, column: str, count: int) -> None:
        if count > SHOWN:
            report.add(self.source.name, None, column, MORE, count=count - SHOWN)
