"""What every raw export shares: where its table comes from, and the rows that cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from boardpack.inputs.raw.values import Columns

SHOWN = 20  # bad rows brought back with their values; the others are counted


@dataclass(frozen=True)
class Source:
    """One export as an Ibis table: a file, whose rows have line numbers (the header is line 1), or a table."""

    name: str  # the file as written in the pack, or "<table> (<engine>)"
    table: Any
    engine: Any  # boardpack.inputs.raw.engine.Engine
    lines: str | None = None  # the column holding a file's line numbers

    def line(self) -> Any:
        import ibis

        return self.table[self.lines].cast("int64") if self.lines else ibis.null("int64")

    def header(self) -> list[str]:
        return [name for name in self.table.schema() if name != self.lines]

    def columns(self, names: dict[str, str]) -> Columns:
        return Columns(self.table, names, self.name, engine=self.engine.name)


@dataclass(frozen=True, order=True)
class BadRow:
    """A row of an export that cannot be used: its line in a file, or its key in a table, and why."""

    source: str
    line: int | None
    key: str | None
    column: str
    message: str
    template: str | None = field(default=None, compare=False)  # with `params`: the message, translatable
    params: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else f"{self.source}:{self.key}"
        return f"{where}:{self.column}: {self.message}"


@dataclass
class RowCheck:
    """How many rows an export has, how many cannot be used, and the first few of those."""

    source: str
    total: int
    bad_count: int
    bad_rows: list[BadRow]


def check_rows(
    source: Source,
    rows: Any,
    key: str,
    names: dict[str, str],
    message: Callable[[dict[str, Any]], tuple[str, str] | tuple[str, str, dict[str, Any]]],
    detail: Any = None,
) -> RowCheck:
    """Count `rows` and those with a `problem` in one pass; bring back the first few, by line or by `key`.

    `message` turns a bad row into its field and sentence (or its field, a translatable template and the
    template's values); the field is named as the export names it.
    `detail` is the same rows with the cells as written, for the messages; it is read again only when
    there is something to show, so the cached `rows` need not carry text kept for messages alone.
    """
    counts = source.engine.rows(rows.aggregate(n=rows.count(), bad=rows.count(where=rows.problem.notnull())))[0]
    shown: list[dict[str, Any]] = []
    if counts["bad"]:
        detail = rows if detail is None else detail
        first = detail.filter(detail.problem.notnull()).order_by(["line", key]).limit(SHOWN)
        shown = source.engine.rows(first)
    bad_rows = []
    for row in shown:
        field_name, sentence, *values = message(row)
        params = tuple(values[0].items()) if values else ()
        column = names.get(field_name, field_name)
        text = sentence.format(**dict(params)) if params else sentence
        bad_rows.append(BadRow(source.name, row["line"], row[key], column, text, sentence if params else None, params))
    return RowCheck(source.name, int(counts["n"]), int(counts["bad"]), bad_rows)
