"""The `boardpack` command: Typer commands over the public API (`boardpack.api`), and nothing below it."""

from boardpack.cli.commands import app, main

__all__ = ["app", "main"]
