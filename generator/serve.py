"""Serve a built site on the loopback interface, for link checks and browser tests."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files from one folder, with extra response headers, without logging."""

    extra_headers: Mapping[str, str] = {}

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
def serve_folder(folder: Path, headers: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yield its base URL (ending in ``/``).

    ``headers`` are added to every response. The server answers requests in
    parallel in daemon threads and stops when the ``with`` block ends.
    """
    handler_class = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
