"""Next-step rules as data: a condition on the results and a sentence filled with the figures.

Conditions and sentences are Jinja2 expressions and templates run in Jinja's sandbox, so a rules file
written by a user can read the results and format them, and nothing else.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.inputs.config import PackConfig
from boardpack.inputs.report import Problem, ProblemsFound, ValidationReport, entry_problems, make_problem, quoted
from boardpack.inputs.textfile import read_text
from boardpack.inputs.yamlfile import YAML_EXPECTED, parse_list
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.result import MetricSet


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    metric: str
    when: str
    text: str
    impact: str | None = None  # a sentence on its money impact, where the figures allow one
    covers: tuple[str, ...] = ()  # other metrics whose weakness this step answers
    figures: tuple[str, ...] = ()  # other metrics whose values the step rests on
    _source: str = PrivateAttr("rules.yaml")  # the file it came from, for messages


@dataclass(frozen=True)
class NextStep:
    """One next step on a section's slide: from a rule, or the lead's own note (markdown as HTML)."""

    section: str
    metric: str | None
    text: str
    source: str  # "rule", "note" or "generic" (the sentence for a weak figure no rule speaks of)
    rule: str | None = None
    html: str | None = None
    key: str = ""  # the notes.md heading that replaces or silences it: `step.<rule id>`
    figures: tuple[tuple[str, str], ...] = ()  # (what, formatted value) pairs it rests on, for review
    owner: str | None = None  # from the lead's note (`Owner:` line)
    due: str | None = None  # from the lead's note (`Due:` line), an ISO date
    impact: str | None = None  # its money impact in words, where computable
    covers: tuple[str, ...] = ()  # the metrics whose weakness it answers, its own first

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*([self.metric] if self.metric else []), *self.covers]))


class RuleError(ProblemsFound):
    """A rules file is invalid; every problem names the file and the rule."""


MAX_ITEMS = 100_000  # items all the `range()`s of one rule may produce: nested loops stay bounded
MAX_POWER = 1_000  # an exponent beyond this is a number no board figure needs


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, bounded in work too: a rule runs on every build, so `range()` inside
    `range()`, `'x' * 10**9` or `10 ** 10 ** 10` must end in a message, not hang the build."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        super().__init__(autoescape=False, trim_blocks=True)
        self.budget = MAX_ITEMS
        self.globals["range"] = self._range
        self.globals.pop("lipsum", None)  # paragraphs of filler text, as many as asked for

    def _range(self, *args: int) -> range:
        items = range(*args)
        self.budget -= len(items)
        if self.budget < 0:
            raise SecurityError(f"loops of more than {MAX_ITEMS:,} steps")
        return items

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
            raise SecurityError(f"a power above {MAX_POWER:,}")
        if operator == "*":
            for items, times in ((left, right), (right, left)):
                if isinstance(items, str | list | tuple) and isinstance(times, int) and len(items) * times > MAX_ITEMS:
                    raise SecurityError(f"a repetition of more than {MAX_ITEMS:,} items")
        return super().call_binop(context, operator, left, right)


def _environment(currency: str, locale: str, language: str = "en") -> _Sandbox:
    from boardpack.i18n import translator

    words = translator(language)
    env = _Sandbox()
    env.filters.update(
        money=lambda v, digits=None: formatting.money(v, currency, locale, digits),
        percent=lambda v, digits=1: formatting.percent(v, locale, digits),
        number=lambda v, digits=0: formatting.number(v, locale, digits),
        multiple=lambda v: formatting.multiple(v, locale),
        # `{{ n | plural("customer", "customers") }}`: the count, rounded as shown, with its noun in the deck's
        # language ("about 1 more customer" for a gain of 1.4, never "1 more customers")
        plural=lambda v, one, many: words.counted(round(v or 0), one, many, formatting.number(round(v or 0), locale)),
    )
    return env


def parse_rules(text: str, source: str, catalogue: Catalogue) -> list[Rule]:
    """Read and check a rules file: fields, known metric ids, and valid Jinja in `when` and `text`."""
    expected = (N_("a mapping with rules:"), N_("holds {kind}; expected a list of rules"))
    entries, problems = parse_list(text, source, "rules", *expected)
    rules: list[Rule] = []
    env = _environment("EUR", "en")
    for index, entry in enumerate(entries, start=1):
        name = quoted(entry.get("id", index)) if isinstance(entry, dict) else index
        where = f"rule {name}"
        try:
            rule = Rule.model_validate(entry)
        except ValidationError as exc:
            problems += entry_problems(source, where, exc.errors())
            continue
        rule._source = source
        for metric_id in (rule.metric, *rule.covers, *rule.figures):
            if metric_id not in catalogue.metrics:
                problems.append(make_problem(source, None, None, f"{where}: unknown metric '{quoted(metric_id)}'"))
        try:
            env.compile_expression(rule.when)
            env.from_string(rule.text)
            env.from_string(rule.impact or "")
        except TemplateError as exc:
            problems.append(make_problem(source, None, None, f"{where}: {exc}"))
        rules.append(rule)
    if problems:
        raise RuleError(problems)
    return rules


@cache
def _shipped() -> tuple[Rule, ...]:
    from boardpack.metrics.catalogue import load_catalogue

    text = resources.files("boardpack.notes").joinpath("rules.yaml").read_text(encoding="utf-8")
    return tuple(parse_rules(text, "rules.yaml", load_catalogue()))


def load_rules(catalogue: Catalogue, user_file: Path | None = None) -> list[Rule]:
    """The shipped rules, and the user's: a user rule with a shipped id replaces it."""
    rules = {rule.id: rule for rule in _shipped()}
    if user_file is not None:
        report = ValidationReport()
        text = read_text(user_file, user_file.name, report, YAML_EXPECTED)
        if text is None:
            raise RuleError(report.problems)
        for rule in parse_rules(text, user_file.name, catalogue):
            rules[rule.id] = rule
    return list(rules.values())


class Lookup(dict):  # type: ignore[type-arg]
    """A mapping where a missing key reads as none: `worst.cpl is not none` in a rule, `charts.x` in a
    template, are safe tests."""

    def __missing__(self, key: str) -> None:
        return None


def rule_context(
    metrics: MetricSet, catalogue: Catalogue, config: PackConfig | None = None, language: str = "en"
) -> dict[str, Any]:
    """What conditions and sentences can read: values by id, and helpers around them."""
    from boardpack.notes.context import finding_context

    results = metrics.results
    context: dict[str, Any] = {metric_id: r.value for metric_id, r in results.items()}
    by, best, worst, median = Lookup(), Lookup(), Lookup(), Lookup()
    for metric_id, result in results.items():
        if not result.breakdowns:
            continue
        dimension = result.breakdowns[0][0]
        values = result.breakdown(dimension)
        by[metric_id] = values
        ranked = result.ranking(dimension, catalogue.metrics[metric_id].direction)
        best[metric_id], worst[metric_id] = ranked if ranked else (None, None)
        numbers = [v for v in values.values() if v is not None]
        median[metric_id] = statistics.median(numbers) if numbers else None
    drops = results["usage_drop_alerts"].items if "usage_drop_alerts" in results else ()
    at_risk = results["health_score"].items if "health_score" in results else ()
    reasons = results["churn_reasons"].items if "churn_reasons" in results else ()
    context.update(
        prior=Lookup({k: r.prior for k, r in results.items()}),
        change=Lookup({k: r.change for k, r in results.items()}),
        target=Lookup({k: r.target for k, r in results.items()}),
        status=Lookup({k: r.status for k, r in results.items()}),
        benchmark=Lookup(
            {
                k: r.benchmark.threshold(catalogue.metrics[k].direction) if r.benchmark else None
                for k, r in results.items()
            }
        ),
        by=by,
        best=best,
        worst=worst,
        median=median,
        top={
            "churn_reason": reasons[0]["reason"] if reasons else None,
            "churn_reason_share": results["churn_reasons"].breakdown("reason_mrr").get(reasons[0]["reason"])
            if reasons
            else None,
        },
        first={
            "usage_drop": drops[0]["customer"] if drops else None,
            "health": at_risk[0]["customer"] if at_risk else None,
        },
        at_risk_count={"usage_drop": len(drops), "health": len(at_risk)},
        at_risk_mrr={"usage_drop": sum(d["mrr"] for d in drops), "health": sum(a["mrr"] for a in at_risk)},
        compared=Lookup({k: r.compared_value for k, r in results.items()}),
        compared_threshold=Lookup({k: r.compared_threshold for k, r in results.items()}),
        compared_basis=Lookup({k: r.compared_basis for k, r in results.items()}),
        drivers=Lookup({k: _drivers(r) for k, r in results.items() if r.drivers}),
        milestones=_milestones(metrics),
        forecast=_forecast(metrics),
    )
    context.update(finding_context(metrics, catalogue, config, language))
    return context


def _forecast(metrics: MetricSet) -> Lookup:
    """The year's end on the forecast: `forecast.year`, `needed_monthly` and `path_monthly` (net new MRR a
    month to reach the target, and on the central path), `churn_uplift` (ARR if churn met its target)."""
    year = metrics.forecast.year if metrics.forecast is not None else None
    if year is None:
        return Lookup()
    return Lookup(
        year=year.year,
        needed_monthly=year.needed_monthly,
        path_monthly=year.path_monthly,
        churn_uplift=year.churn_uplift_arr,
    )


def _drivers(result: Any) -> Lookup:
    """A metric's drivers by dimension: `drivers.nrr.segment.main` is the part that explains most of the
    change, `.parts.SMB.value` a part's own value, `.parts.SMB.contribution` what it added to the change."""
    by_dimension = Lookup()
    for drivers in result.drivers:
        main = drivers.main
        by_dimension[drivers.dimension] = Lookup(
            main=main.label if main else None,
            contribution=main.contribution if main else None,
            share=main.share if main else None,
            change=drivers.change,
            parts=Lookup(
                {p.label: Lookup(prior=p.prior, value=p.value, contribution=p.contribution) for p in drivers.parts}
            ),
        )
    return by_dimension


def _milestones(metrics: MetricSet) -> dict[str, list[dict[str, Any]]]:
    """The company's dated events: `milestones.period` (this period's) and `milestones.trend`, each with
    `date`, `label` and `kind`, so a sentence can say "since the price change in July"."""
    found = metrics.figures.milestones if metrics.figures else None
    if not found:
        return {"period": [], "trend": []}
    return {
        "period": [{"date": m.day, "label": m.label, "kind": m.kind} for m in found.period],
        "trend": [{"date": m.day, "label": m.label, "kind": m.kind} for m in found.trend],
    }


def evaluate_rules(
    rules: list[Rule],
    metrics: MetricSet,
    catalogue: Catalogue,
    currency: str,
    locale: str,
    language: str = "en",
    config: PackConfig | None = None,
) -> list[NextStep]:
    from boardpack.i18n import translator

    words = translator(language)
    env = _environment(currency, locale, language)
    context = rule_context(metrics, catalogue, config, language)
    steps = []
    for rule in rules:
        env.budget = MAX_ITEMS
        part = N_("its condition")
        try:
            holds = env.compile_expression(rule.when)(**context)
            if not holds:
                continue
            part = N_("its text")
            text = " ".join(env.from_string(words(rule.text)).render(**context).split())
            impact = " ".join(env.from_string(words(rule.impact)).render(**context).split()) if rule.impact else ""
        except Exception as exc:  # a user's rule may fail in any way (a division by zero); never a traceback
            raise RuleError([_failed(rule, part, exc)]) from None
        section = catalogue.metrics[rule.metric].section
        figures = tuple(
            (
                words(catalogue.metrics[m].label),
                formatting.metric_value(metrics.value(m), catalogue.metrics[m].unit, currency, locale, t=words),
            )
            for m in dict.fromkeys((rule.metric, *rule.figures))
            if metrics.value(m) is not None
        )
        steps.append(
            NextStep(
                section,
                rule.metric,
                text,
                "rule",
                rule.id,
                key=f"step.{rule.id}",
                figures=figures,
                impact=impact or None,
                covers=rule.covers,
            )
        )
    return steps


def _failed(rule: Rule, part: str, exc: Exception) -> Problem:
    """A rule that cannot be evaluated on this period's figures, as `rules.yaml: rule 'x': ...`."""
    return make_problem(
        rule._source,
        None,
        None,
        N_("rule '{rule}': {error} in {part}; expected a rule that can be evaluated on every period's figures"),
        rule=rule.id,
        error=quoted(str(exc) or type(exc).__name__, 120),
        part=part,
    )
