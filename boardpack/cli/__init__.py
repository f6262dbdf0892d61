"""The `boardpack` command: Typer commands over the public API (`boardpack.api`), and nothing below it."""

from boardpack.cli import commands, figures  # noqa: F401  (the commands register on `app`)
from boardpack.cli.common import app, main

__all__ = ["app", "main"]
