"""The `findings:` settings of boardpack.yaml: when a figure is weak enough to need a next step, how many
observations a comparison needs, and the lines the shipped rules draw where no published benchmark does.

They sit apart from the rest of the settings because they belong to one step of the pipeline (next steps)
and change with it; `PackConfig.findings` holds them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AdverseChange(BaseModel):
    """How large a change against a metric's better direction must be before it needs a next step."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    relative: float = Field(
        0.10, gt=0, description="for amounts and counts: a fall (or rise) of this share, 0.10 = 10%"
    )
    points: float = Field(0.05, gt=0, le=1, description="for rates: a move of this many points, 0.05 = 5 points")
    score: float = Field(10.0, gt=0, description="for scores (NPS, health): a move of this many points of the score")


class FindingThresholds(BaseModel):
    """The thresholds the shipped next-step rules use where no published benchmark applies."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    bounce_rate: float = Field(0.55, ge=0, le=1, description="bounce rate above which landing pages are reviewed")
    email_unsubscribe_rate: float = Field(
        0.005, ge=0, le=1, description="unsubscribes per send above which the list is segmented"
    )
    trial_engagement_rate: float = Field(
        0.5, ge=0, le=1, description="share of trials activated below which onboarding is reviewed"
    )
    cpl_multiple: float = Field(2.0, gt=1, description="a channel's cost per lead above this multiple of the median")
    channel_cac_gap: float = Field(
        1.5, gt=1, description="a channel's CAC above this multiple of the best channel's: move budget"
    )
    budget_shift: float = Field(0.10, gt=0, le=1, description="share of the costliest channel's spend a move shows")
    recovery_months: float = Field(
        1.0, gt=0, description="months of new business to win back lost MRR beyond which retention comes first"
    )


class FindingsSettings(BaseModel):
    """What counts as a weak figure, and when a next step may rest on a comparison."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    min_observations: int = Field(
        20, ge=1, description="wins, demos or customers a group needs before a next step compares it"
    )
    adverse_change: AdverseChange = Field(default_factory=AdverseChange)
    thresholds: FindingThresholds = Field(default_factory=FindingThresholds)
