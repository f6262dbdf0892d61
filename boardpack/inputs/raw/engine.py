"""The engines raw exports are computed on, behind one small interface.

Files are read by an embedded DuckDB (no server; a memory ceiling, spilling to disk beyond it, so a
ledger sixteen times larger needs more disk and time rather than more memory). Tables are read
where they live, through the Ibis backend of the pack's `raw.connection`: PostgreSQL, Spark, or any
other engine Ibis compiles to. The computations in `ledger.py` and `crm.py` are Ibis expressions,
so the same code runs on each; only small aggregated results come back to Python.

`BOARDPACK_DUCKDB_MEMORY` (for example `4GB`) and `BOARDPACK_DUCKDB_THREADS` change the embedded
engine's defaults.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardpack.inputs.raw.connection import Connection, MissingVariable

DEFAULT_MEMORY = "1GB"
EXTRAS = {"postgres": "postgres", "postgresql": "postgres", "spark": "spark", "sc": "spark"}
_views = itertools.count(1)
LINE = "_boardpack_line"  # a file's line numbers, under a name no export uses


class SourceError(Exception):
    """A raw export's engine or table cannot be used; the message names them and holds no secret."""


@dataclass
class Engine:
    """An open Ibis backend and how to name it in messages."""

    backend: Any
    name: str  # DuckDB, PostgreSQL, Spark, ...
    connection: Connection | None = None
    cached: list[Any] = field(default_factory=list)
    owned: bool = True  # closed with boardpack; a Spark session found running is left running

    @property
    def label(self) -> str:
        return self.connection.label if self.connection else "DuckDB (embedded)"

    def fail(self, what: str, error: BaseException) -> SourceError:
        """A SourceError for `what` went wrong, with the driver's first line and no credential in it."""
        lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
        detail = lines[0] if lines else type(error).__name__
        if self.connection is not None:
            detail = self.connection.scrub(detail)
        return SourceError(f"{what}: {detail}")

    def file(self, path: Path) -> Any:
        """A CSV (every cell as text), gzipped CSV or Parquet file as a table with its line numbers (header = 1)."""
        con = self.backend.con  # the DuckDB connection under Ibis: its file readers keep the row order
        literal = "'" + str(path).replace("'", "''") + "'"
        if path.suffix.lower() == ".parquet":
            reader = f"read_parquet({literal})"
        else:
            reader = f"read_csv({literal}, all_varchar = true, header = true, auto_detect = true)"
        name = f"raw_file_{next(_views)}"
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT row_number() OVER () + 1 AS {LINE}, * FROM {reader}")
        return self.backend.table(name)

    def table(self, name: str) -> Any:
        """A table of the connected database, by `name` or `schema.name` (`database.name` on Spark)."""
        from ibis.common.exceptions import TableNotFound

        database, _, table = name.rpartition(".")
        try:
            return self.backend.table(table, database=database or None)
        except TableNotFound:
            raise SourceError(
                f"table '{name}' not found in {self.label}; expected a table or view of that name "
                "(schema.table for another schema)"
            ) from None
        except Exception as error:  # each driver has its own errors (rights, a catalog that cannot be read)
            raise self.fail(f"table '{name}' cannot be read in {self.label}", error) from None

    def rows(self, expression: Any) -> list[dict[str, Any]]:
        """Run `expression` on the engine and bring its (small) result back as dictionaries."""
        return self.backend.to_pyarrow(expression).to_pylist()

    def cache(self, expression: Any) -> Any:
        """Compute `expression` once into a temporary table on the engine, for the steps that read it again."""
        # Ibis 12's PySpark backend compiles the cached query without registering its in-memory tables
        # (the month grid) first; running its pre-execution step does, and is harmless elsewhere
        self.backend._register_in_memory_tables(expression)
        table = expression.cache()
        self.cached.append(table)
        return table

    def close(self) -> None:
        try:
            for table in self.cached:
                table.release()
            self.cached.clear()
            if self.owned:  # for Spark this stops the session, which also frees an embedded metastore
                self.backend.disconnect()
        except Exception:  # closing a session that failed half-way must not hide the first error
            pass


def embedded() -> Engine:
    """The DuckDB engine files are read with."""
    import ibis

    config = {
        "memory_limit": os.environ.get("BOARDPACK_DUCKDB_MEMORY", DEFAULT_MEMORY),
        "temp_directory": os.path.join(tempfile.gettempdir(), f"boardpack-duckdb-{os.getpid()}"),
    }
    if threads := os.environ.get("BOARDPACK_DUCKDB_THREADS"):
        config["threads"] = str(int(threads))
    return Engine(ibis.duckdb.connect(**config), "DuckDB")


def connect(connection: Connection, spark_conf: dict[str, str]) -> Engine:
    """Open the engine a connection line names; a refusal becomes a SourceError naming it, never a traceback."""
    engine = Engine(None, connection.engine, connection)
    try:
        if connection.scheme in ("spark", "sc"):
            import ibis

            session, engine.owned = _spark(connection, spark_conf)
            engine.backend = ibis.pyspark.connect(session)
        else:
            import ibis

            engine.backend = ibis.connect(connection.resolved())
    except MissingVariable as error:
        raise SourceError(f"{connection.label}: {error}") from None
    except ImportError as error:
        extra = EXTRAS.get(connection.scheme)
        install = f"boardpack[{extra}]" if extra else f"ibis-framework[{connection.scheme}]"
        raise SourceError(
            f"{connection.label}: the {connection.engine} driver is not installed ({error.name}); "
            f"expected `pip install '{install}'`"
        ) from None
    except Exception as error:  # drivers raise their own errors for refused connections
        raise engine.fail(f"cannot connect to {connection.label}", error) from None
    return engine


def _spark(connection: Connection, spark_conf: dict[str, str]) -> tuple[Any, bool]:
    """A Spark session, and whether boardpack started it.

    In a notebook or a spark-submit job, `connection: spark` uses the session already running (its
    own settings win; `spark_conf` is not applied). Otherwise a session is started: local or a
    cluster's master from `spark.master`, or Spark Connect for `sc://`.
    """
    from pyspark.sql import SparkSession

    if connection.scheme == "spark" and (active := SparkSession.getActiveSession()) is not None:
        return active, False

    builder = SparkSession.builder.appName("boardpack")
    if connection.scheme == "sc":
        builder = builder.remote(connection.resolved())
    else:
        builder = builder.master(spark_conf.get("spark.master", "local[*]"))
    defaults = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
    }
    for key, value in {**defaults, **spark_conf}.items():
        if key != "spark.master":
            builder = builder.config(key, value)
    session = builder.getOrCreate()
    if connection.scheme != "sc":
        session.sparkContext.setLogLevel("ERROR")
    return session, True
