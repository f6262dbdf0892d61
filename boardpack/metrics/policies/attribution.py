"""Who gets the credit for new customers: original source, first touch, last touch, or every touch.

Wins of the period are credited with their new MRR and one customer each; a win without any touch
is left out of the touch models (and counted in `unattributed`), never given to a guessed channel.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from boardpack.metrics.formulas import Derived, formula
from boardpack.metrics.measures import Unavailable

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation


def _credit(ev: Evaluation, model: str) -> Derived:
    wins = ev.facts.rows("wins")
    if not wins:
        raise Unavailable("no customer won in {period}", period=ev.period)
    touches: dict[str, list] = defaultdict(list)
    if model != "original_source":
        for touch in ev.pack.rows("touches"):
            touches[touch.customer].append(touch)
        if not touches:
            raise Unavailable("the pack has no touches table (data/touches.csv)")
    mrr: dict[str, float] = defaultdict(float)
    customers: dict[str, float] = defaultdict(float)
    unattributed = 0.0
    for win in wins:
        if model == "original_source":
            shares = {win.original_source: 1.0} if win.original_source else {}
        else:
            path = sorted((t for t in touches.get(win.customer, []) if t.touched <= win.won), key=lambda t: t.touched)
            if not path:
                shares = {}
            elif model == "first_touch":
                shares = {path[0].channel: 1.0}
            elif model == "last_touch":
                shares = {path[-1].channel: 1.0}
            else:
                shares = defaultdict(float)
                for touch in path:
                    shares[touch.channel] += 1 / len(path)
        if not shares:
            unattributed += win.new_mrr
        for channel, share in shares.items():
            mrr[channel] += share * win.new_mrr
            customers[channel] += share
    return Derived(
        sum(mrr.values()),
        {
            "channel": ev.ordered("channel", dict(mrr)),
            "channel_customers": ev.ordered("channel", dict(customers)),
            "unattributed": {"new_mrr": unattributed},
        },
    )


for _model in ("original_source", "first_touch", "last_touch", "linear"):
    formula(f"attribution_{_model}")(lambda ev, model=_model: _credit(ev, model))
