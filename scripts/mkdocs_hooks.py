"""MkDocs hook: the reference parts of the docs are generated from the code at build time
(`scripts/reference.py`), so the site follows the catalogue, the settings and the tables as they change."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference


def on_page_markdown(markdown: str, **_: Any) -> str:
    return reference.expand(markdown)
