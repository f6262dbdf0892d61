"""The sample company built from Spark tables (local mode, a Hive catalog on disk) gives the same
metrics as from its export files. Marked `spark`: it needs Java and starts Spark twice (about a minute)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.engines.conftest import engine_pack
from tests.engines.test_postgres import FILES_NAMES, cli, metrics_text, without_notices

pytestmark = pytest.mark.spark
TABLE_NAMES = {"subscriptions (Spark)": "S", "contacts (Spark)": "C", "deals (Spark)": "D"}


def spark_pack(folder: Path, lake: Path, table: str = "subscriptions") -> Path:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from load_exports import spark_conf

    conf = yaml.safe_dump({"spark_conf": spark_conf(lake)}, default_flow_style=False, width=1000)
    raw = (
        "raw:\n  connection: spark\n"
        + "".join(f"  {line}\n" for line in conf.splitlines())
        + f"  billing:\n    table: {table}\n{{billing}}  crm:\n    table: contacts\n{{crm}}"
        + "  deals:\n    table: deals\n{deals}"
    )
    return engine_pack(folder, raw)


def test_same_metrics_json_from_spark_as_from_files(tmp_path: Path, spark_lake: Path) -> None:
    # through the command line: each Spark run gets its own JVM, as the embedded metastore allows one
    done = cli("metrics", str(spark_pack(tmp_path / "spark", spark_lake)), "--period", "2026-Q3", "--json")
    assert done.returncode == 0, done.stderr
    from_tables = without_notices(done.stdout)
    for name, short in TABLE_NAMES.items():
        from_tables = from_tables.replace(name, short)
    from_tables = from_tables.replace(str(ROOT / "sample_data" / "northwind" / "data"), "../northwind/data")
    from_files = metrics_text(ROOT / "sample_data" / "northwind-raw", "2026-Q3", FILES_NAMES)
    assert '"value": 608108.0' in from_files
    assert from_tables == from_files  # byte for byte, but for the names of the two sources


def test_missing_spark_table_is_named(tmp_path: Path, spark_lake: Path) -> None:
    done = cli("validate", str(spark_pack(tmp_path / "missing", spark_lake, table="ledger_2026")))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        "boardpack.yaml:raw.billing: table 'ledger_2026' not found in spark; expected a table or view of that name"
        in done.stderr
    )
    assert "problem in" in done.stderr  # one problem: the contacts table was read


def test_a_running_session_is_used_and_left_running(tmp_path: Path, spark_lake: Path) -> None:
    """As in a notebook: the pack uses the session already running and does not stop it.

    Last in this file: the session's JVM keeps the embedded metastore locked until pytest exits.
    """
    import sys

    from pyspark.sql import SparkSession

    from boardpack.api import load_pack

    sys.path.insert(0, str(ROOT / "scripts"))
    from load_exports import spark_conf

    builder = SparkSession.builder.appName("notebook")
    for key, value in spark_conf(spark_lake).items():
        builder = builder.master(value) if key == "spark.master" else builder.config(key, value)
    session = builder.config("spark.ui.enabled", "false").getOrCreate()
    try:
        pack = load_pack(spark_pack(tmp_path / "notebook", spark_lake))
        assert pack.sources["revenue"] == "subscriptions (Spark)"
        assert SparkSession.getActiveSession() is session
        assert session.sql("SELECT count(*) AS n FROM subscriptions").collect()[0]["n"] == 3936
        # text cells read on Spark (ANSI mode) as on PostgreSQL and DuckDB, one bad cell failing nothing
        import ibis

        from boardpack.inputs.raw.values import parse_date
        from tests.engines.test_postgres import DATES, DATES_READ

        cells = ibis.pyspark.connect(session)  # not disconnected: that would stop the session
        frame = session.createDataFrame([(n, d) for n, d in enumerate(DATES)], "n int, d string")
        frame.createOrReplaceTempView("cells")
        table = cells.table("cells")
        rows = cells.to_pyarrow(table.select("n", d=parse_date(table.d, "Spark")).order_by("n")).to_pylist()
        assert [str(row["d"]) if row["d"] else None for row in rows] == DATES_READ
        # and number cells as the tables read them, for each decimal separator a column can settle on
        from boardpack.inputs.raw.values import parse_number
        from tests.inputs.test_raw_numbers import CELLS, NOT_NUMBERS, table_readings

        numbers = CELLS + NOT_NUMBERS
        frame = session.createDataFrame(list(enumerate(numbers)), "n int, x string")
        frame.createOrReplaceTempView("numbers")
        table = cells.table("numbers")
        for decimal in (None, "point", "comma"):
            rows = cells.to_pyarrow(table.select("n", x=parse_number(table.x, decimal)).order_by("n")).to_pylist()
            assert [row["x"] for row in rows] == table_readings(numbers, decimal), decimal
        # a ledger billed in two currencies, converted on Spark as on DuckDB (tests/inputs/test_currencies.py)
        ledger = [
            ("u1", "usd", "Team", "2026-07-10", None, "100", "month", "1", "USD"),
            ("e1", "eur", "Team", "2026-08-03", None, "50", "month", "1", "EUR"),
        ]
        columns = "subscription string, customer string, plan string, start string, `end` string, amount string, "
        columns += "interval string, quantity string, currency string"
        session.createDataFrame(ledger, columns).createOrReplaceTempView("fx_ledger")
        fx_pack = spark_pack(tmp_path / "fx", spark_lake, table="fx_ledger")
        (fx_pack / "eurofxref.csv").write_text("Date,USD,\n2026-09-30,1.0,\n2026-08-31,1.0,\n2026-07-31,1.25,\n")
        with (fx_pack / "boardpack.yaml").open("a") as config:
            config.write("fx:\n  ecb: eurofxref.csv\n")
        months = {row.month.label: row for row in load_pack(fx_pack).rows("revenue")}
        assert (months["2026-07"].mrr, months["2026-07"].new_mrr) == (80.0, 80.0)
        august = months["2026-08"]
        assert (august.mrr, august.new_mrr, august.expansion_mrr, august.fx_mrr) == (150.0, 50.0, 0.0, 20.0)
    finally:
        session.stop()
