"""Check that a vendor's web addresses still answer, the way a patron's browser would.

A small urllib checker rather than linkchecker: each address is fetched once
with GET (many sites refuse HEAD), redirects are followed and remembered, and
the answer is sorted into what staff must act on. linkchecker would also obey
each vendor's robots.txt (which often bars every robot, so most addresses would
come back "not checked"), download and parse whole pages, and give one line of
text per URL that would have to be parsed back to tell a robot block from a
dead page.

Verdicts:

* ``ok`` - the address (after any redirects) answered 2xx.
* ``moved`` - it works, but redirects permanently (301/308): update the file.
* ``unverified`` - the site refused an automated check (403, 429, LinkedIn's
  999): a person must open it in a browser. Not a failure.
* ``broken`` - a patron following the link would not reach the page: 4xx/5xx,
  no such host, a bad certificate, a refused or reset connection, no answer in
  time, or a redirect loop.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, Any

from generator import __version__

USER_AGENT = f"patron-privacy-registry-linkcheck/{__version__} (checks the links on a library privacy notice)"
ROBOT_BLOCK_STATUSES = {403: "Forbidden", 429: "Too Many Requests", 999: "request denied"}
PERMANENT_REDIRECTS = {301, 308}
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Outcome:
    """What checking one address found."""

    url: str
    verdict: str  # ok | moved | unverified | broken
    detail: str
    final_url: str = ""


class _RecordingRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects like a browser and remembers whether any was permanent."""

    max_redirections = MAX_REDIRECTS

    def __init__(self) -> None:
        super().__init__()
        self.permanent = False

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if code in PERMANENT_REDIRECTS and not self.permanent:
            self.permanent = True
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "did not answer in time"
    if isinstance(exc, http.client.RemoteDisconnected):  # a kind of ConnectionResetError
        return "the server closed the connection without answering"
    if isinstance(exc, ConnectionResetError):
        return "the connection was reset"
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(exc, socket.gaierror):
        return "the host name was not found"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"its certificate is not valid ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"the secure connection failed ({exc.reason or exc})"
    return f"{type(exc).__name__}: {exc}"


def http_failure(exc: OSError | http.client.HTTPException, blocked_advice: str) -> tuple[bool, str]:
    """Why fetching an address failed, in words staff can act on, and whether the site only turned
    a robot away (403, 429, 999). ``exc`` is what urllib raised; ``blocked_advice`` ends the words
    for a robot block. Shared by ``linkcheck --extern`` and ``watch``."""
    if isinstance(exc, urllib.error.HTTPError):
        exc.close()
        if exc.code in ROBOT_BLOCK_STATUSES:
            return True, f"answered {exc.code} {ROBOT_BLOCK_STATUSES[exc.code]}: {blocked_advice}"
        if exc.code in (301, 302, 303, 307, 308):
            return False, f"redirects more than {MAX_REDIRECTS} times (a redirect loop?)"
        return False, f"answered {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason if isinstance(exc.reason, BaseException) else None
        return False, _reason(reason) if reason else str(exc.reason)
    return False, _reason(exc)


def check_url(url: str, timeout: float = 15.0) -> Outcome:
    """Fetch ``url`` once (GET, redirects followed) and say what a patron would get."""
    redirects = _RecordingRedirects()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(1024)
            final = response.geturl()
            status = response.status
    except (OSError, http.client.HTTPException) as exc:  # urllib's HTTPError and URLError are OSErrors
        blocked, detail = http_failure(exc, "the site turns away automated checks; open it in a browser")
        return Outcome(url, "unverified" if blocked else "broken", detail)
    if redirects.permanent and final != url:
        return Outcome(url, "moved", f"works, but has moved permanently to {final}; update the address", final)
    return Outcome(url, "ok", f"answered {status}", final)


def check_urls(urls: Iterable[str], timeout: float = 15.0, workers: int = 8) -> dict[str, Outcome]:
    """Check each distinct address once, several at a time."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    with ThreadPoolExecutor(max_workers=min(workers, len(unique))) as pool:
        outcomes = pool.map(lambda u: check_url(u, timeout), unique)
        return {o.url: o for o in outcomes}
