"""Search never writes what a patron looked up into an address.

Material's ``search.highlight`` feature adds ``?h=<the words searched for>`` to every search
result's link, so the query lands in the web server's log and in the Referer header of the
next request. No ``mkdocs.yml`` the project ships (its own, the examples') or writes (``init``)
may turn it on, and no built page may tell Material's script to (the ``__config`` every page
carries is what the script reads).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.commands import init
from tests.conftest import EXAMPLES, ROOT

SHIPPED = ["mkdocs.yml", *(f"examples/{name}/mkdocs.yml" for name in EXAMPLES)]
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs would for this purpose: a tag such as ``!ENV`` is a value, not an error."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _features(text: str) -> list[Any]:
    theme = (yaml.load(text, Loader=_Loader) or {}).get("theme") or {}  # noqa: S506 - a SafeLoader subclass
    return list(theme.get("features") or []) if isinstance(theme, dict) else []


def test_every_configuration_the_project_ships_is_covered() -> None:
    """A new example (or any other mkdocs.yml) is held to the same rule: the list above names them all."""
    found = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("**/mkdocs.yml")
                   if not {"node_modules", ".venv", "site", "mutants"} & set(p.relative_to(ROOT).parts)
                   and not p.relative_to(ROOT).as_posix().startswith("tests/"))
    assert found == sorted(SHIPPED)


@pytest.mark.parametrize("config", SHIPPED)
def test_no_shipped_configuration_turns_on_search_highlight(config: str) -> None:
    features = _features((ROOT / config).read_text("utf-8"))
    assert "navigation.top" in features, "the theme's features were read"
    assert "search.highlight" not in features, f"{config}: search.highlight puts the patron's query in the address"


def test_the_configuration_init_writes_does_not_turn_on_search_highlight(tmp_path: Path) -> None:
    text = init.plan(tmp_path / "site", "Millbrook Library")["mkdocs.yml"]
    assert isinstance(text, str)
    features = _features(text)
    assert "navigation.top" in features
    assert "search.highlight" not in features


def page_features(page: Path) -> list[str]:
    """The features Material's script is told to use on a built page."""
    match = _CONFIG.search(page.read_text("utf-8"))
    assert match, f"{page} carries no __config"
    features: list[str] = json.loads(match.group(1))["features"]
    return features


def test_no_page_of_an_example_site_asks_for_search_highlight(example_sites: dict[str, Path]) -> None:
    for name, site in example_sites.items():
        pages = sorted(site.rglob("*.html"))
        assert pages, name
        asking = [p.relative_to(site).as_posix() for p in pages
                  if "<script id=\"__config\"" in p.read_text("utf-8") and "search.highlight" in page_features(p)]
        assert not asking, f"examples/{name}: these pages add ?h=<query> to search results: {asking}"
