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


def output_problem(path: Path, folder: bool) -> str | None:
    """Why outputs cannot go to `path` (a folder for `--out-dir`, a file for `--out`), checked before a
    deck is built: a build of a minute should not end in a traceback because `out` is a file."""
    if path.exists():
        if folder and not path.is_dir():
            return "a file, not a folder; expected a folder for the outputs"
        if not folder and path.is_dir():
            return "a folder; expected the PDF's file name"
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"{parent} is a file, not a folder; expected a folder to write in"
            if not os.access(parent, os.W_OK | os.X_OK):
                return f"{parent} cannot be written to; expected a folder you may write in"
            break
    return None
