"""One search index per language, so a patron's search lists the pages of the language they read.

The i18n plugin (mkdocs-static-i18n 1.3.1) builds the site once per language and then merges
every language's search entries into the one index at ``search/search_index.json``, because
Material for MkDocs 9.8 reads its index from one fixed address below the site's base (its
maintainers' own words: a per-language index is not supported). From that merged index an
English page's search for "Libby" listed the Spanish OverDrive page beside the English one,
and common words filled the first ten results with pages of both languages.

Here each language's build keeps the index the search plugin has just written for that
language's pages alone, and after the i18n plugin is done each one is written at its
language's root (``search/search_index.json`` for the default language,
``es/search/search_index.json`` for Spanish), indexed with that language's stemmer alone and
with addresses relative to that root. The page template gives the theme's script each
language's root as its base (``site_overrides/partials/search-config.html``). No MkDocs here:
``generator.plugin`` calls these at the right moments of the build.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"


def language_index(text: str, lang: str, root: str) -> str:
    """The search index ``text`` (one language's pages) made that language's own.

    ``root`` is where the language's pages start ("" or "es/"): addresses lose it, since the
    theme resolves them against the language's root. The index is stemmed for ``lang`` alone
    when the search plugin supports it (the i18n plugin lists every supported language).
    """
    data: dict[str, Any] = json.loads(text)
    config = data.setdefault("config", {})
    if lang in (config.get("lang") or []):
        config["lang"] = [lang]
    for doc in data.get("docs") or []:
        location = str(doc.get("location", ""))
        if root and location.startswith(root):
            doc["location"] = location[len(root):]
    # Written as the search plugin writes it.
    return json.dumps(data, separators=(",", ":"), default=str)


class LanguageIndexes:
    """Each language's search index, kept while the other languages build."""

    def __init__(self) -> None:
        self.kept: dict[str, str] = {}  # language root ("" or "es/") -> its index

    def keep(self, site_dir: Path, lang: str, root: str) -> None:
        """Keep the index the search plugin has just written for ``lang``'s build."""
        path = site_dir / INDEX
        if path.is_file():
            self.kept[root] = language_index(path.read_text(encoding="utf-8"), lang, root)

    def write(self, site_dir: Path) -> None:
        """Write every kept index at its language's root (over the i18n plugin's merged one)."""
        for root, text in self.kept.items():
            path = site_dir / root / INDEX
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
