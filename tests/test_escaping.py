"""Markup in registry data never becomes markup in the site; only https: links leave the registry.

``check`` refuses markup, so these tests hand the renderer and the real plugin a registry
built in Python with payloads in every text field, as if validation had been bypassed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from generator.changelog import FEED_FILE
from generator.registry import load_registry
from generator.render import Renderer
from generator.templating import safe_url
from tests.conftest import ROOT
from tests.payloads import HOSTILE_URL, PAYLOADS, audit, hostile_registry, install_hook, strings_in


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built by real strict MkDocs through the real plugin, with payloads in all text."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    install_hook(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_payloads_reached_the_pages(hostile_site: Path) -> None:
    """Guard against a vacuous pass: the payload text is on the page, as text."""
    page = "".join(p.read_text("utf-8") for p in (hostile_site / "services").glob("*/index.html"))
    assert "alert(" in page
    assert "&lt;/title&gt;&lt;script&gt;alert(1)" in page
    policy = (hostile_site / "policy-11-privacy" / "index.html").read_text("utf-8")
    assert "<dd>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dd>" in policy


def test_no_payload_becomes_markup_in_any_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    findings = {p.relative_to(hostile_site).as_posix(): audit(p.read_text("utf-8")) for p in pages}
    assert {page: found for page, found in findings.items() if found} == {}
    for page in pages:
        text = page.read_text("utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and 'href="javascript:' not in text


def _title(page: str) -> str:
    return page.split("</head>", 1)[0].split("<title>", 1)[1].split("</title>", 1)[0]


def test_titles_stay_text_in_title_tag_and_navigation(hostile_site: Path) -> None:
    """MkDocs and Material print page titles and headings without autoescaping: ours arrive escaped."""
    pages = [p.read_text("utf-8") for p in sorted((hostile_site / "services").glob("*/index.html"))]
    titles = [_title(page) for page in pages]
    assert len(titles) > 10 and all("<" not in t for t in titles)
    assert any("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in titles)
    assert any("&amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;alert(2)" in t for t in titles)
    headings = [page.split("<h1", 1)[1].split("</h1>", 1)[0] for page in pages]
    assert any("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in h for h in headings)


def test_search_index_holds_no_live_markup(hostile_site: Path) -> None:
    """Material's search shows titles and text from the index as HTML."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    found = [f for text in strings_in(index) for f in audit(text)]
    assert found == []


def test_feed_is_well_formed_and_carries_text_only(hostile_site: Path) -> None:
    """Feed readers show the Atom summaries; payloads must stay character data."""
    feed = ElementTree.parse(hostile_site / FEED_FILE).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    tags = {element.tag.removeprefix(atom) for element in feed.iter()}
    assert tags <= {"feed", "id", "title", "subtitle", "updated", "published", "author", "name", "link",
                    "generator", "entry", "category", "summary"}
    summaries = [s for s in feed.iter(f"{atom}summary")]
    assert summaries and all(s.get("type") == "text" for s in summaries)
    assert any("<script>alert(" in (s.text or "") for s in summaries)  # the payload, as text


def test_only_https_links_from_data(hostile_site: Path) -> None:
    page = "".join(p.read_text("utf-8") for p in (hostile_site / "services").glob("*/index.html"))
    assert 'href="https://payload.example/p?q=&#34;&gt;&lt;script&gt;alert(13)&lt;/script&gt;"' in page \
        or 'href="https://payload.example/p?q=&quot;&gt;&lt;script&gt;alert(13)&lt;/script&gt;"' in page
    for bad in ("javascript:alert(1)", "data:text/html,x", "http://example.org/", "/relative", " https://x.example/"):
        with pytest.raises(ValueError, match="non-https"):
            safe_url(bad)


def test_renderer_markdown_carries_no_raw_payload() -> None:
    """The plain Markdown pages (for any site generator) escape data too."""
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    renderer = Renderer(hostile_registry(loaded.registry))
    pages = renderer.pages()
    pages["chart"] = str(renderer.chart("services/index.md"))
    for src, markdown in pages.items():
        body = re.sub(r"<!-- privacy-registry:[a-z-]+ -->", "", markdown)  # the plugin's own markers
        if body.startswith("---\n"):  # front matter is YAML, not Markdown: its values must be escaped HTML
            front, body = body[4:].split("\n---\n", 1)
            meta = yaml.safe_load(front)
            assert all("<" not in str(value) and '"' not in str(value) for value in meta.values()), src
        for raw in ("<script", "<img", "<iframe", "<svg", "<b onclick", "<!--"):
            assert raw not in body, f"{src} carries {raw!r}"
        markdown_lines = [line for line in body.splitlines() if not line.startswith("<")]  # not raw HTML blocks
        assert not any("](javascript:" in line for line in markdown_lines), src
        assert HOSTILE_URL not in markdown
    assert all(p in " ".join(PAYLOADS) for p in PAYLOADS)
