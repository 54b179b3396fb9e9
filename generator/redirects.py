"""Old and alternate addresses that keep working: the redirect plan and its pages.

Two sources feed the plan: the ``redirects`` map in the plugin configuration
(old site path -> page), and each vendor's ``former_ids`` (``services/<old-id>/``
-> the vendor's page), so renaming a vendor file never breaks a published link.
A redirect page is plain, valid HTML: a meta refresh, a canonical link and a
visible link, with no script, so it works with JavaScript off and under a
strict Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import jinja2

from generator.model import Registry
from generator.render import SERVICES_DIR, vendor_page


@dataclass(frozen=True)
class Redirect:
    """One old address (a path inside the site) and the page it now leads to."""

    source: str
    target: str
    origin: str

    @property
    def output(self) -> str:
        """The file that answers the old address, e.g. ``services/old-id/index.html``."""
        return output_file(self.source)


def normalize_source(address: str) -> str:
    """``/old/page`` or ``old/page/`` -> ``old/page/``; ``old.html`` stays a file.

    Raises ``ValueError`` for an address that is not a plain path inside the site.
    """
    text = address.strip()
    if not text or "://" in text or text.startswith("//") or any(ch in text for ch in "?#\\ \t\n"):
        raise ValueError(f"{address!r} is not a path inside the site (e.g. old-page/)")
    parts = [p for p in text.strip("/").split("/") if p]
    if not parts or any(p in (".", "..") for p in parts):
        raise ValueError(f"{address!r} is not a path inside the site (e.g. old-page/)")
    path = "/".join(parts)
    return path if path.endswith((".html", ".htm")) else path + "/"


def output_file(source: str) -> str:
    """The file a static host serves for the address ``source``."""
    return source + "index.html" if source.endswith("/") else source


def plan(redirect_map: Mapping[str, str], registry: Registry,
         origin: str = "mkdocs.yml") -> tuple[list[Redirect], list[str]]:
    """Every redirect the site needs, and the configuration errors found on the way."""
    errors: list[str] = []
    out: dict[str, Redirect] = {}

    def add(redirect: Redirect) -> None:
        if redirect.source in out:
            errors.append(f"{redirect.origin}: the old address {redirect.source} is also redirected by "
                          f"{out[redirect.source].origin}; keep one")
        else:
            out[redirect.source] = redirect

    for address, target in redirect_map.items():
        try:
            source = normalize_source(address)
        except ValueError as exc:
            errors.append(f"{origin}: redirects: {exc}")
            continue
        page = target.split("#", 1)[0]
        if not page.endswith(".md") or page.startswith("/") or ".." in page.split("/"):
            errors.append(f"{origin}: redirects: {address!r} must lead to a page of the site, given as its source "
                          f"file (e.g. services/index.md), not {target!r}")
            continue
        add(Redirect(source, target, f"{origin} redirects {address!r}"))
    for vendor in registry.vendors:
        for old in vendor.former_ids:
            add(Redirect(f"{SERVICES_DIR}/{old}/", vendor_page(vendor.id), f"{vendor.source} former_ids {old!r}"))
    return sorted(out.values(), key=lambda r: r.source), errors


def render(env: jinja2.Environment, *, href: str, title: str, site_name: str, lang: str,
           canonical: str | None, favicon: str | None = None) -> str:
    """The HTML of one redirect page."""
    return env.get_template("redirect.html.j2").render(
        href=href, title=title, site_name=site_name, lang=lang, canonical=canonical, favicon=favicon)
