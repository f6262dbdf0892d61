"""A CRM contacts export turned into the funnel table, and the days between stages, with DuckDB.

Each contact carries the date it became a lead, an MQL, an SQL, an opportunity and a customer, and
its original source, mapped to one of the pack's channels. Two conventions, a setting named in the
appendix: period-based (each stage counts the contacts that entered it in the period) or
cohort-based (of the contacts that became leads in the period, how many reached each stage so far).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardpack.inputs.raw.ledger import duckdb_string
from boardpack.inputs.raw.readers import BadRow, parsed_date, read_source
from boardpack.inputs.raw.settings import CrmSettings

HUBSPOT = {
    "contact": "Record ID",
    "created": "Create Date",
    "source": "Original Source",
    "lead": "Became a Lead Date",
    "mql": "Became a Marketing Qualified Lead Date",
    "sql": "Became a Sales Qualified Lead Date",
    "opportunity": "Became an Opportunity Date",
    "customer": "Became a Customer Date",
}
GENERIC = {name: name for name in ("contact", "created", "source", "lead", "mql", "sql", "opportunity", "customer")}
STAGES = ("lead", "mql", "sql", "opportunity", "customer")
FUNNEL_COLUMN = {"lead": "leads", "mql": "mqls", "sql": "sqls", "opportunity": "opportunities", "customer": "customers"}
STEPS = (("lead", "mql"), ("mql", "sql"), ("sql", "opportunity"), ("opportunity", "customer"), ("lead", "customer"))
MAX_DAYS = 366  # longer waits are counted at 366: medians are what the board reads, and they stay exact below


@dataclass
class CrmResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    stage_days: list[dict[str, Any]] = field(default_factory=list)  # month, step, days, contacts (a histogram)
    bad_rows: list[BadRow] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    total_rows: int = 0


def _columns(settings: CrmSettings, header: list[str]) -> dict[str, str]:
    hubspot = settings.format == "hubspot" or (
        settings.format == "auto" and ("Record ID" in header or "Contact ID" in header)
    )
    base = dict(HUBSPOT) if hubspot else dict(GENERIC)
    if hubspot and "Record ID" not in header and "Contact ID" in header:
        base["contact"] = "Contact ID"  # the column's name in older HubSpot exports
    return {**base, **settings.columns}


def compute_funnel(
    path: Path, source: str, settings: CrmSettings, channels: list[str], connection: Any | None = None
) -> CrmResult:
    from boardpack.inputs.raw.engine import connect

    con = connection or connect()
    header = read_source(con, path, "contacts_raw")
    names = _columns(settings, header)
    missing = [names[f] for f in ("contact", "created", "source", "lead") if names[f] not in header]
    if missing:
        raise ValueError(
            f"{source}: missing column {', '.join(repr(m) for m in missing)}; expected the columns of a HubSpot "
            "contacts export or a `columns:` mapping in boardpack.yaml"
        )

    def col(name: str) -> str:
        return f'"{names[name]}"' if names.get(name) in header else "NULL"

    mapping = {source_name.casefold(): channel for source_name, channel in settings.channels.items()}
    mapping.update({channel.casefold(): channel for channel in channels if channel.casefold() not in mapping})
    cases = " ".join(f"WHEN lower(src) = {duckdb_string(k)} THEN {duckdb_string(v)}" for k, v in mapping.items())
    default = duckdb_string(settings.default_channel) if settings.default_channel else "NULL"
    dates = ", ".join(f"{parsed_date(col(stage))} AS {stage}, {col(stage)} AS {stage}_text" for stage in STAGES)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE contacts AS
        SELECT line, trim({col("contact")}) AS contact, {parsed_date(col("created"))} AS created,
               {col("created")} AS created_text, src, CASE {cases} ELSE {default} END AS channel, {dates}
        FROM (SELECT *, coalesce(nullif(trim({col("source")}), ''), '(no source)') AS src FROM contacts_raw)
    """)
    checks = [
        "WHEN contact IS NULL OR contact = '' THEN 'contact: empty; expected a contact id'",
        "WHEN created IS NULL THEN 'created: ''' || coalesce(created_text, '') || ''' is not a date; expected a date such as 2026-07-14'",
    ]
    for stage in STAGES:
        checks.append(
            f"WHEN {stage} IS NULL AND nullif(trim({stage}_text), '') IS NOT NULL THEN '{stage}: ''' || {stage}_text || ''' is not a date; expected a date or a blank cell'"
        )
    for earlier, later in itertools.pairwise(STAGES):
        checks.append(
            f"WHEN {later} < {earlier} THEN '{later}: ' || CAST({later} AS VARCHAR) || ' is before {earlier} ' || CAST({earlier} AS VARCHAR) || '; expected stages in order'"
        )
    bad = con.execute(f"""
        SELECT * FROM (SELECT line, CASE {" ".join(checks)} END AS problem FROM contacts)
        WHERE problem IS NOT NULL ORDER BY line
    """).fetchall()
    bad_lines = {line for line, _ in bad}
    unmapped = [
        row[0] for row in con.execute("SELECT DISTINCT src FROM contacts WHERE channel IS NULL ORDER BY 1").fetchall()
    ]
    total = con.execute("SELECT count(*) FROM contacts").fetchone()[0]
    con.execute("CREATE OR REPLACE TEMP TABLE bad_lines (line BIGINT)")
    if bad_lines:
        con.executemany("INSERT INTO bad_lines VALUES (?)", [(line,) for line in sorted(bad_lines)])
    con.execute("""
        CREATE OR REPLACE TEMP TABLE good AS
        SELECT * FROM contacts WHERE channel IS NOT NULL AND line NOT IN (SELECT line FROM bad_lines)
    """)
    # the month each count belongs to: the stage's own date (period) or the lead date (cohort)
    when = {stage: (stage if settings.conversion == "period" else "lead") for stage in STAGES}
    parts = ["SELECT channel, date_trunc('month', created) AS month, 'contacts' AS measure FROM good"]
    for stage in STAGES:
        parts.append(
            f"SELECT channel, date_trunc('month', {when[stage]}) AS month, '{FUNNEL_COLUMN[stage]}' AS measure "
            f"FROM good WHERE {stage} IS NOT NULL AND {when[stage]} IS NOT NULL"
        )
    counts = con.execute(f"""
        SELECT strftime(month, '%Y-%m') AS period, channel, measure, count(*) AS n
        FROM ({" UNION ALL ".join(parts)}) GROUP BY ALL ORDER BY 1, 2, 3
    """).fetchall()
    months = sorted({period for period, *_ in counts})
    table: dict[tuple[str, str], dict[str, Any]] = {}
    if months:
        first, last = months[0], months[-1]
        all_months = [
            m[0]
            for m in con.execute(
                f"SELECT strftime(m, '%Y-%m') FROM range(DATE '{first}-01', DATE '{last}-01' + INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(m)"
            ).fetchall()
        ]
        used = sorted(
            {channel for _, channel, _, _ in counts},
            key=lambda c: channels.index(c) if c in channels else len(channels),
        )
        for month in all_months:
            for channel in used:
                table[(month, channel)] = {
                    "period": month,
                    "channel": channel,
                    "visitors": None,
                    "contacts": 0,
                    "leads": 0,
                    "mqls": 0,
                    "sals": None,
                    "sqls": 0,
                    "opportunities": 0,
                    "quotes": None,
                    "customers": 0,
                }
    for period, channel, measure, n in counts:
        table[(period, channel)][measure] = n
    steps = " UNION ALL ".join(
        f"SELECT strftime(date_trunc('month', {to}), '%Y-%m') AS month, '{frm}_to_{to}' AS step, "
        f"least(datediff('day', {frm}, {to}), {MAX_DAYS}) AS days FROM good WHERE {frm} IS NOT NULL AND {to} IS NOT NULL"
        for frm, to in STEPS
    )
    histogram = con.execute(
        f"SELECT month, step, days, count(*) FROM ({steps}) GROUP BY ALL ORDER BY 1, 2, 3"
    ).fetchall()
    return CrmResult(
        rows=list(table.values()),
        stage_days=[{"month": m, "step": s, "days": d, "contacts": n} for m, s, d, n in histogram],
        bad_rows=[BadRow(source, line, problem) for line, problem in bad],
        unmapped=unmapped,
        total_rows=total,
    )
