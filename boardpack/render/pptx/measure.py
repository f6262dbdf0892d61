"""How much room text takes, from the font's own advance widths: the PowerPoint deck's overflow check.

The PDF knows where its text ended (WeasyPrint laid it out); a PowerPoint file only says what text is
in which box, and the application that opens it lays it out. So boxes are sized, fonts shrunk and
tables split from the metrics of the font the text is set in (a brand font file, else DejaVu Sans,
which is wider than the common office fonts, so text measured with it fits them too), and the tests
measure every box of a written deck the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LINE = 1.2  # line height as a multiple of the font size, as PowerPoint's single spacing
MIN_SIZE = 7.0  # points: below this a board member cannot read a slide


@cache
def fallback_font() -> Path:
    """DejaVu Sans as matplotlib ships it: the default brand font, present wherever the charts are drawn
    (found without importing matplotlib, which the chart worker imports on its own)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations, "matplotlib is a dependency of boardpack"
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


@dataclass(frozen=True)
class Metrics:
    """Advance widths of one font, in units of its em; the widths of words met so far are kept."""

    widths: dict[int, float]
    default: float
    _words: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def widest(self, other: Metrics) -> Metrics:
        """Each character at the wider of two fonts: text measured so fits whichever of them is drawn."""
        codes = self.widths.keys() | other.widths.keys()
        widths = {c: max(self.widths.get(c, self.default), other.widths.get(c, other.default)) for c in codes}
        return Metrics(widths, max(self.default, other.default))

    def units(self, text: str) -> float:
        """Width of `text` in ems."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = sum(self.widths.get(ord(ch), self.default) for ch in text)
        return found

    def width(self, text: str, size: float) -> float:
        """Width of `text` in points at `size` points."""
        return self.units(text) * size


@cache
def metrics(path: str | None = None) -> Metrics:
    """The advance widths of the font at `path` (a TrueType or OpenType file), else of DejaVu Sans."""
    from fontTools.ttLib import TTFont

    with TTFont(path or str(fallback_font()), lazy=True) as font:
        em = float(font["head"].unitsPerEm)
        advances = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        widths = {code: advances[glyph][0] / em for code, glyph in cmap.items() if glyph in advances}
    default = widths.get(ord("M"), 0.8)
    return Metrics(widths, default)


def wrap(text: str, width: float, size: float, font: Metrics) -> list[str]:
    """`text` broken into lines no wider than `width` points at `size`, at spaces; a word wider than the
    line stands alone on its line (and `fits` then says it does not fit)."""
    limit = width / size
    space = font.units(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            extent = font.units(word)
            if line and used + space + extent > limit:
                lines.append(" ".join(line))
                line, used = [word], extent
            else:
                used += (space if line else 0.0) + extent
                line.append(word)
        lines.append(" ".join(line))
    return lines


def height(text: str, width: float, size: float, font: Metrics) -> float:
    """Height in points of `text` wrapped to `width` at `size`."""
    return len(wrap(text, width, size, font)) * size * LINE


def fits(text: str, width: float, box_height: float, size: float, font: Metrics) -> bool:
    """Whether `text` at `size` fits a box of `width` x `box_height` points: no line too wide, none cut off."""
    lines = wrap(text, width, size, font)
    return all(font.width(line, size) <= width for line in lines) and len(lines) * size * LINE <= box_height + 0.01


def fitted_size(
    texts: list[str], width: float, box_height: float, size: float, font: Metrics, least: float = MIN_SIZE
) -> float | None:
    """The largest size from `size` down to `least` (half a point at a time) at which the paragraphs
    fit the box one under another; None when even `least` does not."""
    while size >= least:
        lines = sum(len(wrap(text, width, size, font)) for text in texts)
        widest = max((font.width(line, size) for text in texts for line in wrap(text, width, size, font)), default=0)
        if widest <= width and lines * size * LINE <= box_height + 0.01:
            return size
        size -= 0.5
    return None
