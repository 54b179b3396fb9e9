"""Fetch vendors' policy pages for ``watch``, the way a browser would, and politely.

The standard library's urllib, as ``urlcheck`` uses for ``linkcheck --extern``:
one GET per address, redirects followed (only to other ``https://`` addresses),
a clear user agent and a timeout. Certificates are checked against the system's
trust store, or the file named by the standard ``SSL_CERT_FILE`` variable.

Politeness: a few hosts are fetched at a time, but never two requests to one
host at once, and requests to the same host are spaced by ``delay`` seconds.
(trafilatura's own downloader is not used: it retries without certificate
checks after a TLS error and refuses loopback addresses.)
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, Any

from generator import __version__
from generator.urlcheck import MAX_REDIRECTS, http_failure

USER_AGENT = (f"patron-privacy-registry-watch/{__version__} "
              "(a public library compares its vendors' privacy policies with its saved copy, once a week)")
MAX_BYTES = 5_000_000  # a privacy policy page is far smaller; more is not a policy page
PAGE_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Page:
    """What fetching one address gave: the page, or why there is none.

    ``outcome`` is ``ok``, ``blocked`` (the site turns robots away: 403, 429,
    999) or ``failed`` (404 and other errors, refused or reset connections,
    TLS errors, no answer in time, not a web page).
    """

    url: str
    outcome: str
    detail: str
    final_url: str = ""
    body: bytes = b""


class _HttpsRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects like a browser, but only to https: addresses."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme != "https":
            raise urllib.error.URLError(f"it redirects to {newurl}, which is not an https:// address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = 30.0) -> Page:
    """GET ``url`` once and return the page or what went wrong, in words staff can act on."""
    if urllib.parse.urlsplit(url).scheme != "https":
        return Page(url, "failed", "not an https:// address; watch fetches https:// addresses only")
    opener = urllib.request.build_opener(_HttpsRedirects())
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Language": "en"})
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            kind = response.headers.get_content_type()
            if kind not in PAGE_TYPES:
                return Page(url, "failed", f"is not a web page ({kind}); watch reads web pages only", final)
            body = response.read(MAX_BYTES + 1)
    except (OSError, http.client.HTTPException) as exc:  # urllib's HTTPError and URLError are OSErrors
        blocked, detail = http_failure(exc, "the site turns away automated visits; open it in a browser to "
                                            "compare it by hand")
        return Page(url, "blocked" if blocked else "failed", detail)
    if len(body) > MAX_BYTES:
        return Page(url, "failed", f"is larger than {MAX_BYTES // 1_000_000} MB; not a policy page", final)
    return Page(url, "ok", "read", final, body)


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def fetch_all(urls: Iterable[str], *, timeout: float = 30.0, delay: float = 2.0, hosts_at_once: int = 4
              ) -> dict[str, Page]:
    """Fetch each distinct address once: several hosts at a time, one request at a time per
    host, ``delay`` seconds apart on the same host."""
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        by_host.setdefault(_host(url), []).append(url)
    if not by_host:
        return {}

    def one_host(queue: list[str]) -> list[Page]:
        pages = []
        for i, url in enumerate(queue):
            if i and delay > 0:
                time.sleep(delay)
            pages.append(fetch(url, timeout))
        return pages

    with ThreadPoolExecutor(max_workers=min(hosts_at_once, len(by_host))) as pool:
        results = pool.map(one_host, by_host.values())
        return {page.url: page for pages in results for page in pages}
