"""A deck's language: its words, the number and date formats its readers write, and its confidentiality line.

`--language` changes more than the words: a French board reads `8,8 %` and `608 k€`, so the locale follows the
language unless the pack wrote a locale of that language. The currency never changes with it.
"""

from __future__ import annotations

from boardpack.formatting import language_locale
from boardpack.i18n import translator
from boardpack.inputs.confidentiality import DEFAULT_CONFIDENTIALITY, SHIPPED_CONFIDENTIALITY
from boardpack.inputs.config import PackConfig


def in_language(config: PackConfig, language: str) -> PackConfig:
    """The settings of a deck in `language` (the command line's `--language`): its words, and its numbers and
    dates as `language_locale` gives them from the locale the pack wrote (or none), as for `language:` in the
    file; the currency is unchanged, and cells were read with the written locale."""
    if language == config.language:
        return config
    return config.model_copy(update={"language": language, "locale": language_locale(config.written_locale, language)})


def confidentiality_line(config: PackConfig) -> str:
    """The confidentiality line of the deck: the pack's entry for the deck's language (or its one line), a line
    boardpack ships in the deck's language, and the default where a per-language mapping lacks the language."""
    line = config.confidentiality
    if isinstance(line, dict):
        line = line.get(config.language, DEFAULT_CONFIDENTIALITY)
    return translator(config.language)(line) if line in SHIPPED_CONFIDENTIALITY else line
