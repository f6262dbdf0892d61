"""Text contrast of a brand's colours, checked when the pack is read.

Each pair is a colour the default stylesheet sets text in and the colour under it. The ratio is WCAG 2's
(relative luminances, 1 to 21); body text needs 4.5:1 to be read on a projector or a grey printout. A brand
below it still builds: the notice names the pair and its ratio, so the designer can choose.

Series colours are checked as text too: a line chart writes its last value in its series' colour. The
charts darken such a label to 4.5:1 (`charts/colours.py`), so the notice says the labels will not be
in the brand's own shade.
"""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.inputs.brand import Colours
from boardpack.inputs.report import ValidationReport

MINIMUM = 4.5
TEXT_PAIRS = (  # (text colour, colour under it), as brand.colours roles
    ("text", "background"),
    ("text", "surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("primary", "background"),
    ("positive", "background"),
    ("negative", "background"),
    ("watch", "background"),
)
SERIES_PAIRS = (("secondary", "background"),)  # series colours a chart writes labels in (primary is above)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour written #rrggbb or #rgb."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    r, g, b = (_linear(int(value[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _below(colours: Colours, pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str, float]]:
    values = colours.model_dump()
    ratios = [(fg, bg, contrast(values[fg], values[bg])) for fg, bg in pairs]
    return [(fg, bg, int(ratio * 10) / 10) for fg, bg, ratio in ratios if ratio < MINIMUM]


def low_contrast(colours: Colours) -> list[tuple[str, str, float]]:
    """The text pairs below MINIMUM, with their ratio rounded down to one decimal (4.49 is not 4.5)."""
    return _below(colours, TEXT_PAIRS)


def light_series(colours: Colours) -> list[tuple[str, str, float]]:
    """The series colours that fail as text on the page, with their ratio (as `low_contrast`)."""
    return _below(colours, SERIES_PAIRS)


def check_contrast(colours: Colours, file: str, report: ValidationReport) -> None:
    """A notice for each text colour too close to the colour under it, and for each series colour too light to
    be read as a chart's label."""
    values = colours.model_dump()
    for fg, bg, ratio in low_contrast(colours):
        report.note(
            file,
            None,
            f"brand.colours.{fg}",
            N_("text in {fg} ({fg_colour}) on {bg} ({bg_colour}) has a contrast of {ratio}:1; expected at least 4.5:1"),
            fg=fg,
            fg_colour=values[fg],
            bg=bg,
            bg_colour=values[bg],
            ratio=ratio,
        )
    for fg, bg, ratio in light_series(colours):
        report.note(
            file,
            None,
            f"brand.colours.{fg}",
            N_(
                "chart labels in the series colour {fg} ({fg_colour}) on {bg} ({bg_colour}) would have a contrast "
                "of {ratio}:1; they are drawn in a darker shade to reach 4.5:1"
            ),
            fg=fg,
            fg_colour=values[fg],
            bg=bg,
            bg_colour=values[bg],
            ratio=ratio,
        )
