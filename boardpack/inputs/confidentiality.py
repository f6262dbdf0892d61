"""The confidentiality line a pack sets: one line, or one per deck language, checked as the board's languages.

A mapping with a language boardpack has no deck for (`de:`) is one problem naming the key and the languages
there are, not the two branches of a type a reader of boardpack.yaml never wrote.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator

from boardpack.i18n import N_

Language = Literal["en", "fr", "ro"]
DEFAULT_CONFIDENTIALITY = N_("Confidential")  # printed in the deck's language unless the pack writes its own
SHIPPED_CONFIDENTIALITY = (DEFAULT_CONFIDENTIALITY, N_("Confidential · prepared for the board of directors"))  # init's


def _languages_known(value: Any) -> Any:
    if isinstance(value, dict):
        known = get_args(Language)
        unknown = [str(key) for key in value if key not in known]
        if unknown:
            raise ValueError(f"'{unknown[0]}' is not a deck language; expected {', '.join(known[:-1])} or {known[-1]}")
    return value


Confidentiality = Annotated[str | dict[Language, str], BeforeValidator(_languages_known)]
