"""The `forecast:` settings of boardpack.yaml: horizon, window, range, the year's target, pipeline stages.

Kept beside `config.py` rather than in it so the settings of one feature are read in one place.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from boardpack.periods import PeriodError, parse_period

FUNNEL_STAGES = ("sqls", "opportunities", "quotes")  # funnel.csv stages an open opportunity can be at


class YearTarget(BaseModel):
    """Where the company means to be at the end of a fiscal year: an ARR or an MRR, one of the two."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    arr: float | None = Field(None, gt=0, description="ARR at the fiscal year's end")
    mrr: float | None = Field(None, gt=0, description="MRR at the fiscal year's end (give arr or mrr)")
    year: int | str | None = Field(
        None, description="the fiscal year (2027, FY2027); default: the year of the month after the period"
    )

    @model_validator(mode="after")
    def _one(self) -> YearTarget:
        if (self.arr is None) == (self.mrr is None):
            raise ValueError("give the year's target as arr or as mrr, one of the two")
        if self.year is not None:
            object.__setattr__(self, "year", str(self.year))  # `year: 2027` is read by YAML as a number
            try:
                if parse_period(str(self.year)).kind != "year":
                    raise PeriodError
            except PeriodError:
                raise ValueError(f"year: '{self.year}' is not a year; expected one such as 2027 or FY2027") from None
        return self

    @property
    def arr_value(self) -> float:
        return self.arr if self.arr is not None else 12 * float(self.mrr or 0)


class ForecastSettings(BaseModel):
    """How far ahead MRR is forecast, from how many months of movements, and what it is held to.

    The stages map the CRM's opportunity stages, earliest first, to the funnel's stages, so a stage
    without closed history takes its win rate from the funnel.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    quarters: int = Field(4, ge=1, le=8, description="quarters forecast after the period")
    window: int = Field(12, ge=3, le=36, description="trailing months whose movements the forecast averages")
    level: float = Field(0.8, ge=0.5, le=0.95, description="share of outcomes the range is meant to hold (0.8)")
    target: YearTarget | None = Field(None, description="the fiscal year's ARR or MRR target: {arr: 9000000}")
    new_business: dict[str, float] = Field(
        default_factory=dict,
        description="new MRR to win per quarter, for pipeline coverage: {2026-Q4: 30000}",
    )
    amount: Literal["mrr", "acv"] = Field("mrr", description="what opportunities.csv amounts are: mrr or acv")
    stages: dict[str, Literal["sqls", "opportunities", "quotes"]] = Field(
        default_factory=lambda: {
            "Qualification": "sqls",
            "Discovery": "opportunities",
            "Demo": "opportunities",
            "Proposal": "quotes",
            "Negotiation": "quotes",
        },
        description="CRM stage -> funnel stage (sqls, opportunities, quotes), earliest stage first",
    )

    @field_validator("new_business")
    @classmethod
    def _quarters(cls, value: dict[str, float]) -> dict[str, float]:
        for label, amount in value.items():
            try:
                if parse_period(label).kind != "quarter":
                    raise PeriodError
            except PeriodError:
                raise ValueError(f"'{label}' is not a quarter; expected one such as 2026-Q4") from None
            if amount < 0:
                raise ValueError(f"{label}: {amount} is negative; expected an amount of new MRR")
        return value
