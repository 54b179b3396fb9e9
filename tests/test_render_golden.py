"""Golden files: the generated Markdown for a small registry, byte for byte.

Regenerate after an intended template change with ``UPDATE_GOLDEN=1 pytest tests/test_render_golden.py``
and review the diff like any other change.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.registry import load_registry
from generator.render import Renderer

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def _pages() -> dict[str, str]:
    loaded = load_registry(GOLDEN / "vendors", GOLDEN, today=dt.date(2026, 1, 1))
    assert loaded.problems == []
    assert loaded.registry is not None
    renderer = Renderer(loaded.registry, today=dt.date(2026, 1, 1))
    pages = renderer.pages()
    pages["chart.html"] = renderer.chart("services/index.md")
    pages["who-keeps-what.html"] = renderer.matrix("who-keeps-what.md")
    pages["feed.xml"] = renderer.feed("https://library.example/privacy/")
    return pages


@pytest.mark.parametrize("page", sorted(_pages()))
def test_rendered_page_matches_golden_file(page: str) -> None:
    expected = GOLDEN / "expected" / page
    actual = _pages()[page]
    if os.environ.get("UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"no golden file for {page}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == expected.read_text(encoding="utf-8")


def test_golden_set_has_no_stale_files() -> None:
    on_disk = {p.relative_to(GOLDEN / "expected").as_posix() for p in (GOLDEN / "expected").rglob("*") if p.is_file()}
    assert on_disk == set(_pages())
