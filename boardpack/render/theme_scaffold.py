"""`boardpack theme init`: a copy of the default theme to edit, and an empty stylesheet applied last."""

from __future__ import annotations

import shutil
from pathlib import Path

from boardpack.render.environment import builtin_templates

STYLE = """\
/* Applied after every other style of the deck: override anything here.
   The brand colours are CSS variables set from boardpack.yaml: var(--primary), var(--accent), ...
   Example:
     h1 { letter-spacing: 0.02em; }
     .tile-value { color: var(--primary); }
*/
"""

README = """\
# A boardpack theme

Files here are found before the default theme's, by name:

- `base.html.j2`: the page skeleton, with the blocks `meta`, `style` and `slides` to extend;
- `deck.html.j2`: which slides, in order;
- `slides/<name>.html.j2`: one file per slide; keep only the ones you change;
- `macros.html.j2`: tiles, figures, tables and next steps shared by the slides;
- `deck.css`: the default stylesheet; `style.css` is applied after it, for your overrides.

Colours, fonts, logo and page size come from `brand:` in boardpack.yaml, so most restyling needs no
template change. The variables a template can use are listed in the boardpack README.
"""


class ThemeExists(FileExistsError):
    pass


def init_theme(folder: Path) -> list[Path]:
    if folder.exists() and any(folder.iterdir()):
        raise ThemeExists(f"{folder} exists and is not empty; choose a new folder")
    source = builtin_templates()
    written = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix in (".j2", ".css"):
            target = folder / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    (folder / "style.css").write_text(STYLE, encoding="utf-8")
    (folder / "README.md").write_text(README, encoding="utf-8")
    return [*written, folder / "style.css", folder / "README.md"]
