"""The `fx:` settings: where exchange rates come from, which rate applies, and when FX is worth a bar.

The reporting currency is the pack's `currency`; every amount billed or typed in another currency is
converted into it. Each choice is named in the deck's appendix, since the same ledger gives other
figures under another rule.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class FxSettings(BaseModel):
    """How amounts in other currencies become the reporting currency."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    ecb: str | None = Field(
        None,
        description="the European Central Bank's reference rates as downloaded (eurofxref-hist.zip or the CSV "
        "inside it), a file in the pack; crossed to any reporting currency",
    )
    rate: Literal["month_end", "month_average", "booking"] = Field(
        "month_end",
        description="which rate converts a month's amounts: the month's last rate, the average of its daily "
        "rates, or (billing ledgers) the rate on the day each subscription started",
    )
    quote: Literal["currency_per_reporting", "reporting_per_currency"] = Field(
        "currency_per_reporting",
        description="how fx_rates.csv quotes: units of the currency per reporting unit (1.08 USD per EUR, as the "
        "ECB does), or reporting units per unit of the currency (0.93 EUR per USD)",
    )
    show_above: float = Field(
        0.001,
        ge=0,
        le=1,
        description="the MRR bridge shows the FX bar when |FX| exceeds this share of the start MRR (0.001 = 0.1%)",
    )
