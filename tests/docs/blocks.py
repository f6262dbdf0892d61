"""The fenced code blocks of the documentation pages, as the docs tests run them.

A block is its language, its code (dedented when the fence sits in a list item), its line in the page,
and why it is not run when the line before its fence is `<!-- not-run: REASON -->`.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
NOT_RUN = re.compile(r"^\s*<!-- not-run: (?P<reason>.+?) -->\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[\w-]*)")
SHELL = ("sh", "bash", "shell")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    lang: str
    code: str
    not_run: str | None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """Every fenced block of `page`, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        start = index
        index += 1
        body: list[str] = []
        while index < len(lines) and not lines[index].strip().startswith("```"):
            body.append(lines[index])
            index += 1
        index += 1
        previous = next((lines[i] for i in range(start - 1, -1, -1) if lines[i].strip()), "")
        marker = NOT_RUN.match(previous)
        code = textwrap.dedent("\n".join(body)) + "\n"
        found.append(Block(page, start + 1, opening["lang"], code, marker["reason"] if marker else None))
    return found
