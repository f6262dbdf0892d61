"""Cost to serve beside email and social engagement: two slides of one chart each, as the halves of one page."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides import cost_to_serve, engagement  # noqa: F401  (registered before they are paired)
from boardpack.slides.pair import pair

pair(
    "cost_and_engagement",
    ("cost_to_serve", "engagement"),
    title=N_("Cost to serve and engagement"),
    question=N_("What does a customer cost to serve, and do our audiences engage?"),
    headings={
        "cost_components": N_("Cost to serve by component, %(period)s"),
        "social_reach": N_("Social reach by network"),
    },
)
