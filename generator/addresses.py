"""Where a source file ends up in the built site, and links between built pages.

These follow MkDocs 1.x (and ProperDocs, its continuation) exactly: ``File.dest_uri``,
``File.url`` and ``mkdocs.utils.get_relative_url``. The exported pages carry links
computed here, so a site built from them is byte-for-byte the site the plugin used
to build from MkDocs' own objects.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

# The file name endings MkDocs reads as Markdown pages (mkdocs.utils.markdown_extensions).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def is_page(src_uri: str) -> bool:
    """Whether a source file is a Markdown page (others are copied as they are)."""
    return src_uri.lower().endswith(MARKDOWN_SUFFIXES)


def dest_path(src_uri: str, use_directory_urls: bool = True) -> str:
    """The built file for a source file: ``a/b.md`` -> ``a/b/index.html``; ``README.md`` is an index."""
    if not is_page(src_uri):
        return src_uri
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    name = "index" if stem == "README" else stem
    if not use_directory_urls or name == "index":
        return posixpath.join(parent, name + ".html")
    return posixpath.join(parent, name, "index.html")


def file_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """A source file's address relative to the site root: ``a/b.md`` -> ``a/b/``, ``index.md`` -> ``./``."""
    url = dest_path(src_uri, use_directory_urls)
    dirname, filename = posixpath.split(url)
    if use_directory_urls and filename == "index.html":
        url = (dirname or ".") + "/"
    return quote(url)


@functools.cache
def _parts(path: str) -> tuple[str, ...]:
    # Leading ".." are kept: a language's pages (under es/) link the theme's files one folder up.
    # MkDocs never gives such a path, so its own links come out as get_relative_url makes them.
    normal = posixpath.normpath(path.lstrip("/") or ".")
    return tuple(normal.split("/")) if normal != "." else ()


def relative_url(url: str, other: str) -> str:
    """``url`` as a link from the page or file at ``other`` (both site-relative, as :func:`file_url` gives).

    The one relative-link helper: generated pages, redirect pages and their favicons all link through it.
    """
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    start, dest = _parts(other), _parts(url)
    common = 0
    for a, b in zip(start, dest, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + list(dest[common:])) or "."
    return rel + "/" if url.endswith("/") else rel
