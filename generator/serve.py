"""The one loopback web server: a built site for link checks and browser tests, or any handler over TLS.

Built on the standard library's ``http.server``. A site is served under its
base path as a library's host would: ``<base>/...`` maps to the folder, the base
without its final ``/`` is redirected to it, a missing page under it gets the
site's own 404.html with status 404 (what nginx's ``error_page`` and GitHub Pages
do; below a language's root, that language's 404.html), and anything else is a plain 404. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import functools
import http.server
import socket
import ssl
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"


def site_path(config_file: Path, site_url: str | None = None) -> str:
    """The path the site is published under (``/`` when no address is set).

    ``site_url`` wins; then ``PRIVACY_REGISTRY_SITE_URL``, then ``site_url`` in mkdocs.yml,
    the same order the build uses. MkDocs writes absolute links under that path into
    pages it cannot link relatively, such as 404.html, so a local server must serve
    the site there.
    """
    from generator.publish import PublishConfigError, read_target
    from generator.siteurl import base_path

    if site_url:
        return base_path(site_url)
    try:
        return read_target(config_file).base
    except (OSError, PublishConfigError):
        return "/"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (for a site built for its own address)."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder under ``base_path``, with extra response headers, without logging."""

    extra_headers: Mapping[str, str] = {}
    base_path = "/"

    def send_head(self) -> Any:
        path = urllib.parse.urlsplit(self.path).path
        if self.base_path != "/" and path == self.base_path.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", self.base_path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(self.base_path):
            self.send_error(404, "outside the site's base path")
            return None
        target = Path(self.translate_path(path))
        if not (target.is_file() or (target / "index.html").is_file()):
            return self._not_found(target)
        return super().send_head()

    def _not_found(self, target: Path) -> Any:
        # The nearest 404.html above the address: a language's own (es/404.html) below its root, as
        # the nginx configuration that publish-config writes serves it.
        root = Path(self.directory)
        pages = (folder / "404.html" for folder in (target, *target.parents) if folder.is_relative_to(root))
        page = next((p for p in pages if p.is_file()), None)
        if page is None:
            self.send_error(404, "no such page")
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def list_directory(self, path: Any) -> Any:
        self.send_error(404, "no such page")  # a folder without index.html is not a page
        return None

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.base_path):])

    def guess_type(self, path: Any) -> str:
        kind = super().guess_type(path)
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml",
                                                "image/svg+xml"):
            kind += "; charset=utf-8"
        return kind

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class LoopbackServer(http.server.ThreadingHTTPServer):
    """Answers in parallel daemon threads; a client that hangs up early is not an error."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a link checker that has seen enough, or a test route that breaks its own connection


@contextmanager
def serve_handler(handler: Any, *, port: int = 0, tls: tuple[Path, Path] | None = None,
                  lifetime: float | None = None) -> Iterator[int]:
    """Run ``handler`` (a request handler class or factory) on 127.0.0.1 until the block ends; yield the port.

    ``tls``: a certificate and key file, to answer HTTPS. ``lifetime``: stop by itself after
    that many seconds at the latest.
    """
    server = LoopbackServer((LOOPBACK, port), handler)
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, name="loopback-server", daemon=True)
    thread.start()
    timer = threading.Timer(lifetime, server.shutdown) if lifetime else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        yield int(server.server_address[1])
    finally:
        if timer is not None:
            timer.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def serve_folder(folder: Path, headers: Mapping[str, str] | None = None, base_path: str = "/", *,
                 port: int = 0, tls: tuple[Path, Path] | None = None) -> Iterator[str]:
    """Serve ``folder`` at ``base_path`` on 127.0.0.1 (``port`` 0: a free one); yield its base URL (ending in ``/``).

    ``headers`` are added to every response.
    """
    attributes = {"extra_headers": dict(headers or {}), "base_path": base_path}
    handler_class = type("Handler", (SiteHandler,), attributes)
    with serve_handler(functools.partial(handler_class, directory=str(folder)), port=port, tls=tls) as bound:
        yield f"{'https' if tls else 'http'}://{LOOPBACK}:{bound}{base_path}"
