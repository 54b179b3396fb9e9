"""Old and alternate addresses keep working: the redirect map and renamed vendors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.addresses import relative_url
from generator.redirects import normalize_source, output_file
from tests.conftest import run_cli


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _rename_vendor(project: Path, old: str, new: str, former: bool = True) -> None:
    source = project / "vendors" / f"{old}.yaml"
    text = source.read_text("utf-8")
    if former:
        text = text.replace("\nsources:", f"\nformer_ids: [{old}]\nsources:", 1)
    (project / "vendors" / f"{new}.yaml").write_text(text, "utf-8")
    source.unlink()


class _Page(HTMLParser):
    """What a browser and a screen reader find in a redirect page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.refresh = ""
        self.canonical = ""
        self.links: list[str] = []
        self.scripts = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("http-equiv") == "refresh":
            self.refresh = a["content"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "a":
            self.links.append(a["href"])
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.mark.parametrize(("given", "source", "output"), [
    ("/old-page", "old-page/", "old-page/index.html"),
    ("old/page/", "old/page/", "old/page/index.html"),
    ("chart.html", "chart.html", "chart.html"),
])
def test_old_addresses_are_normalized(given: str, source: str, output: str) -> None:
    assert normalize_source(given) == source
    assert output_file(source) == output


@pytest.mark.parametrize("bad", ["", "/", "https://elsewhere.example/x/", "//host/x",
                                 "../up/", "a/../b", "x?y=1", "x#y"])
def test_addresses_outside_the_site_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a path inside the site"):
        normalize_source(bad)


def test_links_from_a_redirect_page_are_relative_so_any_sub_path_works() -> None:
    """One helper (``addresses.relative_url``) links redirect pages, their favicons and generated pages."""
    assert relative_url("services/new-id/", "services/old-id/index.html") == "../new-id/"
    assert relative_url("./", "old/index.html") == "../"
    assert relative_url("./", "index.html") == "./"
    assert relative_url("services/", "chart.html") == "services/"
    # a language's redirect page (under es/) links the theme's favicon at the site root
    assert relative_url("../assets/images/favicon.png", "third-party-services/index.html") == \
        "../../assets/images/favicon.png"


def test_generated_pages_link_each_other_with_the_mkdocs_helper() -> None:
    """``render.relative`` (source page to source page) is ``addresses.relative_url``, MkDocs' own rule."""
    from generator.render import relative

    assert relative("services/index.md", "glossary.md") == "../glossary.md"
    assert relative("services/overdrive.md", "services/index.md") == "index.md"
    assert relative("index.md", "services/overdrive.md") == "services/overdrive.md"


def test_configured_redirect_is_a_valid_script_free_page(built_site: Path) -> None:
    page = _parse(built_site / "third-party-services" / "index.html")
    assert page.lang == "en"
    assert page.title.startswith("Moved: Services and the data they keep")
    assert page.refresh == "0; url=../services/"
    assert page.links == ["../services/"]
    assert page.canonical == "https://www.westchesterlibraries.org/about-wls/patron-privacy/services/"
    assert page.scripts == 0


def test_renaming_a_vendor_with_former_ids_keeps_its_old_address(project: Path, tmp_path: Path) -> None:
    _rename_vendor(project, "hoopla", "hoopla-digital")
    site = tmp_path / "site"
    result = run_cli("build", "--root", str(project), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "services" / "hoopla-digital" / "index.html").is_file()
    page = _parse(site / "services" / "hoopla" / "index.html")
    assert page.refresh == "0; url=../hoopla-digital/"
    assert page.links == ["../hoopla-digital/"]
    assert page.title.startswith("Moved: Hoopla")
    assert page.canonical.endswith("/about-wls/patron-privacy/services/hoopla-digital/")
    assert page.lang == "en" and page.scripts == 0
    # The old address is not listed as a page of its own.
    assert "services/hoopla/" not in (site / "sitemap.xml").read_text("utf-8")


def test_a_former_id_that_is_still_live_is_reported_with_file_and_line(project: Path) -> None:
    _edit(project / "vendors/hoopla.yaml", "\nsources:", "\nformer_ids: [kanopy]\nsources:")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    line = next(i for i, text in enumerate((project / "vendors/hoopla.yaml").read_text().splitlines(), 1)
                if "former_ids" in text)
    assert re.search(rf"vendors/hoopla\.yaml:{line}:\d+: former_ids\[0\]: 'kanopy' is still the id of "
                     r"vendors/kanopy\.yaml", result.stdout), result.stdout


def test_two_vendors_cannot_claim_the_same_former_id(project: Path) -> None:
    _edit(project / "vendors/hoopla.yaml", "\nsources:", "\nformer_ids: [old-service]\nsources:")
    _edit(project / "vendors/kanopy.yaml", "\nsources:", "\nformer_ids: [old-service]\nsources:")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "'old-service' is also a former id of vendors/" in result.stdout


def test_a_former_id_must_be_a_valid_id(project: Path) -> None:
    _edit(project / "vendors/hoopla.yaml", "\nsources:", "\nformer_ids: [Old Name]\nsources:")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "vendors/hoopla.yaml" in result.stdout and "former_ids[0]" in result.stdout


def test_a_redirect_to_a_missing_page_fails_the_build_and_keeps_the_site(project: Path, tmp_path: Path) -> None:
    _edit(project / "mkdocs.yml", "third-party-services/: services/index.md", "third-party-services/: services/gone.md")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", "utf-8")
    result = run_cli("build", "--root", str(project), "--site-dir", str(site))
    assert result.returncode == 1
    assert "leads to services/gone.md, which is not a page of the site" in result.stdout
    assert (site / "index.html").read_text("utf-8") == "last good site"


def test_a_redirect_cannot_hide_a_live_page(project: Path, tmp_path: Path) -> None:
    _edit(project / "mkdocs.yml", "third-party-services/: services/index.md", "glossary/: services/index.md")
    result = run_cli("build", "--root", str(project), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "the old address glossary/ is a live page (glossary.md)" in result.stdout


def test_check_names_the_line_of_a_redirect_that_does_not_lead_to_a_page(project: Path) -> None:
    _edit(project / "mkdocs.yml", "third-party-services/: services/index.md", "third-party-services/: services/")
    line = next(i for i, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1)
                if "third-party-services/:" in text)
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}:" in result.stdout and "privacy-registry.redirects" in result.stdout, result.stdout
