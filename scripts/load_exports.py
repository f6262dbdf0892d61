"""Load raw export files into database tables, with the column types DuckDB reads in them.

The sample company's exports (and the benchmark's larger ones) are files; a company past one
machine keeps the same data in PostgreSQL or Spark. This puts the files there, typed as a
database would hold them (dates as DATE or TIMESTAMP, amounts as numbers), so the tests and the
benchmark can build the same pack from each engine.

    python scripts/load_exports.py postgres postgresql://postgres@127.0.0.1:5432/postgres \
        subscriptions=sample_data/northwind-raw/exports/subscriptions.csv contacts=...contacts.csv.gz deals=...deals.csv
    python scripts/load_exports.py spark /tmp/lake subscriptions=... contacts=... deals=...

For Spark the argument is a folder holding the warehouse and its metastore; a pack reads the
tables back with the `spark_conf` that `spark_conf(folder)` gives.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

PG_TYPES = {"DATE": "date", "TIMESTAMP": "timestamp", "BIGINT": "bigint", "DOUBLE": "double precision"}


def _read(con: Any, path: Path) -> tuple[str, list[tuple[str, str]]]:
    literal = "'" + str(path).replace("'", "''") + "'"
    relation = f"read_csv({literal}, header = true)" if path.suffix != ".parquet" else f"read_parquet({literal})"
    columns = [(row[0], row[1]) for row in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
    return relation, columns


def to_postgres(url: str, tables: dict[str, Path]) -> None:
    import duckdb
    import psycopg

    con = duckdb.connect()
    with psycopg.connect(url, autocommit=True) as pg:
        for name, path in tables.items():
            relation, columns = _read(con, path)
            ddl = ", ".join(f'"{column}" {PG_TYPES.get(kind, "text")}' for column, kind in columns)
            pg.execute(f'DROP TABLE IF EXISTS "{name}"')
            pg.execute(f'CREATE TABLE "{name}" ({ddl})')
            result = con.execute(f"SELECT * FROM {relation}")
            names = ", ".join(f'"{column}"' for column, _ in columns)
            with pg.cursor().copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
                while batch := result.fetchmany(50_000):
                    for row in batch:
                        copy.write_row(row)
            pg.execute(f'ANALYZE "{name}"')


def spark_conf(folder: Path) -> dict[str, str]:
    """Spark settings for a local catalog kept in `folder` (a Hive metastore on Derby, and its warehouse)."""
    return {
        "spark.master": "local[2]",
        "spark.sql.shuffle.partitions": "4",  # Spark's 200 are meant for a cluster: on two cores, mostly overhead
        "spark.sql.catalogImplementation": "hive",
        "spark.sql.warehouse.dir": str(folder / "warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL": f"jdbc:derby:;databaseName={folder / 'metastore'};create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={folder}",
    }


def to_spark(folder: Path, tables: dict[str, Path]) -> None:
    import duckdb
    from pyspark.sql import SparkSession

    folder.mkdir(parents=True, exist_ok=True)
    builder = SparkSession.builder.appName("load-exports")
    for key, value in spark_conf(folder).items():
        builder = builder.master(value) if key == "spark.master" else builder.config(key, value)
    session = builder.config("spark.ui.enabled", "false").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    con = duckdb.connect()
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in tables.items():
            relation, _ = _read(con, path)
            parquet = Path(tmp) / f"{name}.parquet"
            con.execute(f"COPY (SELECT * FROM {relation}) TO '{parquet}' (FORMAT parquet)")
            session.read.parquet(str(parquet)).write.mode("overwrite").saveAsTable(name)
    session.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("engine", choices=["postgres", "spark"])
    parser.add_argument("target", help="a PostgreSQL URL, or the folder of the Spark catalog")
    parser.add_argument("tables", nargs="+", help="name=file")
    args = parser.parse_args()
    tables = {name: Path(path) for name, _, path in (item.partition("=") for item in args.tables)}
    if args.engine == "postgres":
        to_postgres(args.target, tables)
    else:
        to_spark(Path(args.target), tables)


if __name__ == "__main__":
    main()
