"""Fill finding templates with the figures, and keep the figures each sentence rests on.

Templates run in the rules' bounded sandbox with the rule context (values by id, `change`, `status`,
`drivers`, `milestones`, ...) and what a slide adds (`fig`, the figures as the deck shows them). While a
template is compiled, every figure it prints (a formatting filter, a plain `{{ path }}`, the count of an
`ngettext`) is tagged with its expression, so the sentence comes back with `(expression, shown text)`
pairs: what `build --explain` and the metrics JSON list for review.

Counts read `ngettext("%(num)s customer", "%(num)s customers", n)`: gettext plural forms, so Romanian's
three forms ("1 client", "2 clienți", "20 de clienți") come from the catalogue, never from English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from jinja2 import ChainableUndefined, Template, nodes

from boardpack import formatting
from boardpack.i18n import translator
from boardpack.judge.sentence import Sentence, capitalised, inline
from boardpack.notes.rules import MAX_ITEMS, _environment, _Sandbox

_SPACES = re.compile(r"[ \t\r\n]+")
FIGURE_FILTERS = ("money", "money_short", "percent", "number", "multiple", "day", "month")


class Recorder:
    """The figures printed by the template being rendered, in order, each once."""

    def __init__(self) -> None:
        self.figures: list[tuple[str, str]] = []

    def __call__(self, what: str | None, shown: str) -> str:
        if what and (what, shown) not in self.figures:
            self.figures.append((what, shown))
        return shown


def _path(node: nodes.Node) -> str | None:
    """`drivers.nrr.segment.main` for the expression that reads it; None for anything else."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _path(node.node)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem):
        base = _path(node.node)
        key = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else _path(node.arg)
        return f"{base}[{key}]" if base and key else None
    if isinstance(node, nodes.Filter) and node.node is not None:
        return _path(node.node)
    return None


def _tag(tree: nodes.Template) -> nodes.Template:
    """Every figure the template prints carries the expression it comes from (`what=`)."""
    for node in tree.find_all(nodes.Filter):
        if node.name in FIGURE_FILTERS and node.node is not None and (what := _path(node.node)):
            node.kwargs.append(nodes.Keyword("what", nodes.Const(what)))
    for call in tree.find_all(nodes.Call):
        plural = isinstance(call.node, nodes.Name) and call.node.name == "ngettext" and len(call.args) >= 3
        if plural and (what := _path(call.args[2])):
            call.kwargs.append(nodes.Keyword("what", nodes.Const(what)))
    for output in tree.find_all(nodes.Output):
        output.nodes = [
            nodes.Filter(child, "shown", [], [nodes.Keyword("what", nodes.Const(what))], None, None)
            if isinstance(child, nodes.Name | nodes.Getattr | nodes.Getitem) and (what := _path(child))
            else child
            for child in output.nodes
        ]
    return tree


def compile_template(env: _Sandbox, text: str) -> Template:
    """The template with its figures tagged; a syntax error raises TemplateSyntaxError."""
    tree = _tag(env.parse(text))
    return env.template_class.from_code(env, env.compile(tree), env.make_globals(None), None)


def environment(currency: str, locale: str, language: str = "en") -> _Sandbox:
    """The rules' sandbox, with filters that record what they format and gettext plural forms."""
    env = _environment(currency, locale)
    env.undefined = ChainableUndefined  # `drivers.churn.segment.main` reads as none when a metric has no drivers
    recorder = Recorder()
    env.recorder = recorder  # type: ignore[attr-defined]
    words = translator(language)
    plain: dict[str, Callable[..., str]] = dict(env.filters)
    plain.update(
        money_short=lambda v: formatting.money_compact(v, currency, locale),
        day=lambda v: format_date(_day(v), "d MMMM", locale=language),  # words in the deck's language
        month=lambda v: format_date(_day(v), "MMMM", locale=language),
    )

    def recording(name: str) -> Callable[..., str]:
        def apply(value: Any, *args: Any, what: str | None = None) -> str:
            return env.recorder(what, plain[name](value, *args))  # type: ignore[attr-defined]

        return apply

    for name in FIGURE_FILTERS:
        env.filters[name] = recording(name)
    env.filters["shown"] = lambda value, what=None: env.recorder(what, "" if value is None else str(value))  # type: ignore[attr-defined]
    env.filters["join"] = lambda items: format_list([str(i) for i in items], locale=language) if items else ""
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:] if text else ""
    env.filters["inline"] = lambda labels: (
        [inline(str(label)) for label in labels] if isinstance(labels, list | tuple) else inline(str(labels or ""))
    )

    def ngettext(singular: str, plural: str, count: float, what: str | None = None, **values: Any) -> str:
        number = int(count)
        shown = env.recorder(what, formatting.number(number, locale))  # type: ignore[attr-defined]
        return words.ngettext(singular, plural, number) % {"num": shown, **values}

    env.globals["ngettext"] = ngettext
    return env


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class Filler:
    """Evaluates candidates on one period's context; compiled templates are kept by text."""

    def __init__(self, env: _Sandbox, context: dict[str, Any], words: Callable[[str], str]) -> None:
        self.env = env
        self.context = context
        self.words = words
        self._compiled: dict[str, Template] = {}

    def holds(self, when: str | None) -> bool:
        if when is None:
            return True
        self.env.budget = MAX_ITEMS
        return bool(self.env.compile_expression(when)(**self.context))

    def sentence(self, key: str, template: str) -> Sentence:
        """The template translated, filled and put on one line, with the figures it printed."""
        text = self.words(template)
        if text not in self._compiled:
            self._compiled[text] = compile_template(self.env, text)
        self.env.budget = MAX_ITEMS
        recorder = Recorder()
        self.env.recorder = recorder  # type: ignore[attr-defined]
        rendered = _SPACES.sub(" ", self._compiled[text].render(**self.context)).strip()  # no-break spaces stay
        return Sentence(key, capitalised(rendered), tuple(recorder.figures))
