"""Raw exports at scale: a synthetic ledger and CRM export at 1x, 4x and 16x, aggregated by boardpack's
Ibis computation on the embedded DuckDB in a fresh process each, beside a straightforward pandas
version of the ledger part. `bench/engines.py` runs the same ledger on PostgreSQL and Spark.

16x is 1 million customers over 36 months (about 1.4 million ledger rows and, as customer-months,
tens of millions of rows inside the computation) and 5 million CRM contacts.

Run: `.venv/bin/python bench/raw_exports.py [--sizes 1,4,16] [--pandas 1,4]` (pandas: `pip install pandas`).
Peak memory is the largest resident set of the process tree, sampled every 10 ms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from build_time import measure

CUSTOMERS_AT_1X = 62_500
CONTACTS_AT_1X = 312_500

LEDGER_SQL = """
COPY (
    WITH customers AS (
        SELECT i AS n, 'cus_' || i AS customer,
               (['Starter', 'Team', 'Business', 'Enterprise'])[1 + CAST(hash(i) % 4 AS BIGINT)] AS plan,
               DATE '2023-10-01' + CAST(hash(i * 7) % 1080 AS INTEGER) AS start_date,
               CAST(hash(i * 13) % 100 AS INTEGER) AS fate
        FROM range({customers}) t(i)
    )
    SELECT 'sub_' || n || '_1' AS subscription, customer, plan, start_date AS start,
           CASE WHEN fate < 45 THEN start_date + CAST(30 + hash(n * 17) % 700 AS INTEGER) END AS "end",
           CASE plan WHEN 'Starter' THEN 23 WHEN 'Team' THEN 28 WHEN 'Business' THEN 80 ELSE 205 END AS amount,
           CASE WHEN fate % 10 = 0 THEN 'year' ELSE 'month' END AS interval,
           1 + hash(n * 19) % 10 AS quantity
    FROM customers
    UNION ALL
    SELECT 'sub_' || n || '_2', customer, plan, start_date + 90, NULL, 15, 'month', 1 + hash(n * 23) % 4
    FROM customers WHERE fate >= 70
) TO '{path}' (HEADER, DELIMITER ',')
"""
CRM_SQL = """
COPY (
    SELECT 100000 + i AS "Record ID",
           CAST(DATE '2023-10-01' + CAST(hash(i) % 1080 AS INTEGER) AS VARCHAR) AS "Create Date",
           'lead' AS "Lifecycle Stage",
           (['Organic search', 'Paid search', 'Email marketing', 'Offline sources', 'Referrals'])[1 + CAST(hash(i * 3) % 5 AS BIGINT)] AS "Original Source",
           '' AS "Original Source Drill-Down 1",
           "Create Date" AS "Became a Lead Date",
           CASE WHEN hash(i * 5) % 100 < 30 THEN CAST(CAST("Create Date" AS DATE) + 7 AS VARCHAR) END AS "Became a Marketing Qualified Lead Date",
           CASE WHEN hash(i * 5) % 100 < 15 THEN CAST(CAST("Create Date" AS DATE) + 20 AS VARCHAR) END AS "Became a Sales Qualified Lead Date",
           CASE WHEN hash(i * 5) % 100 < 9 THEN CAST(CAST("Create Date" AS DATE) + 30 AS VARCHAR) END AS "Became an Opportunity Date",
           CASE WHEN hash(i * 5) % 100 < 3 THEN CAST(CAST("Create Date" AS DATE) + 60 AS VARCHAR) END AS "Became a Customer Date"
    FROM range({contacts}) t(i)
) TO '{path}' (HEADER, DELIMITER ',')
"""
BOARDPACK_LEDGER = """
import sys
from pathlib import Path
from boardpack.inputs.raw.engine import LINE, embedded
from boardpack.inputs.raw.ledger import compute_revenue
from boardpack.inputs.raw.readers import Source
from boardpack.inputs.raw.settings import BillingSettings
engine = embedded()
source = Source("ledger.csv", engine.file(Path(sys.argv[1])), engine, lines=LINE)
result = compute_revenue(source, BillingSettings(file="x", as_of="2026-09-30"), "EUR")
assert result.rows and not result.check.bad_count
engine.close()
"""
BOARDPACK_CRM = """
import sys
from pathlib import Path
from boardpack.inputs.raw.crm import compute_funnel
from boardpack.inputs.raw.engine import LINE, embedded
from boardpack.inputs.raw.readers import Source
from boardpack.inputs.raw.settings import CrmSettings
channels = ["Organic search", "Paid search", "Email", "Events", "Partners"]
mapping = {"Email marketing": "Email", "Offline sources": "Events", "Referrals": "Partners"}
engine = embedded()
source = Source("contacts.csv", engine.file(Path(sys.argv[1])), engine, lines=LINE)
result = compute_funnel(source, CrmSettings(file="x", channels=mapping), channels)
assert result.rows and not result.unmapped
engine.close()
"""
PANDAS_LEDGER = """
import sys
import numpy as np
import pandas as pd

ledger = pd.read_csv(sys.argv[1], parse_dates=["start", "end"])
months = pd.date_range("2023-10-01", "2026-09-01", freq="MS")
ledger["mrr"] = ledger["amount"] * ledger["quantity"] / np.where(ledger["interval"] == "year", 12.0, 1.0)
rows = []
for month in months:  # month-end snapshot of every subscription, the straightforward way
    end = month + pd.offsets.MonthEnd(0)
    active = ledger[(ledger["start"] <= end) & (ledger["end"].isna() | (ledger["end"] > end))]
    per_customer = active.groupby("customer", sort=False)["mrr"].sum().reset_index()
    per_customer["month"] = month
    rows.append(per_customer)
snap = pd.concat(rows, ignore_index=True).sort_values(["customer", "month"])
snap["prev_month"] = snap.groupby("customer")["month"].shift()
snap["prev_mrr"] = snap.groupby("customer")["mrr"].shift()
snap["next_month"] = snap.groupby("customer")["month"].shift(-1)
gap = snap["prev_month"] < snap["month"] - pd.offsets.MonthBegin(1)
kind = np.select(
    [snap["prev_month"].isna(), gap, snap["mrr"] > snap["prev_mrr"], snap["mrr"] < snap["prev_mrr"]],
    ["new", "reactivation", "expansion", "contraction"], default="",
)
snap["kind"] = kind
churn = snap[(snap["next_month"].isna() & (snap["month"] < months[-1]))
             | (snap["next_month"] > snap["month"] + pd.offsets.MonthBegin(1))]
summary = snap.groupby(["month", "kind"])["mrr"].sum()
churned = churn.groupby("month")["mrr"].sum()
assert len(summary) and len(churned)
"""


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16")
    parser.add_argument("--pandas", default="1,4")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    pandas_sizes = [int(s) for s in args.pandas.split(",") if s]
    print(f"{'input':<44}{'rows':>12}{'time (s)':>10}{'peak RSS (MiB)':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[tuple[str, int], float] = {}
        for size in sizes:
            ledger, contacts = Path(tmp) / f"ledger-{size}.csv", Path(tmp) / f"contacts-{size}.csv"
            con = duckdb.connect()
            con.execute(LEDGER_SQL.format(customers=CUSTOMERS_AT_1X * size, path=ledger))
            con.execute(CRM_SQL.format(contacts=CONTACTS_AT_1X * size, path=contacts))
            ledger_rows = con.execute(f"SELECT count(*) FROM read_csv('{ledger}')").fetchone()[0]
            con.close()
            runs = [
                ("ledger, boardpack (DuckDB)", BOARDPACK_LEDGER, ledger, ledger_rows),
                ("CRM export, boardpack (DuckDB)", BOARDPACK_CRM, contacts, CONTACTS_AT_1X * size),
            ]
            if size in pandas_sizes:
                runs.append(("ledger, straightforward pandas", PANDAS_LEDGER, ledger, ledger_rows))
            for label, script, path, rows in runs:
                seconds, peak = measure([sys.executable, "-c", script, str(path)])
                results[(label, size)] = seconds
                name = f"{size:>2}x {label}"
                print(f"{name:<44}{rows:>12,}{seconds:>10.2f}{peak / 2**20:>16.0f}", flush=True)
        for size in pandas_sizes:
            if (("ledger, straightforward pandas", size) in results) and (
                ("ledger, boardpack (DuckDB)", size) in results
            ):
                ratio = (
                    results[("ledger, straightforward pandas", size)] / results[("ledger, boardpack (DuckDB)", size)]
                )
                print(f"{size}x: pandas takes {ratio:.1f} times as long as DuckDB")


if __name__ == "__main__":
    main()
