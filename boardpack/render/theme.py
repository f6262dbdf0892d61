"""The deck's look, resolved for one pack: brand tokens, font files, logo, page, template folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from boardpack.charts import ChartTheme
from boardpack.inputs.pack import PackInputs
from boardpack.render.environment import builtin_templates

DEFAULT_CONTENT_WIDTH = 13.333 - 1.1  # the 16:9 page less its side margins, the size charts are drawn for


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: str
    uri: str


@dataclass(frozen=True)
class Look:
    """Everything a deck's appearance depends on, computed once per build."""

    chart_theme: ChartTheme
    colours: dict[str, str]
    heading_family: str
    body_family: str
    font_faces: tuple[FontFace, ...]
    logo_uri: str | None
    footer: str
    page_width: float
    page_height: float
    search_path: tuple[Path, ...]
    user_stylesheet: Path | None

    @property
    def scale(self) -> float:
        """How much smaller (or larger) than on the 16:9 page the charts are drawn."""
        return (self.page_width - 1.1) / DEFAULT_CONTENT_WIDTH

    @property
    def roots(self) -> tuple[Path, ...]:
        """Folders the PDF may read files from."""
        return (*self.search_path, builtin_templates())


def theme_folder(pack: PackInputs, override: Path | None = None) -> Path | None:
    if override is not None:
        return override.resolve()
    return (pack.root / pack.config.theme).resolve() if pack.config.theme else None


def resolve_look(pack: PackInputs, theme: Path | None = None) -> Look:
    brand = pack.config.brand
    colours = brand.colours.model_dump()
    faces: list[FontFace] = []
    files: list[str] = []
    for font in (brand.fonts.heading, brand.fonts.body):
        for weight, name in (("normal", font.regular), ("bold", font.bold)):
            if name:
                path = (pack.root / name).resolve()
                faces.append(FontFace(font.family, weight, path.as_uri()))
                files.append(str(path))
    folder = theme_folder(pack, theme)
    stylesheet = folder / "style.css" if folder is not None and (folder / "style.css").is_file() else None
    width, height = brand.page
    chart_theme = ChartTheme(
        primary=colours["primary"],
        secondary=colours["secondary"],
        accent=colours["accent"],
        text=colours["text"],
        muted=colours["muted"],
        grid=colours["rule"],
        positive=colours["positive"],
        negative=colours["negative"],
        neutral=colours["neutral"],
        watch=colours["watch"],
        font_family=brand.fonts.body.family,
        font_files=tuple(dict.fromkeys(files)),
    )
    return Look(
        chart_theme=chart_theme,
        colours=colours,
        heading_family=brand.fonts.heading.family,
        body_family=brand.fonts.body.family,
        font_faces=tuple(faces),
        logo_uri=(pack.root / brand.logo).resolve().as_uri() if brand.logo else None,
        footer=brand.footer or pack.config.confidentiality,
        page_width=width,
        page_height=height,
        search_path=(folder,) if folder is not None else (),
        user_stylesheet=stylesheet,
    )
