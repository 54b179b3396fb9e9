"""Compiled templates kept between builds: same pages, edits take effect, and never a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import tplcache
from generator.registry import load_registry
from generator.render import Renderer
from tests.conftest import ROOT


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private XDG cache folder for the test."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(tplcache.DISABLE, raising=False)
    return home


def _pages(overrides: Path | None = None) -> dict[str, str]:
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    return Renderer(loaded.registry, overrides).pages()


def test_pages_are_the_same_from_a_cold_and_a_warm_cache(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _pages()
    folder = cache_home / "privacy-registry" / "templates"
    assert any(folder.iterdir())
    assert (folder.stat().st_mode & 0o777) == 0o700
    warm = _pages()
    monkeypatch.setenv(tplcache.DISABLE, "1")
    assert tplcache.template_cache() is None
    assert cold == warm == _pages()


def test_an_edited_override_template_takes_effect(cache_home: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "privacy_registry").mkdir(parents=True)
    template = overrides / "privacy_registry" / "glossary.md.j2"
    template.write_text("# Glossary\n\nFirst wording.\n", "utf-8")
    assert "First wording." in _pages(overrides)["glossary.md"]
    template.write_text("# Glossary\n\nSecond wording.\n", "utf-8")
    assert "Second wording." in _pages(overrides)["glossary.md"]


def test_a_damaged_cache_is_a_miss_not_a_failure(cache_home: Path) -> None:
    expected = _pages()
    folder = cache_home / "privacy-registry" / "templates"
    for entry in folder.iterdir():
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
    assert _pages() == expected
    for entry in folder.iterdir():
        entry.write_bytes(b"not a cache entry")
    assert _pages() == expected


def test_a_folder_others_can_write_is_not_used(cache_home: Path) -> None:
    folder = cache_home / "privacy-registry" / "templates"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert tplcache.template_cache() is None
    assert _pages()


def test_an_unwritable_cache_still_builds(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    (cache_home / "privacy-registry").write_text("a file where the folder should be", "utf-8")
    assert tplcache.template_cache() is None
    assert _pages()
