"""What every raw export shares: where its table comes from, and the rows that cannot be used."""

from __future__ import annotations

from dataclasses import dataclass
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

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else f"{self.source}:{self.key}"
        return f"{where}:{self.column}: {self.message}"


def first_bad_rows(source: Source, rows: Any, order: list[str], detail: Any = None) -> tuple[int, list[dict[str, Any]]]:
    """How many of `rows` have a `problem`, and the first few (by line, or by key) with their values.

    `detail` is the same rows with the cells as written, for the messages; it is read again only when
    there is something to show, so the cached `rows` need not carry text kept for messages alone.
    """
    bad = rows.filter(rows.problem.notnull())
    count = source.engine.rows(bad.aggregate(n=bad.count()))[0]["n"]
    if not count:
        return 0, []
    detail = rows if detail is None else detail
    return int(count), source.engine.rows(detail.filter(detail.problem.notnull()).order_by(order).limit(SHOWN))
