"""Compiled templates kept between builds: same pages, edits take effect, never a failure, never blind.

The cache is Jinja's own (``FileSystemBytecodeCache``); each test gives it a fresh private folder
(Jinja puts it under the temporary folder).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import jinja2
import pytest

from generator import templating
from generator.registry import load_registry
from generator.render import Renderer
from tests.conftest import ROOT
from tests.payloads import audit, hostile_registry


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty temporary folder, so Jinja's private cache folder is made fresh inside it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(templating.DISABLE_CACHE, raising=False)
    cache = templating.bytecode_cache()
    assert cache is not None
    return Path(cache.directory)


def _pages(overrides: Path | None = None, *, hostile: bool = False) -> dict[str, str]:
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    registry = hostile_registry(loaded.registry) if hostile else loaded.registry
    return Renderer(registry, overrides).pages()


def test_pages_are_the_same_from_a_cold_and_a_warm_cache(cache_folder: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _pages()
    assert any(cache_folder.iterdir())
    assert (cache_folder.stat().st_mode & 0o777) == 0o700
    warm = _pages()
    monkeypatch.setenv(templating.DISABLE_CACHE, "1")
    assert templating.bytecode_cache() is None
    assert cold == warm == _pages()


def test_an_edited_override_template_takes_effect(cache_folder: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "privacy_registry").mkdir(parents=True)
    template = overrides / "privacy_registry" / "glossary.md.j2"
    template.write_text("# Glossary\n\nFirst wording.\n", "utf-8")
    assert "First wording." in _pages(overrides)["glossary.md"]
    template.write_text("# Glossary\n\nSecond wording.\n", "utf-8")
    assert "Second wording." in _pages(overrides)["glossary.md"]


def test_a_damaged_cache_is_a_miss_not_a_failure(cache_folder: Path) -> None:
    expected = _pages()
    entries = list(cache_folder.iterdir())
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
    assert _pages() == expected
    for entry in entries:
        entry.write_bytes(b"not a cache entry")
    assert _pages() == expected


def test_a_read_only_cache_is_not_a_failure(cache_folder: Path) -> None:
    expected = _pages()
    for entry in cache_folder.iterdir():
        entry.unlink()
    cache_folder.chmod(0o500)
    try:
        assert _pages() == expected
    finally:
        cache_folder.chmod(0o700)


class _Unescaped(jinja2.Environment):
    """render.py with ``autoescape=True`` changed to ``False``: the mistake the escaping tests must catch."""

    def __init__(self, **options: object) -> None:
        super().__init__(**{**options, "autoescape": False})  # type: ignore[arg-type]


def test_autoescape_off_shows_with_a_warm_cache(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Code compiled with escaping on is never reused by an environment with it off.

    A cache keyed on the template's source alone handed the escaping code back, so the
    escaping tests passed on any machine that had built the site before.
    """
    escaped = _pages(hostile=True)  # warms the cache
    assert any(cache_folder.iterdir())
    assert not any(audit(page) for page in escaped.values())
    monkeypatch.setattr(jinja2, "Environment", _Unescaped)
    unescaped = _pages(hostile=True)
    found = {name: audit(page) for name, page in unescaped.items() if audit(page)}
    assert found, "autoescape off went unnoticed with a warm cache"
    assert any("<script>alert(1)</script>" in page for page in unescaped.values())


def test_the_fingerprint_follows_every_compile_setting() -> None:
    base = templating.environment()
    changed = [templating.environment() for _ in range(5)]
    changed[0].autoescape = False
    changed[1].trim_blocks = False
    changed[2].filters["text"] = templating.oneline  # no longer given the environment
    changed[3].add_extension("jinja2.ext.loopcontrols")
    changed[4].finalize = str
    assert templating.fingerprint(templating.environment()) == templating.fingerprint(base)
    prints = {templating.fingerprint(env) for env in changed}
    assert len(prints) == 5 and templating.fingerprint(base) not in prints
