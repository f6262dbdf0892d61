"""The registry of policy formulas: derived metrics whose computation is a choice, by catalogue id.

Simple, ratio and expression metrics need no code: the catalogue says how to compute them. A policy
(an LTV method, the health score, attribution) is a function in a module of `boardpack.metrics.policies`
decorated with `@formula(id)`; `registered()` imports every module there, so neither the catalogue
nor the engine names them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from boardpack.metrics.basis import convert_rate

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation


@dataclass(frozen=True)
class Derived:
    """A derived value with what explains it: breakdowns by dimension and a list of items (customers)."""

    value: float
    breakdowns: dict[str, dict[str, float | None]] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)
    reason: str | None = None


Formula = Callable[["Evaluation"], "float | Derived"]
FORMULAS: dict[str, Formula] = {}


def formula(metric_id: str) -> Callable[[Formula], Formula]:
    def register(fn: Formula) -> Formula:
        FORMULAS[metric_id] = fn
        return fn

    return register


def monthly_rate(period_rate: float, months: int) -> float:
    """The constant monthly rate that compounds to `period_rate` over `months` months.

    A quarterly churn of 10% is a monthly churn of 1 - 0.9^(1/3) = 3.45%, not 10% / 3: rates compound.
    """
    return convert_rate(period_rate, "loss", months, 1)


@cache
def registered() -> dict[str, Formula]:
    """Every policy formula, by metric id: each module of `boardpack.metrics.policies` registers its own."""
    from boardpack.metrics import policies

    for module in pkgutil.iter_modules(policies.__path__):
        importlib.import_module(f"{policies.__name__}.{module.name}")
    return FORMULAS
