"""boardpack: a SaaS company's marketing, sales and revenue data turned into a board deck.

The public API (imported on first use, so `import boardpack` stays light):

    pack = boardpack.load_pack("my-pack")                 # validated inputs, or PackInvalid
    period = boardpack.resolve_period(pack, "2026-Q3")
    metrics = boardpack.evaluate(pack, period)            # every metric, judged
    boardpack.build_deck(pack, period, boardpack.BuildOptions(Path("out"), formats=("pdf", "json")))

In a notebook, `boardpack.open_pack("my-pack")` gives the same figures as pandas DataFrames
(`boardpack.notebook`).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
_NOTEBOOK = ("Chart", "Pack", "open_pack")
__all__ = [
    "BuildOptions",
    "BuildResult",
    "Chart",
    "MetricSet",
    "Pack",
    "PackInvalid",
    "Period",
    "PeriodUnavailable",
    "Problem",
    "build_deck",
    "build_decks",
    "evaluate",
    "load_pack",
    "metrics_json",
    "open_pack",
    "resolve_period",
    "resolve_periods",
]


def __getattr__(name: str) -> Any:
    if name == "PackInvalid":
        from boardpack.inputs import PackInvalid

        return PackInvalid
    if name in _NOTEBOOK:
        from boardpack import notebook

        return getattr(notebook, name)
    if name in __all__:
        from boardpack import api

        return getattr(api, name)
    raise AttributeError(f"module 'boardpack' has no attribute {name!r}")
