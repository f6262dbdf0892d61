"""The same ledger computed where it lives: the embedded DuckDB on a CSV file, PostgreSQL, Spark local.

The synthetic ledger of `raw_exports.py` (16x: 1 million customers over 36 months, 1.3 million rows)
is loaded into a PostgreSQL table and a Spark table first (not timed), then boardpack's ledger
computation runs in a fresh process per engine. Times are whole-process (imports, connecting,
computing, bringing the monthly rows back). Memory is sampled every 10 ms from /proc: the boardpack
Python process alone, and its process tree, which for Spark local mode includes the JVM that does
the work; the PostgreSQL server's own memory is the server's, outside the tree.

Run: `.venv/bin/python bench/engines.py [--size 16] [--engines duckdb,postgres,spark]`. PostgreSQL:
set BOARDPACK_TEST_POSTGRES=host:port and BOARDPACK_TEST_PG_PASSWORD for the `boardpack` role (as
`.ci/run` does), or have Debian's postgresql installed and a server is started for the run.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from build_time import _rss, _tree
from raw_exports import CUSTOMERS_AT_1X, LEDGER_SQL

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

COMPUTE = """
import json, sys
from pathlib import Path
from boardpack.inputs.raw.connection import Connection
from boardpack.inputs.raw.engine import LINE, connect, embedded
from boardpack.inputs.raw.ledger import compute_revenue
from boardpack.inputs.raw.readers import Source
from boardpack.inputs.raw.settings import BillingSettings
kind, where, conf = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if kind == "duckdb":
    engine = embedded()
    source = Source("ledger.csv", engine.file(Path(where)), engine, lines=LINE)
else:
    engine = connect(Connection(where), conf)
    source = Source("ledger", engine.table("ledger"), engine)
result = compute_revenue(source, BillingSettings(table="ledger", as_of="2026-09-30"), "EUR")
assert result.rows and not result.check.bad_count
print(json.dumps(result.rows))
engine.close()
"""


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall time, peak RSS of the process itself and of its tree (bytes), and its last output line."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    own = tree = 0
    while process.poll() is None:
        own = max(own, _rss([process.pid]))
        tree = max(tree, _rss(_tree(process.pid)))
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{command[-3]} failed:\n{err[-3000:]}")
    return elapsed, own, tree, out.strip().splitlines()[-1]


def _postgres() -> tuple[str, str, dict[str, str], Callable[[], object]]:
    """(host:port, password, env, stop) of a server: the one named in the environment, or one started here."""
    if address := os.environ.get("BOARDPACK_TEST_POSTGRES"):
        return address, os.environ["BOARDPACK_TEST_PG_PASSWORD"], dict(os.environ), lambda: None
    folder = Path(tempfile.mkdtemp(prefix="boardpack-bench-pg-"))
    os.chmod(folder, 0o755)
    password = secrets.token_urlsafe(12)
    env = {**os.environ, "BOARDPACK_TEST_PG_PASSWORD": password}
    script = str(ROOT / "scripts" / "postgres.sh")
    subprocess.run(["sh", script, "start", str(folder), "55499"], check=True, env=env)
    return "127.0.0.1:55499", password, env, lambda: subprocess.run(["sh", script, "stop", str(folder)], check=False)


def _load_postgres(ledger: Path, stops: list[Callable[[], object]]) -> tuple[str, dict[str, str]]:
    """The ledger loaded into a fresh database; the pack's connection line and the environment it needs."""
    import psycopg
    from load_exports import to_postgres

    address, password, env, stop = _postgres()
    stops.append(stop)
    start = time.perf_counter()
    with psycopg.connect(f"postgresql://boardpack:{password}@{address}/postgres", autocommit=True) as pg:
        pg.execute("DROP DATABASE IF EXISTS boardpack_bench")
        pg.execute("CREATE DATABASE boardpack_bench")
    to_postgres(f"postgresql://boardpack:{password}@{address}/boardpack_bench", {"ledger": ledger})
    print(f"loading PostgreSQL (not timed below): {time.perf_counter() - start:.1f} s")
    return f"postgresql://boardpack:${{BOARDPACK_TEST_PG_PASSWORD}}@{address}/boardpack_bench", env


def _load_spark(ledger: Path, lake: Path) -> dict[str, str]:
    from load_exports import spark_conf

    start = time.perf_counter()
    # in its own process: a JVM that has used the embedded metastore keeps its lock until it exits
    loader = [sys.executable, str(ROOT / "scripts" / "load_exports.py"), "spark", str(lake), f"ledger={ledger}"]
    subprocess.run(loader, check=True, capture_output=True)
    print(f"loading Spark (not timed below): {time.perf_counter() - start:.1f} s")
    return spark_conf(lake)


def _compare(outputs: dict[str, list[dict[str, object]]]) -> None:
    """Whether every engine gave the same monthly rows; if not, the largest difference."""
    (first, expected), *others = outputs.items()
    for label, rows in others:
        if rows == expected:
            print(f"{label}: the same {len(rows)} monthly rows as {first}")
            continue
        keys = [(r["segment"], r["plan"], r["month"]) for r in rows]
        if keys != [(r["segment"], r["plan"], r["month"]) for r in expected]:
            print(f"{label}: other months or segments than {first}")
            continue
        gaps = [
            (abs(float(a[name]) - float(b[name])), name, a["month"])  # type: ignore[arg-type]
            for a, b in zip(rows, expected, strict=True)
            for name in a
            if name not in ("segment", "plan", "month") and a[name] != b[name]
        ]
        print(f"{label}: {len(gaps)} values differ from {first}, the largest by {max(gaps)}")


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=16)
    parser.add_argument("--engines", default="duckdb,postgres,spark")
    args = parser.parse_args()
    engines = args.engines.split(",")
    stops: list[Callable[[], object]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ledger = tmp / "ledger.csv"
        con = duckdb.connect()
        con.execute(LEDGER_SQL.format(customers=CUSTOMERS_AT_1X * args.size, path=ledger))
        rows = con.execute(f"SELECT count(*) FROM read_csv('{ledger}')").fetchone()[0]
        con.close()
        print(f"ledger: {CUSTOMERS_AT_1X * args.size:,} customers, {rows:,} rows")
        try:
            runs: list[tuple[str, list[str], dict[str, str]]] = []
            if "duckdb" in engines:
                runs.append(("DuckDB (embedded, CSV file)", ["duckdb", str(ledger), "{}"], dict(os.environ)))
            if "postgres" in engines:
                url, env = _load_postgres(ledger, stops)
                runs.append(("PostgreSQL 15 (table)", ["postgres", url, "{}"], env))
            if "spark" in engines:
                conf = _load_spark(ledger, tmp / "lake")
                runs.append(("Spark local[2] (table)", ["spark", "spark", json.dumps(conf)], dict(os.environ)))
            print(f"{'engine':<32}{'time (s)':>10}{'python peak (MiB)':>19}{'tree peak (MiB)':>17}")
            outputs: dict[str, list[dict[str, object]]] = {}
            for label, arguments, env in runs:
                seconds, own, tree, last = measure([sys.executable, "-c", COMPUTE, *arguments], env)
                outputs[label] = json.loads(last)
                print(f"{label:<32}{seconds:>10.2f}{own / 2**20:>19.0f}{tree / 2**20:>17.0f}", flush=True)
            _compare(outputs)
        finally:
            for stop in stops:
                stop()


if __name__ == "__main__":
    main()
