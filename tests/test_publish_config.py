"""The web server files in publish/ never drift from the site's address and policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.publish import (
    CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
    Settings,
    meta_policy,
    nginx_conf,
    read_settings,
    render_all,
)
from generator.siteurl import SITE_URL_ENV, base_path, normalize_site_url
from tests.conftest import ROOT, run_cli
from tests.published import read_headers_file


def test_committed_publish_files_match_mkdocs_yml() -> None:
    settings = read_settings(ROOT / "mkdocs.yml", environ={})
    for name, text in render_all(settings).items():
        committed = (ROOT / "publish" / name).read_text("utf-8")
        assert committed == text, f"publish/{name} is stale: run `privacy-registry publish-config`"


def test_the_wls_address_and_its_old_spelling() -> None:
    settings = read_settings(ROOT / "mkdocs.yml", environ={})
    assert settings.site_url == "https://www.westchesterlibraries.org/about-wls/patron-privacy/"
    assert settings.base == "/about-wls/patron-privacy/"
    assert settings.host_redirects == ("/about-wls/patronprivacy/",)
    redirects = (ROOT / "publish" / "_redirects").read_text("utf-8")
    assert "/about-wls/patronprivacy/* /about-wls/patron-privacy/:splat 301" in redirects
    nginx = (ROOT / "publish" / "nginx.conf").read_text("utf-8")
    assert "rewrite ^/about-wls/patronprivacy/(.*)$ /about-wls/patron-privacy/$1 permanent;" in nginx


def test_headers_file_carries_every_security_header() -> None:
    assert read_headers_file(ROOT / "publish" / "_headers") == SECURITY_HEADERS


def test_every_nginx_location_that_serves_files_sends_every_header() -> None:
    # nginx drops inherited add_header lines in a location that has its own, so each repeats them all.
    text = nginx_conf(Settings("https://library.example/privacy/"))
    blocks = re.findall(r"location \^~ (\S+) \{(.*?)\n\}", text, re.S)
    serving = [(path, body) for path, body in blocks if "alias" in body]
    assert [p for p, _ in serving] == ["/privacy/", "/privacy/assets/"]
    for _, body in serving:
        for name, value in SECURITY_HEADERS.items():
            assert f'add_header {name} "{value}" always;' in body


def test_meta_policy_drops_what_a_meta_tag_cannot_carry(built_site: Path) -> None:
    meta = meta_policy()
    assert "frame-ancestors" not in meta
    assert meta == CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", "")
    page = (built_site / "index.html").read_text("utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{meta}">' in page


def test_no_built_page_has_an_inline_script_or_style(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text("utf-8")
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", text)
        assert scripts == [], f"{page.relative_to(built_site)} has an inline script"
        assert not re.search(r"<style[\s>]|\sstyle=\"", text), f"{page.relative_to(built_site)} has inline CSS"
        assert not re.search(r"\son[a-z]+=\"", text), f"{page.relative_to(built_site)} has an inline event handler"


def test_the_address_can_be_overridden_for_another_host(tmp_path: Path) -> None:
    settings = read_settings(ROOT / "mkdocs.yml", environ={SITE_URL_ENV: "https://other.example/privacy"})
    assert settings.site_url == "https://other.example/privacy/"
    out = tmp_path / "publish"
    result = run_cli("publish-config", "--out", str(out))
    assert result.returncode == 0, result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["_headers", "_redirects", "nginx.conf"]


@pytest.mark.parametrize("bad", ["ftp://host/x/", "/just/a/path/", "https://host/x/?q=1", "https:///x/"])
def test_bad_site_urls_are_refused(bad: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="address|query"):
        normalize_site_url(bad)
    result = run_cli("build", "--site-url", bad, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "--site-url:" in result.stdout and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_base_path() -> None:
    assert base_path("https://www.westchesterlibraries.org/about-wls/patron-privacy") == "/about-wls/patron-privacy/"
    assert base_path("https://privacy.example") == "/"
    assert base_path(None) == "/"
