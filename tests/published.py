"""How a library's host publishes the site, for tests: the sub-path it serves it under, and the
headers a ``_headers`` file sets (the server itself is ``generator.serve``)."""

from __future__ import annotations

from pathlib import Path

SUB_PATH = "/about-wls/patron-privacy/"


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers a ``_headers`` file sets for ``/*`` (Netlify / Cloudflare Pages format)."""
    headers: dict[str, str] = {}
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            section = line.strip()
            continue
        if section == "/*":
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers
