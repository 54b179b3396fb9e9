"""Two engines: MkDocs 1.6 and ProperDocs (its maintained continuation) build the same site.

The chart facts and the link check run on both builds (``engine_site`` in
tests/test_site.py and tests/test_linkcheck.py); the full browser suite runs on the
MkDocs build, and here the ProperDocs build is shown to be that same site file for file,
so every browser check carries over; tests/browser/test_engines_browser.py visits a sample.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow

# The one line that names the engine; everything else must match byte for byte.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_properdocs_builds_the_site_mkdocs_builds(built_site: Path, properdocs_site: Path) -> None:
    assert _files(properdocs_site) == _files(built_site)
    named = 0
    for name in _files(built_site):
        mkdocs, properdocs = (built_site / name).read_bytes(), (properdocs_site / name).read_bytes()
        if name.endswith(".gz"):
            mkdocs, properdocs = gzip.decompress(mkdocs), gzip.decompress(properdocs)
        if name.endswith(".html") and GENERATOR.search(mkdocs):
            assert GENERATOR.search(properdocs), name
            assert b"ProperDocs" in GENERATOR.search(properdocs).group(0), name  # type: ignore[union-attr]
            mkdocs, properdocs = GENERATOR.sub(b"", mkdocs), GENERATOR.sub(b"", properdocs)
            named += 1
        assert mkdocs == properdocs, name
    assert named > 20  # every built page says which engine made it


def test_build_rejects_an_engine_it_does_not_support(tmp_path: Path) -> None:
    result = run_cli("build", "--engine", "zensical", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "invalid choice: 'zensical'" in result.stderr
    assert not (tmp_path / "site").exists()
