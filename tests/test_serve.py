"""The one loopback server (generator.serve) answers as a library's host would."""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.serve import serve_folder
from tests.https_server import make_certificate


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _get(url: str, context: ssl.SSLContext | None = None) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(_NoRedirects(), urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "services" / "empty").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>home</title>", "utf-8")
    (folder / "services" / "index.html").write_text("<!doctype html><title>chart</title>", "utf-8")
    (folder / "404.html").write_text("<!doctype html><title>not found</title>", "utf-8")
    (folder / "vendors.json").write_text("{}", "utf-8")
    (folder / "es").mkdir()
    (folder / "es" / "404.html").write_text("<!doctype html><title>no encontrada</title>", "utf-8")
    return folder


def test_a_site_is_served_under_its_sub_path_as_a_host_would(site: Path) -> None:
    with serve_folder(site, {"X-Test": "yes"}, "/about/privacy/") as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/about/privacy/")
        status, headers, body = _get(base + "services/")
        assert (status, body) == (200, b"<!doctype html><title>chart</title>")
        assert headers["content-type"] == "text/html; charset=utf-8" and headers["x-test"] == "yes"
        assert _get(base + "vendors.json")[1]["content-type"] == "application/json; charset=utf-8"
        status, headers, _ = _get(base.rstrip("/"))
        assert (status, headers["location"]) == (301, "/about/privacy/")
        assert _get(base + "services")[0] == 301  # a folder without its final /
        status, _, body = _get(base + "no/such/page/")
        assert (status, body) == (404, b"<!doctype html><title>not found</title>")  # the site's own 404 page
        assert _get(base + "services/empty/")[0] == 404  # no folder listings
        for missing in ("es/", "es/no/such/page/", "es/gone.html", "es/x"):
            status, _, body = _get(base + missing)
            assert (status, body) == (404, b"<!doctype html><title>no encontrada</title>")  # the language's own
        status, _, body = _get(base + "est/")
        assert (status, body) == (404, b"<!doctype html><title>not found</title>")
        status, _, body = _get(base.replace("/about/privacy/", "/elsewhere/"))
        assert status == 404 and b"not found" not in body  # outside the site: a plain 404


def test_a_site_can_be_served_over_https(site: Path, tmp_path: Path) -> None:
    cert, key = make_certificate(tmp_path)
    context = ssl.create_default_context(cafile=str(cert))
    with serve_folder(site, tls=(cert, key)) as base:
        assert base.startswith("https://127.0.0.1:")
        assert _get(base, context)[0] == 200
        with pytest.raises(urllib.error.URLError):  # not trusted without the test's certificate
            _get(base, ssl.create_default_context())
