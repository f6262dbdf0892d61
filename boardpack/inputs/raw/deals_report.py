"""What a deals export says beyond its unreadable rows: the deals it left out or read by a default.

Open deals at a stage `forecast.stages` does not name are problems, one per stage (a CRM's own pipeline
has stages the settings must map first, and one line per deal would bury the fix); deals of other
pipelines, sources read by the default and lost deals counted at the earliest stage are notices.
"""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.inputs.raw.deals import DealsResult
from boardpack.inputs.raw.settings import DealsSettings
from boardpack.inputs.report import ValidationReport


def report_deals(
    found: DealsResult, settings: DealsSettings, stages: list[str], amount_given: bool, report: ValidationReport
) -> None:
    """Report what `compute_opportunities` left out or read by a default, each once for the export.

    A CRM's deal amount is most often the contract's annual value: read as MRR by default it would make the
    pipeline twelve times too large, so the default is named until `forecast.amount` is written down.
    """
    source = found.check.source
    if not amount_given:
        report.note(
            source,
            None,
            found.names["amount"],
            N_(
                "deal amounts read as monthly (MRR), the default; a CRM's amount is usually the annual contract "
                "value: expected forecast.amount in boardpack.yaml, acv (divided by 12) or mrr"
            ),
        )
    if found.other_pipelines:
        report.note(
            source,
            None,
            found.names["pipeline"],
            N_("deals of other pipelines left out: {count}; read: {pipelines} (raw.deals.pipelines)"),
            count=found.other_pipelines,
            pipelines=", ".join(settings.pipelines),
        )
    for stage, (count, line, first_id) in found.unknown_stages.items():
        where = {"line": line} if line is not None else {"deal": first_id}
        report.add(
            source,
            None,
            found.names["stage"],
            N_(
                "open deals at stage '{value}': {count}, the first at line {line}; expected one of the stages "
                "of forecast.stages in boardpack.yaml ({stages}), which maps each CRM stage to a funnel stage"
            )
            if line is not None
            else N_(
                "open deals at stage '{value}': {count}, the first deal '{deal}'; expected one of the stages "
                "of forecast.stages in boardpack.yaml ({stages}), which maps each CRM stage to a funnel stage"
            ),
            value=stage,
            count=count,
            stages=", ".join(stages),
            **where,
        )
    if found.unmapped:
        report.note(
            source,
            None,
            found.names["source"],
            N_("deals whose source is not mapped, counted as {who}: {sources}; expected them under raw.deals.sources"),
            who=settings.default_source,
            sources=", ".join(f"{name} ({count})" for name, count in sorted(found.unmapped.items())),
        )
    if found.stageless:
        report.note(
            source,
            None,
            found.names["stage"],
            N_(
                "lost deals without the stage they were lost at: {count}, counted as lost at {stage}; expected a "
                "column of that stage, mapped as lost_stage under raw.deals.columns"
            ),
            count=found.stageless,
            stage=stages[0],
        )
