"""``privacy-registry export``: the generated pages as ordinary files, built by plain MkDocs.

The exported folder carries an mkdocs.yml without the ``privacy-registry`` plugin;
building it with a bare ``mkdocs build --strict`` must give a patron the same site
the plugin builds: the same chart facts, the same pages, the same feed and files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import addresses
from generator.commands.build import with_source_date
from generator.i18n import site_languages
from generator.markup import valid_html
from generator.project import Project
from tests.conftest import ROOT, run_cli
from tests.test_site import REFERENCE_CHART
from tests.test_site import _chart_rows as chart_rows

pytestmark = pytest.mark.slow
BREADCRUMBS = re.compile(r'\s*<nav class="md-path" aria-label="Breadcrumb"\s*>.*?</nav>', re.S)


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project exported once per session."""
    dest = tmp_path_factory.mktemp("export") / "plain"
    result = run_cli("export", str(dest))
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def plain_site(exported: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exported folder built by MkDocs alone: no plugin of this project is configured."""
    out = tmp_path_factory.mktemp("plain-build") / "site"
    # The sitemap's date, taken from the data as privacy-registry build takes it.
    env = with_source_date(dict(os.environ, NO_MKDOCS_2_WARNING="1"), Project(ROOT))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                             str(exported / "mkdocs.yml"), "--site-dir", str(out)],
                            cwd=exported, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


OTHER_LANGUAGES = site_languages(ROOT / "mkdocs.yml").others


def test_export_writes_every_generated_page_as_a_file(exported: Path) -> None:
    docs = exported / "docs"
    for page in ("index.md", "policy-11-privacy.md", "services/index.md", "glossary.md", "who-keeps-what.md",
                 "changes.md", "feed.xml", "vendors.csv", "vendors.json", "vendors.schema.json",
                 "third-party-services/index.html"):
        assert (docs / page).is_file(), page
    english = [p for p in (docs / "services").glob("*.md") if p.name.count(".") == 1]
    assert len(english) == 15  # the chart and its 14 services
    assert (docs / "services/index.es.md").is_file() and (docs / "services/overdrive.es.md").is_file()  # and in Spanish
    chart = (docs / "services/index.md").read_text("utf-8")
    assert "<!-- privacy-registry:chart -->" not in chart and 'class="ppr-table"' in chart
    assert 'href="overdrive/"' in chart  # links written as the built site needs them
    policy = (docs / "policy-11-privacy.md").read_text("utf-8")
    assert "Board of Trustees" in policy and policy.startswith("---\n")
    config = (exported / "mkdocs.yml").read_text("utf-8")
    assert "privacy-registry" not in config and "docs_dir: docs" in config
    assert "services/overdrive.md" not in config  # vendor pages are reached from the chart, not the menu
    assert (exported / "site_overrides" / "main.html").is_file()


def test_plain_mkdocs_build_of_the_export_gives_the_same_chart_facts(plain_site: Path) -> None:
    for page in ("services/index.html", "privacy-of-patron-data/index.html"):
        rows = chart_rows(plain_site / page)
        assert set(rows) == set(REFERENCE_CHART), page
        for service, (always, opt_in) in REFERENCE_CHART.items():
            assert (rows[service][1], rows[service][2]) == (always, opt_in), (page, service)


def test_plain_build_of_the_export_is_the_plugin_build(plain_site: Path, built_site: Path) -> None:
    """Every file a patron can fetch is there, and every page says the same; the plugin only
    repairs the theme's markup (generator.markup), keeps the generated pages last in the sitemap
    and search index, gives vendor pages (not in the menu) breadcrumbs back to the chart, writes the
    language switch's links relative to the site, and translates the theme overrides' own words
    (footer, feed link), which a plain build writes in English. For each language other than the
    default it also writes that language's own 404 page, its own search index and a copy of the
    sitemap where the theme's script looks for it (es/404.html, es/search/search_index.json,
    es/sitemap.xml): the i18n plugin alone leaves one 404 page, in the last language built, and one
    search index of every language. So pages are compared by their article and title; other files
    byte for byte."""
    repairs = {f"{lang}/{name}" for lang in OTHER_LANGUAGES
               for name in ("404.html", "sitemap.xml", "search/search_index.json")}
    files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    assert set(files) - repairs == {p.relative_to(plain_site).as_posix() for p in plain_site.rglob("*") if p.is_file()}
    listed = ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
    for name in [name for name in files if name not in repairs and name != "404.html"]:  # root 404: English here
        plugin, plain = (built_site / name).read_bytes(), (plain_site / name).read_bytes()
        if name.endswith(".html"):
            assert _article(plain_site / name) == _article(built_site / name), name
            assert _title(plain) == _title(plugin), name
        elif name in listed[:1]:
            assert sorted(re.findall(r"<loc>(.*?)</loc>", plugin.decode())) == sorted(
                re.findall(r"<loc>(.*?)</loc>", plain.decode())), name
        elif name not in listed:
            assert plugin == plain, name


def _title(html: bytes) -> str:
    found = re.search(rb"<title>(.*?)</title>", html, re.S)
    return found.group(1).decode("utf-8") if found else ""


def _article(page: Path) -> list[str]:
    """The words of a page's article (what the page says, without the theme's header and footer)."""
    html = BREADCRUMBS.sub("", page.read_text("utf-8"))
    found = re.search(r"<article\b.*?</article>", valid_html(html), re.S)
    return (found.group(0) if found else html).split()


def test_export_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    dest = tmp_path / "notes"
    dest.mkdir()
    (dest / "mine.txt").write_text("keep me", "utf-8")
    result = run_cli("export", str(dest))
    assert result.returncode == 2
    assert "is not an earlier export" in result.stdout
    assert [p.name for p in dest.iterdir()] == ["mine.txt"]


def test_export_replaces_an_earlier_export_and_stops_on_problems(project: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out"
    assert run_cli("export", "--root", str(project), str(dest)).returncode == 0
    (dest / "docs" / "stale.md").write_text("old", "utf-8")
    assert run_cli("export", "--root", str(project), str(dest)).returncode == 0
    assert not (dest / "docs" / "stale.md").exists()
    vendor = project / "vendors" / "hoopla.yaml"
    vendor.write_text(vendor.read_text("utf-8").replace("email,", "emial,", 1), "utf-8")
    before = (dest / "docs" / "services" / "hoopla.md").read_bytes()
    result = run_cli("export", "--root", str(project), str(dest))
    assert result.returncode == 1
    assert "vendors/hoopla.yaml" in result.stdout and "'emial'" in result.stdout
    assert (dest / "docs" / "services" / "hoopla.md").read_bytes() == before


def test_a_policy_page_cannot_shadow_a_generated_page(project: Path, tmp_path: Path) -> None:
    (project / "policies" / "glossary.md").write_text("---\ntitle: Words\n---\n\n# Words\n", "utf-8")
    for args in (("export", str(tmp_path / "out")), ("build", "--site-dir", str(tmp_path / "site"))):
        result = run_cli(*args, "--root", str(project))
        assert result.returncode == 1, args
        assert "policies/glossary.md would be replaced by a generated page" in result.stdout, args


SOURCES = ["index.md", "README.md", "a.md", "a/index.md", "a/b.md", "a/b/c.md", "x/y.png", "feed.xml",
           "a b/ü.md", "a/README.md", "deep/er/index.md"]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_addresses_are_the_ones_mkdocs_gives(use_directory_urls: bool) -> None:
    """The export computes links without MkDocs; they must be MkDocs' own."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    for src in SOURCES:
        file = File(src, "/docs", "/site", use_directory_urls)
        assert addresses.dest_path(src, use_directory_urls) == file.dest_uri, src
        assert addresses.file_url(src, use_directory_urls) == file.url, src
        for other in SOURCES:
            here = File(other, "/docs", "/site", use_directory_urls).url
            assert addresses.relative_url(file.url, here) == get_relative_url(file.url, here), (src, other)
