"""What a deck says about exchange rates: the reporting currency, the rule, the source, and the rates used.

Figures converted from other currencies depend on these choices, so the appendix and the metrics JSON
name them beside the figures (a reader checking a figure by hand needs the rate it was converted at).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from boardpack.inputs.pack import PackInputs
from boardpack.periods import Period


@dataclass(frozen=True)
class FxFigures:
    """The rates into `reporting` for each month of the period, per currency converted (reporting units per unit)."""

    reporting: str
    rule: str
    quote: str
    sources: tuple[str, ...]
    currencies: tuple[str, ...]
    rates: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "reporting_currency": self.reporting,
            "rule": self.rule,
            "sources": list(self.sources),
            "currencies": list(self.currencies),
            "rates": self.rates,
        }


def fx_figures(pack: PackInputs, period: Period) -> FxFigures | None:
    """None when nothing was converted: a deck in one currency says nothing about rates."""
    rates = pack.rates
    if rates is None or not pack.converted:
        return None
    table = {
        currency: {str(month): rates.month(currency, month.start) for month in period.months()}
        for currency in pack.converted
    }
    return FxFigures(rates.reporting, rates.rule, pack.config.fx.quote, rates.sources, pack.converted, table)


def shows_fx(fx: float | None, start: float, threshold: float) -> bool:
    """Whether the FX movement is worth its own bar: above `threshold` of the start MRR."""
    return fx is not None and abs(fx) > threshold * abs(start) and abs(fx) > 0.005
