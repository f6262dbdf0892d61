"""The data tables of a pack: one pydantic model per row, and what the loader needs to know of each.

The column descriptions here are the single source for the pack README that `boardpack init` writes
and for the column reference in the project README. The models live by family (marketing, revenue, company);
`TABLES` lists every table in the order the README and the messages use.
"""

from boardpack.inputs.tables.company import SPECS as COMPANY
from boardpack.inputs.tables.company import MilestoneRow
from boardpack.inputs.tables.marketing import SPECS as MARKETING
from boardpack.inputs.tables.marketing import (
    EmailRow,
    EventRow,
    FunnelRow,
    SocialRow,
    SpendRow,
    TouchRow,
    TrafficRow,
)
from boardpack.inputs.tables.money import SPECS as MONEY
from boardpack.inputs.tables.money import FxRateRow
from boardpack.inputs.tables.opportunities import SPECS as OPPORTUNITIES
from boardpack.inputs.tables.opportunities import OpportunityRow
from boardpack.inputs.tables.revenue import SPECS as REVENUE
from boardpack.inputs.tables.revenue import (
    ChurnReasonRow,
    CustomerRow,
    DemoRow,
    FinanceRow,
    PipelineRow,
    RevenueRow,
    TrialRow,
    WinRow,
)
from boardpack.inputs.tables.spec import Row, TableSpec

ORDER = (
    "funnel",
    "spend",
    "revenue",
    "pipeline",
    "traffic",
    "events",
    "finance",
    "churn_reasons",
    "trials",
    "demos",
    "customers",
    "email",
    "social",
    "wins",
    "touches",
    "milestones",
    "opportunities",
    "fx_rates",
)
TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in sorted(MARKETING + REVENUE + COMPANY + OPPORTUNITIES + MONEY, key=lambda s: ORDER.index(s.name))
}

__all__ = [
    "TABLES",
    "ChurnReasonRow",
    "CustomerRow",
    "DemoRow",
    "EmailRow",
    "EventRow",
    "FinanceRow",
    "FunnelRow",
    "FxRateRow",
    "MilestoneRow",
    "OpportunityRow",
    "PipelineRow",
    "RevenueRow",
    "Row",
    "SocialRow",
    "SpendRow",
    "TableSpec",
    "TouchRow",
    "TrafficRow",
    "TrialRow",
    "WinRow",
]
