"""Channels compared the way a budget decision needs: by what a customer costs, not what a lead costs.

A channel with dear leads that convert well can win customers more cheaply than one with cheap leads
that do not, so a rule that moves budget reads each channel's CAC (its marketing spend over its wins),
its conversion of leads to customers and its number of wins. A channel with fewer wins than
`findings.min_observations` is not compared at all: three wins make a CAC that one deal more or less
would halve, and a board should not move money on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from boardpack.inputs.findings import FindingsSettings
from boardpack.metrics.result import MetricSet


@dataclass(frozen=True)
class Channel:
    """One acquisition channel's period: spend, leads and wins, and the ratios a rule compares."""

    name: str
    spend: float
    leads: float
    wins: float

    @property
    def cac(self) -> float | None:
        return self.spend / self.wins if self.wins else None

    @property
    def cpl(self) -> float | None:
        return self.spend / self.leads if self.leads else None

    @property
    def conversion(self) -> float | None:
        """Share of the channel's leads that became customers in the period."""
        return self.wins / self.leads if self.leads else None

    def as_context(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "spend": self.spend,
            "leads": self.leads,
            "wins": self.wins,
            "cac": self.cac,
            "cpl": self.cpl,
            "conversion": self.conversion,
        }


def round_amount(value: float) -> float:
    """An amount a board would say aloud: two significant figures (6,532 -> 6,500; 12,480 -> 12,000)."""
    if value <= 0:
        return 0.0
    scale = 10 ** (math.floor(math.log10(value)) - 1)
    return float(round(value / scale) * scale)


def channels_of(metrics: MetricSet) -> list[Channel]:
    """The period's channels with marketing spend, leads or wins, in the pack's order."""
    figures = metrics.figures
    if figures is None:
        return []
    spend = figures.measure("marketing_spend", "channel") or {}
    leads = figures.measure("leads", "channel") or {}
    wins = figures.measure("won", "channel") or {}
    names = [name for name in dict.fromkeys([*leads, *wins, *spend]) if name]
    return [
        Channel(name, float(spend.get(name) or 0), float(leads.get(name) or 0), float(wins.get(name) or 0))
        for name in names
        if spend.get(name) or leads.get(name) or wins.get(name)
    ]


def channel_comparison(metrics: MetricSet, findings: FindingsSettings) -> dict[str, Any]:
    """What a budget rule reads as `channels`: every channel by name (`channels.by['Events'].cac`), those
    with enough wins to compare (`compared`), those without (`few`), the dearest and cheapest compared
    channel per customer (`laggard`, `leader`), and a budget move between them with its effect at today's
    CAC (`shift`, an amount; `gain`, customers a period)."""
    found = channels_of(metrics)
    compared = [c for c in found if c.wins >= findings.min_observations and c.cac is not None]
    few = [c for c in found if c.wins < findings.min_observations]
    context: dict[str, Any] = {
        "by": {c.name: c.as_context() for c in found},
        "compared": [c.name for c in compared],
        "few": [c.name for c in few],
        "laggard": None,
        "leader": None,
        "gap": None,
        "shift": None,
        "gain": None,
    }
    if len(compared) < 2:
        return context
    laggard = max(compared, key=lambda c: c.cac or 0.0)
    leader = min(compared, key=lambda c: c.cac or 0.0)
    if laggard.cac is None or leader.cac is None or laggard is leader:
        return context
    shift = round_amount(laggard.spend * findings.thresholds.budget_shift)
    context.update(
        laggard=laggard.name,
        leader=leader.name,
        gap=laggard.cac / leader.cac if leader.cac else None,
        shift=shift,
        gain=shift / leader.cac - shift / laggard.cac,
    )
    return context
