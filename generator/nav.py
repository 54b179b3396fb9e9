"""The site navigation: the configured nav with the registry's pages filled in.

Plain data in, plain data out (the ``nav`` of mkdocs.yml), so the MkDocs plugin
and ``privacy-registry export`` give every engine the same navigation.
"""

from __future__ import annotations

from typing import Any

from generator.model import Registry


def expand(nav: list[Any], registry: Registry) -> list[Any]:
    """The nav as configured: vendor pages are not listed in it.

    The chart (services/index.md) is the index of vendors and every vendor page links
    back to it; listing every vendor in the menu would put the whole registry into every
    page, making each page grow with the registry and the site with its square. Kept as a
    function so a future registry page can be filled in here for every engine at once.
    """
    del registry  # nothing of the registry goes into the menu
    return list(nav)


def titles(nav: list[Any] | None) -> dict[str, str]:
    """Source page -> the title the nav gives it (pages listed without a title are left out)."""
    out: dict[str, str] = {}
    for item in nav or ():
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, list):
                out.update(titles(value))
            elif isinstance(value, str) and title is not None:
                out.setdefault(value, str(title))
    return out
