"""publish/nginx.conf works in a real nginx: headers, the sub-path, the 404 page, old addresses.

``make test`` installs nginx (Debian's ``nginx-light``). Elsewhere the tests skip when it is
missing, but with ``CI=true`` a missing nginx fails, so CI never passes without running them.
"""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.publish import SECURITY_HEADERS, Target, nginx_conf, read_target
from generator.serve import free_port
from tests.conftest import ROOT

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
MIME_TYPES = Path("/etc/nginx/mime.types")

if (NGINX is None or not MIME_TYPES.exists()) and os.environ.get("CI") == "true":
    pytest.fail("nginx is not installed; 'make test' installs it (apt-get install nginx-light)", pytrace=False)
pytestmark = pytest.mark.skipif(NGINX is None or not MIME_TYPES.exists(), reason="nginx is not installed")


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real nginx on 127.0.0.1 serving the built site with the shipped snippet; yields its port."""
    settings = read_target(ROOT / "mkdocs.yml", environ={})
    with _serving(nginx_conf(settings, folder=f"{built_site}/"), tmp_path_factory.mktemp("nginx")) as port:
        yield port


@pytest.fixture(scope="module")
def nginx_at_root(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The same site published at a host's root (no sub-path), with the snippet for that address."""
    shipped = read_target(ROOT / "mkdocs.yml", environ={})
    settings = Target("https://library.example/", languages=shipped.languages)
    with _serving(nginx_conf(settings, folder=f"{built_site}/"), tmp_path_factory.mktemp("nginx-root")) as port:
        yield port


@contextmanager
def _serving(conf: str, work: Path) -> Iterator[int]:
    """A real nginx on 127.0.0.1 whose server block includes ``conf``; yields its port."""
    snippet = work / "patron-privacy.conf"
    snippet.write_text(conf, "utf-8")
    port = free_port()
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "\n".join(f"  {kind}_temp_path {work}/{kind};" for kind in kinds)
    (work / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
  include {MIME_TYPES};
  access_log off;
{temp}
  server {{
    listen 127.0.0.1:{port};
    server_name localhost;
    include {snippet};
  }}
}}
""", "utf-8")
    assert NGINX is not None
    checked = subprocess.run([NGINX, "-t", "-p", str(work), "-c", str(work / "nginx.conf")],
                             capture_output=True, text=True, check=False, timeout=60)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watchdog = threading.Timer(300, process.kill)  # stops by itself even if the test run hangs
    watchdog.daemon = True
    watchdog.start()
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("HEAD", "/")
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        watchdog.cancel()
        process.terminate()
        process.wait(timeout=30)


def _get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    headers = {k.lower(): v for k, v in response.getheaders()}
    conn.close()
    return response.status, headers, body


def _has_security_headers(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, name


@pytest.mark.parametrize("path", ["/about-wls/patron-privacy/", "/about-wls/patron-privacy/services/hoopla/",
                                  "/about-wls/patron-privacy/third-party-services/"])
def test_pages_are_served_with_every_security_header(nginx: int, path: str) -> None:
    status, headers, body = _get(nginx, path)
    assert status == 200 and "<html" in body
    _has_security_headers(headers)
    assert headers["cache-control"] == "no-cache"


def test_assets_are_cached_and_keep_the_headers(nginx: int) -> None:
    status, headers, _ = _get(nginx, "/about-wls/patron-privacy/assets/stylesheets/registry.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    assert headers["cache-control"] == "public, max-age=3600"
    _has_security_headers(headers)


def test_a_missing_page_gets_the_site_404_page(nginx: int) -> None:
    status, headers, body = _get(nginx, "/about-wls/patron-privacy/no/such/page/")
    assert status == 404 and "Page not found" in body
    assert 'href="/about-wls/patron-privacy/services/"' in body
    _has_security_headers(headers)


@pytest.mark.parametrize(("old", "new"), [
    ("/about-wls/patronprivacy/", "/about-wls/patron-privacy/"),
    ("/about-wls/patronprivacy", "/about-wls/patron-privacy/"),
    ("/about-wls/patronprivacy/services/hoopla/", "/about-wls/patron-privacy/services/hoopla/"),
    ("/about-wls/patron-privacy", "/about-wls/patron-privacy/"),
])
def test_old_and_bare_addresses_redirect_permanently(nginx: int, old: str, new: str) -> None:
    status, headers, _ = _get(nginx, old)
    assert status == 301
    assert headers["location"].endswith(new)
    assert _get(nginx, new)[0] == 200


@pytest.mark.parametrize("path", ["es/no/such/page/", "es/services/no-such-service/", "es/missing.html"])
def test_a_missing_spanish_page_gets_the_spanish_404_page(nginx: int, path: str) -> None:
    status, headers, body = _get(nginx, "/about-wls/patron-privacy/" + path)
    assert status == 404 and '<html lang="es"' in body and "No se encontró la página" in body
    assert 'href="/about-wls/patron-privacy/es/services/"' in body
    _has_security_headers(headers)


def test_spanish_pages_and_their_search_index_are_served(nginx: int) -> None:
    for path in ("es/", "es/services/overdrive/", "es/search/search_index.json"):
        status, headers, _ = _get(nginx, "/about-wls/patron-privacy/" + path)
        assert status == 200, path
        _has_security_headers(headers)
    assert _get(nginx, "/about-wls/patron-privacy/es")[0] == 301


def test_an_english_address_still_gets_the_english_404_page(nginx: int) -> None:
    status, _, body = _get(nginx, "/about-wls/patron-privacy/espanol/")
    assert status == 404 and '<html lang="en"' in body


@pytest.mark.parametrize(("path", "lang"), [("/es/no/such/page/", "es"), ("/no/such/page/", "en")])
def test_each_language_s_404_page_at_a_host_s_root(nginx_at_root: int, path: str, lang: str) -> None:
    status, headers, body = _get(nginx_at_root, path)
    assert status == 404 and f'<html lang="{lang}"' in body
    _has_security_headers(headers)
    assert _get(nginx_at_root, path.split("no/")[0])[0] == 200
