"""Each language's own search index, 404 page and sitemap, so a patron stays in the language they read.

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
language's root as its base (``site_overrides/partials/search-config.html``).

The i18n plugin also writes a single 404 page (in the last language built) and a single
sitemap, both at the site root, while Material's script reads a language's sitemap at that
language's root. So each further language gets its own 404 page and a copy of the sitemap at its
root, and the site root keeps the default language's 404 page. No MkDocs here:
``generator.plugin`` calls these at the right moments of the build.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
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


def drop_search_entries(plugins: Mapping[str, Any]) -> None:
    """Empty the search plugin's entries once this language's own index is kept.

    The i18n plugin gathers every language's entries after each build and, at the end, compares
    each default-language entry with every other language's to drop duplicates before writing
    one merged index: work that grows with the square of the entries (54 s of CPU in a 118 s
    build at 2,000 vendors), for an index replaced here with one per language. With nothing
    gathered it writes an empty merged index, which :meth:`LanguageFiles.write` replaces.
    """
    for name in ("material/search", "search"):
        entries = getattr(getattr(plugins.get(name), "search_index", None), "entries", None)
        if isinstance(entries, list):
            entries.clear()


class LanguageFiles:
    """Each language's search index, 404 page and sitemap, kept while the other languages build."""

    def __init__(self) -> None:
        self.indexes: dict[str, str] = {}  # language root ("" or "es/") -> its search index
        self.default_404: bytes | None = None  # the default language's 404 page

    def keep_index(self, site_dir: Path, lang: str, root: str) -> None:
        """Keep the index the search plugin has just written for ``lang``'s build."""
        path = site_dir / INDEX
        if path.is_file():
            self.indexes[root] = language_index(path.read_text(encoding="utf-8"), lang, root)

    def keep_pages(self, site_dir: Path, root: str) -> None:
        """After the build of the language at ``root``: keep the default language's 404 page, or give a
        further language its own 404 page and sitemap at its root and put the default 404 page back."""
        page = site_dir / "404.html"
        if not page.is_file():
            return
        if not root:
            self.default_404 = page.read_bytes()
        elif self.default_404 is not None:
            (site_dir / root / "404.html").write_bytes(page.read_bytes())
            page.write_bytes(self.default_404)
            sitemap = site_dir / "sitemap.xml"
            if sitemap.is_file():
                (site_dir / root / "sitemap.xml").write_bytes(sitemap.read_bytes())

    def write(self, site_dir: Path) -> None:
        """Write every kept index at its language's root (over the i18n plugin's merged one)."""
        for root, text in self.indexes.items():
            path = site_dir / root / INDEX
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
