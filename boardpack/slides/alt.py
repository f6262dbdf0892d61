"""Alternative text for a chart: what a reader who cannot see it needs, the figures it plots.

A screen reader, a text-only mail client and the tagged PDF read a chart through its `alt`; a chart's
title alone ("MRR by period") says nothing of what it shows. The text lists the plotted figures as the
slide formats them, at most `MOST` per series, so it stays a sentence rather than a table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

MOST = 12  # figures per series the text lists; a longer series gives its first and last ones


def _pairs(labels: Sequence[str], values: Sequence[Any], show: Callable[[Any], str]) -> str:
    pairs = [f"{label} {show(value)}" for label, value in zip(labels, values, strict=False) if value is not None]
    if len(pairs) > MOST:
        pairs = [*pairs[: MOST // 2], "…", *pairs[-(MOST // 2) :]]
    return ", ".join(pairs)


def alt_text(kind: str, data: dict[str, Any], show: Callable[[Any], str]) -> str:
    """The figures a chart of `kind` plots, as `label value` pairs; `show` formats a raw value."""
    same: Callable[[Any], str] = str
    if kind in ("hbar", "funnel") and "value_labels" in data:
        names = data.get("categories") or data.get("stages") or []
        return _pairs(names, data["value_labels"], same)
    if kind == "trend_bars":
        labels = data.get("value_labels") or [show(v) for v in data["values"]]
        return _pairs(data["periods"], labels, same)
    if kind in ("lines", "stacked_bars"):
        return "; ".join(f"{item['name']}: {_pairs(data['periods'], item['values'], show)}" for item in data["series"])
    if kind == "grouped_hbar":
        return "; ".join(
            f"{item['name']}: {_pairs(data['categories'], item['values'], show)}" for item in data["series"]
        )
    if kind == "waterfall":
        return _pairs(
            [s["label"] for s in data["steps"]], [s.get("value_label") or show(s["value"]) for s in data["steps"]], same
        )
    if kind == "heatmap":
        rows = data.get("rows") or []
        return "; ".join(
            f"{row}: {_pairs(data['columns'], labels, same)}" for row, labels in zip(rows, data["labels"], strict=False)
        )
    return ""
