"""``privacy-registry linkcheck``: the built site's own links, and the vendors' addresses.

The vendor addresses are checked against a real HTTPS server on 127.0.0.1 with
a certificate made for the test; the command trusts it through OpenSSL's
standard ``SSL_CERT_FILE`` variable, so the product has no test-only switch.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

# vendor id -> (path its privacy_policy points at, verdict the check must give)
POLICY_ROUTES = {
    "hoopla": ("/moved", "moved"),
    "kanopy": ("/gone", "broken"),
    "freading": ("/removed", "broken"),
    "linkedin-learning": ("/linkedin", "unverified"),
    "overdrive": ("/cdn", "unverified"),
    "university-of-fashion": ("/busy", "unverified"),
    "tutor-com": ("/slow", "broken"),
    "x-plain": ("/reset", "broken"),
}
DETAILS = {
    "/moved": "moved permanently to https://127.0.0.1:{port}/ok",
    "/gone": "answered 404",
    "/removed": "answered 410",
    "/linkedin": "answered 999",
    "/cdn": "answered 403",
    "/busy": "answered 429",
    "/slow": "did not answer in time",
    # Under TLS, Python's ssl reads a reset as the end of the stream: "the server closed the connection".
    "/reset": "the connection",
}


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

    def _answer(self, status: int) -> None:
        body = b"<!doctype html><title>vendor</title><p>vendor page</p>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the reset route breaks its own connection on purpose


@pytest.fixture
def vendor_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 with a throwaway certificate; yields its port and the certificate."""
    openssl = shutil.which("openssl")
    _require(openssl is not None, "the openssl command")
    assert openssl is not None
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    stop = threading.Event()
    handler = type("Handler", (VendorSites,), {"stop": stop})
    server = _Server(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], cert
    stop.set()
    server.shutdown()
    server.server_close()
    thread.join()


def _point_vendors_at(project: Path, port: int, routes: dict[str, tuple[str, str]] = POLICY_ROUTES) -> dict[str, int]:
    """Rewrite every vendor's addresses to the test server; return each privacy_policy's line."""
    lines = {}
    for path in sorted((project / "vendors").glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        policy_path = routes.get(path.stem, ("/ok", "ok"))[0]
        website = "/temporary" if path.stem == "novel-databases" else "/ok"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^website: .*$", f"website: https://127.0.0.1:{port}{website}", text)
        text = re.sub(r"(?m)^privacy_policy: .*$", f"privacy_policy: https://127.0.0.1:{port}{policy_path}", text)
        path.write_text(text, encoding="utf-8")
        lines[path.stem] = text.splitlines().index(f"privacy_policy: https://127.0.0.1:{port}{policy_path}") + 1
    return lines


def _linkcheck_extern(project: Path, cert: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SSL_CERT_FILE=str(cert), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "linkcheck", "--extern",
                           "--timeout", "2", "--format", fmt], env=env, capture_output=True, text=True, timeout=120,
                          check=False)


def test_extern_maps_each_failure_to_its_vendor_file_and_line(project: Path,
                                                              vendor_server: tuple[int, Path]) -> None:
    port, cert = vendor_server
    lines = _point_vendors_at(project, port)
    result = _linkcheck_extern(project, cert, "json")
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False
    found = {(f["file"], f["field"]): f for f in report["findings"]}
    expected = {(f"vendors/{vid}.yaml", "privacy_policy"): verdict for vid, (_, verdict) in POLICY_ROUTES.items()}
    assert {key: f["verdict"] for key, f in found.items()} == expected, report["findings"]
    for vid, (route, _) in POLICY_ROUTES.items():
        finding = found[(f"vendors/{vid}.yaml", "privacy_policy")]
        assert finding["line"] == lines[vid]
        assert finding["col"] == len("privacy_policy: ") + 1
        assert finding["url"] == f"https://127.0.0.1:{port}{route}"
        assert DETAILS[route].format(port=port) in finding["detail"], finding


def test_extern_reports_for_people_and_for_pull_requests(project: Path, vendor_server: tuple[int, Path]) -> None:
    port, cert = vendor_server
    lines = _point_vendors_at(project, port)
    text = _linkcheck_extern(project, cert, "text")
    assert text.returncode == 1
    assert (f"vendors/kanopy.yaml:{lines['kanopy']}:17: privacy_policy: https://127.0.0.1:{port}/gone is broken: "
            "answered 404 Not Found") in text.stdout
    assert f"vendors/linkedin-learning.yaml:{lines['linkedin-learning']}:17: privacy_policy:" in text.stdout
    assert "could not be verified: answered 999" in text.stdout
    assert "4 broken, 3 could not be verified" in text.stdout
    github = _linkcheck_extern(project, cert, "github")
    assert f"::error file=vendors/freading.yaml,line={lines['freading']},col=17,title=Link check::" in github.stdout
    assert f"::warning file=vendors/overdrive.yaml,line={lines['overdrive']},col=17," in github.stdout
    assert f"::notice file=vendors/hoopla.yaml,line={lines['hoopla']},col=17," in github.stdout


def test_extern_passes_when_only_robots_are_turned_away(project: Path, vendor_server: tuple[int, Path]) -> None:
    port, cert = vendor_server
    routes = {vid: route for vid, route in POLICY_ROUTES.items() if route[1] != "broken"}
    _point_vendors_at(project, port, routes)
    result = _linkcheck_extern(project, cert, "text")
    assert result.returncode == 0, result.stdout
    assert "0 broken, 3 could not be verified" in result.stdout


def test_internal_links_and_anchors_of_the_built_site_all_work(engine_site: Path) -> None:
    result = run_cli("linkcheck", "--site-dir", str(engine_site), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert [f for f in report["findings"] if f["verdict"] == "broken"] == []
    assert report["checked"] > 100


def test_internal_check_finds_a_broken_link_and_a_missing_anchor(built_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(built_site, tmp_path / "site")
    chart = site / "services" / "index.html"
    html = chart.read_text(encoding="utf-8")
    assert 'href="hoopla/"' in html and 'href="../glossary/"' in html
    html = html.replace('href="hoopla/"', 'href="no-such-service/"', 1)
    html = html.replace('href="../glossary/"', 'href="../glossary/#no-such-term"', 1)
    chart.write_text(html, encoding="utf-8")
    not_found = site / "404.html"  # linked from nowhere, and its links are absolute: checked all the same
    page = not_found.read_text(encoding="utf-8")
    home = re.search(r'href="(/[^"]*/)\."', page)
    assert home, "404.html should link home by an absolute address"
    not_found.write_text(page.replace(f'href="{home.group(1)}glossary/"', f'href="{home.group(1)}no-such-page/"', 1),
                         encoding="utf-8")
    result = run_cli("linkcheck", "--site-dir", str(site))
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"services/index\.html:\d+:\d+: no-such-service/ is broken: 404", result.stdout), result.stdout
    assert re.search(r"services/index\.html:\d+:\d+: \.\./glossary/#no-such-term is broken: "
                     r"the page has no anchor #no-such-term", result.stdout), result.stdout
    assert re.search(r"404\.html:\d+:\d+: /\S*no-such-page/ is broken: 404", result.stdout), result.stdout
    assert "3 broken" in result.stdout


def test_a_site_built_for_another_address_is_checked_under_that_address(tmp_path: Path) -> None:
    site = tmp_path / "site"
    url = "https://library.example/privacy/"
    assert run_cli("build", "--site-dir", str(site), "--site-url", url).returncode == 0
    result = run_cli("linkcheck", "--site-dir", str(site), "--site-url", url)
    assert result.returncode == 0, result.stdout
    assert " 0 broken" in result.stdout
    # Checked under the path in mkdocs.yml instead, the 404 page's absolute links leave the
    # site's path: they are followed and reported, not skipped as external.
    result = run_cli("linkcheck", "--site-dir", str(site))
    assert result.returncode == 1
    assert "site/404.html:" in result.stdout and "outside the site's base path" in result.stdout
