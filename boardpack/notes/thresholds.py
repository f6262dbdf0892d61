"""The thresholds next steps rest on, for the rules to read and for the appendix to state in plain words.

A next step that says "bounce rate is high" is only as good as the line it was drawn at. Every line a
shipped rule draws is either a published benchmark with its source (benchmarks.yaml, listed with the
benchmarks) or a setting under `findings:` in boardpack.yaml, which the company may move; the appendix
states the settings as sentences, so a board member sees where the lines were drawn without reading a
settings key.
"""

from __future__ import annotations

from typing import Any

from boardpack import formatting
from boardpack.i18n import N_, Translator
from boardpack.inputs.config import PackConfig
from boardpack.inputs.findings import FindingsSettings
from boardpack.inputs.health_settings import HealthSettings


def threshold_context(findings: FindingsSettings, health: HealthSettings) -> dict[str, Any]:
    """What a rule reads as `threshold`: `threshold.bounce_rate`, `threshold.min_observations`, ..."""
    return {
        **findings.thresholds.model_dump(),
        "min_observations": findings.min_observations,
        "usage_drop": health.usage_drop,
        "adverse_relative": findings.adverse_change.relative,
        "adverse_points": findings.adverse_change.points,
        "adverse_score": findings.adverse_change.score,
    }


def threshold_settings(config: PackConfig) -> dict[str, Any]:
    """The `findings:` settings as the metrics JSON gives them (keys as in boardpack.yaml)."""
    return {**config.findings.model_dump(), "health": {"usage_drop": config.health.usage_drop}}


def threshold_lines(config: PackConfig, t: Translator) -> list[str]:
    """The thresholds in plain words, for the appendix: no settings keys, the company's own figures."""
    findings, locale = config.findings, config.locale
    lines = findings.thresholds
    count = findings.min_observations

    def pct(value: float, digits: int = 0) -> str:
        return formatting.percent(value, locale, digits)

    def times(value: float) -> str:
        return formatting.multiple(value, locale)

    def small(value: float) -> int:
        """Digits enough to show a small share such as 0.5%."""
        return 0 if round(value * 100, 0) == round(value * 100, 2) else 1

    change = findings.adverse_change
    months = float(lines.recovery_months)
    return [
        t.ngettext(
            "A channel, a demo type or a plan is compared once it has %(num)s observation (wins, demos, "
            "customers); a claim on fewer is not made.",
            "A channel, a demo type or a plan is compared once it has %(num)s observations (wins, demos, "
            "customers); a claim on fewer is not made.",
            count,
        )
        % {"num": formatting.number(count, locale)},
        t(
            N_(
                "A change needs a next step when it goes against the figure's better direction by {relative} "
                "or more for amounts and counts, {points} points or more for rates, {score} or more for scores."
            )
        ).format(
            relative=pct(change.relative),
            points=formatting.number(change.points * 100, locale, 1),
            score=formatting.number(change.score, locale, 0),
        ),
        t(
            N_(
                "Budget moves are proposed when a channel's CAC is {gap} that of the best compared channel; "
                "the move shown is {share} of its spend, at today's CAC."
            )
        ).format(gap=times(lines.channel_cac_gap), share=pct(lines.budget_shift)),
        t(N_("A channel's cost per lead is pointed out above {multiple} the median channel's.")).format(
            multiple=times(lines.cpl_multiple)
        ),
        t(
            N_(
                "Landing pages are reviewed above a {bounce} bounce rate, the mailing list above {unsubscribes} "
                "unsubscribes per send, trial onboarding below {engaged} of trials activated."
            )
        ).format(
            bounce=pct(lines.bounce_rate, small(lines.bounce_rate)),
            unsubscribes=pct(lines.email_unsubscribe_rate, small(lines.email_unsubscribe_rate)),
            engaged=pct(lines.trial_engagement_rate, small(lines.trial_engagement_rate)),
        ),
        t(N_("A usage alert is a customer whose usage fell by more than {drop} from the prior period.")).format(
            drop=pct(config.health.usage_drop, small(config.health.usage_drop))
        ),
        t.ngettext(
            "Retention comes first when the MRR lost takes more than %(num)s month of new business to win back.",
            "Retention comes first when the MRR lost takes more than %(num)s months of new business to win back.",
            int(months) if months.is_integer() else 2,
        )
        % {"num": formatting.number(months, locale, 0 if months.is_integer() else 1)},
    ]
