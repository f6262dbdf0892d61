"""The DuckDB connection raw exports are computed on: a memory ceiling, spilling to disk beyond it.

With a ceiling, a ledger sixteen times larger needs more disk and time, not more memory: the
process stays within what a CI runner has. `BOARDPACK_DUCKDB_MEMORY` (for example `4GB`) and
`BOARDPACK_DUCKDB_THREADS` change the defaults.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

DEFAULT_MEMORY = "1GB"


def connect() -> Any:
    import duckdb

    con = duckdb.connect()
    memory = os.environ.get("BOARDPACK_DUCKDB_MEMORY", DEFAULT_MEMORY)
    spill = os.path.join(tempfile.gettempdir(), f"boardpack-duckdb-{os.getpid()}")
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute(f"SET temp_directory = '{spill}'")
    if threads := os.environ.get("BOARDPACK_DUCKDB_THREADS"):
        con.execute(f"SET threads = {int(threads)}")
    return con
