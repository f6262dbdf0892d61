"""The same inputs give the same PowerPoint bytes.

A .pptx is a zip: python-pptx stamps each entry with the machine's clock, and every chart's embedded
workbook (written by XlsxWriter) carries its own creation time in its properties. Both are set to the
build's date, the entries keep the order python-pptx writes them in (the order of its parts, which
depends on the slides alone), and every entry is compressed the same way.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

_DATE = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _stamp(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp (zip cannot hold dates before 1980)."""
    return max(
        (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second), (1980, 1, 1, 0, 0, 0)
    )


def _core(content: bytes, moment: datetime) -> bytes:
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    return _DATE.sub(lambda m: m[1] + iso + m[2], content)


def normalised(data: bytes, moment: datetime) -> bytes:
    """`data` (a zip: the deck, or a workbook inside it) with fixed timestamps, attributes and dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith(".xlsx"):
                content = normalised(content, moment)
            elif info.filename == "docProps/core.xml":
                content = _core(content, moment)
            entry = zipfile.ZipInfo(info.filename, date_time=_stamp(moment))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, content, compresslevel=6)
    return out.getvalue()


def save(presentation: Any) -> bytes:
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def set_properties(presentation: Any, title: str, language: str, created: datetime) -> None:
    """Core properties from the deck, dated by the build's clock, never by the machine's."""
    props = presentation.core_properties
    moment = created.replace(tzinfo=None)
    props.title = title
    props.author = props.last_modified_by = "boardpack"
    props.language = language
    props.revision = 1
    props.created = props.modified = moment
    props.last_printed = moment
