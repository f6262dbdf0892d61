"""What a deck may read while it is laid out or made standalone: one rule for the PDF and the HTML.

A deck travels outside the company, so whatever it embeds must be what the pack's brand and theme
name, nothing a value, a note or a stylesheet happens to point at: the charts the build drew, the
logo and font files named in boardpack.yaml, and the images, fonts and stylesheets of the theme
folders. Everything else (another file of the pack, `file:///etc/passwd`, any web address) is
refused, and the refusal is reported as a warning naming the address.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from boardpack.inputs.paths import ASSET_SUFFIXES

# the standalone HTML fetches nothing: its images and fonts are data URIs, its styles inline
STANDALONE_POLICY = (
    "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
STANDALONE_META = f'<meta http-equiv="Content-Security-Policy" content="{STANDALONE_POLICY}">'


@dataclass(frozen=True)
class Access:
    """The files a deck may read: `build` (its own charts), `files` (the brand's), `themes` (their assets)."""

    build: Path
    files: frozenset[Path]
    themes: tuple[Path, ...]

    @classmethod
    def of(cls, build: Path, files: tuple[Path, ...], themes: tuple[Path, ...]) -> Access:
        return cls(build.resolve(), frozenset(p.resolve() for p in files), tuple(t.resolve() for t in themes))

    def path(self, url: str) -> Path | None:
        """The file a `file:` URL names, if the deck may read it; links are followed before judging."""
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parsed.path)).resolve()
        if not path.is_file():
            return None
        if path in self.files or path.is_relative_to(self.build):
            return path
        if path.suffix.lower() in ASSET_SUFFIXES and any(path.is_relative_to(theme) for theme in self.themes):
            return path
        return None


def refusal(url: str) -> str:
    """The warning a refused address gives, the same in the PDF and the HTML."""
    return f"refused to fetch {url}"


# where the HTML names something to fetch: url(...) and @import in styles, src-like attributes in tags;
# text is escaped (`<` is `&lt;`), so a value or a note that merely reads like a tag is never touched
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]*?)(?P=q)\s*\)""", re.IGNORECASE)
_IMPORT = re.compile(r"""@import\s+(?P<q>["'])(?P<url>[^"']*)(?P=q)""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\s(?P<attr>src|srcset|poster|data|href|style)=(?P<q>["'])(?P<value>[^"']*)(?P=q)""", re.I)


def standalone(html: str, access: Access, data_uri: Callable[[Path], str]) -> tuple[str, list[str]]:
    """The HTML with every file it may read embedded as a data URI and every other address removed.

    Returns the HTML and the addresses refused (as warnings). Relative addresses are the build's own
    charts; `data:` URIs and links to web pages (`<a href>`) stay as they are.
    """
    refused: list[str] = []

    def replace(url: str) -> str:
        url = url.strip()
        if not url or url.lower().startswith("data:") or url.startswith("#"):
            return url
        target = access.path(url if urlparse(url).scheme else (access.build / unquote(url)).as_uri())
        if target is not None:
            return data_uri(target)
        refused.append(refusal(url))
        return ""

    def css(text: str) -> str:
        text = _URL.sub(lambda m: f'url("{replace(m["url"])}")', text)
        return _IMPORT.sub(lambda m: f'@import "{replace(m["url"])}"', text)

    def attribute(tag: str, match: re.Match[str]) -> str:
        name, value = match["attr"].lower(), match["value"]
        if name == "style":
            value = css(value.replace("&#34;", '"').replace("&quot;", '"')).replace('"', "&#34;")
        elif name != "href" or tag.lower().startswith("<link"):
            value = replace(value)
        return f" {match['attr']}={match['q']}{value}{match['q']}"

    html = _STYLE.sub(lambda m: m[1] + css(m[2]) + m[3], html)
    html = _TAG.sub(lambda t: _ATTRIBUTE.sub(lambda m: attribute(t[0], m), t[0]), html)
    html = html.replace("<head>", f"<head>\n{STANDALONE_META}", 1)
    return html, list(dict.fromkeys(refused))
