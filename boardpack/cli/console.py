"""Where the command writes: plain consoles for results and messages, and the progress of a build.

Progress is animated on a terminal and printed as plain lines otherwise (CI logs), and nothing is
coloured when the output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console

from boardpack.api import printable


class PlainConsole(Console):
    """A console that prints values from the pack as they are: no `[markup]`, no `:emoji:` codes, no
    highlighting, and no control characters (a cell's ANSI escape must not recolour the terminal)."""

    def __init__(self, **options: object) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, soft_wrap=True, **options)  # type: ignore[arg-type]

    def print(self, *objects: object, **options: object) -> None:  # type: ignore[override]
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **options)  # type: ignore[arg-type]


err = PlainConsole(stderr=True)
out = PlainConsole()
if not out.is_terminal:  # a log or a pipe: tables at a width that fits their labels
    out = PlainConsole(width=160)


def plain(step: str) -> None:
    """Progress of builds running side by side: one line per step, never an animation."""
    err.print(f"boardpack: {step}", markup=False)


class progress:
    """Rich progress on a terminal; one plain line per step otherwise."""

    def __enter__(self) -> Callable[[str], None]:
        self._progress = None
        if err.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            # no auto-refresh thread: the build forks a chart worker, and forking beside a thread is unsafe
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
                auto_refresh=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("Reading pack", total=None)

        def step(name: str) -> None:
            if self._progress is not None:
                self._progress.update(self._task, description=name)
                self._progress.refresh()
            else:
                err.print(f"boardpack: {name}", markup=False)

        return step

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def explain_lines(entry: dict[str, Any]) -> str:
    """`retention.title [generated] NRR fell ...` then one indented line per figure: `nrr = 96.6%`."""
    source = entry["source"]
    if entry["kind"] == "silenced" or (entry["replaced"] and source == "topic"):
        source = "silenced by notes.md" if entry["kind"] == "silenced" else "topic, silenced by notes.md"
    head = f"{entry['key'] or entry['slide']} [{source}]"
    lines = [f"{head} {entry['text']}".rstrip()]
    lines += [f"    {figure['what']} = {figure['value']}" for figure in entry["figures"]]
    return "\n".join(lines)
