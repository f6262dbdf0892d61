"""The appendix's words: the conventions every figure follows, and the policies a pack chose.

Each convention is written once here, and the appendix prints it in the deck's language.
"""

from __future__ import annotations

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.slides.result import DeckResult

CONVENTIONS = (
    (
        N_("Periods"),
        N_(
            "A quarter or a year sums its months' flows (leads, spend, new MRR) and reads its stocks (MRR, customers, "
            "followers) at the end of its last month.",
        ),
    ),
    (
        N_("Rates over a period"),
        N_(
            "Churn and retention are measured over the whole period against its opening figure, never as a sum of "
            "monthly rates. Where a monthly rate is needed (LTV, monthly benchmarks), it is the constant rate that "
            "compounds to the period's: 10% a quarter is 3.5% a month, not 3.3%.",
        ),
    ),
    (
        N_("Changes and status"),
        N_(
            "Changes compare with the prior period: amounts in percent, rates in points. Status compares with the "
            "target, else the benchmark, over the same length of time: rates compound, amounts summed over the "
            "period are prorated, and a rate's target given without a period is a yearly one. Within the watch band "
            "of the line, the status is Watch.",
        ),
    ),
    (
        N_("Conversions"),
        N_(
            "Funnel stages are period-based, trials and demos are cohorts: of those started in the period, the share "
            "converted. A conversion above 100% beyond the set tolerance is shown as n/m: it points at the data.",
        ),
    ),
    (
        N_("Counts of customers"),
        N_(
            "CAC and ARPU count the customers billed; conversions, leads per deal and CAC by channel count the deals "
            "won in the funnel; attribution counts the customers won. The data notes name any quarter in which these "
            "counts differ beyond the set tolerance.",
        ),
    ),
)
NEEDED_DATA = {
    "funnel": N_("data/funnel.csv (funnel counts per channel)"),
    "spend": N_("data/spend.csv (marketing and sales spend)"),
    "revenue": N_("data/revenue.csv (MRR and its movements per month)"),
    "pipeline": N_("data/pipeline.csv (pipeline created by source, and its target)"),
    "traffic": N_("data/traffic.csv (website sessions, users, pageviews)"),
    "events": N_("data/events.csv (trade-show booth visitors and leads)"),
    "churn_reasons": N_("data/churn_reasons.csv (churned customers with their reason)"),
    "trials": N_("data/trials.csv (free trials and their conversion)"),
    "demos": N_("data/demos.csv (demo requests and their conversion)"),
    "customers": N_("data/customers.csv (usage, tickets, NPS and billing per customer)"),
    "finance": N_("data/finance.csv (revenue and cost to serve)"),
    "email": N_("data/email.csv (email opens, clicks, unsubscribes)"),
    "social": N_("data/social.csv (social reach, engagements, followers)"),
    "wins": N_("data/wins.csv (customers won, with new MRR and original source)"),
    "touches": N_("data/touches.csv (marketing touches before each win)"),
    "opportunities": N_("data/opportunities.csv (open and closed opportunities, for pipeline coverage)"),
}
LTV_METHODS = {
    "margin": N_("ARPU × gross margin ÷ monthly customer churn"),
    "arpu_churn": N_("ARPU ÷ monthly customer churn (no margin)"),
    "annual_lifetime": N_("annual revenue per customer × gross margin × expected lifetime in years"),
}


def raw_policies(result: DeckResult) -> tuple[tuple[str, str], ...]:
    """The choices made when tables were computed from raw exports, for the appendix."""
    raw, t = result.config.raw, result.t
    found: list[tuple[str, str]] = []
    if raw.billing is not None:
        billing = raw.billing
        churn = t("at the end of the paid period") if billing.churn_at == "paid_through" else t("at cancellation")
        same = t("counted as new and churned") if billing.same_month == "count" else t("left out")
        due = (
            t("churn {days} days after their period ends").format(days=billing.past_due_days)
            if billing.past_due_days is not None
            else t("are kept until cancelled")
        )
        text = t(
            "MRR and its movements are computed from {file}: MRR is read at each month end; churn counts {churn}; "
            "a customer who joins and leaves within a month is {same}; past-due subscriptions {due}; "
            "subscriptions on trial, paused or incomplete and free plans count for nothing, unpaid ones until "
            "their current period ends; permanent discounts are deducted. A customer's segment and plan are those "
            "of its first subscription."
        )
        found.append(
            (
                t("Revenue from the billing ledger"),
                text.format(file=result.pack.sources.get("revenue", billing.name), churn=churn, same=same, due=due),
            )
        )
    if raw.crm is not None:
        basis = (
            t("period-based: each stage counts the contacts that entered it in the period")
            if raw.crm.conversion == "period"
            else t("cohort-based: of the contacts that became leads in the period, those that reached each stage")
        )
        text = t("Funnel counts come from {file} and are {basis}.").format(
            file=result.pack.sources.get("funnel", raw.crm.name), basis=basis
        )
        found.append((t("Funnel from the CRM export"), text))
    return tuple(found)


FX_RULES = {
    "month_end": N_("each month's last rate"),
    "month_average": N_("the average of each month's daily rates"),
    "booking": N_("the rate of the day each subscription started, kept for its life (tables: each month's average)"),
}


def fx_convention(result: DeckResult) -> tuple[tuple[str, str], ...]:
    """Which rates converted the amounts billed in other currencies, by which rule, from which source."""
    fx, t = result.figures.fx, result.t
    if fx is None:
        return ()
    rates = "; ".join(
        f"1 {currency} = "
        + ", ".join(
            f"{formatting.number(value, result.config.locale, 4)} {fx.reporting} ({month})"
            for month, value in months.items()
            if value is not None
        )
        for currency, months in fx.rates.items()
    )
    text = t(
        "Amounts in {currencies} are converted into {reporting} at {rule}, from {sources}. Movements are at constant "
        "currency (each month's amounts at the month before's rates); the rest of the change is the FX movement, "
        "shown apart. Rates used: {rates}."
    ).format(
        currencies=", ".join(fx.currencies),
        reporting=fx.reporting,
        rule=t(FX_RULES[fx.rule]),
        sources=", ".join(fx.sources),
        rates=rates,
    )
    return ((t("Exchange rates"), text),)


def observation(result: DeckResult) -> tuple[str, ...]:
    """How long the period's trial and demo cohorts were observed, one sentence each."""
    sentences = []
    for window in result.figures.observation:
        days = window.shortest_days
        if window.table == "trials":
            text = result.t.ngettext(
                "Trials started in {period} are observed until {as_of}: the latest started {days} day before.",
                "Trials started in {period} are observed until {as_of}: the latest started {days} days before.",
                days,
            )
        else:
            text = result.t.ngettext(
                "Demos requested in {period} are observed until {as_of}: the latest came {days} day before.",
                "Demos requested in {period} are observed until {as_of}: the latest came {days} days before.",
                days,
            )
        as_of = formatting.long_date(
            window.as_of, formatting.words_locale(result.config.locale, result.config.language)
        )
        period = formatting.period_name(result.metrics.period, result.config.language)
        sentences.append(text.format(period=period, as_of=as_of, days=days))
    return tuple(sentences)
