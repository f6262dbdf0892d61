"""HTML -> PDF with WeasyPrint: the only module that imports it.

The URL fetcher reads files under the allowed folders only (the build's own folder, the templates,
the pack): a data value or a note pointing at `file:///etc/passwd` or an http URL fetches nothing,
and the attempt is reported.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from boardpack.render.clock import pinned_clock
from boardpack.render.overflow import find_overflows


class RenderError(Exception):
    """The deck could not be laid out or written; the message says why."""


class _CollectWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _fetcher(roots: Iterable[Path], refused: list[str]):  # type: ignore[no-untyped-def]
    from weasyprint.urls import URLFetcher

    allowed = [root.resolve() for root in roots]

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            refused.append(url)
            raise ValueError(f"boardpack reads only files in the pack and theme folders, not {url}")

    return LocalFetcher()


def write_pdf(
    html: str,
    base_dir: Path,
    out: Path,
    roots: Iterable[Path],
    created: datetime,
    variant: str | None = None,
    attachments: list[tuple[str, bytes, str, str]] = (),  # type: ignore[assignment]
    identifier: bytes | None = None,
) -> tuple[int, list[str]]:
    """Lay out `html` (relative URLs resolved against `base_dir`) and write `out` atomically.

    The same inputs give the same bytes: the dates are `created`, not the clock (in the fonts that
    fontTools writes too), and the document identifier is given. Attachments are (name, content,
    relationship, description). Returns the page count, and the warnings WeasyPrint logged with the
    URLs that were refused; a failure leaves no file.
    """
    import io

    import weasyprint

    refused: list[str] = []
    handler = _CollectWarnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        with pinned_clock(created):
            document = weasyprint.HTML(
                string=html, base_url=str(base_dir) + os.sep, url_fetcher=_fetcher([base_dir, *roots], refused)
            ).render(pdf_variant=variant)
            pages = len(document.pages)
            overflows = find_overflows(document)
            files = [
                weasyprint.Attachment(
                    file_obj=io.BytesIO(content),
                    name=name,
                    description=description,
                    created=created,
                    modified=created,
                    relationship=relationship,
                )
                for name, content, relationship, description in attachments
            ]
            document.write_pdf(partial, attachments=files, pdf_identifier=identifier, pdf_variant=variant)
        os.replace(partial, out)
    except Exception as exc:
        raise RenderError(f"could not write {out}: {exc}") from exc
    finally:
        logger.removeHandler(handler)
        partial.unlink(missing_ok=True)
    warnings = [f"refused to fetch {url}" for url in refused] + overflows
    return pages, warnings + [m for m in handler.messages if "boardpack reads only files" not in m]
