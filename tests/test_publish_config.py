"""The web server files in publish/ never drift from the site's address and policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.publish import (
    CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
    Target,
    meta_policy,
    nginx_conf,
    read_target,
    render_all,
)
from generator.siteurl import SITE_URL_ENV, base_path, normalize_site_url
from tests.conftest import ROOT, run_cli
from tests.published import read_headers_file


def test_committed_publish_files_match_mkdocs_yml() -> None:
    settings = read_target(ROOT / "mkdocs.yml", environ={})
    for name, text in render_all(settings).items():
        committed = (ROOT / "publish" / name).read_text("utf-8")
        assert committed == text, f"publish/{name} is stale: run `privacy-registry publish-config`"


def test_the_wls_address_and_its_old_spelling() -> None:
    settings = read_target(ROOT / "mkdocs.yml", environ={})
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
    text = nginx_conf(Target("https://library.example/privacy/"))
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
    settings = read_target(ROOT / "mkdocs.yml", environ={SITE_URL_ENV: "https://other.example/privacy"})
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


def _plugins_project(tmp_path: Path, plugins: str) -> Path:
    project = tmp_path / "project"
    (project / "vendors").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Privacy\nsite_url: https://library.example/privacy/\n" + plugins, "utf-8")
    return project


@pytest.mark.parametrize("plugins", [
    "plugins:\n  privacy-registry:\n    host_redirects: [/old-privacy/]\n",
    "plugins:\n  - search\n  - privacy-registry:\n      host_redirects: [/old-privacy/]\n",
    "plugins: {search: {}, privacy-registry: {host_redirects: [/old-privacy/]}}\n",
], ids=["mapping", "list", "flow-mapping"])
def test_host_redirects_are_written_whichever_plugins_form(plugins: str, tmp_path: Path) -> None:
    """MkDocs takes 'plugins:' as a list or a mapping; the redirect reaches the web server either way."""
    project = _plugins_project(tmp_path, plugins)
    result = run_cli("--root", str(project), "publish-config")
    assert result.returncode == 0, result.stdout + result.stderr
    redirects = (project / "publish" / "_redirects").read_text("utf-8")
    assert "/old-privacy/* /privacy/:splat 301" in redirects
    assert "location ^~ /old-privacy/ {" in (project / "publish" / "nginx.conf").read_text("utf-8")


def test_site_url_from_env_tag_and_redirects_from_an_inherited_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``!ENV`` and ``INHERIT`` as MkDocs reads them."""
    project = tmp_path / "project"
    (project / "vendors").mkdir(parents=True)
    (project / "base.yml").write_text(
        "site_name: Privacy\nplugins:\n  privacy-registry:\n    host_redirects: [/old-privacy/]\n", "utf-8")
    (project / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: !ENV [LIBRARY_SITE_URL, 'https://fallback.example/']\n", "utf-8")
    target = read_target(project / "mkdocs.yml", environ={})
    assert target.site_url == "https://fallback.example/"
    assert target.host_redirects == ("/old-privacy/",)
    monkeypatch.setenv("LIBRARY_SITE_URL", "https://library.example/privacy/")
    assert read_target(project / "mkdocs.yml", environ={}).site_url == "https://library.example/privacy/"


def test_publish_config_reports_a_bad_option_where_it_is_written(tmp_path: Path) -> None:
    project = _plugins_project(tmp_path, "plugins:\n  privacy-registry:\n    host_redirect: [/old-privacy/]\n")
    result = run_cli("--root", str(project), "publish-config")
    assert result.returncode == 2
    assert result.stdout.startswith("mkdocs.yml:5:5: plugins.privacy-registry.host_redirect:"), result.stdout
    assert "did you mean 'host_redirects'?" in result.stdout and "Traceback" not in result.stderr
    assert not (project / "publish").exists()
