"""``make bench`` on a small size: it runs, measures all five things and writes the table.

No timing is asserted here; the goals live in the benchmark's own report.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import export, sitesize, synth
from generator import siteconfig
from generator.markup import valid_html
from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.slow


def test_synthetic_registries_are_deterministic_and_valid(tmp_path: Path) -> None:
    one = synth.write_project(tmp_path / "one", 20, ROOT)
    two = synth.write_project(tmp_path / "two", 20, ROOT)
    files = sorted(p.name for p in (one / "vendors").iterdir())
    assert len(files) == 21  # 20 vendors and the vocabulary
    for name in files:
        assert (one / "vendors" / name).read_bytes() == (two / "vendors" / name).read_bytes()
    result = run_cli("check", cwd=one)
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout

BREADCRUMBS = re.compile(r'\s*<nav class="md-path" aria-label="Breadcrumb"\s*>.*?</nav>', re.S)


def test_plain_markdown_export_builds_the_same_pages(tmp_path: Path) -> None:
    """The baseline is fair: without the plugin, MkDocs makes the same HTML from the exported pages."""
    project = synth.write_project(tmp_path / "project", 20, ROOT)
    # One language: the plugin's own work per language (each language's 404 page, its switch
    # links made relative) has no plain-Markdown equivalent to compare with.
    config_file = project / "mkdocs.yml"
    text = config_file.read_text("utf-8")
    start = text.index("  - i18n:\n")
    config_file.write_text(text[:start] + text[text.index("\n  - ", start + 1) + 1:], "utf-8")
    config = export.export(project, tmp_path / "plain")
    assert "privacy-registry" not in config.read_text("utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    subprocess.run([*mkdocs, "--site-dir", str(tmp_path / "a")], cwd=project, env=env, check=True,
                   capture_output=True)
    subprocess.run([*mkdocs, "--config-file", str(config), "--site-dir", str(tmp_path / "b")], cwd=config.parent,
                   env=env, check=True, capture_output=True)
    pages = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.html"))
    plain = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.html"))
    assert len(plain) > 20
    assert pages == plain  # redirect pages for old addresses included: they are exported files too
    for page in plain:
        # The plugin also repairs the theme's markup in every built page (generator.markup), and
        # gives vendor pages breadcrumbs back to the chart (they are not in the menu).
        # Material's breadcrumb template leaves blank lines where it shows none; spacing aside, equal.
        expected = valid_html((tmp_path / "b" / page).read_text("utf-8")).split()
        built = BREADCRUMBS.sub("", (tmp_path / "a" / page).read_text("utf-8")).split()
        assert built == expected, page


def test_bench_writes_the_table_on_a_small_size(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "20", "--runs", "1", "--no-warmup",
         "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (tmp_path / "BENCHMARKS.md").read_text("utf-8")
    for heading in ("## Machine", "## 1. `privacy-registry check` against `check-jsonschema`",
                    "## 2. Site build", "## 3. `privacy-registry diff --base HEAD`", "## 4. Start-up",
                    "## 5. Peak memory", "## 6. Site size and build time"):
        assert heading in text
    assert "| 20 |" in text
    assert re.search(r"\| 20 \| [0-9.]+ MB \| [0-9,]+ \| [0-9]+ KB \|", text), "no site size row"
    assert "| PyYAML |" in text and "libyaml" in text
    assert "| load average at start" in text
    assert "MkDocs imported: **no**" in text
    assert "failed" not in text
    # The plugin's own handlers, timed inside each plugin build (bench/hooktimes.py): more than
    # nothing, less than the whole build.
    section = text.split("## 2. Site build", 1)[1].split("## 3.", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("| vendors |"))
    row = next(line for line in section.splitlines() if line.startswith("| 20 |"))
    cells = dict(zip(header.strip("|").split(" | "), row.strip("|").split(" | "), strict=True))
    own = cells["plugin's own handlers"].strip()
    assert re.fullmatch(r"[0-9.]+ s", own) and float(own[:-2]) > 0, own
    assert 1 < float(cells["in-build ratio"]) < 10, cells["in-build ratio"]


def test_site_size_sorts_pages_by_kind(tmp_path: Path) -> None:
    """Vendor pages, listing pages and the rest are weighed apart; the verdicts compare 200 and 2,000."""
    site = tmp_path / "site"
    for rel, size in (("index.html", 10), ("services/index.html", 300), ("services/a/index.html", 40),
                      ("services/b/index.html", 50), ("policy/index.html", 20), ("search/search_index.json", 70),
                      ("who-keeps-what/index.html", 60), ("glossary/index.html", 30), ("changes/index.html", 5)):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(b"x" * size)
    found = sitesize.measure_site(site)
    assert (found.total, found.files, found.largest_vendor_page, found.largest_other_page) == (585, 9, 50, 20)
    assert found.listings == {"chart": 300, "who keeps what": 60, "glossary": 30, "change log": 5,
                              "search index": 70}
    for rel, size in (("es/who-keeps-what/index.html", 80), ("es/services/a/index.html", 45),
                      ("es/policy/index.html", 25)):  # the Spanish pages below es/
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(b"x" * size)
    spanish = sitesize.measure_site(site, ("es",))
    assert (spanish.files, spanish.largest_vendor_page, spanish.largest_other_page) == (12, 50, 25)
    assert sitesize.measure_site(site).largest_other_page == 80  # without es/, its listing looks like a policy page
    small = sitesize.SiteSize(1000, 10, 10, 10, dict.fromkeys(sitesize.LISTINGS, 100))
    big = sitesize.SiteSize(11000, 100, 10, 10, dict.fromkeys(sitesize.LISTINGS, 900))
    text = "\n".join(sitesize.section({200: small, 2000: big}, {}))
    assert "at most 10x (**missed**, 11.0x)" in text
    assert "growing no faster than the registry, 10x (**met**)" in text


def test_plain_baseline_skips_the_search_duplicate_check_the_plugin_build_skips(tmp_path: Path) -> None:
    """The baseline does not pay for the i18n plugin's quadratic search merge that the plugin build avoids."""
    project = synth.write_project(tmp_path / "project", 20, ROOT)
    config = export.export(project, tmp_path / "plain")
    plugins = siteconfig.read(config)["plugins"]
    i18n = [entry["i18n"] for entry in plugins if isinstance(entry, dict) and "i18n" in entry]
    assert [options["reconfigure_search"] for options in i18n] == [False]
    assert [options["docs_structure"] for options in i18n] == ["suffix"]  # the rest kept as it was
    assert siteconfig.read(project / "mkdocs.yml")["plugins"][1]["i18n"]["reconfigure_search"] is True
