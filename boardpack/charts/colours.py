"""Series colours a reader can tell apart, checked under simulated colour-vision deficiency.

A chart's series are told apart by colour alone, so every pair of series colours must stay apart for the
about one man in twelve who sees colours differently. Each candidate colour is simulated as protanopia,
deuteranopia and tritanopia with the matrices of Machado, Oliveira and Fernandes (2009, severity 1.0,
applied to linear RGB), and a colour joins the palette only when its CIELAB distance to every colour
already in it is at least `MIN_DISTANCE` in normal vision and in each simulation.

Text contrast is checked with the brand, when the pack is read (`inputs/contrast.py`); a chart that sets a
value in a series colour uses `text_colour`, which darkens that colour (same hue) until it reads as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS = ("normal", *MACHADO)
MIN_DISTANCE = 15.0  # CIELAB ΔE*ab between any two series colours, in every vision
MAX_SERIES = 8  # more series than this is a table, not a chart
# Candidates after the brand's own two: the Okabe-Ito set, designed to survive colour-vision deficiency
# (its yellow left out: too light on white), then greys.
CANDIDATES = ("#56b4e9", "#e69f00", "#009e73", "#cc79a7", "#0072b2", "#d55e00", "#999999", "#000000")

RGB = tuple[float, float, float]


def _rgb(colour: str) -> RGB:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _lab(linear: RGB) -> RGB:
    r, g, b = (min(max(c, 0.0), 1.0) for c in linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


@cache
def seen(colour: str, vision: str) -> RGB:
    """The colour in CIELAB as a reader with `vision` sees it."""
    linear = tuple(_linear(c) for c in _rgb(colour))
    if vision != "normal":
        matrix = MACHADO[vision]
        linear = tuple(sum(m * c for m, c in zip(row, linear, strict=True)) for row in matrix)
    return _lab(linear)  # type: ignore[arg-type]


def distance(first: str, second: str) -> float:
    """The smallest CIELAB distance between two colours over normal vision and the three simulations."""
    return min(sum((a - b) ** 2 for a, b in zip(seen(first, v), seen(second, v), strict=True)) ** 0.5 for v in VISIONS)


@cache
def palette(brand: tuple[str, ...], avoid: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Up to MAX_SERIES colours, the brand's first, each far enough from the others in every vision.

    `avoid` are colours with a meaning of their own on the same charts (good, bad, the reference line):
    a series colour keeps as far from them as from another series.
    """
    chosen: list[str] = []
    for colour in (*brand, *CANDIDATES):
        if len(chosen) == MAX_SERIES:
            break
        if all(distance(colour, other) >= MIN_DISTANCE for other in (*chosen, *avoid)):
            chosen.append(colour)
    return tuple(chosen)


def closest_pair(colours: Sequence[str]) -> tuple[str, str, float]:
    """The two colours nearest each other in any vision, and their distance (for tests and messages)."""
    pairs = [(a, b, distance(a, b)) for i, a in enumerate(colours) for b in colours[i + 1 :]]
    return min(pairs, key=lambda pair: pair[2])


TEXT_CONTRAST = 4.5  # WCAG 2 for body text: what a label on a chart must reach against the slide


def _luminance(colour: str) -> float:
    """WCAG relative luminance (the same formula as the brand check in `inputs/contrast.py`, which the draw step
    may not import)."""
    r, g, b = (_linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@cache
def text_colour(colour: str, background: str) -> str:
    """`colour` when text in it reaches TEXT_CONTRAST on `background`, else the same hue mixed towards black
    (white on a dark background) just far enough: a teal `92.6%` beside the teal line stays teal, and legible."""
    if contrast(colour, background) >= TEXT_CONTRAST:
        return colour
    target = (0.0, 0.0, 0.0) if _luminance(background) > 0.18 else (1.0, 1.0, 1.0)
    red, green, blue = _rgb(colour)
    mixed = colour
    for step in range(1, 41):
        share = step / 40
        mixed = "#" + "".join(
            f"{round((c * (1 - share) + t * share) * 255):02x}" for c, t in zip((red, green, blue), target, strict=True)
        )
        if contrast(mixed, background) >= TEXT_CONTRAST:
            break
    return mixed
