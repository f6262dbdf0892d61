"""HTML -> PDF with WeasyPrint: the only module that imports it.

The URL fetcher reads only what `Access` allows (the build's own charts, the brand's files, the
theme's images, fonts and stylesheets): a value or a stylesheet pointing at `file:///etc/passwd`,
another file of the pack or an http URL fetches nothing, and the attempt is reported.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from boardpack.inputs.report import ProblemsFound
from boardpack.render.access import Access, refusal
from boardpack.render.clock import pinned_clock
from boardpack.render.logs import weasyprint_warnings
from boardpack.render.overflow import find_overflows

REFUSED = "boardpack reads only files in the pack and theme folders"


class RenderError(ProblemsFound):
    """The deck could not be laid out or written; the problem names the file and says why."""


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
            raise ValueError(f"{REFUSED}, not {url}")

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
    partial = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with weasyprint_warnings(REFUSED) as logged, pinned_clock(created):
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
        raise RenderError.about(str(out), f"could not be written: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return pages, [refusal(url) for url in dict.fromkeys(refused)] + overflows + logged
