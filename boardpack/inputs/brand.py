"""Brand tokens: the colours, fonts, logo and page size a deck is set in.

The same tokens style the slides (as CSS variables) and the charts (as matplotlib settings), so a
brand change restyles text and charts alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from boardpack.i18n import N_
from boardpack.inputs.report import ValidationReport

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
PAGE_SIZES = {"16:9": (13.333, 7.5), "a4-landscape": (11.693, 8.268)}


class Colours(BaseModel):
    """Colours by role, as #rrggbb (or #rgb)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    primary: str = Field("#1f3a5f", description="titles, the reported period, totals, first series")
    secondary: str = Field("#4a76a6", description="second series")
    accent: str = Field("#e07a2f", description="next steps (a marker, never text)")
    text: str = Field("#1d2433", description="body text")
    background: str = Field("#ffffff", description="page background")
    muted: str = Field("#6b7280", description="labels, captions, footers")
    rule: str = Field("#e5e7eb", description="table rules and chart grid")
    surface: str = Field("#f6f7f9", description="background of KPI tiles")
    positive: str = Field("#1b7f4c", description="on target, good change, gains")
    negative: str = Field("#c0392b", description="off target, bad change, losses")
    watch: str = Field("#946c00", description="watch status")
    neutral: str = Field("#9aa5b1", description="earlier periods, no status")

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(str(value)):
            raise ValueError(f"'{value}' is not a colour; expected #rrggbb such as #1f3a5f")
        return str(value).lower()


class Font(BaseModel):
    """A font family: installed on the machine, or loaded from files in the pack (@font-face)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str = Field("DejaVu Sans", min_length=1, description="family name as the slides and charts use it")
    regular: str | None = Field(None, description="font file for the regular weight (.ttf, .otf, .woff, .woff2)")
    bold: str | None = Field(None, description="font file for the bold weight")

    @field_validator("regular", "bold")
    @classmethod
    def _font_file(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().endswith((".ttf", ".otf", ".woff", ".woff2")):
            raise ValueError(f"'{value}' is not a font file; expected .ttf, .otf, .woff or .woff2")
        return value


class Fonts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: Font = Field(default_factory=Font)
    body: Font = Field(default_factory=Font)


class PptxLayouts(BaseModel):
    """Which layout of the PowerPoint template each kind of slide uses, by the layout's name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cover: str = Field("Title Slide", min_length=1, description="layout of the cover")
    content: str = Field("Title Only", min_length=1, description="layout of a slide with figures, a chart, a table")
    table: str = Field("Title Only", min_length=1, description="layout of a slide that is one long table")
    appendix: str = Field("Title Only", min_length=1, description="layout of the appendix and restated figures")


class Brand(BaseModel):
    """How the deck looks; every key is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    logo: str | None = Field(None, description="logo file in the pack (.svg or .png), on the cover and every slide")
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    footer: str | None = Field(None, description="footer text (default: the confidentiality line)")
    page_size: Literal["16:9", "a4-landscape"] = Field("16:9", description="16:9 (13.33 × 7.5 in) or a4-landscape")
    pptx_template: str | None = Field(
        None, description="a PowerPoint template (.pptx or .potx, in the pack or theme folder) for `--format pptx`"
    )
    pptx_layouts: PptxLayouts = Field(default_factory=lambda: PptxLayouts())

    @field_validator("pptx_template")
    @classmethod
    def _pptx_template(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().endswith((".pptx", ".potx")):
            raise ValueError(f"'{value}' is not a PowerPoint template; expected a .pptx or .potx file")
        return value

    @field_validator("logo")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().endswith((".svg", ".png")):
            raise ValueError(f"'{value}' is not a logo file; expected .svg or .png")
        return value

    @property
    def page(self) -> tuple[float, float]:
        return PAGE_SIZES[self.page_size]


def font_problem(path: Path) -> str | None:
    """Why a font file cannot be used, or None: opened as the charts and the PDF will open it, so a file
    renamed `.ttf` is named in boardpack.yaml's terms rather than failing inside matplotlib."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:
            font["head"], font["cmap"]  # the tables every renderer reads first
            flavor = font.flavor
    except Exception as exc:  # fontTools raises many types for a file that is not a font
        return str(exc) or type(exc).__name__
    if flavor in ("woff", "woff2"):  # the PDF could embed it, but matplotlib cannot draw the charts with it
        return f"a {flavor.upper()} web font, which the charts cannot draw with"
    return None


def logo_problem(path: Path) -> str | None:
    """Why a logo cannot be drawn, or None: a PNG must decode, an SVG must be XML with an <svg> root."""
    if path.suffix.lower() == ".png":
        from PIL import Image

        try:
            with Image.open(path) as image:
                image.verify()
        except Exception as exc:  # Pillow raises many types for a damaged image
            return str(exc) or type(exc).__name__
        return None
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, ValueError) as exc:
        return str(exc)
    if not root.tag.endswith("svg"):
        return f"its root element is <{root.tag.rpartition('}')[2]}>"
    return None


def check_footer(brand: Brand, company: str, file: str, report: ValidationReport) -> None:
    """A notice when `footer:` starts with the company's name: every footer prints the company at its left
    already, so the page would read it twice (`Harbor Lane … Harbor Lane · board pack`)."""
    footer = (brand.footer or "").strip().casefold()
    if footer.startswith(company.strip().casefold()):
        report.note(
            file,
            None,
            "brand.footer",
            N_(
                "starts with the company name {company}, which every footer prints at its left already; "
                "expected the footer's own words, such as a confidentiality line"
            ),
            company=company,
        )
