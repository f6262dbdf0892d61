"""The PowerPoint template a deck is written on: the company's own (`brand.pptx_template`) or a built-in one.

A company template brings its slide masters, layouts, theme colours and fonts; boardpack only picks a
layout for each kind of slide, by the layout's name (`brand.pptx_layouts`), so the deck restyles with
the template. Without one, python-pptx's blank presentation is resized to the brand's page and its
theme set to the brand's colours and fonts, so the slides look like the PDF and still follow the theme
when someone restyles them in PowerPoint.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from boardpack.i18n import N_
from boardpack.inputs.brand import Brand
from boardpack.inputs.report import make_problem
from boardpack.render.problems import ThemeProblem

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import SlideLayout

KINDS = ("cover", "content", "table", "appendix")
EMU_PER_INCH = 914400
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MISSING_LAYOUT = N_("no layout named '{layout}' in {template}; expected one of: {names}")
NOT_A_TEMPLATE = N_("'{name}' cannot be read as a PowerPoint template ({reason}); expected a .pptx or .potx file")

# brand colour roles -> theme colour slots: text and charts refer to the slots, so a template restyles them
THEME_SLOTS = {
    "dk1": "text",
    "lt1": "background",
    "dk2": "primary",
    "lt2": "surface",
    "accent1": "primary",
    "accent2": "secondary",
    "accent3": "accent",
    "accent4": "positive",
    "accent5": "negative",
    "accent6": "watch",
}


@dataclass(frozen=True)
class Template:
    """An opened template: the presentation to add slides to, its layout for each kind, whether it is ours."""

    presentation: Presentation
    layouts: dict[str, SlideLayout]
    builtin: bool
    body_font: str  # the theme's body font: the charts' text is set in it
    title_size: tuple[float, bool] = (44.0, False)  # the master's title size (points) and weight

    @property
    def width(self) -> int:
        return int(self.presentation.slide_width or 0)

    @property
    def height(self) -> int:
        return int(self.presentation.slide_height or 0)


def _read(path: Path) -> bytes:
    """The template's bytes, a .potx relabelled as a presentation (the one difference python-pptx minds)."""
    data = path.read_bytes()
    if path.suffix.lower() != ".potx":
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(_POTX.encode(), _PPTX.encode())
            target.writestr(info, content)
    return out.getvalue()


def _open(path: Path) -> Presentation:
    from pptx import Presentation as open_presentation

    return open_presentation(io.BytesIO(_read(path)))


def template_problems(path: Path, brand: Brand, name: str) -> list[tuple[str, str, dict[str, str]]]:
    """What stops `path` serving as the deck's template: (key, message, values); empty when it serves.

    `boardpack validate` reports these, so a template lacking a layout is found before a build.
    """
    try:
        presentation = _open(path)
    except Exception as exc:  # python-pptx and zipfile raise many types for a file that is not a deck
        return [("brand.pptx_template", NOT_A_TEMPLATE, {"name": name, "reason": str(exc) or type(exc).__name__})]
    return _missing(presentation, brand, name)


def _missing(presentation: Presentation, brand: Brand, name: str) -> list[tuple[str, str, dict[str, str]]]:
    names = [layout.name for layout in presentation.slide_layouts]
    wanted = brand.pptx_layouts.model_dump()
    return [
        (
            f"brand.pptx_layouts.{kind}",
            MISSING_LAYOUT,
            {"layout": wanted[kind], "template": name, "names": _list(names)},
        )
        for kind in KINDS
        if wanted[kind] not in names
    ]


def _list(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names) or "none"


def open_template(brand: Brand, path: Path | None, colours: dict[str, str], fonts: tuple[str, str]) -> Template:
    """The template for this deck, its example slides removed; a missing layout is a ThemeProblem.

    `fonts` are the heading and body families for the built-in template's theme.
    """
    if path is None:
        presentation, builtin = _builtin(brand, colours, fonts), True
    else:
        problems = template_problems(path, brand, brand.pptx_template or path.name)
        if problems:
            raise ThemeProblem([make_problem("boardpack.yaml", None, key, m, **v) for key, m, v in problems])
        presentation, builtin = _open(path), False
        _drop_slides(presentation)
    by_name = {layout.name: layout for layout in presentation.slide_layouts}
    wanted = brand.pptx_layouts.model_dump() if not builtin else {kind: _BUILTIN[kind] for kind in KINDS}
    body = theme_of(presentation)[1][1] or fonts[1]
    layouts = {kind: by_name[wanted[kind]] for kind in KINDS}
    return Template(presentation, layouts, builtin, body, title_style(presentation))


def title_style(presentation: Presentation) -> tuple[float, bool]:
    """The size (points) and boldness of titles, as the slide master's title style sets them."""
    run = presentation.slide_master.element.find(f"{{{_P}}}txStyles/{{{_P}}}titleStyle/{{{_A}}}lvl1pPr/{{{_A}}}defRPr")
    if run is None:
        return 44.0, False
    return int(run.get("sz", "4400")) / 100, run.get("b") in ("1", "true")


_BUILTIN = {"cover": "Title Slide", "content": "Title Only", "table": "Title Only", "appendix": "Title Only"}


def _drop_slides(presentation: Presentation) -> None:
    """Remove a template's own slides: only its masters and layouts serve the deck."""
    ids = presentation.slides._sldIdLst
    for entry in list(ids):
        presentation.part.drop_rel(entry.get(f"{{{_R}}}id"))
        ids.remove(entry)


def _builtin(brand: Brand, colours: dict[str, str], fonts: tuple[str, str]) -> Presentation:
    """python-pptx's blank presentation at the brand's page size, its theme set to the brand."""
    from pptx import Presentation as new_presentation

    presentation = new_presentation()
    width, height = brand.page
    old_w, old_h = presentation.slide_width or 1, presentation.slide_height or 1
    presentation.slide_width, presentation.slide_height = int(width * EMU_PER_INCH), int(height * EMU_PER_INCH)
    sx, sy = presentation.slide_width / old_w, presentation.slide_height / old_h
    master = presentation.slide_master
    for element in [master.element, *(layout.element for layout in presentation.slide_layouts)]:
        for xfrm in element.iter(f"{{{_A}}}xfrm"):
            off, ext = xfrm.find(f"{{{_A}}}off"), xfrm.find(f"{{{_A}}}ext")
            if off is not None and ext is not None:
                off.set("x", str(int(int(off.get("x")) * sx)))
                off.set("y", str(int(int(off.get("y")) * sy)))
                ext.set("cx", str(int(int(ext.get("cx")) * sx)))
                ext.set("cy", str(int(int(ext.get("cy")) * sy)))
    _title_band(presentation)
    theme = master.part.part_related_by(_THEME)
    theme._blob = brand_theme(theme.blob, colours, fonts)
    return presentation


def _title_band(presentation: Presentation) -> None:
    """Content slides' titles sit in a band at the top, left-aligned, in the primary colour, as in the PDF."""
    inch = EMU_PER_INCH
    width = int(presentation.slide_width or 0)
    for layout in [presentation.slide_master, *presentation.slide_layouts]:
        if layout.name == "Title Slide":
            continue
        for shape in layout.placeholders:
            if shape.placeholder_format.idx == 0:
                inset = int(0.1 * inch)  # the placeholder's own inner margin: its text starts at the slide's margin
                shape.left, shape.top = int(0.55 * inch) - inset, int(0.3 * inch)
                shape.width, shape.height = width - int(1.1 * inch) + inset, int(0.7 * inch)
    style = presentation.slide_master.element.find(f"{{{_P}}}txStyles/{{{_P}}}titleStyle/{{{_A}}}lvl1pPr")
    if style is not None:
        style.set("algn", "l")
        run = style.find(f"{{{_A}}}defRPr")
        if run is not None:
            run.set("sz", "2400")
            run.set("b", "1")
            fill = run.find(f"{{{_A}}}solidFill/{{{_A}}}schemeClr")
            if fill is not None:
                fill.set("val", "tx2")


def brand_theme(xml: bytes, colours: dict[str, str], fonts: tuple[str, str]) -> bytes:
    """A theme part with the brand's colours in its slots and its heading and body fonts."""
    root = etree.fromstring(xml)
    scheme = root.find(f".//{{{_A}}}clrScheme")
    if scheme is not None:
        scheme.set("name", "boardpack")
        for slot, role in THEME_SLOTS.items():
            element = scheme.find(f"{{{_A}}}{slot}")
            if element is not None:
                for child in list(element):
                    element.remove(child)
                etree.SubElement(element, f"{{{_A}}}srgbClr", val=colours[role].lstrip("#").upper())
    for tag, family in (("majorFont", fonts[0]), ("minorFont", fonts[1])):
        latin = root.find(f".//{{{_A}}}fontScheme/{{{_A}}}{tag}/{{{_A}}}latin")
        if latin is not None:
            latin.set("typeface", family)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def theme_of(presentation: Presentation) -> tuple[dict[str, str], tuple[str, str]]:
    """A presentation's theme colours (slot -> #rrggbb, where set as RGB) and its heading and body fonts."""
    theme = presentation.slide_master.part.part_related_by(_THEME)
    root = etree.fromstring(theme.blob)
    colours = {}
    scheme = root.find(f".//{{{_A}}}clrScheme")
    for element in scheme if scheme is not None else ():
        rgb = element.find(f"{{{_A}}}srgbClr")
        if rgb is not None:
            colours[etree.QName(element).localname] = "#" + rgb.get("val", "").lower()
    found = []
    for tag in ("majorFont", "minorFont"):
        latin = root.find(f".//{{{_A}}}fontScheme/{{{_A}}}{tag}/{{{_A}}}latin")
        found.append(latin.get("typeface", "") if latin is not None else "")
    return colours, (found[0], found[1])
