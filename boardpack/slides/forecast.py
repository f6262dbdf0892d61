"""What to expect: MRR over the next quarters with its range, pipeline coverage and the gap to the year's target.

The title is a finding built from the figures; the sentences under it say what each part of the path
comes from, so a board member can question any of it. The method and the track record go to the appendix.
"""

from __future__ import annotations

from typing import Any

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.metrics.outlook import Outlook
from boardpack.periods import parse_period
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.room import text_height

FIGURES = ("year_end_arr", "year_end_arr_gap", "pipeline_coverage")
_SHORT = N_("MRR on course for {mrr} by {quarter}; {gap} short of the year's target")
_AHEAD = N_("MRR on course for {mrr} by {quarter}; {gap} ahead of the year's target")
_PLAIN = N_("MRR on course for {mrr} by {quarter}")
CHART_WIDTH = 6.9  # inches of the 16:9 page: the chart column (deck.css `#forecast .col-left`), 57% of the content
NOTE_SPACING = 0.1  # the gaps above the note's paragraphs
_BASIS = {"history": N_("closed opportunities"), "funnel": N_("the funnel"), "none": N_("no data")}


def outlook(result: DeckResult) -> Outlook | None:
    return result.metrics.forecast


def _named(result: DeckResult, label: str) -> str:
    """A period label of the forecast (`2026-Q4`, `2026-10`) as the deck's reader says it (`Q4 2026`)."""
    return result.period_names([parse_period(label)])[0]


def finding(result: DeckResult, found: Outlook) -> str:
    """The slide's title: where the last quarter ahead lands and, with a target, how far from it the year ends."""
    assert found.path is not None
    label, ahead = found.quarters[-1]
    values = {"mrr": result.fmt.money_short(found.path.at(ahead)[0]), "quarter": _named(result, label)}
    gap = found.year.gap_arr if found.year else None
    if gap is None:
        return result.t(_PLAIN).format(**values)
    return result.t(_SHORT if gap > 0 else _AHEAD).format(**values, gap=result.fmt.money_short(abs(gap)))


def method(result: DeckResult, found: Outlook) -> tuple[str, ...]:
    """What the path is made of: the months' averages it repeats, and the pipeline where it stands in for them."""
    t, fmt = result.t, result.fmt
    assert found.rates is not None
    rates = found.rates
    said = [
        t(
            N_(
                "Each month ahead adds new MRR of {new} and reactivation of {reactivation}, and moves MRR by "
                "expansion of {expansion}, contraction of {contraction} and churn of {churn}: the averages of "
                "the last {months} months."
            )
        ).format(
            new=fmt.money(rates.new, 0),
            reactivation=fmt.money(rates.reactivation, 0),
            expansion=fmt.percent(rates.expansion, 2),
            contraction=fmt.percent(rates.contraction, 2),
            churn=fmt.percent(rates.churn, 2),
            months=rates.months,
        )
    ]
    if found.new_from_pipeline and found.pipeline is not None:
        said.append(
            t(N_("New MRR in {quarter} is the open pipeline weighted by win rates instead.")).format(
                quarter=_named(result, found.pipeline.quarter)
            )
        )
    return tuple(said)


def outlook_sentences(result: DeckResult, found: Outlook) -> tuple[str, ...]:
    """Where MRR lands next quarter, what the year's target takes and what churn at its target would add."""
    t, fmt = result.t, result.fmt
    assert found.path is not None
    label, ahead = found.quarters[0]
    _, low, high = found.path.at(ahead)
    said = [
        t(N_("In {quarter} MRR is expected between {low} and {high} ({level} range).")).format(
            quarter=_named(result, label),
            low=fmt.money_short(low),
            high=fmt.money_short(high),
            level=fmt.percent(found.level, 0),
        )
    ]
    if (year := found.year) is not None and year.target_arr is not None and year.needed_monthly is not None:
        said.append(
            t(
                N_(
                    "Reaching the {year} target of {target} ARR takes {needed} of net new MRR a month, "
                    "against {path} on the current path."
                )
            ).format(
                year=year.year,
                target=fmt.money_short(year.target_arr),
                needed=fmt.money(year.needed_monthly, 0),
                path=fmt.money(year.path_monthly, 0),
            )
        )
    if year is not None and year.churn_uplift_arr is not None and year.churn_target is not None:
        said.append(
            t(
                N_("If churn returned to its target ({churn} of MRR a month), year-end ARR would be {uplift} higher.")
            ).format(churn=fmt.percent(year.churn_target, 2), uplift=fmt.money_short(year.churn_uplift_arr))
        )
    return tuple(said)


def _quarters(result: DeckResult, found: Outlook) -> list[dict[str, str]]:
    assert found.path is not None
    fmt = result.fmt
    return [
        {
            "quarter": _named(result, label),
            **dict(zip(("mrr", "low", "high"), map(fmt.money_short, found.path.at(ahead)), strict=True)),
        }
        for label, ahead in found.quarters
    ]


def _pipeline(result: DeckResult, found: Outlook) -> list[tuple[str, str]]:
    """The pipeline's figures as (label, value) rows; empty without the opportunities table."""
    pipeline, t, fmt = found.pipeline, result.t, result.fmt
    if pipeline is None:
        return []
    rows = [
        (
            t(N_("Open pipeline closing in {quarter}")).format(quarter=_named(result, pipeline.quarter)),
            fmt.money_short(pipeline.open_mrr),
        ),
        (t(N_("Weighted by win rates")), fmt.money_short(pipeline.weighted_mrr)),
        (t(N_("of which marketing-sourced")), fmt.money_short(pipeline.marketing_weighted_mrr)),
    ]
    if pipeline.target is not None:
        rows.append((t(N_("New-business target")), fmt.money_short(pipeline.target)))
    if pipeline.earlier_count:
        rows.append(
            (
                t(N_("Expected before {quarter}, not counted")).format(quarter=_named(result, pipeline.quarter)),
                fmt.money_short(pipeline.earlier_mrr),
            )
        )
    return rows


def _chart(result: DeckResult, found: Outlook, size: tuple[float, float]) -> Any:
    assert found.path is not None
    path, t = found.path, result.t
    past = [label for label, _ in found.history]
    periods = [_named(result, label) for label in past + list(path.labels)]
    blank = [None] * len(path.labels)
    before = [None] * (len(past) - 1)
    data = {
        "periods": periods,
        "series": [
            {"name": t(N_("MRR")), "values": [v for _, v in found.history] + blank},
            {
                "name": t(N_("Forecast")),
                "values": [*before, found.start_mrr, *path.central],
                "dashed": True,
                "last_label": result.fmt.money_short(path.central[-1]),
            },
        ],
        "band": {
            "name": t(N_("Range")),
            "low_name": t(N_("Low")),  # the range's edges, where a renderer draws them as lines
            "high_name": t(N_("High")),
            "low": [*before, found.start_mrr, *path.low],
            "high": [*before, found.start_mrr, *path.high],
        },
        "tick_every": 3,
        "free_floor": True,
    }
    return result.chart("lines", "forecast_mrr", size, data, "currency")


def _size(result: DeckResult, title: str, further: tuple[str, ...], said: tuple[str, ...]) -> tuple[float, float]:
    """The chart fills its column above its note: the outlook's sentences, if shown, then the method. The head
    has the title alone (the macro `head` leaves the forecast's summary to the slide)."""
    note = text_height(" ".join(further), CHART_WIDTH, 10) + text_height(" ".join(said), CHART_WIDTH, 9)
    return result.fill("forecast", CHART_WIDTH, reserve=note + NOTE_SPACING, words=(title, None))


@slide(
    "forecast",
    needs=("revenue",),
    section="forecast",
    metrics=FIGURES,
    provides=("forecast_reason", "forecast_pipeline_reason", "forecast_outlook", "forecast_method"),
)
def build(result: DeckResult) -> SlideData | None:
    found = outlook(result)
    if found is None:
        return None
    figures = result.available(*FIGURES)
    if not found.available:
        if not figures:  # nothing to show: the appendix gives the reason (appendix_notes), no page of it
            return None
        reason = result.fmt.periods(found.reason.localized(result.t)) if found.reason else ""
        return result.slide("forecast", figures=figures, values={"forecast_reason": reason})
    from boardpack.slides.appendix import plain  # here: the appendix imports this module

    # the setting a reason names is for the command line and the JSON; the board reads the reason in words
    pipeline_reason = (
        plain(result.fmt.periods(found.pipeline_reason.localized(result.t))) if found.pipeline_reason else None
    )
    title, ahead, said = finding(result, found), outlook_sentences(result, found), method(result, found)
    # the next quarter's range is in the quarters table, and the target's and churn's sentences repeat what the next
    # steps say with the same figures: the page shows them under the chart only without next steps, else the chart
    # keeps that room (the PowerPoint and the JSON keep every sentence)
    further = () if result.slide_steps.get("forecast", ([], []))[0] else ahead
    return result.slide(
        "forecast",
        title=title,
        summary=(*ahead, *said),
        figures=figures,
        charts=(_chart(result, found, _size(result, title, further, said)),),
        tables={"forecast_quarters": _quarters(result, found), "forecast_pipeline": _pipeline(result, found)},
        values={
            "forecast_reason": None,
            "forecast_pipeline_reason": pipeline_reason,
            "forecast_outlook": further,
            "forecast_method": said,
        },
    )


def appendix_notes(result: DeckResult) -> list[str]:
    """The forecast's method, its range and its track record, and where each win rate comes from."""
    found, t, fmt = outlook(result), result.t, result.fmt
    if found is None:
        return []
    if not found.available:
        reason = fmt.periods(found.reason.localized(t)) if found.reason else ""
        return [t(N_("No forecast: {reason}.")).format(reason=reason)]
    notes = [
        t(
            N_(
                "MRR is forecast month by month from the last {window} months: new MRR and reactivation as "
                "average amounts, expansion, contraction and churn as average shares of opening MRR (currency "
                "effects left out)."
            )
        ).format(window=found.rates.months if found.rates else found.window),
        t(
            N_(
                "The range should hold the outcome {level} of the time: a prediction interval from the months' "
                "scatter around those averages ({sigma} of MRR a month) and the averages' own error, read with "
                "Student's t."
            )
        ).format(level=fmt.percent(found.level, 0), sigma=fmt.percent(found.sigma, 2)),
    ]
    track = found.track
    if track.enough and track.mape is not None and track.hit_rate is not None:
        notes.append(
            t(
                N_(
                    "Track record: run from {count} earlier months, the forecast one quarter ahead was off by "
                    "{mape} on average (MAPE), and the outcome fell inside the range {hits} of the time."
                )
            ).format(count=len(track.forecasts), mape=fmt.percent(track.mape), hits=fmt.percent(track.hit_rate, 0))
        )
    else:
        notes.append(t(N_("Too little history for a track record: fewer than three earlier quarters to test.")))
    if found.pipeline is not None:
        by_basis: dict[str, list[str]] = {}  # the stages' win rates, gathered by where each comes from
        for s in found.pipeline.stages:
            by_basis.setdefault(s.basis, []).append(f"{s.stage} {fmt.percent(s.rate, 0)}")
        used = [
            t(N_("{rates} from {basis}")).format(rates=", ".join(rates), basis=t(_BASIS[basis]))
            for basis, rates in by_basis.items()
        ]
        notes.append(
            t(
                N_(
                    "Open pipeline is taken as of {date}, weighted by each stage's win rate to won: {rates}. "
                    "A stage with fewer than ten closed opportunities takes the funnel's rate from its stage to won; "
                    "3× coverage is a sales convention, not a study."
                )
            ).format(
                date=formatting.long_date(
                    result.metrics.as_of or result.metrics.period.last_day,
                    formatting.words_locale(result.config.locale, result.config.language),
                ),
                rates="; ".join(used),
            )
        )
    return notes
