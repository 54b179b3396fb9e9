"""Small readers for built HTML pages (standard library only)."""

from __future__ import annotations

from html.parser import HTMLParser


class TableReader(HTMLParser):
    """Collect the text of every cell of the tables with a given class, row by row."""

    def __init__(self, table_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.table_class = table_class
        self.rows: list[list[str]] = []
        self.captions: list[str] = []
        self._depth = 0
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self.header_scopes: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "table" and self.table_class in (attr.get("class") or "").split():
            self._depth += 1
        if not self._depth:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
            if tag == "th":
                self.header_scopes.append(attr.get("scope"))
        elif tag == "caption":
            self._caption = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption" and self._caption is not None:
            self.captions.append(" ".join("".join(self._caption).split()))
            self._caption = None
        elif tag == "table":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


def read_table(html: str, table_class: str) -> TableReader:
    """Parse ``html`` and return the reader holding the table's rows."""
    reader = TableReader(table_class)
    reader.feed(html)
    return reader


class AssetReader(HTMLParser):
    """Every address a page loads by itself (scripts, styles, images, frames, fonts)."""

    LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
             "video": "src", "embed": "src", "object": "data", "track": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag in self.LOADS and attr.get(self.LOADS[tag]):
            self.loaded.append(str(attr[self.LOADS[tag]]))
        if tag == "link" and attr.get("href"):
            rel = (attr.get("rel") or "").split()
            if {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "dns-prefetch", "manifest"} & set(rel):
                self.loaded.append(str(attr["href"]))
        style = attr.get("style") or ""
        if "url(" in style:
            self.loaded.append(style)
