"""Served under the library's sub-path, every page, redirect, feed and download resolves.

The site is built for ``http://127.0.0.1:<port>/about-wls/patron-privacy/`` (the
``--site-url`` override), served there by a real HTTP server, and crawled by the
real linkchecker with anchors checked. Canonical links and the sitemap point at
that address too, so they are checked rather than skipped as external.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.serve import serve_folder
from tests.conftest import SubPathSite
from tests.published import SUB_PATH

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
SKIP_DIRS = ("assets/", "search/")
DOWNLOAD_SUFFIXES = (".xml", ".json", ".csv", ".txt", ".atom", ".rss")
# linkchecker waits 0.1-0.6 s between requests to a host unless the host answers with a
# LinkChecker header; then its maxrequestspersecond setting applies.
LINKCHECKER_PACE = {"LinkChecker": "loopback"}


@pytest.fixture(scope="module")
def served(subpath_site: SubPathSite) -> Iterator[tuple[str, Path]]:
    """The real site, built for and served at a loopback sub-path (once per session, shared with
    test_csp_browser): (base URL, site folder), answered with linkchecker's pacing header."""
    with subpath_site.served_with(LINKCHECKER_PACE) as base:
        yield base, subpath_site.site


def site_addresses(site: Path) -> list[str]:
    """Every page, redirect page, feed and download of a built site, as paths under the site."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(SKIP_DIRS):
            continue
        if path.suffix == ".html":
            out.append(rel[: -len("index.html")] if path.name == "index.html" else rel)
        elif path.suffix in DOWNLOAD_SUFFIXES:
            out.append(rel)
    return out


def linkcheck(base: str, urls: list[str], config: Path) -> tuple[subprocess.CompletedProcess[str],
                                                                 list[dict[str, str]]]:
    """Run linkchecker over ``urls``; return the run and one row per checked link."""
    host = re.escape(base.split(SUB_PATH)[0])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "[checking]\n"
        "maxrequestspersecond=100\n"
        "[filtering]\n"
        "checkextern=0\n"
        # A feed, JSON or CSV download cannot be crawled for links (checked below instead).
        "ignorewarnings=url-content-type-unparseable\n"
        # Everything on the test host is checked, so a link that escapes the sub-path fails.
        f"internlinks=^{host}/\n"
        "[AnchorCheck]\n", encoding="utf-8")
    config.chmod(0o644)
    config.parent.chmod(0o755)  # linkchecker drops to 'nobody' when run as root
    result = subprocess.run(
        [str(LINKCHECKER), "-f", str(config), "--no-status", "--verbose", "-o", "csv", *urls],
        capture_output=True, text=True, timeout=480, check=False)
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    return result, rows


@pytest.mark.slow
def test_every_page_redirect_feed_and_download_resolves_under_the_sub_path(
        served: tuple[str, Path], tmp_path: Path) -> None:
    base, site = served
    addresses = site_addresses(site)
    assert "" in addresses and "404.html" in addresses and "sitemap.xml" in addresses
    assert "third-party-services/" in addresses, "the configured redirect page is missing"
    urls = [base + a for a in addresses]
    result, rows = linkcheck(base, urls, tmp_path / "linkcheckerrc")
    # AnchorCheck reports a missing anchor as a warning: any warning fails too.
    failed = [f"{r['url']} (from {r['parentname'] or 'start'}): {r['result']} {r['warningstring']}"
              for r in rows if r["valid"] != "True" or r["warningstring"]]
    assert result.returncode == 0 and not failed, "\n".join(failed) or result.stderr[-3000:]
    checked = {r["url"] for r in rows if r["result"].startswith("200")}
    assert set(urls) <= checked
    # Internal links were really fetched, not skipped as external: that includes the sitemap's
    # and the canonical addresses, which are built from the --site-url address.
    assert not [r for r in rows if r["url"].startswith(base) and "filtered" in r["result"]]
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    assert locs and all(loc.startswith(base) for loc in locs)
    assert f'<link rel="canonical" href="{base}services/hoopla/">' in (
        site / "services" / "hoopla" / "index.html").read_text("utf-8")


def test_the_feed_and_downloads_link_only_to_addresses_that_resolve(served: tuple[str, Path]) -> None:
    base, site = served
    targets: set[str] = set()
    for name in [a for a in site_addresses(site) if a.endswith(DOWNLOAD_SUFFIXES) and a != "sitemap.xml"]:
        text = (site / name).read_text("utf-8-sig")
        targets |= {u.split("#")[0] for u in re.findall(r"https?://[^\s\"'<>,]+", text) if u.startswith(base)}
    assert base + "feed.xml" in targets or not (site / "feed.xml").exists()
    for url in sorted(targets):
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200, url


def test_the_link_check_catches_a_broken_anchor_and_a_link_escaping_the_sub_path(tmp_path: Path) -> None:
    """The same configuration fails on what it must catch, so 0 errors above means something."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><h1 id="here">t</h1>'
        '<a href="other.html#missing-anchor">a</a> <a href="/other.html">b</a></html>', "utf-8")
    (site / "other.html").write_text('<!doctype html><html lang="en"><title>o</title><h1 id="there">o</h1></html>',
                                     "utf-8")
    with serve_folder(site, LINKCHECKER_PACE, SUB_PATH) as base:
        result, rows = linkcheck(base, [base], tmp_path / "rc" / "linkcheckerrc")
    assert result.returncode == 1
    problems = {r["urlname"]: r["warningstring"] + r["result"] for r in rows
                if r["valid"] != "True" or r["warningstring"]}
    assert "/other.html" in problems and "404" in problems["/other.html"]
    assert "other.html#missing-anchor" in problems and "missing-anchor" in problems["other.html#missing-anchor"]


def test_a_redirect_page_leads_to_its_page_under_the_sub_path(served: tuple[str, Path]) -> None:
    base, _ = served
    with urllib.request.urlopen(base + "third-party-services/", timeout=30) as response:
        page = response.read().decode()
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)
    assert refresh is not None
    target = urljoin(base + "third-party-services/", refresh.group(1))
    assert target == base + "services/"
    assert f'<link rel="canonical" href="{base}services/">' in page
    with urllib.request.urlopen(target, timeout=30) as response:
        assert response.status == 200


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag in ("a", "link") and name == "href") or (tag == "script" and name == "src")):
                self.links.append(value)


@pytest.mark.parametrize("missing", ["no-such-page/", "services/renamed-vendor/", "a/b/c/d/e.html"])
def test_the_404_page_works_from_any_depth(served: tuple[str, Path], missing: str) -> None:
    base, _ = served
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(base + missing, timeout=30)
    assert caught.value.code == 404
    page = caught.value.read().decode()
    assert "Page not found" in page
    parser = _Links()
    parser.feed(page)
    local = [urljoin(base + missing, href) for href in parser.links if not href.startswith(("https://", "#"))]
    assert base + "services/" in local, "the 404 page must link to the chart"
    assert base + "policy-11-privacy/" in local, "the 404 page must link to the policies"
    for url in local:
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200, url
