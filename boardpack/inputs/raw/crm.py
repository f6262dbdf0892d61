"""A CRM contacts export turned into the funnel table, and the days between stages.

Each contact carries the date it became a lead, an MQL, an SQL, an opportunity and a customer, and
its original source, mapped to one of the pack's channels. Two conventions, a setting named in the
appendix: period-based (each stage counts the contacts that entered it in the period) or
cohort-based (of the contacts that became leads in the period, how many reached each stage so far).
Like the ledger, the computation is Ibis expressions run where the contacts are; only counts per
month, channel and stage, and a histogram of days between stages, come back.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from boardpack.inputs.raw.ledger_rows import month_index, month_label
from boardpack.inputs.raw.readers import RowCheck, Source, check_rows
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
    """The funnel rows, the days between stages, the sources with no channel, and the unreadable contacts."""

    check: RowCheck
    rows: list[dict[str, Any]] = field(default_factory=list)
    stage_days: list[dict[str, Any]] = field(default_factory=list)  # month, step, days, contacts (a histogram)
    unmapped: list[str] = field(default_factory=list)


def _columns(settings: CrmSettings, header: list[str]) -> dict[str, str]:
    hubspot = settings.format == "hubspot" or (
        settings.format == "auto" and ("Record ID" in header or "Contact ID" in header)
    )
    base = dict(HUBSPOT) if hubspot else dict(GENERIC)
    if hubspot and "Record ID" not in header and "Contact ID" in header:
        base["contact"] = "Contact ID"  # the column's name in older HubSpot exports
    return {**base, **settings.columns}


def _message(row: dict[str, Any]) -> tuple[str, str]:
    """The column and the sentence for a contact's problem code, filled with its values."""
    code = row["problem"]
    if code == "contact":
        return "contact", "empty; expected a contact id"
    if code == "again":
        return (
            "contact",
            f"'{row['contact']}' again (first at line {row['first_line']}); expected each contact once "
            "(an export pasted twice)",
        )
    if code == "created":
        return "created", f"'{row['created_text'] or ''}' is not a date; expected a date such as 2026-07-14"
    stage, _, earlier = code.partition(">")
    if not earlier:
        return stage, f"'{row[f'{stage}_text']}' is not a date; expected a date or a blank cell"
    return stage, f"{row[stage]} is before {earlier} {row[earlier]}; expected stages in order"


def _repeated(contacts: Any) -> Any:
    """A contact id seen on an earlier line (an export pasted twice, two exports joined) is a bad row:
    counted again, it would add a lead, a customer and a conversion that never happened."""
    import ibis

    first = contacts.line.min().over(ibis.window(group_by=contacts.contact))
    contacts = contacts.mutate(first_line=first)
    again = contacts.problem.isnull() & (contacts.line > contacts.first_line)
    return contacts.mutate(problem=ibis.cases((again, "again"), else_=contacts.problem))


def compute_funnel(source: Source, settings: CrmSettings, channels: list[str]) -> CrmResult:
    import ibis
    from ibis import _

    engine = source.engine
    header = source.header()
    names = _columns(settings, header)
    missing = [names[f] for f in ("contact", "created", "source", "lead") if names[f] not in header]
    if missing:
        raise ValueError(
            f"{source.name}: missing column {', '.join(repr(m) for m in missing)}; expected the columns of a HubSpot "
            "contacts export or a `columns:` mapping in boardpack.yaml"
        )
    c = source.columns(names)
    mapping = {source_name.casefold(): channel for source_name, channel in settings.channels.items()}
    mapping.update({channel.casefold(): channel for channel in channels if channel.casefold() not in mapping})
    src = ibis.coalesce(c.text("source").nullif(""), ibis.literal("(no source)"))
    default = ibis.literal(settings.default_channel) if settings.default_channel else ibis.null("string")
    stages = {stage: c.date(stage) for stage in STAGES}
    texts = {f"{stage}_text": c.text(stage) for stage in STAGES}
    contacts = source.table.select(
        line=source.line(),
        contact=c.text("contact"),
        created=c.date("created"),
        created_text=c.text("created"),
        src=src,
        channel=src.lower().cases(*mapping.items(), else_=default),
        **stages,
        **texts,
    )
    c.check()
    k = contacts
    checks = [(k.contact.isnull() | (k.contact == ""), "contact"), (k.created.isnull(), "created")]
    checks += [(k[stage].isnull() & (k[f"{stage}_text"].nullif("").notnull()), stage) for stage in STAGES]
    checks += [(k[later] < k[earlier], f"{later}>{earlier}") for earlier, later in itertools.pairwise(STAGES)]
    # read and parsed once (without the cells kept for messages): every count below reads this copy
    written = contacts.mutate(problem=ibis.cases(*checks, else_=ibis.null("string")))
    contacts = engine.cache(written.drop("created_text", *texts))
    ids = engine.rows(contacts.aggregate(n=contacts.contact.count(), ids=contacts.contact.nunique()))[0]
    if ids["n"] > ids["ids"]:  # only then are the repeated ones looked for: it costs a pass over every contact
        written = _repeated(written)
        contacts = engine.cache(_repeated(contacts))
    check = check_rows(source, contacts, "contact", names, _message, detail=written)
    unmapped_rows = engine.rows(contacts.filter(contacts.channel.isnull()).select("src").distinct())
    good = contacts.filter(contacts.channel.notnull() & contacts.problem.isnull())

    # the month each count belongs to: the stage's own date (period) or the lead date (cohort)
    when = {stage: (stage if settings.conversion == "period" else "lead") for stage in STAGES}
    parts = [good.select("channel", month=month_index(good.created), measure=ibis.literal("contacts"))]
    for stage in STAGES:
        entered = good.filter(good[stage].notnull() & good[when[stage]].notnull())
        parts.append(
            entered.select(
                "channel", month=month_index(entered[when[stage]]), measure=ibis.literal(FUNNEL_COLUMN[stage])
            )
        )
    events = ibis.union(*parts)
    counts = engine.rows(events.group_by(["month", "channel", "measure"]).aggregate(n=_.count()))

    steps = []
    for frm, to in STEPS:
        both = good.filter(good[frm].notnull() & good[to].notnull())
        steps.append(
            both.select(
                month=month_index(both[to]),
                step=ibis.literal(f"{frm}_to_{to}"),
                days=ibis.least(both[to].delta(both[frm], unit="day"), MAX_DAYS),
            )
        )
    histogram = engine.rows(ibis.union(*steps).group_by(["month", "step", "days"]).aggregate(n=_.count()))
    return CrmResult(
        check,
        rows=_table(counts, channels),
        stage_days=sorted(
            (
                {"month": month_label(h["month"]), "step": h["step"], "days": h["days"], "contacts": h["n"]}
                for h in histogram
            ),
            key=lambda h: (h["month"], h["step"], h["days"]),
        ),
        unmapped=sorted(row["src"] for row in unmapped_rows),
    )


def _table(counts: list[dict[str, Any]], channels: list[str]) -> list[dict[str, Any]]:
    """Funnel rows for every month from the first to the last and every channel seen, zeros filled."""
    if not counts:
        return []
    months = range(min(c["month"] for c in counts), max(c["month"] for c in counts) + 1)
    used = sorted(
        {c["channel"] for c in counts}, key=lambda name: channels.index(name) if name in channels else len(channels)
    )
    table: dict[tuple[int, str], dict[str, Any]] = {}
    for month in months:
        for channel in used:
            table[(month, channel)] = {
                "period": month_label(month),
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
    for c in counts:
        table[(c["month"], c["channel"])][c["measure"]] = int(c["n"])
    return list(table.values())
