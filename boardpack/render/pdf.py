"""HTML -> PDF with WeasyPrint: the only module that imports it.

The URL fetcher reads only what `Access` allows (the build's own charts, the brand's files, the
theme's images, fonts and stylesheets): a value or a stylesheet pointing at `file:///etc/passwd`,
another file of the pack or an http URL fetches nothing, and the attempt is reported.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from boardpack.render.access import Access, refusal
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


def _fetcher(access: Access, refused: list[str]):  # type: ignore[no-untyped-def]
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            if urlparse(url).scheme == "data":
                return super().fetch(url, headers)
            path = access.path(url)
            if path is not None:
                return super().fetch(path.as_uri(), headers)  # the file judged, not a link swapped since
            refused.append(url)
            raise ValueError(f"boardpack reads only files in the pack and theme folders, not {url}")

    return LocalFetcher()


def write_pdf(
    html: str,
    base_dir: Path,
    out: Path,
    access: Access,
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
    partial = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with pinned_clock(created):
            document = weasyprint.HTML(
                string=html, base_url=str(base_dir) + os.sep, url_fetcher=_fetcher(access, refused)
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
    warnings = [refusal(url) for url in dict.fromkeys(refused)] + overflows
    return pages, warnings + [m for m in handler.messages if "boardpack reads only files" not in m]
