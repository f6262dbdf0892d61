"""Tables of marketing: the funnel, spend, traffic, events, email, social and the touches before a win."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from boardpack.inputs.cells import (
    Amount,
    Count,
    DateCell,
    Number,
    OptionalCount,
    OptionalCurrency,
    OptionalText,
    PeriodCell,
    Rate,
    Text,
    validation_error,
)
from boardpack.inputs.tables.spec import Row, TableSpec, check_channel, spec


class FunnelRow(Row):
    """Stage counts for one channel and one period: how many entered each stage in that period."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    channel: Text = Field(description="acquisition channel, one of `channels` in boardpack.yaml")
    visitors: OptionalCount = Field(None, description="unique visitors brought by the channel (blank if not tracked)")
    contacts: OptionalCount = Field(None, description="new contacts or subscribers (blank if not tracked)")
    leads: Count = Field(description="new leads")
    mqls: Count = Field(description="leads that became marketing-qualified (MQL)")
    sals: OptionalCount = Field(None, description="MQLs accepted by sales (SAL; blank if not tracked)")
    sqls: Count = Field(description="leads that became sales-qualified (SQL)")
    opportunities: Count = Field(description="opportunities opened")
    quotes: OptionalCount = Field(None, description="quotes or proposals sent (blank if not tracked)")
    customers: Count = Field(description="deals won: new paying customers from the channel")

    _check_channel = field_validator("channel")(check_channel)


class SpendRow(Row):
    """Money spent in a period, marked marketing or sales; people's costs included (fully loaded)."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    channel: OptionalText = Field(None, description="channel the spend is for; blank for costs not tied to one")
    type: Literal["marketing", "sales"] = Field(description="`marketing` or `sales`")
    category: Text = Field(description="what the money paid for: media, events, salaries, tools, ...")
    amount: Amount = Field(description="amount in the pack currency (or in `currency`), ≥ 0")
    currency: OptionalCurrency = Field(None, description="currency of the amount when not the pack's (may be blank)")

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else check_channel(value, info)

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: object) -> str:
        text = str(value or "").strip().lower()
        if text not in ("marketing", "sales"):
            raise validation_error(
                "choice", "'{value}' is not a spend type; expected marketing or sales", value=value or ""
            )
        return text


class TrafficRow(Row):
    """Website analytics for one period, as an analytics tool reports them."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    sessions: Count = Field(description="sessions (visits)")
    users: Count = Field(description="users in the period (summed over months for a quarter)")
    pageviews: Count = Field(description="pages viewed")
    avg_session_duration: Number = Field(description="average session duration, in seconds")
    bounce_rate: Rate = Field(description="share of single-page sessions, 0..1 or a percentage")


class EventRow(Row):
    """A trade show or event: people who visited the booth, and the leads they gave."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3) of the event")
    event: Text = Field(description="event name")
    booth_visitors: Count = Field(description="people who visited the booth or stand")
    leads: Count = Field(description="leads captured at the event")


class EmailRow(Row):
    """Email marketing results for one period."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    delivered: Count = Field(description="emails delivered")
    opens: Count = Field(description="unique opens")
    clicks: Count = Field(description="unique clicks")
    unsubscribes: Count = Field(description="unsubscribes")

    @model_validator(mode="after")
    def _within_delivered(self) -> EmailRow:
        for name in ("opens", "clicks", "unsubscribes"):
            if getattr(self, name) > self.delivered:
                raise validation_error(
                    "range",
                    "{name} {value} is more than delivered {delivered}; expected at most the emails delivered",
                    name=name,
                    value=getattr(self, name),
                    delivered=self.delivered,
                )
        return self


class SocialRow(Row):
    """Social media results for one network and one period."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    network: Text = Field(description="LinkedIn, X, YouTube, ...")
    reach: Count = Field(description="people reached")
    engagements: Count = Field(description="likes, comments, shares and clicks")
    followers: Count = Field(description="followers at the end of the period")


class TouchRow(Row):
    """One marketing touch on the way to a win, for first-touch, last-touch and linear attribution."""

    customer: Text = Field(description="customer name or id (as in wins.csv)")
    touched: DateCell = Field(description="date of the touch")
    channel: Text = Field(description="channel of the touch, one of `channels` in boardpack.yaml")

    _check_channel = field_validator("channel")(check_channel)


def _funnel_row(period: str, channel: str, counts: str) -> dict[str, str]:
    """An example funnel row from its stage counts in column order, `-` for a stage not tracked."""
    stages = ("visitors", "contacts", "leads", "mqls", "sals", "sqls", "opportunities", "quotes", "customers")
    values = ("" if count == "-" else count for count in counts.split())
    return {"period": period, "channel": channel, **dict(zip(stages, values, strict=True))}


SPECS: tuple[TableSpec, ...] = (
    spec(
        "funnel",
        FunnelRow,
        ("channel",),
        "period",
        "Funnel counts per channel",
        tuple(
            _funnel_row(period, channel, counts)
            for period, channel, counts in (
                ("2026-07", "Organic search", "18000 900 420 110 70 45 28 16 3"),
                ("2026-07", "Paid search", "9000 450 260 70 45 28 16 9 2"),
                ("2026-07", "Events", "- - 160 40 30 20 12 8 1"),
                ("2026-08", "Organic search", "17000 860 400 105 68 44 27 15 2"),
                ("2026-08", "Paid search", "9500 480 280 78 50 31 18 10 2"),
                ("2026-08", "Events", "- - 120 32 24 16 10 6 1"),
            )
        ),
        channel="channel",
    ),
    spec(
        "spend",
        SpendRow,
        ("channel", "type", "category"),
        "period",
        "Marketing and sales spend",
        tuple(
            {"period": period, "channel": channel, "type": kind, "category": category, "amount": amount}
            for period in ("2026-07", "2026-08")
            for channel, kind, category, amount in (
                ("Paid search", "marketing", "Media", "2500" if period == "2026-07" else "2600"),
                ("Organic search", "marketing", "Content", "1200"),
                ("Events", "marketing", "Booths", "1800" if period == "2026-07" else "1400"),
                ("", "sales", "Salaries", "3000"),
            )
        ),
        channel="channel",
    ),
    spec(
        "traffic",
        TrafficRow,
        (),
        "period",
        "Website traffic",
        (
            {
                "period": "2026-07",
                "sessions": "52000",
                "users": "38000",
                "pageviews": "131000",
                "avg_session_duration": "154",
                "bounce_rate": "0.46",
            },
            {
                "period": "2026-08",
                "sessions": "48000",
                "users": "35500",
                "pageviews": "118000",
                "avg_session_duration": "149",
                "bounce_rate": "48%",
            },
        ),
    ),
    spec(
        "events",
        EventRow,
        ("event",),
        "period",
        "Trade shows and events",
        (
            {"period": "2026-07", "event": "SaaS Expo Paris", "booth_visitors": "640", "leads": "85"},
            {"period": "2026-08", "event": "Cloud Summit", "booth_visitors": "410", "leads": "52"},
        ),
        sparse=True,
        event="event",
    ),
    spec(
        "email",
        EmailRow,
        (),
        "period",
        "Email marketing",
        (
            {"period": "2026-07", "delivered": "24000", "opens": "6900", "clicks": "980", "unsubscribes": "60"},
            {"period": "2026-08", "delivered": "22500", "opens": "6100", "clicks": "870", "unsubscribes": "55"},
        ),
    ),
    spec(
        "social",
        SocialRow,
        ("network",),
        "period",
        "Social media",
        (
            {
                "period": "2026-07",
                "network": "LinkedIn",
                "reach": "85000",
                "engagements": "2400",
                "followers": "12400",
            },
            {
                "period": "2026-08",
                "network": "LinkedIn",
                "reach": "91000",
                "engagements": "2650",
                "followers": "12710",
            },
        ),
        network="network",
    ),
    spec(
        "touches",
        TouchRow,
        None,
        "touched",
        "Marketing touches before each win",
        (
            {"customer": "Initech", "touched": "2026-06-02", "channel": "Organic search"},
            {"customer": "Initech", "touched": "2026-07-10", "channel": "Events"},
            {"customer": "Umbrella", "touched": "2026-07-18", "channel": "Paid search"},
            {"customer": "Umbrella", "touched": "2026-08-01", "channel": "Events"},
        ),
        dated=True,
        channel="channel",
        customer_level=True,
    ),
)
