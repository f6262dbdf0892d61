"""Languages of the deck: English (the message ids), French and Romanian, from gettext catalogues.

The catalogues are the `.po` files in `boardpack/locale/`, edited with Babel's tools and compiled in
memory when first used (a `.po` file is the only thing a translator touches). Every word the deck
prints goes through `Translator.gettext`: template text, metric labels and formulas, the board's
questions, next-step sentences, appendix texts, chart labels and validation messages.

French typography is applied to French text: a no-break space before `:`, `;`, `?`, `!` and inside
« », so a line never starts with a colon.
"""

from __future__ import annotations

import io
import re
from functools import cache
from gettext import NullTranslations
from importlib import resources
from typing import Any

LANGUAGES = ("en", "fr", "ro")
_FRENCH_SPACE = re.compile(r"[ \u00a0]([:;?!»])")
_FRENCH_QUOTE = re.compile(r"«[ \u00a0]?")


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is defined; it is translated where it is shown."""
    return message


def locale_dir() -> Any:
    return resources.files("boardpack").joinpath("locale")


@cache
def _translations(language: str) -> NullTranslations:
    if language == "en":
        return NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    po = locale_dir().joinpath(language, "LC_MESSAGES", "boardpack.po")
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain="boardpack")


def french_typography(text: str) -> str:
    return _FRENCH_QUOTE.sub("«\u00a0", _FRENCH_SPACE.sub("\u00a0\\1", text))


class Translator:
    """`gettext` for one language; English text is the message id, returned as it is."""

    def __init__(self, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language '{language}'; expected one of {', '.join(LANGUAGES)}")
        self.language = language
        self._catalogue = _translations(language)

    def gettext(self, message: str) -> str:
        if not message:
            return message
        text = self._catalogue.gettext(message)
        return french_typography(text) if self.language == "fr" else text

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        text = self._catalogue.ngettext(singular, plural, count)
        return french_typography(text) if self.language == "fr" else text

    def counted(self, count: float, singular: str, plural: str, number: str) -> str:
        """A count and its noun in the language's plural form: "1 customer", "20 de clienți", "0 client".

        Rule sentences are templates translated whole, so they cannot call `ngettext` themselves; the
        `plural` filter does it for them, with the noun's forms from the catalogue."""
        whole = int(count) if float(count).is_integer() else 2  # a fraction takes the plural everywhere we speak
        return f"{number}\u00a0{self.ngettext(singular, plural, whole)}"


@cache
def translator(language: str = "en") -> Translator:
    return Translator(language)
