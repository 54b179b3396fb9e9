"""Serve a built site on the loopback interface, for link checks and browser tests."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def site_path(config_file: Path, site_url: str | None = None) -> str:
    """The path the site is published under (``/`` when no address is set).

    ``site_url`` wins; then ``PRIVACY_REGISTRY_SITE_URL``, then ``site_url`` in mkdocs.yml,
    the same order the build uses. MkDocs writes absolute links under that path into
    pages it cannot link relatively, such as 404.html, so a local server must serve
    the site there.
    """
    from generator.publish import PublishConfigError, read_settings
    from generator.siteurl import base_path

    if site_url:
        return base_path(site_url)
    try:
        return read_settings(config_file).base
    except (OSError, PublishConfigError):
        return "/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder under a path, with extra response headers, without logging."""

    extra_headers: Mapping[str, str] = {}
    base_path = "/"

    def send_head(self) -> Any:
        if not urllib.parse.urlsplit(self.path).path.startswith(self.base_path):
            self.send_error(404, "outside the site's base path")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.base_path):])

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up early (a link checker that has seen enough) is not an error.
        pass


@contextmanager
def serve_folder(folder: Path, headers: Mapping[str, str] | None = None, base_path: str = "/") -> Iterator[str]:
    """Serve ``folder`` at ``base_path`` on 127.0.0.1, at a free port; yield its base URL (ending in ``/``).

    ``headers`` are added to every response. The server answers requests in
    parallel in daemon threads and stops when the ``with`` block ends.
    """
    attributes = {"extra_headers": dict(headers or {}), "base_path": base_path}
    handler_class = type("Handler", (_QuietHandler,), attributes)
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
