"""The sample company built from PostgreSQL tables gives the same metrics as from its export files.

The tables are typed as a database holds them (dates as DATE and TIMESTAMP, ids and amounts as
numbers) while the files are text, so the two runs share only the Ibis computation. Logins need
the role's password, which the pack names only as ${BOARDPACK_TEST_PG_PASSWORD}.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from boardpack.api import evaluate, load_pack, pack_metrics_json
from boardpack.inputs import PackInvalid
from boardpack.periods import parse_period
from tests.conftest import ROOT
from tests.engines.conftest import Postgres, engine_pack, load

FILES_NAMES = {"exports/subscriptions.csv": "S", "exports/contacts.csv.gz": "C", "exports/deals.csv": "D"}
TABLE_NAMES = {"subscriptions (PostgreSQL)": "S", "contacts (PostgreSQL)": "C", "deals (PostgreSQL)": "D"}


def postgres_pack(folder: Path, postgres: Postgres, database: str, extra: str = "") -> Path:
    raw = (
        f"raw:\n  connection: {postgres.url(database)}\n"
        "  billing:\n    table: subscriptions\n{billing}"
        "  crm:\n    table: contacts\n{crm}"
        "  deals:\n    table: deals\n{deals}" + extra
    )
    return engine_pack(folder, raw)


def without_notices(text: str) -> str:
    """The metrics JSON without its `notices`: a pack of files notes the data tables its exports replace."""
    import json

    data = json.loads(text)
    data.pop("notices", None)
    return json.dumps(data, indent=2, ensure_ascii=False)


def metrics_text(pack_dir: Path, period: str, names: dict[str, str]) -> str:
    """The metrics JSON as `boardpack metrics --json` prints it, the sources' names replaced by S and C."""
    pack = load_pack(pack_dir)
    result = evaluate(pack, parse_period(period))
    text = without_notices(pack_metrics_json(pack, result))  # as the command prints it
    for name, short in names.items():
        text = text.replace(name, short)
    return text.replace(str(ROOT / "sample_data" / "northwind" / "data"), "../northwind/data")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "boardpack.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


@pytest.mark.parametrize("period", ["2026-Q3", "2025"])
def test_same_metrics_json_from_postgres_as_from_files(
    tmp_path: Path, postgres: Postgres, northwind_postgres: str, period: str
) -> None:
    from_tables = metrics_text(postgres_pack(tmp_path / "pg", postgres, northwind_postgres), period, TABLE_NAMES)
    from_files = metrics_text(ROOT / "sample_data" / "northwind-raw", period, FILES_NAMES)
    assert '"mrr": {\n      "value": 608108.0' in from_files or period != "2026-Q3"
    assert from_tables == from_files  # byte for byte, but for the names of the two sources


def test_build_from_postgres_names_the_tables(tmp_path: Path, postgres: Postgres, northwind_postgres: str) -> None:
    pack = postgres_pack(tmp_path / "pg", postgres, northwind_postgres)
    done = cli("build", str(pack), "--period", "2026-Q3", "--format", "pdf,json", "--out-dir", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr, done.stderr
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "out/board-2026-Q3.pdf").pages)
    # the board reads the exports in words; the metrics JSON names the tables
    assert "computed from “billing ledger”" in text and "Funnel counts come from “CRM contacts export”" in text
    assert "contacts (PostgreSQL)" in (tmp_path / "out/board-2026-Q3.json").read_text(encoding="utf-8")
    secret = os.environ["BOARDPACK_TEST_PG_PASSWORD"]
    outputs = [tmp_path / "out/board-2026-Q3.json", tmp_path / "out/board-2026-Q3.pdf"]
    assert all(secret.encode() not in path.read_bytes() for path in outputs)
    assert secret not in done.stdout + done.stderr


def test_wrong_password_is_named_without_leaking(tmp_path: Path, postgres: Postgres, northwind_postgres: str) -> None:
    pack = postgres_pack(tmp_path / "pg", postgres, northwind_postgres)
    wrong = "Wrong-Pass-7f3e9"
    done = cli("validate", str(pack), env={"BOARDPACK_TEST_PG_PASSWORD": wrong})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and wrong not in done.stdout + done.stderr
    url = f"postgresql://boardpack:${{BOARDPACK_TEST_PG_PASSWORD}}@{postgres.host}:{postgres.port}/{northwind_postgres}"
    assert f"boardpack.yaml:raw.billing: cannot connect to {url}:" in done.stderr
    assert f"boardpack.yaml:raw.crm: cannot connect to {url}:" in done.stderr  # told too, without a second try
    assert 'password authentication failed for user "boardpack"' in done.stderr


def test_unset_variable_and_unreachable_server(tmp_path: Path, postgres: Postgres, northwind_postgres: str) -> None:
    pack = postgres_pack(tmp_path / "pg", postgres, northwind_postgres)
    env = {key: value for key, value in os.environ.items() if key != "BOARDPACK_TEST_PG_PASSWORD"}
    done = subprocess.run(
        [sys.executable, "-m", "boardpack.cli", "validate", str(pack)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "environment variable BOARDPACK_TEST_PG_PASSWORD is not set; expected it to hold a credential" in done.stderr
    closed = Postgres(postgres.host, 1, postgres.password)
    done = cli("validate", str(postgres_pack(tmp_path / "closed", closed, "northwind")))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"cannot connect to {closed.url('northwind')}: connection failed" in done.stderr
    assert postgres.password not in done.stderr


def test_missing_table_and_column_of_the_wrong_type(tmp_path: Path, postgres: Postgres) -> None:
    import psycopg

    url = postgres.create_database("broken")
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(
            "CREATE TABLE subscriptions (subscription text, customer text, plan text, start date, "
            '"end" date, amount date, interval text, quantity integer)'
        )
    with pytest.raises(PackInvalid) as error:
        load_pack(postgres_pack(tmp_path / "broken", postgres, "broken"))
    lines = error.value.report.lines()
    assert "subscriptions (PostgreSQL): column 'amount' is date; expected a number or text" in lines
    url = postgres.url("broken")
    assert (
        f"boardpack.yaml:raw.crm: table 'contacts' not found in {url}; "
        "expected a table or view of that name (schema.table for another schema)"
    ) in lines
    assert all(postgres.password not in line for line in lines)


def test_bad_rows_in_a_table_are_named_by_key(tmp_path: Path, postgres: Postgres) -> None:
    url = postgres.create_database("badrows")
    ledger = tmp_path / "ledger.csv"
    good = "".join(f"g{i},c{i},Pro,2026-01-0{1 + i % 9},,10,month,1\n" for i in range(48))
    ledger.write_text(
        "subscription,customer,plan,start,end,amount,interval,quantity\n"
        + good
        + "b1,x1,Pro,2026-01-02,,-5,month,1\nb2,x2,Pro,2026-01-02,,10,fortnight,1\n"
    )
    load("postgres", url, {"ledger": ledger})
    raw = f"raw:\n  connection: {postgres.url('badrows')}\n  billing:\n    table: ledger\n    as_of: 2026-01-31\n"
    raw += "    segments: {Pro: SMB}\n"
    pack = engine_pack(tmp_path / "bad", raw)
    with pytest.raises(PackInvalid) as error:
        load_pack(pack)
    lines = [line for line in error.value.report.lines() if line.startswith("ledger (PostgreSQL)")]
    assert lines == [
        "ledger (PostgreSQL): 2 of 50 rows cannot be read (4.0%); "
        "expected at most 1.0% (max_bad_rows in boardpack.yaml)",
        "ledger (PostgreSQL):amount: subscription 'b1': -5 is negative; expected an amount ≥ 0",
        "ledger (PostgreSQL):interval: subscription 'b2': 'fortnight' is not a billing interval; "
        "expected day, week, month or year",
    ]


DATES = [  # also read on Spark in tests/engines/test_spark.py
    "2026-07-14",
    "2026-7-4",
    "14/07/2026",
    "12/25/2026 10:00",
    "2026-02-30",
    "30/02/2026",
    "2024-02-29 10:00:00",
    "2026-07-14T08:00:00Z",
    "2026-07-14T01:00:00+02:00",
    "someday",
    "",
]
NUMBERS = ["1,200.50", "-5", "1e3", ".5", "12abc", "", "3."]
DATES_READ = [
    "2026-07-14",
    "2026-07-04",
    "2026-07-14",
    "2026-12-25",
    None,
    None,
    "2024-02-29",
    "2026-07-14",
    "2026-07-14",
    None,
    None,
]


def test_text_cells_parse_alike_on_postgres_and_duckdb(postgres: Postgres) -> None:
    """PostgreSQL fails a whole query on one bad cast: the guarded parsing must give NULL there, like DuckDB."""
    import ibis
    import psycopg

    from boardpack.inputs.raw.values import parse_date, parse_number

    url = postgres.create_database("cells")
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("CREATE TABLE cells (n integer, d text, x text)")
        for n, (d, x) in enumerate(zip(DATES, NUMBERS + [""] * 4, strict=True)):
            con.execute("INSERT INTO cells VALUES (%s, %s, %s)", (n, d, x))
    pg = ibis.connect(url)
    table = pg.table("cells")
    expression = table.select("n", d=parse_date(table.d), x=parse_number(table.x)).order_by("n")
    on_postgres = pg.to_pyarrow(expression).to_pylist()
    local = ibis.memtable({"n": list(range(len(DATES))), "d": DATES, "x": NUMBERS + [""] * 4})
    duckdb = ibis.duckdb.connect()
    for engine in ("", "DuckDB"):  # DuckDB by the portable patterns, and by its own TRY_CAST and try_strptime
        on_duckdb = duckdb.to_pyarrow(
            local.select("n", d=parse_date(local.d, engine), x=parse_number(local.x)).order_by("n")
        )
        assert on_postgres == on_duckdb.to_pylist(), engine
    assert [str(row["d"]) if row["d"] else None for row in on_postgres] == DATES_READ

    assert [row["x"] for row in on_postgres][: len(NUMBERS)] == [1200.5, -5.0, 1000.0, 0.5, None, None, 3.0]
    pg.disconnect()


@pytest.mark.parametrize("decimal", [None, "point", "comma"])
def test_number_cells_read_as_the_tables_read_them(postgres: Postgres, decimal: str | None) -> None:
    """Every form of number cell gives on PostgreSQL the figure the tables' reader gives (None: unreadable)."""
    import ibis
    import psycopg

    from tests.inputs.test_raw_numbers import CELLS, NOT_NUMBERS, engine_readings, table_readings

    cells = CELLS + NOT_NUMBERS
    url = postgres.create_database("numbers")
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("CREATE TABLE cells (n integer, x text)")
        for n, cell in enumerate(cells):
            con.execute("INSERT INTO cells VALUES (%s, %s)", (n, cell))
    pg = ibis.connect(url)
    from boardpack.inputs.raw.values import parse_number as read_on_engine

    table = pg.table("cells")
    on_postgres = [
        row["x"]
        for row in pg.to_pyarrow(table.select("n", x=read_on_engine(table.x, decimal)).order_by("n")).to_pylist()
    ]
    pg.disconnect()
    assert on_postgres == table_readings(cells, decimal)
    assert engine_readings(ibis.duckdb.connect(), cells, decimal) == on_postgres


def test_ambiguous_text_amounts_in_a_table_are_named_by_key(tmp_path: Path, postgres: Postgres) -> None:
    import psycopg

    url = postgres.create_database("ambiguous")
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(
            "CREATE TABLE ledger (subscription text, customer text, plan text, start date, amount text, interval text)"
        )
        con.execute(
            "INSERT INTO ledger VALUES ('s1', 'c1', 'Pro', '2026-01-01', '1000', 'month'), "
            "('s2', 'c2', 'Pro', '2026-01-01', '3,906.30', 'month'), "
            "('s3', 'c3', 'Pro', '2026-01-01', '1.234,50', 'month')"
        )
    raw = f"raw:\n  connection: {postgres.url('ambiguous')}\n  billing:\n    table: ledger\n    as_of: 2026-01-31\n"
    with pytest.raises(PackInvalid) as error:
        load_pack(engine_pack(tmp_path / "ambiguous", raw + "    segments: {Pro: SMB}\n"))
    assert [line for line in error.value.report.lines() if line.startswith("ledger (PostgreSQL)")] == [
        "ledger (PostgreSQL):subscription 's3':amount: '1.234,50' has a decimal comma, but '3,906.30' of "
        "subscription 's2' has a decimal point; expected one decimal separator throughout the column"
    ]
