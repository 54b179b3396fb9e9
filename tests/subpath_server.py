"""A tiny static web server that publishes a built site under a sub-path, as a library's host would.

``/about-wls/patron-privacy/...`` maps to the site folder; any other path is a
plain 404, and a missing page under the sub-path gets the site's own 404.html
with status 404 (what nginx's ``error_page`` and GitHub Pages do). It listens on
127.0.0.1 only and stops by itself after ``lifetime`` seconds at the latest.
"""

from __future__ import annotations

import mimetypes
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SUB_PATH = "/about-wls/patron-privacy/"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers a ``_headers`` file sets for ``/*`` (Netlify / Cloudflare Pages format)."""
    headers: dict[str, str] = {}
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            section = line.strip()
            continue
        if section == "/*":
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers


def _handler(site: Path, prefix: str, headers: Mapping[str, str]) -> type[BaseHTTPRequestHandler]:
    root = site.resolve()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet in tests
            pass

        def _send(self, status: int, body: bytes, ctype: str, with_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            # linkchecker waits 0.1-0.6 s between requests to a host unless the host answers
            # with a LinkChecker header; then its maxrequestspersecond setting applies.
            self.send_header("LinkChecker", "local test server")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def _resolve(self, path: str) -> Path | None:
            if not path.startswith(prefix):
                return None
            rel = unquote(path[len(prefix):])
            target = (root / rel).resolve()
            if not target.is_relative_to(root):
                return None
            if target.is_dir():
                if not path.endswith("/"):
                    return None
                target = target / "index.html"
            return target if target.is_file() else None

        def _serve(self, with_body: bool) -> None:
            path = urlsplit(self.path).path
            if path == prefix.rstrip("/"):
                self.send_response(301)
                self.send_header("Location", prefix)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = self._resolve(path)
            if target is None:
                not_found = root / "404.html"
                if path.startswith(prefix) and not_found.is_file():
                    self._send(404, not_found.read_bytes(), "text/html; charset=utf-8", with_body)
                else:
                    self._send(404, b"not found\n", "text/plain; charset=utf-8", with_body)
                return
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json",
                                                      "application/xml", "image/svg+xml"):
                ctype += "; charset=utf-8"
            self._send(200, target.read_bytes(), ctype, with_body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._serve(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(False)

    return Handler


@contextmanager
def serve(site: Path, port: int = 0, prefix: str = SUB_PATH, headers: Mapping[str, str] | None = None,
          lifetime: float = 900.0) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:<port><prefix>``; yields that address."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(site, prefix, headers or {}))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    timer = threading.Timer(lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        timer.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def main(argv: list[str] | None = None) -> int:
    """Serve a built site under a sub-path until ``--lifetime`` runs out (used by the deploy workflow)."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Serve a built site under a sub-path on 127.0.0.1.")
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--prefix", default=SUB_PATH)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--lifetime", type=float, default=900.0)
    args = parser.parse_args(argv)
    with serve(args.site, args.port, args.prefix, lifetime=args.lifetime) as url:
        print(f"serving {args.site} at {url} for {args.lifetime:.0f} s", flush=True)
        time.sleep(args.lifetime)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
