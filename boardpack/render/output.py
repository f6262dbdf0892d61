"""What a build writes and what it wrote: the options of a build and its result.

They belong to render because render writes every file; the public API takes and returns them as
they are. `previous` and `as_of` are read before render runs (by the API, for the restated figures
and the metrics), and ride along so that a caller names everything about one build in one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from boardpack.periods import Period


@dataclass(frozen=True)
class BuildOptions:
    """What to write: formats (pdf, html, json, pptx), where, the PDF variant, and an earlier pack to compare with."""

    out_dir: Path
    formats: tuple[str, ...] = ("pdf",)
    pdf_out: Path | None = None
    pdf_variant: str | None = None
    previous: Path | None = None
    parallel: bool = True
    theme: Path | None = None
    as_of: date | None = None  # last day whose events count; None: the period's last day

    def path(self, period: Period, suffix: str) -> Path:
        if suffix == "pdf" and self.pdf_out is not None:
            return self.pdf_out
        return self.out_dir / f"board-{period.label}.{suffix}"


@dataclass(frozen=True)
class BuildResult:
    """The files written, the PDF's page count, the warnings of the layout, and the restated figures."""

    files: list[Path]
    pages: int
    warnings: list[str]
    restated: list[Any] = field(default_factory=list)

    @property
    def pdf(self) -> Path | None:
        return next((f for f in self.files if f.suffix == ".pdf"), None)

    @property
    def pptx(self) -> Path | None:
        return next((f for f in self.files if f.suffix == ".pptx"), None)
