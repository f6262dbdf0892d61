"""Writing outputs whole or not at all: a failed build never leaves a half-made file behind."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, content: bytes | str) -> None:
    """Write to a temporary name beside `path`, then rename over it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        partial.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
