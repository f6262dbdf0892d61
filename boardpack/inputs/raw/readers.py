"""Reading raw exports into DuckDB as text, with their line numbers, and parsing their dates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M")


@dataclass(frozen=True, order=True)
class BadRow:
    """A row of an export that cannot be used, with its line (the header is line 1) and why."""

    source: str
    line: int
    problem: str

    def __str__(self) -> str:
        column, _, message = self.problem.partition(": ")
        return f"{self.source}:{self.line}:{column}: {message}"


def read_source(con: Any, path: Path, table: str) -> list[str]:
    """Load a CSV (every cell as text) or Parquet file into `table` with a `line` column; return its header."""
    literal = "'" + str(path).replace("'", "''") + "'"
    if path.suffix.lower() == ".parquet":
        con.execute(f"CREATE OR REPLACE TEMP VIEW {table}_file AS SELECT * FROM read_parquet({literal})")
    else:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {table}_file AS SELECT * FROM read_csv({literal}, all_varchar = true, "
            "header = true, auto_detect = true)"
        )
    header = [row[0] for row in con.execute(f"DESCRIBE {table}_file").fetchall()]
    casts = ", ".join(f'CAST("{name}" AS VARCHAR) AS "{name}"' for name in header)
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT row_number() OVER () + 1 AS line, {casts} FROM {table}_file"
    )
    return header


def parsed_date(expression: str) -> str:
    """SQL turning a text cell into a DATE: ISO dates and timestamps, or day-first dates; NULL if neither."""
    if expression == "NULL":
        return "CAST(NULL AS DATE)"
    text = f"nullif(trim(replace(replace({expression}, ' UTC', ''), 'T', ' ')), '')"
    formats = ", ".join(f"'{f}'" for f in DATE_FORMATS)
    return f"CAST(coalesce(TRY_CAST({text} AS TIMESTAMP), try_strptime({text}, [{formats}])) AS DATE)"
