"""`boardpack preview`: the deck as HTML on 127.0.0.1, rebuilt when a pack or theme file changes.

The page is the same HTML the `html` format writes, from the same templates as the PDF, plus a small
script that asks the server every second for the build number and reloads the page when it moves.
A pack that becomes invalid while it is edited shows its problems in the page instead of stopping.
The watcher polls file times and sizes: no extra dependency, and it works on every file system.

The server answers only requests addressed to it by a loopback name (`Host: 127.0.0.1:PORT`,
`localhost:PORT`, `[::1]:PORT`): a web page elsewhere that rebinds its own name to 127.0.0.1 gets a
403, not the deck. Its Content-Security-Policy lets the page run its own reload script and ask its
own server, and nothing else: no remote fetch, no other script.
"""

from __future__ import annotations

import html
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from boardpack import api

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
RELOAD_SCRIPT = """
<script nonce="%s">
(function () {
  var version = "%s";
  setInterval(function () {
    fetch("/__version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (v !== version) { location.reload(); }
    }).catch(function () {});
  }, 1000);
})();
</script>
"""


def fingerprint(folders: list[Path]) -> tuple[tuple[str, float, int], ...]:
    """Name, modification time and size of every file under `folders` (outputs left out)."""
    entries = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.is_file() and "out" not in path.relative_to(folder).parts[:1]:
                stat = path.stat()
                entries.append((str(path), stat.st_mtime, stat.st_size))
    return tuple(sorted(entries))


@dataclass
class PreviewState:
    """The page being served, and how many builds produced it."""

    version: int = 0
    page: str = "<p>Building…</p>"
    nonce: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, page: str) -> None:
        """Serve `page` with the reload script; the standalone HTML's own policy gives way to the server's."""
        nonce = secrets.token_urlsafe(16)
        page = page.replace(api.STANDALONE_META, "", 1)
        with self.lock:
            self.version += 1
            self.nonce = nonce
            self.page = page.replace("</body>", RELOAD_SCRIPT % (nonce, self.version) + "</body>", 1)

    @property
    def policy(self) -> str:
        """The page's Content-Security-Policy: inline styles and data: images and fonts (as in the standalone
        HTML), its own reload script by nonce, requests to its own server, and nothing else."""
        return (
            "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
            f"script-src 'nonce-{self.nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        )


def error_page(title: str, lines: list[str]) -> str:
    """A page listing what stops the deck: each problem as `file:row:column: message`, then a closing line."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>boardpack preview: problems</title></head>"
        "<body style='font-family: sans-serif; margin: 2em'>"
        f"<h1>{html.escape(title)}</h1><ul>{items}</ul></body></html>"
    )


def build_page(pack_dir: Path, period: str | None, theme: Path | None, language: str | None = None) -> tuple[str, int]:
    """The deck's HTML, or a page listing what stops it from being built, in the pack's language (or
    `language`); with the number of problems listed (0 when the deck was built)."""
    try:
        pack = api.with_language(api.load_pack(pack_dir), language)
        chosen = api.resolve_period(pack, period)
        with tempfile.TemporaryDirectory(prefix="boardpack-preview-") as folder:
            options = api.BuildOptions(Path(folder), formats=("html",), theme=theme, parallel=False)
            result = api.build_deck(pack, chosen, options)
            return result.files[0].read_text(encoding="utf-8"), 0
    except (api.PeriodUnavailable, api.BuildDateInvalid) as exc:
        return error_page("The deck cannot be built", [str(exc)]), 1
    except api.ProblemsFound as exc:
        chosen_language = api.message_language(pack_dir, language)
        lines = [api.describe(problem, pack_dir, chosen_language) for problem in exc.problems]
        if isinstance(exc, api.PackInvalid):
            closing = api.closing_line(exc, pack_dir, chosen_language, writes=False)
            return error_page(f"{pack_dir} has problems", [*lines, closing]), len(lines)
        return error_page("The deck cannot be built", lines), len(lines)


class Preview:
    """Serve the deck and rebuild it when the pack or its theme changes."""

    def __init__(
        self,
        pack_dir: Path,
        period: str | None = None,
        theme: Path | None = None,
        port: int = 8765,
        interval: float = 0.5,
        say: Callable[[str], None] = lambda _message: None,
        language: str | None = None,
    ) -> None:
        self.pack_dir = pack_dir.resolve()
        self.language = language
        self.period = period
        self.theme = theme.resolve() if theme else None
        self.interval = interval
        self.say = say
        self.state = PreviewState()
        self._stop = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._watched = 0.0

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def folders(self) -> list[Path]:
        """The folders watched: every folder a build reads, read again from boardpack.yaml each time."""
        return api.source_folders(self.pack_dir, self.theme)

    def rebuild(self) -> None:
        """Build the page again and say what the open page now shows: the deck, or the problems that stop it."""
        started = time.perf_counter()
        page, problems = build_page(self.pack_dir, self.period, self.theme, self.language)
        self.state.publish(page)
        if problems:
            plural = "s" if problems != 1 else ""
            self.say(f"not built: {problems} problem{plural}, listed in the page (version {self.state.version})")
        else:
            self.say(f"built version {self.state.version} in {time.perf_counter() - started:.1f} s")

    def watch(self) -> None:
        seen = fingerprint(self.folders())
        while not self._stop.wait(self.interval):
            now = fingerprint(self.folders())
            if now != seen:
                seen = now
                self.rebuild()

    def hosts(self) -> frozenset[str]:
        """The Host headers this server answers: a loopback name with its port (port 80 may omit it)."""
        port = self.server.server_address[1]
        names = {f"{name}:{port}" for name in LOOPBACK}
        return frozenset(names | (set(LOOPBACK) if port == 80 else set()))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        state = self.state
        preview = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if (self.headers.get("Host") or "").strip().lower() not in preview.hosts():
                    self.send_error(403, "boardpack preview answers only at 127.0.0.1, localhost or [::1]")
                    return
                if self.path.startswith("/__version"):
                    body, kind, policy = str(state.version).encode(), "text/plain", "default-src 'none'"
                elif self.path in ("/", "/index.html"):
                    with state.lock:  # the page and the policy naming its script's nonce, from one build
                        body, kind, policy = state.page.encode("utf-8"), "text/html; charset=utf-8", state.policy
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Security-Policy", policy)
                self.send_header("X-Content-Type-Options", "nosniff")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    def start(self) -> None:
        """Build once, then serve and watch in background threads."""
        self.rebuild()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
