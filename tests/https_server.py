"""Vendor sites over real HTTPS on 127.0.0.1 with a throwaway certificate, for tests of vendor addresses.

Shared by ``linkcheck --extern`` and ``watch``; the server is ``generator.serve``'s. The certificate is made by the
``openssl`` command for this test only; the command under test trusts it
through OpenSSL's standard ``SSL_CERT_FILE`` variable, so the product has no
test-only switch.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import struct
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from generator.serve import serve_handler


def _require(available: bool, what: str) -> None:
    if not available:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is missing", pytrace=False)
        pytest.skip(f"{what} is missing")


class VendorSites(http.server.BaseHTTPRequestHandler):
    """Answers like the web does: fine, moved, gone, robot-blocked, silent, or cut off."""

    stop: threading.Event

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if self.path == "/slow":
            self.stop.wait(30)  # longer than the checker waits; ends when the test does
            return self._answer(200)
        if self.path == "/reset":
            # A TCP reset, not a polite close: linger 0, and no FIN first (the request's
            # file objects would otherwise keep the socket open until the server shuts it down).
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.wfile.close()
            self.connection.close()
            self.close_connection = True
            return None
        redirects = {"/moved": (301, "/moved-again"), "/moved-again": (301, "/ok"), "/temporary": (302, "/ok")}
        if self.path in redirects:
            code, target = redirects[self.path]
            self.send_response(code)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        statuses = {"/ok": 200, "/gone": 404, "/removed": 410, "/linkedin": 999, "/cdn": 403, "/busy": 429}
        return self._answer(statuses.get(self.path, 404))

    def _answer(self, status: int, body: bytes = b"<!doctype html><title>vendor</title><p>vendor page</p>") -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


_CERTIFICATES: dict[str, tuple[Path, Path]] = {}


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate and key for 127.0.0.1, made with the openssl command once per test
    session (an elliptic-curve key: quick to make on a busy machine)."""
    if "loopback" in _CERTIFICATES and all(p.is_file() for p in _CERTIFICATES["loopback"]):
        return _CERTIFICATES["loopback"]
    openssl = shutil.which("openssl")
    _require(openssl is not None, "the openssl command")
    assert openssl is not None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    _CERTIFICATES["loopback"] = (cert, key)
    return cert, key


@contextmanager
def serve_https(folder: Path, handler: type[VendorSites], **attributes: Any) -> Iterator[tuple[int, Path]]:
    """Serve ``handler`` over HTTPS on 127.0.0.1 until the block ends; yields the port and the
    certificate to trust. ``attributes`` become class attributes of the handler (state a test shares)."""
    cert, key = make_certificate(folder)
    stop = threading.Event()
    bound = type("Handler", (handler,), {"stop": stop, **attributes})
    with serve_handler(bound, tls=(cert, key)) as port:
        try:
            yield port, cert
        finally:
            stop.set()  # before the server stops: the slow route is waiting on it
