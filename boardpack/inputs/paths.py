"""Where a pack's files may come from: every path it names resolves, after links, inside the pack folder.

Two folders may sit outside the pack: `data:` (a data folder shared by several packs) and `theme:` (a
company theme). Each serves only its own kind of file: tables and exports from the data folder;
templates, stylesheets, fonts and images from the theme. A deck travels outside the company, so a pack
must not be able to pull `/etc/passwd` or a home folder's keys into it: every path is checked before
its file is opened, and a refusal quotes the path as written, never anything read from where it leads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from boardpack.i18n import N_
from boardpack.inputs.report import ValidationReport

if TYPE_CHECKING:
    from boardpack.inputs.config import PackConfig

CONFIG = "boardpack.yaml"
# folders the system keeps for itself, their subfolders included: never a data folder or a theme
SYSTEM = tuple(
    Path(p)
    for p in [
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/lib",
        "/lib32",
        "/lib64",
        "/proc",
        "/run",
        "/sbin",
        "/sys",
        "/usr/bin",
        "/usr/include",
        "/usr/lib",
        "/usr/lib64",
        "/usr/libexec",
        "/usr/sbin",
        "/var/cache",
        "/var/log",
        "/var/mail",
        "/var/run",
    ]
)
# folders that hold everything of many people or programs: refused as such, their subfolders allowed
# (a CI workspace under /var/lib, a company theme under /usr/share or /opt)
SHARED = tuple(
    Path(p)
    for p in [
        "/",
        "/home",
        "/root",
        "/tmp",
        "/mnt",
        "/media",
        "/opt",
        "/srv",
        "/usr",
        "/usr/local",
        "/usr/share",
        "/var",
        "/var/lib",
        "/Users",
        "/private",
    ]
)
THEME_FILES = ("style.css", "deck.css")  # besides templates (*.j2), what makes a folder a theme
TEMPLATE_FOLDERS = (".", "slides")  # where the deck's templates are looked up in a theme
ASSET_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ttf", ".otf", ".woff", ".woff2", ".css")

# one message per set of folders a path may resolve into, so each reads naturally once translated
_OUTSIDE = {
    ("pack",): N_("'{path}' is outside the pack folder; expected a file inside it"),
    ("pack", "data"): N_("'{path}' is outside the pack and data folders; expected a file inside one of them"),
    ("pack", "theme"): N_("'{path}' is outside the pack and theme folders; expected a file inside one of them"),
}
_LINK = {
    ("pack",): N_("'{path}' is a link that leaves the pack folder; expected a file inside it"),
    ("pack", "data"): N_(
        "'{path}' is a link that leaves the pack and data folders; expected a file inside one of them"
    ),
    ("pack", "theme"): N_(
        "'{path}' is a link that leaves the pack and theme folders; expected a file inside one of them"
    ),
}
_THEME_LINK = N_("'{path}' is a link that leaves the theme folder; expected a file inside it")


NOT_A_FILE = N_("not a regular file (a folder, a pipe or a device); expected {expected}")
_NOT_A_FILE_NAMED = N_("'{path}' is not a regular file (a folder, a pipe or a device); expected a file")


class PathRefused(ValueError):
    """A path that leads outside the folders it may come from; `template` and `params` keep it translatable."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


@dataclass(frozen=True)
class Place:
    """A folder files may come from, as written (to judge `../`) and after links (to judge where they lead)."""

    name: str
    written: Path
    real: Path

    @classmethod
    def of(cls, name: str, folder: Path) -> Place:
        written = Path(os.path.normpath(os.path.abspath(folder)))
        return cls(name, written, written.resolve())

    def names(self, path: Path) -> bool:
        """Whether `path`, links not followed, lies in this folder."""
        return path.is_relative_to(self.written) or path.is_relative_to(self.real)


def locate(base: Path, value: str, places: tuple[Place, ...]) -> Path:
    """The real path `value` (relative to `base`) leads to, if it lies in one of `places` before and after links.

    The file need not exist: whoever reads it says what was expected there. Raises `PathRefused`.
    """
    written = Path(os.path.normpath(os.path.abspath(base / value)))
    scope = tuple(place.name for place in places)
    if not any(place.names(written) for place in places):
        raise PathRefused(_OUTSIDE[scope], path=value)
    real = written.resolve()
    if not any(real.is_relative_to(place.real) for place in places):
        raise PathRefused(_LINK[scope], path=value)
    return real


_SYSTEM_FOLDER = {
    "data": N_("'{path}' is the root, a home or a system folder; expected a folder of data tables"),
    "theme": N_("'{path}' is the root, a home or a system folder; expected a theme folder"),
}


def folder_problem(folder: Path, kind: str = "data") -> str | None:
    """Why `folder` (resolved) cannot serve a pack's `kind` of files: `/`, a home, a system folder; else None."""
    home = Path.home().resolve()
    if folder in SHARED or folder in (home, home.parent) or any(folder.is_relative_to(s) for s in SYSTEM):
        return _SYSTEM_FOLDER[kind]
    return None


def theme_problem(folder: Path, value: str) -> PathRefused | None:
    """Why `folder` is not a theme: missing, a system folder, no templates nor stylesheet, a file that leaves it."""
    real = folder.resolve()
    if not real.is_dir():
        return PathRefused(N_("'{path}' is not a folder; expected a theme folder"), path=value)
    if (problem := folder_problem(real, "theme")) is not None:
        return PathRefused(problem, path=value)
    files = theme_files(real)
    if not files:
        return PathRefused(
            N_("'{path}' holds no templates (*.j2) and no style.css; expected a theme folder (`boardpack theme init`)"),
            path=value,
        )
    for path in files:
        if not path.resolve().is_relative_to(real):
            return PathRefused(_THEME_LINK, path=f"{value.rstrip('/')}/{path.relative_to(real)}")
    return None


def theme_files(folder: Path) -> list[Path]:
    """The templates and stylesheets a theme folder serves, where the deck looks them up."""
    found: list[Path] = []
    for sub in TEMPLATE_FOLDERS:
        where = folder / sub
        if where.is_dir():
            found += sorted(p for p in where.iterdir() if p.suffix == ".j2" or (sub == "." and p.name in THEME_FILES))
    return found


@dataclass(frozen=True)
class PackPaths:
    """Every file and folder a pack names, resolved and checked; None where absent or refused."""

    root: Path
    data: Path | None = None
    theme: Path | None = None
    notes: Path | None = None
    rules: Path | None = None
    benchmarks: Path | None = None
    workbook: Path | None = None
    brand: dict[str, Path] = field(default_factory=dict)  # logo, fonts, PowerPoint template, by name as written
    exports: dict[str, Path] = field(default_factory=dict)  # raw export files: billing, crm, deals, fx (the ECB rates)

    @property
    def table_places(self) -> tuple[Place, ...]:
        """Where tables, a workbook and export files may come from: the pack, and the data folder."""
        root = Place.of("pack", self.root)
        return (root, Place.of("data", self.data)) if self.data is not None else (root,)

    def table(self, path: Path) -> Path:
        """A file found in the data folder, checked like a named one: a link out of it is refused."""
        return locate(path.parent, path.name, self.table_places)


def _refuse(report: ValidationReport, key: str, error: PathRefused) -> None:
    report.add(CONFIG, None, key, error.template, **error.params)


def _file(
    report: ValidationReport, root: Path, key: str, value: str, places: tuple[Place, ...], needed: bool
) -> Path | None:
    """A file named in boardpack.yaml, resolved into `places`; a missing one is reported when `needed`."""
    try:
        path = locate(root, value, places)
    except PathRefused as error:
        _refuse(report, key, error)
        return None
    if path.exists() and not path.is_file():  # even where optional: something stands where the file would
        report.add(CONFIG, None, key, _NOT_A_FILE_NAMED, path=value)
        return None
    if not path.is_file():
        if needed:
            report.add(CONFIG, None, key, N_("'{path}' not found; expected a file in the pack folder"), path=value)
        return None
    return path


def check_paths(root: Path, config: PackConfig, report: ValidationReport) -> PackPaths:
    """Resolve every path boardpack.yaml names; each refusal or missing file is reported, none is opened."""
    root = root.resolve()
    pack = (Place.of("pack", root),)
    data: Path | None = (root / config.data).resolve()
    if data is not None and data.is_dir() and (problem := folder_problem(data)) is not None:
        report.add(CONFIG, None, "data", problem, path=config.data)
        data = None
    theme = (root / config.theme).resolve() if config.theme is not None else None
    refused_theme = theme_problem(theme, str(config.theme)) if theme is not None else None
    if refused_theme is not None:
        theme = None
    assets = (*pack, Place.of("theme", theme)) if theme is not None else pack
    brand = {}
    for key, value in _brand_files(config):
        if (path := _file(report, root, key, value, assets, needed=True)) is not None:
            brand[value] = path
    if refused_theme is not None:
        _refuse(report, "theme", refused_theme)
    paths = PackPaths(root=root, data=data if data is not None and data.is_dir() else None, theme=theme, brand=brand)
    tables = paths.table_places
    exports = {}
    for key in ("billing", "crm", "deals"):
        settings = getattr(config.raw, key)
        if settings is not None and settings.file is not None:
            try:
                found = locate(root, settings.file, tables)
            except PathRefused as error:
                _refuse(report, f"raw.{key}.file", error)
                continue
            if found.exists() and not found.is_file():  # a pipe would keep the engine waiting for ever
                report.add(CONFIG, None, f"raw.{key}.file", _NOT_A_FILE_NAMED, path=settings.file)
            else:
                exports[key] = found
    if config.fx.ecb is not None and (ecb := _file(report, root, "fx.ecb", config.fx.ecb, tables, True)) is not None:
        exports["fx"] = ecb  # read as an export is: not attached to the PDF unless `attach: all`
    workbook = None
    if config.workbook:
        try:
            workbook = locate(root, config.workbook, tables)
        except PathRefused as error:
            _refuse(report, "workbook", error)
        if workbook is not None and workbook.exists() and not workbook.is_file():
            report.add(CONFIG, None, "workbook", _NOT_A_FILE_NAMED, path=config.workbook)
            workbook = None
    rules = _file(report, root, "rules", config.rules, pack, needed=True) if config.rules else None
    benchmarks = _file(report, root, "benchmarks", config.benchmarks, pack, needed=True) if config.benchmarks else None
    notes = _file(report, root, "notes", config.notes, pack, needed=False)
    return replace(paths, notes=notes, rules=rules, benchmarks=benchmarks, workbook=workbook, exports=exports)


def _brand_files(config: PackConfig) -> list[tuple[str, str]]:
    brand = config.brand
    files = [("brand.logo", brand.logo), ("brand.pptx_template", brand.pptx_template)]
    for role in ("heading", "body"):
        font = getattr(brand.fonts, role)
        files += [(f"brand.fonts.{role}.regular", font.regular), (f"brand.fonts.{role}.bold", font.bold)]
    return [(key, value) for key, value in files if value is not None]
