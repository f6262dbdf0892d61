"""Which slides a deck shows, in which order: the pack's `slides:` list, and what its theme adds or hides.

A theme folder may hold `slides.yaml`:

    add:
      arr_focus:                 # a slide of the theme's own: slides/arr_focus.html.j2 beside this file
        metrics: [arr, quick_ratio]
        title: ARR and its quality
        after: revenue           # where it goes in the default deck (default: before the appendix)
    hide: [scorecard]            # default slides this theme leaves out

The pack's own `slides:` list, when given, is the deck: it may name any slide, the theme's included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from boardpack.i18n import N_
from boardpack.inputs.pack import PackInputs
from boardpack.inputs.report import ValidationReport, quoted
from boardpack.inputs.suggest import closest
from boardpack.inputs.yamlfile import read_yaml
from boardpack.metrics.catalogue import Catalogue, load_catalogue
from boardpack.slides import DEFAULT_SLIDES, PAIRED_SLIDES
from boardpack.slides.base import SLIDES, Builder, Slide, SlideData, declared_metrics
from boardpack.slides.pair import PAIRS
from boardpack.slides.result import DeckResult

THEME_FILE = "slides.yaml"
_EXPECTED = N_("a mapping with add: (new slides) and hide: (slide ids)")


class _Added(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    metrics: list[str] = Field(min_length=1)
    title: str | None = None
    question: str | None = None
    section: str | None = None
    after: str | None = None


class _ThemeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    add: dict[str, _Added] = Field(default_factory=dict)
    hide: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class ThemeSlides:
    """The slides a theme adds (with where each goes) and the default ones it hides."""

    added: dict[str, Slide] = field(default_factory=dict)
    after: dict[str, str | None] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()


def _shows_metrics(slide_id: str, metric_ids: tuple[str, ...]) -> Builder:
    """A theme slide's data: the views of its metrics that have a value, as figures and as tiles."""

    def build(result: DeckResult) -> SlideData:
        shown = result.available(*metric_ids)
        return result.slide(slide_id, figures=shown, tiles=shown)

    return build


def _known(ids: Any) -> str:
    return ", ".join(ids)


def _source(folder: Path, pack: PackInputs) -> str:
    path = folder / THEME_FILE
    return str(path.relative_to(pack.root)) if path.is_relative_to(pack.root) else str(path)


def read_theme_slides(
    folder: Path | None, pack: PackInputs, catalogue: Catalogue, report: ValidationReport
) -> ThemeSlides:
    """The theme's `slides.yaml` (none: nothing added or hidden), every problem in `report`."""
    if folder is None or not (folder / THEME_FILE).is_file():
        return ThemeSlides()
    source = _source(folder, pack)
    document = read_yaml(folder / THEME_FILE, source, report, _EXPECTED, empty_ok=True)
    if document is None:
        return ThemeSlides()
    try:
        data = _ThemeFile.model_validate(document.data)
    except ValidationError as exc:
        for error in exc.errors():
            key = ".".join(str(part) for part in error["loc"])
            report.add(
                source, None, key, N_("{problem}; expected {expected}"), problem=error["msg"], expected=_EXPECTED
            )
        return ThemeSlides()
    known = (*DEFAULT_SLIDES, *PAIRED_SLIDES, *data.add)
    added: dict[str, Slide] = {}
    for slide_id, entry in data.add.items():
        key = f"add.{slide_id}"
        if slide_id in SLIDES:
            report.add(
                source,
                None,
                key,
                N_(
                    "'{slide}' is a slide of boardpack; expected a new id (a template slides/{slide}.html.j2 in the "
                    "theme replaces the default one)"
                ),
                slide=quoted(slide_id),
            )
            continue
        if not (folder / "slides" / f"{slide_id}.html.j2").is_file():
            report.add(
                source,
                None,
                key,
                N_("the theme has no template slides/{slide}.html.j2; expected one for each slide it adds"),
                slide=quoted(slide_id),
            )
        for index, metric_id in enumerate(entry.metrics):
            if metric_id not in catalogue.metrics:
                report.add(
                    source,
                    None,
                    f"{key}.metrics[{index}]",
                    N_("unknown metric id '{metric}'; expected an id from the README"),
                    metric=quoted(metric_id),
                )
        if entry.section is not None and entry.section not in catalogue.sections:
            report.add(
                source,
                None,
                f"{key}.section",
                N_("unknown section '{section}'; expected one of {known}"),
                section=quoted(entry.section),
                known=_known(catalogue.sections),
            )
        if entry.after is not None and entry.after not in known:
            _unknown_slide(report, source, f"{key}.after", entry.after, known)
        metric_ids = tuple(m for m in entry.metrics if m in catalogue.metrics)
        tables = tuple(dict.fromkeys(t for m in metric_ids for t in catalogue.metrics[m].inputs if "." not in t))
        added[slide_id] = Slide(
            slide_id,
            _shows_metrics(slide_id, metric_ids),
            any_of=tables,
            section=entry.section if entry.section in catalogue.sections else None,
            metrics=metric_ids,
            title=entry.title,
            question=entry.question,
        )
    for index, slide_id in enumerate(data.hide):
        if slide_id not in SLIDES:
            _unknown_slide(report, source, f"hide[{index}]", slide_id, (*DEFAULT_SLIDES, *PAIRED_SLIDES))
    after = {slide_id: data.add[slide_id].after for slide_id in added}
    return ThemeSlides(added, after, tuple(s for s in data.hide if s in SLIDES))


def _unknown_slide(report: ValidationReport, source: str, key: str, slide_id: str, known: Iterable[str]) -> None:
    """An unknown slide id, with the closest known id when one is near enough to be a typing slip."""
    known = tuple(known)
    guess = closest(slide_id, known)
    if guess is None:
        message = N_("unknown slide '{slide}'; expected one of {known}")
        report.add(source, None, key, message, slide=quoted(slide_id), known=_known(known))
    else:
        message = N_("unknown slide '{slide}'; did you mean `{suggestion}`? The slides are {known}")
        report.add(source, None, key, message, slide=quoted(slide_id), suggestion=guess, known=_known(known))


def _before_appendix(order: list[str]) -> int:
    return order.index("appendix") if "appendix" in order else len(order)


def _default_order(theme: ThemeSlides) -> tuple[str, ...]:
    """The default slides less those the theme hides; a paired slide one of whose halves the theme hides
    leaves the other half alone in its place."""
    order: list[str] = []
    for slide_id in DEFAULT_SLIDES:
        halves = PAIRS.get(slide_id, ())
        if slide_id in theme.hidden:
            continue
        if any(h in theme.hidden for h in halves):
            order += [h for h in halves if h not in theme.hidden]
        else:
            order.append(slide_id)
    for slide_id, after in theme.after.items():
        place = order.index(after) + 1 if after in order else _before_appendix(order)
        order.insert(place, slide_id)
    return tuple(order)


def slide_order(pack: PackInputs, theme: ThemeSlides, report: ValidationReport) -> tuple[str, ...]:
    """The pack's `slides:` if given (every id checked), else the default deck as the theme changes it."""
    chosen = pack.config.slides
    if chosen is None:
        return _default_order(theme)
    known = (*DEFAULT_SLIDES, *PAIRED_SLIDES, *theme.added)
    order: list[str] = []
    for index, slide_id in enumerate(chosen):
        if slide_id not in known:
            _unknown_slide(report, "boardpack.yaml", f"slides[{index}]", slide_id, known)
        elif slide_id in order:
            report.add(
                "boardpack.yaml",
                None,
                f"slides[{index}]",
                N_("'{slide}' is listed twice; expected each slide once"),
                slide=quoted(slide_id),
            )
        else:
            order.append(slide_id)
    return tuple(order)


@dataclass(frozen=True)
class SlideChoice:
    """The slide ids of the deck in order, and the theme's own slides among them."""

    order: tuple[str, ...]
    theme_slides: dict[str, Slide]

    def on_slides(self) -> set[str]:
        """The metrics the chosen slides declare they show (the scorecard's judged metrics are not among them)."""
        return declared_metrics(self.order, self.theme_slides)


def choose_slides(
    pack: PackInputs, theme_folder: Path | None, report: ValidationReport, catalogue: Catalogue | None = None
) -> SlideChoice:
    """The deck's slides for this pack and theme; problems (unknown ids, a broken slides.yaml) go to `report`."""
    theme = read_theme_slides(theme_folder, pack, catalogue or load_catalogue(), report)
    return SlideChoice(slide_order(pack, theme, report), theme.added)
