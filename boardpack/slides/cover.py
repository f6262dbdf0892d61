"""The cover: company, period and confidentiality; the deck's common values say it all."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult


@slide("cover")
def build(result: DeckResult) -> SlideData:
    return result.slide("cover", title=result.config.company)
