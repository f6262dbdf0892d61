"""The cost of converting a ledger billed in several currencies: the 1-million-customer ledger of
`bench/raw_exports.py` (16x) computed once in euros alone, and once with its customers billed in EUR,
USD, GBP and RON with a rate per currency and month, each in a fresh process on the embedded DuckDB.

The ratio is the second time over the first, in one run, so that the machine's load weighs on both.

Run: `.venv/bin/python bench/currencies.py [--size 16]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from build_time import measure
from raw_exports import CUSTOMERS_AT_1X, LEDGER_SQL

CURRENCIES = "(['EUR', 'USD', 'GBP', 'RON'])[1 + CAST(hash(customer) % 4 AS BIGINT)]"
LEDGER = """
import sys
from datetime import date
from pathlib import Path
from boardpack.inputs.fx.rates import Rates, Series
from boardpack.inputs.raw.engine import LINE, embedded
from boardpack.inputs.raw.ledger import compute_revenue
from boardpack.inputs.raw.readers import Source
from boardpack.inputs.raw.settings import BillingSettings
months = range(2023 * 12 + 9, 2026 * 12 + 9)  # 2023-10 to 2026-09
per_euro = {"USD": 1.08, "GBP": 0.85, "RON": 4.97}
rates = Rates("EUR", "month_end", ("bench",), {
    code: Series(months={m: (1 + (m % 7) / 100) / value for m in months}) for code, value in per_euro.items()
})
engine = embedded()
source = Source("ledger.csv", engine.file(Path(sys.argv[1])), engine, lines=LINE)
converting = sys.argv[2] == "fx"
settings = BillingSettings(file="x", as_of="2026-09-30")
result = compute_revenue(source, settings, "EUR", rates=rates if converting else None)
assert result.rows and not result.check.bad_count and not result.missing
assert (sum(abs(r["fx_mrr"]) for r in result.rows) > 0) == converting
engine.close()
"""


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one, several = Path(tmp) / "ledger-eur.csv", Path(tmp) / "ledger-fx.csv"
        con = duckdb.connect()
        con.execute(LEDGER_SQL.format(customers=CUSTOMERS_AT_1X * args.size, path=one))
        con.execute(
            f"COPY (SELECT *, {CURRENCIES} AS currency FROM read_csv('{one}')) TO '{several}' (HEADER, DELIMITER ',')"
        )
        rows = con.execute(f"SELECT count(*) FROM read_csv('{one}')").fetchone()[0]
        con.close()
        print(f"{args.size}x ledger: {rows:,} rows, {CUSTOMERS_AT_1X * args.size:,} customers")
        print(f"{'run':<52}{'time (s)':>10}{'peak RSS (MiB)':>16}")
        times = {}
        for label, path, mode in (
            ("one currency (EUR), no rates", one, "plain"),
            ("EUR, USD, GBP, RON converted per month", several, "fx"),
        ):
            seconds, peak = measure([sys.executable, "-c", LEDGER, str(path), mode])
            times[mode] = seconds
            print(f"{label:<52}{seconds:>10.2f}{peak / 2**20:>16.0f}", flush=True)
        print(f"conversion: {times['fx'] / times['plain']:.2f} times the time of one currency")


if __name__ == "__main__":
    main()
