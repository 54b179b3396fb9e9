"""``privacy-registry watch`` against a real HTTPS server on 127.0.0.1 serving vendor policy pages.

The server and its throwaway certificate are the ones ``linkcheck --extern`` is
tested with (``tests/https_server.py``); the command trusts the certificate
through ``SSL_CERT_FILE``, as it would a company's own certificate authority.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator.commands import watch
from generator.project import Project
from generator.registry import load_registry
from tests.https_server import VendorSites, serve_https
from tests.policy_pages import CHALLENGE, SCRIPT_ONLY, SECTIONS, policy_page

OLD_SENTENCE = "We keep your borrowing history for 90 days after a loan ends."
NEW_SENTENCE = "We keep your borrowing history for two years after a loan ends, to recommend titles."


class PolicySites(VendorSites):
    """Serves ``pages`` (path -> HTML); ``aliases`` send a path to one of VendorSites' failures."""

    pages: dict[str, bytes]
    aliases: dict[str, str]
    seen: list[tuple[str, str]]
    in_flight: list[int]  # [now, most at once]
    lock: threading.Lock

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        with self.lock:
            self.in_flight[0] += 1
            self.in_flight[1] = max(self.in_flight)
            self.seen.append((self.path, self.headers.get("User-Agent", "")))
        try:
            if self.path in self.aliases:
                self.path = self.aliases[self.path]
            if self.path.startswith("/redirect-to/"):
                self.send_response(301)
                self.send_header("Location", self.path.removeprefix("/redirect-to/"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            elif self.path in self.pages:
                return self._answer(200, self.pages[self.path])
            return super().do_GET()
        finally:
            with self.lock:
                self.in_flight[0] -= 1


@dataclass
class Site:
    """The test server and the project whose vendors point at it."""

    project: Path
    port: int
    cert: Path
    names: dict[str, str]
    pages: dict[str, bytes] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)
    in_flight: list[int] = field(default_factory=lambda: [0, 0])

    def url(self, vendor_id: str) -> str:
        return f"https://127.0.0.1:{self.port}/policy/{vendor_id}"

    def serve(self, vendor_id: str, body: bytes) -> None:
        self.pages[f"/policy/{vendor_id}"] = body

    def fail(self, vendor_id: str, route: str) -> None:
        self.aliases[f"/policy/{vendor_id}"] = route

    def watch(self, fmt: str = "json", *vendors: str) -> subprocess.CompletedProcess[str]:
        """Run the command in this process (the server's certificate is trusted via SSL_CERT_FILE)."""
        out = io.StringIO()
        code = watch.run(Project(self.project), fmt, out, only=list(vendors) or None, timeout=2, delay=0)
        return subprocess.CompletedProcess(["watch"], code, out.getvalue(), "")

    def watch_cli(self, fmt: str = "json", *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``privacy-registry watch`` as staff would, in a real subprocess."""
        env = dict(os.environ, SSL_CERT_FILE=str(self.cert), NO_MKDOCS_2_WARNING="1")
        return subprocess.run([sys.executable, "-m", "generator", "--root", str(self.project), "watch",
                               "--format", fmt, "--delay", "0", "--timeout", "2", *args],
                              env=env, capture_output=True, text=True, timeout=120, check=False)

    def snapshot(self, vendor_id: str) -> str:
        return (self.project / "snapshots" / f"{vendor_id}.md").read_text(encoding="utf-8")


@pytest.fixture
def site(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """Every vendor's privacy_policy pointed at its own page on the test server."""
    loaded = load_registry(project / "vendors", project)
    assert loaded.registry is not None
    names = {v.id: v.name for v in loaded.registry.active if v.privacy_policy}  # the library's own record has none
    state: dict[str, Any] = {"pages": {}, "aliases": {}, "seen": [], "in_flight": [0, 0]}
    with serve_https(tmp_path, PolicySites, lock=threading.Lock(), **state) as (port, cert):
        s = Site(project, port, cert, names, **state)
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        for vendor_id, name in names.items():
            path = project / "vendors" / f"{vendor_id}.yaml"
            text = re.sub(r"(?m)^privacy_policy: .*$", f"privacy_policy: {s.url(vendor_id)}",
                          path.read_text(encoding="utf-8"))
            path.write_text(text, encoding="utf-8")
            s.serve(vendor_id, policy_page(name))
        yield s


def _by_id(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    report = json.loads(result.stdout)
    return {v["id"]: v for v in report["vendors"]}


def _text_of(snapshot: str) -> str:
    """A snapshot without its header: the saved text only."""
    return snapshot.split("\n---\n", 1)[1]


def test_first_run_saves_every_vendor_then_a_second_finds_no_change(site: Site) -> None:
    first = site.watch()
    assert first.returncode == 0, first.stdout + first.stderr
    vendors = _by_id(first)
    assert set(vendors) == set(site.names)
    assert {v["status"] for v in vendors.values()} == {"new"}
    for vendor_id in site.names:
        saved = site.snapshot(vendor_id)
        assert f"url: {site.url(vendor_id)}" in saved
        assert re.search(r"(?m)^  fetched: '\d{4}-\d\d-\d\d'$", saved)
        assert re.search(r"(?m)^  sha256: [0-9a-f]{64}$", saved)
        assert "## How long we keep your information" in saved and OLD_SENTENCE in saved
        for noise in ("cookies", "Accept", "Titles", "generated on", "Copyright"):
            assert noise not in _text_of(saved), noise
    # Polite: one request at a time to a host, each page once, with a user agent that says who asks.
    assert site.in_flight[1] == 1
    assert len(site.seen) == len(site.names)
    assert all(agent.startswith("patron-privacy-registry-watch/") for _, agent in site.seen)

    before = {vendor_id: site.snapshot(vendor_id) for vendor_id in site.names}
    second = site.watch_cli("text")
    assert second.returncode == 0, second.stdout
    assert f"{len(site.names)} vendor(s) compared: 0 changed, {len(site.names)} unchanged" in second.stdout
    assert "CHANGED" not in second.stdout
    assert {vendor_id: site.snapshot(vendor_id) for vendor_id in site.names} == before


def test_footer_date_whitespace_navigation_and_cookie_banner_are_not_changes(site: Site) -> None:
    assert site.watch().returncode == 0
    before = {vendor_id: _text_of(site.snapshot(vendor_id)) for vendor_id in site.names}
    for vendor_id, name in site.names.items():
        site.serve(vendor_id, policy_page(name, footer_date="2027-02-14", wrap=True,
                                          nav=("Home", "New this month", "Kids", "Help", "Sign in"),
                                          banner="We and our partners use cookies. Manage your choices here."))
    result = site.watch()
    assert result.returncode == 0, result.stdout
    assert {v["status"] for v in _by_id(result).values()} == {"unchanged"}
    assert {vendor_id: _text_of(site.snapshot(vendor_id)) for vendor_id in site.names} == before


def test_a_changed_paragraph_is_reported_with_its_section_and_sentences(site: Site) -> None:
    assert site.watch().returncode == 0
    sections = {heading: list(paragraphs) for heading, paragraphs in SECTIONS.items()}
    paragraph = sections["How long we keep your information"][0]
    sections["How long we keep your information"][0] = paragraph.replace(OLD_SENTENCE, NEW_SENTENCE)
    site.serve("kanopy", policy_page(site.names["kanopy"], sections=sections))

    result = site.watch()
    assert result.returncode == 1, result.stdout + result.stderr
    vendors = _by_id(result)
    assert json.loads(result.stdout)["changed"] is True
    assert [v for v, found in vendors.items() if found["status"] != "unchanged"] == ["kanopy"]
    kanopy = vendors["kanopy"]
    assert kanopy["file"] == "vendors/kanopy.yaml"
    (source,) = kanopy["sources"]
    assert source["status"] == "changed"
    assert source["sections"] == [{
        "heading": f"{site.names['kanopy']} privacy policy > How long we keep your information",
        "status": "changed", "removed": [OLD_SENTENCE], "added": [NEW_SENTENCE]}]
    review = {f["field"]: f for f in kanopy["review"]}
    assert {"data", "retention", "changes"} <= set(review)
    lines = (site.project / "vendors" / "kanopy.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[review["data"]["line"] - 1].startswith("data:")
    closing = "sources" if "sources" in review else "last_reviewed"  # where the review date is written
    assert lines[review[closing]["line"] - 1].startswith(f"{closing}:")
    # The new text is saved, with the day the change was found.
    saved = site.snapshot("kanopy")
    assert NEW_SENTENCE in saved and OLD_SENTENCE not in saved
    assert re.search(r"(?m)^  changed: '\d{4}-\d\d-\d\d'$", saved)
    # Saved, it is the copy the next run compares with.
    again = site.watch()
    assert again.returncode == 0 and _by_id(again)["kanopy"]["status"] == "unchanged"


def test_the_report_for_people_and_the_pull_request_body_name_the_vendor_file(site: Site) -> None:
    assert site.watch().returncode == 0
    sections = {heading: list(paragraphs) for heading, paragraphs in SECTIONS.items()}
    sections["How long we keep your information"][0] = NEW_SENTENCE
    site.serve("kanopy", policy_page(site.names["kanopy"], sections=sections))
    snapshots = site.project / "snapshots"
    saved = (snapshots / "kanopy.md").read_text(encoding="utf-8")

    text = site.watch("text")
    assert text.returncode == 1
    assert f"vendors/kanopy.yaml: {site.names['kanopy']}'s policy CHANGED" in text.stdout
    heading = "Kanopy Streaming Video privacy policy > How long we keep your information"
    assert f"section '{heading}' (changed)" in text.stdout
    assert f"    - {OLD_SENTENCE}" in text.stdout and f"    + {NEW_SENTENCE}" in text.stdout
    assert re.search(r"(?m)^    vendors/kanopy\.yaml:\d+: retention: ", text.stdout) is None  # not in the file yet
    assert re.search(r"(?m)^    vendors/kanopy\.yaml: retention: how long it keeps data \(not in the file yet\)$",
                     text.stdout), text.stdout
    assert re.search(r"(?m)^    vendors/kanopy\.yaml:\d+: data: ", text.stdout)

    (snapshots / "kanopy.md").write_text(saved, encoding="utf-8")  # as the weekly run would see it
    body = site.watch("markdown")
    assert body.returncode == 1
    assert "### Kanopy Streaming Video: review `vendors/kanopy.yaml`" in body.stdout
    assert f"**Section: {heading.replace('>', '&gt;')}** (changed)" in body.stdout
    assert f"- Removed: {OLD_SENTENCE}" in body.stdout
    assert f"- Added: {NEW_SENTENCE}" in body.stdout
    assert "Fields of `vendors/kanopy.yaml` to review:" in body.stdout
    assert re.search(r"- `data` \(line \d+\): what it keeps", body.stdout)


FAILURES = {  # vendor -> (route on the test server, what the report must say)
    "kanopy": ("/gone", "answered 404"),
    "overdrive": ("/cdn", "answered 403 Forbidden: the site turns away automated visits"),
    "linkedin-learning": ("/linkedin", "answered 999"),
    "x-plain": ("/reset", "the connection"),
    "tutor-com": ("/slow", "did not answer in time"),
    "hoopla": ("/busy", "answered 429"),
}


def test_pages_that_cannot_be_fetched_are_reported_and_the_old_copies_kept(site: Site) -> None:
    assert site.watch().returncode == 0
    before = {vendor_id: site.snapshot(vendor_id) for vendor_id in site.names}
    for vendor_id, (route, _) in FAILURES.items():
        site.fail(vendor_id, route)
    result = site.watch()
    assert result.returncode == 0, result.stdout  # nothing changed; what failed is reported
    vendors = _by_id(result)
    for vendor_id, (_, detail) in FAILURES.items():
        (source,) = vendors[vendor_id]["sources"]
        expected = "blocked" if route_blocks(FAILURES[vendor_id][0]) else "failed"
        assert (source["status"], vendor_id) == (expected, vendor_id)
        assert detail in source["detail"], source
        assert vendors[vendor_id]["status"] == "problem"
    assert {vendor_id: site.snapshot(vendor_id) for vendor_id in site.names} == before
    text = site.watch("text")
    assert re.search(r"vendors/kanopy\.yaml: https://127\.0\.0\.1:\d+/policy/kanopy: could not be fetched: "
                     r"answered 404 Not Found; the saved copy in snapshots/kanopy\.md is kept", text.stdout)
    assert "could not be compared (old copies kept)" in text.stdout


def route_blocks(route: str) -> bool:
    """The routes of sites that turn robots away (not broken, but not read either)."""
    return route in ("/cdn", "/linkedin", "/busy")


def test_refused_connections_and_bad_certificates_are_reported(site: Site) -> None:
    path = site.project / "vendors" / "kanopy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(site.url("kanopy"), "https://127.0.0.1:9/policy"),
                    encoding="utf-8")  # the discard port: nothing listens there
    path = site.project / "vendors" / "hoopla.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("https://127.0.0.1:", "https://localhost:"),
                    encoding="utf-8")  # the certificate names 127.0.0.1 only
    vendors = _by_id(site.watch("json", "kanopy", "hoopla"))
    assert set(vendors) == {"kanopy", "hoopla"}
    assert "the connection was refused" in vendors["kanopy"]["sources"][0]["detail"]
    assert "its certificate is not valid" in vendors["hoopla"]["sources"][0]["detail"]
    assert not (site.project / "snapshots" / "kanopy.md").exists()


def test_a_page_with_no_readable_text_is_could_not_read_and_never_saved(site: Site) -> None:
    site.serve("kanopy", SCRIPT_ONLY)
    site.serve("hoopla", CHALLENGE)
    vendors = _by_id(site.watch())
    for vendor_id in ("kanopy", "hoopla"):
        (source,) = vendors[vendor_id]["sources"]
        assert source["status"] == "unreadable"
        assert source["detail"].startswith("could not read: ")
        assert not (site.project / "snapshots" / f"{vendor_id}.md").exists()
    assert "suspiciously short" in vendors["hoopla"]["sources"][0]["detail"]
    # With a copy saved, a page that turns into a robot check keeps the copy.
    site.serve("kanopy", policy_page(site.names["kanopy"]))
    assert site.watch().returncode == 0
    saved = site.snapshot("kanopy")
    site.serve("kanopy", CHALLENGE)
    result = site.watch("text")
    assert result.returncode == 0
    assert "policy/kanopy: could not read: the page's readable text is suspiciously short" in result.stdout
    assert site.snapshot("kanopy") == saved


def test_redirects_are_followed_but_only_to_https(site: Site) -> None:
    site.fail("kanopy", "/temporary")  # 302 to /ok
    site.pages["/ok"] = policy_page("Moved")
    site.fail("hoopla", f"/redirect-to/http://127.0.0.1:{site.port}/ok")
    result = _by_id(site.watch("json", "kanopy", "hoopla"))
    assert result["kanopy"]["sources"][0]["status"] == "new"
    assert result["kanopy"]["sources"][0]["final_url"] == f"https://127.0.0.1:{site.port}/ok"
    assert result["hoopla"]["sources"][0]["status"] == "failed"
    assert "which is not an https:// address" in result["hoopla"]["sources"][0]["detail"]


def test_an_unknown_vendor_id_is_a_usage_error(site: Site) -> None:
    result = site.watch_cli("text", "--vendor", "no-such-vendor")
    assert result.returncode == 2
    assert "no active vendor with the id no-such-vendor" in result.stdout


def test_addresses_in_a_vendors_sources_are_watched_too(site: Site) -> None:
    extra = f"https://127.0.0.1:{site.port}/policy/kanopy-agreement"
    path = site.project / "vendors" / "kanopy.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nsources:\n" in text
    path.write_text(text.replace("\nsources:\n", f"\nsources:\n  - kind: contract\n    address: {extra}\n"
                                                  "    checked: 2022-01-03\n", 1), encoding="utf-8")
    site.serve("kanopy-agreement", policy_page("Kanopy data agreement"))
    first = _by_id(site.watch())["kanopy"]
    assert [(s["url"], s["status"]) for s in first["sources"]] == [(site.url("kanopy"), "new"), (extra, "new")]
    assert f"<!-- source: {extra} -->" in site.snapshot("kanopy")

    sections = {heading: list(paragraphs) for heading, paragraphs in SECTIONS.items()}
    sections["Your choices"].append("You may also ask us for a copy of everything we hold about you.")
    site.serve("kanopy-agreement", policy_page("Kanopy data agreement", sections=sections))
    result = site.watch()
    assert result.returncode == 1
    kanopy = _by_id(result)["kanopy"]
    assert [(s["url"], s["status"]) for s in kanopy["sources"]] == [(site.url("kanopy"), "unchanged"),
                                                                   (extra, "changed")]
    (change,) = kanopy["sources"][1]["sections"]
    assert change["heading"] == "Kanopy data agreement privacy policy > Your choices"
    assert change["added"] == ["You may also ask us for a copy of everything we hold about you."]

    saved = site.snapshot("kanopy")
    site.fail("kanopy-agreement", "/gone")
    kanopy = _by_id(site.watch())["kanopy"]
    assert [s["status"] for s in kanopy["sources"]] == ["unchanged", "failed"]
    assert site.snapshot("kanopy") == saved  # the agreement's old copy is kept beside the policy's
