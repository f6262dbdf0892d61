"""Revenue attribution: new MRR by channel under each attribution model."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import CHART_ROWS, DeckResult

MODELS = (
    ("attribution_original_source", N_("Original source")),
    ("attribution_first_touch", N_("First touch")),
    ("attribution_last_touch", N_("Last touch")),
    ("attribution_linear", N_("Linear")),
)


@slide("attribution", needs=("wins",), section="attribution", metrics=tuple(m for m, _ in MODELS))
def build(result: DeckResult) -> SlideData | None:
    metrics, fmt, t = result.metrics, result.fmt, result.t
    shown = [(m, t(label)) for m, label in MODELS if metrics[m].value is not None]
    if not shown:
        return None  # no win attributed in the period: the appendix lists each model with its reason
    by_channel = {m: metrics[m].breakdown("channel") for m, _ in shown}
    channels = [c for c in result.config.channels if any(by_channel[m].get(c) for m, _ in shown)]
    rows = []
    for channel in channels:
        values = [fmt.money(by_channel[m].get(channel, 0.0), 0) for m, _ in shown]
        rows.append({"channel": channel, "values": values, "cells": [channel, *values]})
    table = {
        "models": [label for _, label in shown],
        "headers": [t("Channel")] + [label for _, label in shown],
        "rows": rows,
    }
    captions = {}
    if len(channels) > CHART_ROWS:
        first = by_channel[shown[0][0]] if shown else {}
        kept = sorted(channels, key=lambda c: -(first.get(c) or 0.0))[:CHART_ROWS]
        channels = [c for c in result.config.channels if c in kept]
        captions["attribution"] = t("The {count} channels with the most new MRR; all are in the table.").format(
            count=CHART_ROWS
        )
    charts = ()
    if shown and channels:
        data = {
            "categories": channels,
            "series": [{"name": label, "values": [by_channel[m].get(c, 0.0) for c in channels]} for m, label in shown],
        }
        charts = (
            result.chart("grouped_hbar", "attribution", result.room("attribution", (4.4, 4.6)), data, "currency"),
        )
    return result.slide("attribution", tables={"attribution": table}, charts=charts, captions=captions)
