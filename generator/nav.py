"""The site navigation: the configured nav with the registry's pages filled in.

Plain data in, plain data out (the ``nav`` of mkdocs.yml), so the MkDocs plugin
and ``privacy-registry export`` give every engine the same navigation.
"""

from __future__ import annotations

import html
from typing import Any

from generator.model import Registry
from generator.render import CHART_PAGE, vendor_page


def expand(nav: list[Any], registry: Registry) -> list[Any]:
    """Turn the nav entry for the chart into a section listing every active vendor."""
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if value == CHART_PAGE:
                vendors = [{html.escape(v.name): vendor_page(v.id)} for v in registry.active]
                item = {title: [CHART_PAGE, *vendors]}
            elif isinstance(value, list):
                item = {title: expand(value, registry)}
        out.append(item)
    return out


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
