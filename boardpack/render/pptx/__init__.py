"""The deck as an editable PowerPoint file, from the same slide data as the PDF: the only user of python-pptx."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from boardpack.inputs.pack import PackInputs
from boardpack.render.pptx.content import slide_pages
from boardpack.render.pptx.layout import Fonts, print_zoom
from boardpack.render.pptx.measure import fallback_font, metrics
from boardpack.render.pptx.reproducible import normalised, save, set_properties
from boardpack.render.pptx.template import EMU_PER_INCH, open_template
from boardpack.render.pptx.writer import DeckWriter
from boardpack.render.theme import Look
from boardpack.slides import DeckResult, SlideData


def _fonts(pack: PackInputs) -> Fonts:
    """The metrics text is measured with: the wider, glyph by glyph, of the brand's body font (where its
    files are named) and DejaVu Sans. A brand font travels in the pack, not in the .pptx, so a viewer
    without it draws the text in a fallback; measured this way, it fits both."""
    body = pack.config.brand.fonts.body
    named = pack.files.brand
    fallback = (metrics(None), metrics(str(fallback_font().with_name("DejaVuSans-Bold.ttf"))))
    if body.regular not in named:
        return Fonts(*fallback)
    regular = metrics(str(named[body.regular]))
    bold = metrics(str(named[body.bold])) if body.bold in named else regular
    return Fonts(regular.widest(fallback[0]), bold.widest(fallback[1]))


def notes(result: DeckResult, slide: SlideData) -> str:
    """Speaker notes: the definitions of the slide's figures and the files its data came from."""
    t = result.t
    views: dict[str, Any] = {}
    declared = result.theme_slides.get(slide.id) or _declared(slide.id)
    ids = [*(declared.metrics if declared else ()), *(m.id for m in (*slide.tiles, *slide.figures))]
    for metric_id in ids:
        view = result.views.get(metric_id)
        if view is not None and view.formula:
            views.setdefault(metric_id, view)
    lines = []
    if views:
        lines.append(t("Definitions") + ":")
        lines += [f"{v.label}: {v.formula}" for v in views.values()]
    tables = [*(declared.needs if declared else ()), *(declared.any_of if declared else ())]
    sources = sorted({result.pack.sources[name] for name in tables if name in result.pack.sources})
    if sources:
        lines.append(t("Data sources") + ": " + ", ".join(sources))
    return "\n".join(lines)


def _declared(slide_id: str) -> Any:
    from boardpack.slides.base import SLIDES

    return SLIDES.get(slide_id)


def _logo(pack: PackInputs) -> Path | None:
    """The brand's logo where PowerPoint can place it (a PNG); an SVG logo is left to the PDF and HTML."""
    name = pack.config.brand.logo
    path = pack.files.brand.get(name) if name else None
    return path if path is not None and path.suffix.lower() == ".png" else None


def pptx_bytes(
    result: DeckResult, slides: list[SlideData], values: dict[str, Any], look: Look, created: datetime
) -> bytes:
    """The deck as PowerPoint bytes, reproducible; a template lacking a layout is a ThemeProblem."""
    pack = result.pack
    brand = pack.config.brand
    path = pack.files.brand.get(brand.pptx_template) if brand.pptx_template else None
    template = open_template(brand, path, look.colours, (look.heading_family, look.body_family))
    fonts = replace(_fonts(pack), zoom=print_zoom(template.width / EMU_PER_INCH))
    writer = DeckWriter(template, fonts, result.t, (pack.config.company, look.footer), _logo(pack))
    for slide in slides:
        said = notes(result, slide)
        for page in slide_pages(result, slide, values):
            writer.add(replace(page, notes=said))
    writer.finish()
    title = f"{pack.config.company} · {values['period']}"
    set_properties(template.presentation, title, pack.config.language, created)
    return normalised(save(template.presentation), created)
