"""The deck's look, resolved for one pack: brand tokens, font files, logo, page, template folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from boardpack.charts import ChartTheme
from boardpack.inputs.language import confidentiality_line
from boardpack.inputs.pack import PackInputs
from boardpack.inputs.paths import theme_problem
from boardpack.render.environment import builtin_templates
from boardpack.render.problems import ThemeProblem

DEFAULT_CONTENT_WIDTH = 13.333 - 1.1  # the 16:9 page less its side margins, the size charts are drawn for
DEFAULT_CONTENT_HEIGHT = 7.5 - 1.05  # and less its top and bottom margins
A4_LANDSCAPE = (11.693, 8.268)  # the paper a deck is most often printed on
CHART_TEXT = 10.5  # points of a chart's text once printed on A4 (its smallest text is 9)


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
    brand_files: tuple[Path, ...] = ()

    @property
    def scale(self) -> float:
        """How much smaller (or larger) than on the 16:9 page the charts are drawn."""
        return (self.page_width - 1.1) / DEFAULT_CONTENT_WIDTH

    @property
    def point(self) -> float:
        """One point at print size, in page points: the stylesheet sets text in `rem` of it, so a 16:9 page
        printed on A4 (0.88 of its size) shows 10 pt where the stylesheet says 10rem."""
        return round(1 / print_factor(self.page_width, self.page_height), 4)

    @property
    def rhythm(self) -> float:
        """How much taller the page is than the 16:9 one, counted in its own type size: 1 on 16:9, about 1.27 on
        A4 landscape, whose text is smaller against a taller page. Vertical spacing (table rows, tiles) grows by
        it, so a page of another shape is filled as the 16:9 one is rather than left with a blank band."""
        here = (self.page_height - 1.05) / self.point
        wide = DEFAULT_CONTENT_HEIGHT * print_factor(13.333, 7.5)
        return round(max(1.0, here / wide), 3)

    @property
    def footer_size(self) -> float:
        """The footers' size in page points: 9 pt once printed."""
        return round(9 * self.point, 2)

    @property
    def chart_scale(self) -> tuple[float, float]:
        """Chart width and height against the 16:9 page: each follows its own side of the page, so an A4 page
        gets charts of its own proportions (taller) rather than the 16:9 layout with a blank band below."""
        return self.scale, (self.page_height - 1.05) / DEFAULT_CONTENT_HEIGHT

    def page_room(self, height: float) -> float:
        """The height of a chart that fills its slide (`ChartSpec.fills`) on this page, from its height on the 16:9
        page: the page's own content height less the rest of the slide, whose text is set in points of the
        print size, so it takes `point / 16:9 point` of its 16:9 height (an A4 page gives its chart the 12% the
        smaller text leaves, rather than a blank band under it)."""
        text = self.point / (1 / print_factor(13.333, 7.5))
        return round((self.page_height - 1.05) - text * (DEFAULT_CONTENT_HEIGHT - height), 2)

    @property
    def roots(self) -> tuple[Path, ...]:
        """Theme folders whose images, fonts and stylesheets the deck may read."""
        return (*self.search_path, builtin_templates())


def confidentiality(pack: PackInputs) -> str:
    """The confidentiality line: the pack's own words, or the default one in the deck's language."""
    return confidentiality_line(pack.config)


def print_factor(width: float, height: float) -> float:
    """How much a page shrinks when printed on A4 landscape: 0.88 for 16:9 (13.33 in wide), 1 for A4."""
    return min(1.0, A4_LANDSCAPE[0] / width, A4_LANDSCAPE[1] / height)


def theme_folder(pack: PackInputs, override: Path | None = None) -> Path | None:
    """`--theme` if given, else `theme:` (both checked to be real theme folders); a bad one is a ThemeProblem."""
    if override is None:
        return pack.files.theme
    refused = theme_problem(override, str(override))
    if refused is not None:
        raise ThemeProblem.about("--theme", refused)
    return override.resolve()


def resolve_look(pack: PackInputs, theme: Path | None = None) -> Look:
    brand = pack.config.brand
    named = pack.files.brand  # checked to lie in the pack or the theme folder
    colours = brand.colours.model_dump()
    faces: list[FontFace] = []
    files: list[str] = []
    for font in (brand.fonts.heading, brand.fonts.body):
        for weight, name in (("normal", font.regular), ("bold", font.bold)):
            if name and name in named:
                path = named[name]
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
        background=colours["background"],
        font_family=brand.fonts.body.family,
        font_size=round(CHART_TEXT / print_factor(width, height), 1),
        font_files=tuple(dict.fromkeys(files)),
    )
    return Look(
        chart_theme=chart_theme,
        colours=colours,
        heading_family=brand.fonts.heading.family,
        body_family=brand.fonts.body.family,
        font_faces=tuple(faces),
        logo_uri=named[brand.logo].as_uri() if brand.logo in named else None,
        footer=brand.footer or confidentiality(pack),
        page_width=width,
        page_height=height,
        search_path=(folder,) if folder is not None else (),
        user_stylesheet=stylesheet,
        brand_files=tuple(named.values()),
    )
