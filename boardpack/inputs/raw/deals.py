"""A CRM deals export (HubSpot deals, Salesforce opportunities) turned into the opportunities table.

Each deal gives one row of the table: its amount, its stage, its close date (expected while open,
actual once closed), who sourced it, and whether it is open, won or lost, read from the CRM's
closed and won flags (or, without them, from the stage names Closed Won and Closed Lost). The
CRM's source values are mapped to marketing, sales or other: HubSpot's original source types and
Salesforce's lead sources have defaults below, and `raw.deals.sources` adds to them.

A closed deal's stage in a CRM is its closing stage, not where it stood; the table wants the stage a
lost deal was lost at, so that each stage's own win rate can be read. A `lost_stage` column gives it;
without one a lost deal counts as lost at the earliest stage, and a notice says how many did. A won
deal passed every stage, whatever its stage says.

The rows are read and checked where the export is (Ibis, as the other exports); only the readable
deals come back, to be checked again as any opportunities table is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from boardpack.i18n import N_
from boardpack.inputs.numbers import AMOUNT_LIMIT, Convention
from boardpack.inputs.raw.decimals import settle
from boardpack.inputs.raw.readers import RowCheck, Source, check_rows
from boardpack.inputs.raw.settings import DealsSettings

FIELDS = ("id", "created", "amount", "stage", "close_date", "source", "won", "closed", "lost_stage", "pipeline")
REQUIRED = ("id", "created", "amount", "stage", "close_date")
GENERIC = {name: name for name in FIELDS}
# the columns of a HubSpot deals export; a field with several names takes the first one the export has
HUBSPOT: dict[str, tuple[str, ...]] = {
    "id": ("Record ID", "Deal ID"),
    "created": ("Create Date",),
    "amount": ("Amount",),
    "stage": ("Deal Stage",),
    "close_date": ("Close Date",),
    "source": ("Original Source Type", "Original Source", "Deal source"),
    "won": ("Is Closed Won",),
    "closed": ("Is Deal Closed?", "Is Closed"),
    "pipeline": ("Pipeline",),
}
# the columns of a Salesforce opportunity report
SALESFORCE: dict[str, tuple[str, ...]] = {
    "id": ("Opportunity ID", "Opportunity Id"),
    "created": ("Created Date",),
    "amount": ("Amount",),
    "stage": ("Stage",),
    "close_date": ("Close Date",),
    "source": ("Lead Source",),
    "won": ("Won",),
    "closed": ("Closed",),
}
WON_STAGE, LOST_STAGE = "closed won", "closed lost"  # both CRMs' closing stages, for exports without the flags
TRUE, FALSE = ("true", "yes", "y", "1", "t"), ("false", "no", "n", "0", "f")
# who sources a deal, by the CRM's usual source values (casefolded): traffic and campaigns are marketing's;
# deals a salesperson created, imported or prospected are sales'; partners and word of mouth are other
DEFAULT_SOURCES = {
    **dict.fromkeys(
        (
            "organic search",
            "paid search",
            "email marketing",
            "organic social",
            "social media",
            "paid social",
            "referrals",
            "ai referrals",
            "other campaigns",
            "direct traffic",
            "web",
            "advertisement",
            "public relations",
            "seminar - internal",
            "seminar - partner",
            "trade show",
            "webinar",
            "phone inquiry",
            "purchased list",
            "marketing",
        ),
        "marketing",
    ),
    **dict.fromkeys(("offline sources", "outbound", "cold call", "sales"), "sales"),
    **dict.fromkeys(
        ("partner referral", "partner", "employee referral", "external referral", "word of mouth", "other"), "other"
    ),
}
MESSAGES = {
    "id": ("id", N_("empty; expected a deal id")),
    "again": ("id", N_("'{value}' again (first at line {first}); expected each deal once (an export pasted twice)")),
    "created": ("created", N_("'{value}' is not a date; expected a date such as 2026-07-14")),
    "amount_empty": ("amount", N_("empty; expected an amount ≥ 0")),
    "amount": ("amount", N_("'{value}' is not a number; expected an amount ≥ 0")),
    "negative": ("amount", N_("{value} is negative; expected an amount ≥ 0")),
    "large": ("amount", N_("'{value}' is too large; expected an amount ≥ 0, at most 1e+15")),
    "stage": ("stage", N_("empty; expected the deal's stage")),
    "close_date": (
        "close_date",
        N_("'{value}' is not a date; expected the day the deal closed or is expected to close, such as 2026-11-20"),
    ),
    "won": ("won", N_("'{value}' is not a yes or no; expected true, false, yes, no, 1 or 0")),
    "closed": ("closed", N_("'{value}' is not a yes or no; expected true, false, yes, no, 1 or 0")),
    "order": ("close_date", N_("closed {closed} is before created {created}; expected a later date")),
}
CELLS = {"again": "id", "created": "created_text", "amount": "amount_text", "negative": "amount_text"}
CELLS |= {"large": "amount_text", "close_date": "close_text", "won": "won_text", "closed": "closed_text"}


@dataclass
class DealsResult:
    """The opportunities rows (by the export's line), the sources read by the default, the lost deals
    counted at the earliest stage for want of the stage they were lost at, and the stages of open deals
    that `forecast.stages` does not name (those deals left out, each stage reported once)."""

    check: RowCheck
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)
    stageless: int = 0
    other_pipelines: int = 0  # deals left out for their pipeline (raw.deals.pipelines)
    unknown_stages: dict[str, tuple[int, int | None, str]] = field(default_factory=dict)  # count, first line, id
    names: dict[str, str] = field(default_factory=dict)


def columns_of(settings: DealsSettings, header: list[str]) -> dict[str, str]:
    """The export's column for each field: a CRM's own names (found, or by `format:`), then `columns:`."""
    kind = settings.format
    if kind == "auto":
        kind = "hubspot" if "Deal Stage" in header else "salesforce" if "Opportunity ID" in header else "generic"
    names = dict(GENERIC)
    if kind != "generic":
        for name, choices in (HUBSPOT if kind == "hubspot" else SALESFORCE).items():
            names[name] = next((choice for choice in choices if choice in header), choices[0])
    return {**names, **settings.columns}


def _message(row: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    column, template = MESSAGES[row["problem"]]
    values: dict[str, Any] = {}
    if (cell := CELLS.get(row["problem"])) is not None:
        values["value"] = row[cell] or ""
    if row["problem"] == "again":
        values["first"] = row["first_line"]
    if row["problem"] == "order":
        values = {"closed": row["close"].isoformat(), "created": row["created"].isoformat()}
    return column, template, values


def _flag(text: Any) -> Any:
    """A yes/no cell as a boolean: blank is no; anything else that is not a yes or a no is NULL."""
    import ibis

    lower = text.lower()
    return ibis.cases(
        (lower.isin(TRUE), True),
        (lower.isnull() | (lower == "") | lower.isin(FALSE), False),
        else_=ibis.null("boolean"),
    )


def _flag_field(c: Any, name: str) -> tuple[Any, Any]:
    """A flag column as a boolean and as text: a database or Parquet file may type it BOOLEAN already."""
    if c.has(name) and c.schema[c.names[name]].is_boolean():
        column = c.table[c.names[name]]
        return column, column.cast("string")
    text = c.text(name)
    return _flag(text), text


def _repeated(deals: Any) -> Any:
    """A deal id seen on an earlier line is a bad row: counted twice, it would double the pipeline."""
    import ibis

    deals = deals.mutate(first_line=deals.line.min().over(ibis.window(group_by=deals.id)))
    again = deals.problem.isnull() & (deals.line > deals.first_line)
    return deals.mutate(problem=ibis.cases((again, "again"), else_=deals.problem))


def compute_opportunities(
    source: Source, settings: DealsSettings, stages: list[str], hint: Convention | None = None
) -> DealsResult:
    """The export's readable deals as opportunities rows, with the rows that cannot be read counted."""
    import ibis

    engine = source.engine
    header = source.header()
    names = columns_of(settings, header)
    needed = (*REQUIRED, "pipeline") if settings.pipelines else REQUIRED
    missing = [names[f] for f in needed if names[f] not in header]
    if missing:
        raise ValueError(
            f"{source.name}: missing column {', '.join(repr(m) for m in missing)}; expected the columns of a HubSpot "
            "deals export, a Salesforce opportunity report or a `columns:` mapping in boardpack.yaml"
        )
    c = source.columns(names)
    c.decimals = settle(source, c, ("amount",), "id", hint)
    stage = c.text("stage")
    (won, won_text), (closed, closed_text) = _flag_field(c, "won"), _flag_field(c, "closed")
    deals = source.table.select(
        line=source.line(),
        id=c.text("id"),
        created=c.date("created"),
        created_text=c.text("created"),
        amount=c.number("amount"),
        amount_text=c.text("amount"),
        stage=stage,
        lost_stage=c.text("lost_stage"),
        close=c.date("close_date"),
        close_text=c.text("close_date"),
        source=c.text("source"),
        won_text=won_text,
        closed_text=closed_text,
        won=won if c.has("won") else stage.lower() == WON_STAGE,
        closed=closed if c.has("closed") else stage.lower().isin((WON_STAGE, LOST_STAGE)),
        pipeline=ibis.coalesce(c.text("pipeline"), ibis.literal("")).lower(),
    )
    c.check()
    other_pipelines = 0
    if settings.pipelines:  # deals of other pipelines (renewals, partners) are not this pipeline's: not read at all
        chosen = deals.pipeline.isin([name.casefold() for name in settings.pipelines])
        other_pipelines = int(engine.rows(deals.aggregate(n=deals.count(where=~chosen)))[0]["n"])
        deals = deals.filter(chosen)
    d = deals
    status = ibis.cases((d.won, "won"), (d.closed, "lost"), else_="open")
    problem = ibis.cases(
        (d.id.isnull() | (d.id == ""), "id"),
        (d.created.isnull(), "created"),
        (d.amount_text.isnull() | (d.amount_text == ""), "amount_empty"),
        (d.amount.isnull(), "amount"),
        (d.amount < 0, "negative"),
        (d.amount > AMOUNT_LIMIT, "large"),
        (d.stage.isnull() | (d.stage == ""), "stage"),
        (d.close.isnull(), "close_date"),
        (d.won.isnull(), "won"),
        (d.closed.isnull(), "closed"),
        ((status != "open") & (d.close < d.created), "order"),
        else_=ibis.null("string"),
    )
    written = deals.mutate(status=status, problem=problem)
    ids = engine.rows(written.aggregate(n=written.id.count(), ids=written.id.nunique()))[0]
    if ids["n"] > ids["ids"]:  # only then are the repeated ones looked for
        written = _repeated(written)
    written = engine.cache(written)
    check = check_rows(source, written, "id", names, _message)
    good = written.filter(written.problem.isnull())
    found = engine.rows(
        good.select("line", "id", "created", "amount", "stage", "lost_stage", "close", "source", "status").order_by(
            ["line", "id"]
        )
    )
    result = _rows(found, settings, stages, check, names)
    result.other_pipelines = other_pipelines
    return result


def _rows(
    found: list[dict[str, Any]], settings: DealsSettings, stages: list[str], check: RowCheck, names: dict[str, str]
) -> DealsResult:
    """Each deal as the opportunities table's cells: its source mapped, a closed deal's stage resolved."""
    known = {name.casefold(): name for name in stages}
    mapping = DEFAULT_SOURCES | {key.casefold(): value for key, value in settings.sources.items()}
    result = DealsResult(check, names=names)
    for number, deal in enumerate(found):
        stage = deal["stage"]
        if deal["status"] == "open" and stages and stage.casefold() not in known:
            count, first, first_id = result.unknown_stages.get(stage, (0, deal["line"], deal["id"]))
            result.unknown_stages[stage] = (count + 1, first, first_id)
            continue
        original = (deal["source"] or "").strip()
        who = mapping.get(original.casefold())
        if who is None:
            who = settings.default_source
            label = original or "(blank)"
            result.unmapped[label] = result.unmapped.get(label, 0) + 1
        if deal["status"] == "won" and stages:
            stage = known.get(stage.casefold(), stages[-1])  # a won deal passed every stage
        elif deal["status"] == "lost" and stages:
            lost_at = known.get((deal["lost_stage"] or "").casefold()) or known.get(stage.casefold())
            if lost_at is None:
                result.stageless += 1
            stage = lost_at or stages[0]
        line = deal["line"] if deal["line"] is not None else number + 2
        result.rows.append(
            (
                line,
                {
                    "id": deal["id"],
                    "created": deal["created"].isoformat(),
                    "amount": repr(float(deal["amount"])),
                    "stage": stage,
                    "expected_close": deal["close"].isoformat(),
                    "source": who,
                    "status": deal["status"],
                    "closed": deal["close"].isoformat() if deal["status"] != "open" else "",
                },
            )
        )
    return result
