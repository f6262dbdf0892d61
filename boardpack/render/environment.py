"""The Jinja2 environment: template search path, autoescaping, sandboxing, and the formatting filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, select_autoescape
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from boardpack import formatting


def builtin_templates() -> Path:
    """The default theme: inside the installed wheel, or the repository's `templates/` folder."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def css_string(value: object) -> Markup:
    """A value as a quoted CSS string, for `content:` in page margins.

    Quotes, backslashes and `<` are escaped the CSS way, so no value can close the string or the
    `<style>` element it sits in.
    """
    text = str(value).replace("\\", "\\5C ").replace('"', "\\22 ").replace("<", "\\3C ").replace("\n", " ")
    return Markup(f'"{text}"')


class ThemeLoader(FileSystemLoader):
    """Templates judged before they are opened, and decoded as every text file of a pack is.

    A template in a theme that is a link to `/etc/passwd` would otherwise print that file into the deck;
    a slide saved as Windows-1252 in Notepad still reads, and a binary file named `.j2` is a ThemeProblem,
    not a traceback.
    """

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        from boardpack.inputs.textfile import NotText, decode
        from boardpack.render.problems import ThemeProblem

        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(Path(folder).resolve()):
                raise ThemeProblem.about(
                    str(path), "a link that leaves the theme folder; expected a template inside it"
                )
            try:
                text = decode(path.read_bytes())
            except NotText:
                raise ThemeProblem.about(
                    str(path), "not a text file (it has bytes that no text has); expected a Jinja template"
                ) from None
            modified = path.stat().st_mtime

            def unchanged(path: Path = path, modified: Any = modified) -> bool:
                return path.is_file() and path.stat().st_mtime == modified

            return text, str(path), unchanged
        raise TemplateNotFound(template)


SIZE_LIMIT = 1_000_000  # items of a string or list a template may build with `*`: a deck's page holds far fewer
POWER_LIMIT = 1_000  # largest exponent of `**`: 10 ** 10 ** 10 would take the machine's memory


class ThemeEnvironment(ImmutableSandboxedEnvironment):
    """Templates are code from the pack, and a pack may come from anyone: they run sandboxed.

    Jinja's sandbox refuses `__class__`, `__globals__` and the like (`cycler.__init__.__globals__.os`
    would run commands), calls to unsafe functions and changes to the values given to a template; its
    `range()` stops at 100,000 items. `*` and `**` are bounded here too, so `"x" * 10 ** 10` is a theme
    problem rather than ten gigabytes of memory.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > POWER_LIMIT:
            raise SecurityError(f"{left} ** {right} is too large; expected an exponent up to {POWER_LIMIT}")
        if operator == "*":
            for sized, times in ((left, right), (right, left)):
                sequence = isinstance(sized, str | list | tuple) and isinstance(times, int)
                if sequence and len(sized) * times > SIZE_LIMIT:
                    raise SecurityError(
                        f"repeating {len(sized)} items {times} times is too large; expected at most "
                        f"{SIZE_LIMIT:,} items"
                    )
        return super().call_binop(context, operator, left, right)


def make_environment(search_path: list[Path], currency: str, locale: str, language: str = "en") -> Environment:
    """Templates are looked up in `search_path` order (a user theme first), then the default theme.

    Templates run in a sandbox (see `ThemeEnvironment`). They translate with `_()` and `ngettext()`
    (Jinja's i18n extension, new style: named `%(value)s` placeholders), from the same catalogues as the
    rest of the deck, so a theme's own templates can be translated the same way.
    """
    from boardpack.i18n import translator

    env = ThemeEnvironment(
        loader=ThemeLoader([str(p) for p in [*search_path, builtin_templates()]]),
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "xml"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    words = translator(language)
    env.install_gettext_callables(words.gettext, words.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        money=lambda v, digits=None: formatting.money(v, currency, locale, digits),
        money_short=lambda v: formatting.money_compact(v, currency, locale),
        percent=lambda v, digits=1: formatting.percent(v, locale, digits),
        number=lambda v, digits=0: formatting.number(v, locale, digits),
        multiple=lambda v: formatting.multiple(v, locale),
        css_string=css_string,
        long_date=lambda v: (
            formatting.long_date(date.fromisoformat(v), formatting.words_locale(locale, language))
            if isinstance(v, str)
            else v
        ),
    )
    return env
