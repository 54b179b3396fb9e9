"""Where the site is published: its ``site_url`` and the base path under the host.

The address comes from ``site_url`` in mkdocs.yml and can be overridden for one
build with the environment variable ``PRIVACY_REGISTRY_SITE_URL`` (which
``privacy-registry build --site-url`` sets), so a copy of the site can be built
for another host or a test server without editing the configuration.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SITE_URL_ENV = "PRIVACY_REGISTRY_SITE_URL"


class SiteUrlError(ValueError):
    """The site address is not an absolute http(s) address of a folder."""


def normalize_site_url(url: str) -> str:
    """Check ``url`` and return it ending in ``/`` (the site is a folder on its host)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise SiteUrlError(f"{url!r} is not an absolute http(s) address, e.g. https://library.example/privacy/")
    if parts.query or parts.fragment:
        raise SiteUrlError(f"{url!r} must not have a ?query or #fragment")
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def base_path(site_url: str | None) -> str:
    """The path the site is served under, e.g. ``/about-wls/patron-privacy/`` (``/`` when unknown)."""
    if not site_url:
        return "/"
    return urlsplit(normalize_site_url(site_url)).path
