"""``privacy-registry linkcheck``: the built site's own links, and the vendors' addresses.

The vendor addresses are checked against a real HTTPS server on 127.0.0.1 with
a certificate made for the test (``tests/https_server.py``); the command trusts
it through OpenSSL's standard ``SSL_CERT_FILE`` variable, so the product has no
test-only switch.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.https_server import VendorSites, serve_https

# vendor id -> (path its privacy_policy points at, verdict the check must give)
POLICY_ROUTES = {
    "hoopla": ("/moved", "moved"),
    "kanopy": ("/gone", "broken"),
    "freading": ("/removed", "broken"),
    "linkedin-learning": ("/linkedin", "unverified"),
    "overdrive": ("/cdn", "unverified"),
    "university-of-fashion": ("/busy", "unverified"),
    "tutor-com": ("/slow", "broken"),
    "x-plain": ("/reset", "broken"),
}
DETAILS = {
    "/moved": "moved permanently to https://127.0.0.1:{port}/ok",
    "/gone": "answered 404",
    "/removed": "answered 410",
    "/linkedin": "answered 999",
    "/cdn": "answered 403",
    "/busy": "answered 429",
    "/slow": "did not answer in time",
    # Under TLS, Python's ssl reads a reset as the end of the stream: "the server closed the connection".
    "/reset": "the connection",
}


@pytest.fixture
def vendor_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 with a throwaway certificate; yields its port and the certificate."""
    with serve_https(tmp_path, VendorSites) as (port, cert):
        yield port, cert


def _point_vendors_at(project: Path, port: int, routes: dict[str, tuple[str, str]] = POLICY_ROUTES) -> dict[str, int]:
    """Rewrite every vendor's addresses to the test server; return each privacy_policy's line."""
    lines = {}
    for path in sorted((project / "vendors").glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        policy_path = routes.get(path.stem, ("/ok", "ok"))[0]
        website = "/temporary" if path.stem == "novel-databases" else "/ok"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^website: .*$", f"website: https://127.0.0.1:{port}{website}", text)
        text = re.sub(r"(?m)^privacy_policy: .*$", f"privacy_policy: https://127.0.0.1:{port}{policy_path}", text)
        path.write_text(text, encoding="utf-8")
        if "\nlibrary_itself:" not in text:  # the library's own record links its page on this site instead
            lines[path.stem] = text.splitlines().index(f"privacy_policy: https://127.0.0.1:{port}{policy_path}") + 1
    return lines


def _linkcheck_extern(project: Path, cert: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SSL_CERT_FILE=str(cert), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "linkcheck", "--extern",
                           "--timeout", "2", "--format", fmt], env=env, capture_output=True, text=True, timeout=120,
                          check=False)


def test_extern_maps_each_failure_to_its_vendor_file_and_line(project: Path,
                                                              vendor_server: tuple[int, Path]) -> None:
    port, cert = vendor_server
    lines = _point_vendors_at(project, port)
    result = _linkcheck_extern(project, cert, "json")
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False
    found = {(f["file"], f["field"]): f for f in report["findings"]}
    expected = {(f"vendors/{vid}.yaml", "privacy_policy"): verdict for vid, (_, verdict) in POLICY_ROUTES.items()}
    assert {key: f["verdict"] for key, f in found.items()} == expected, report["findings"]
    for vid, (route, _) in POLICY_ROUTES.items():
        finding = found[(f"vendors/{vid}.yaml", "privacy_policy")]
        assert finding["line"] == lines[vid]
        assert finding["col"] == len("privacy_policy: ") + 1
        assert finding["url"] == f"https://127.0.0.1:{port}{route}"
        assert DETAILS[route].format(port=port) in finding["detail"], finding


def test_extern_reports_for_people_and_for_pull_requests(project: Path, vendor_server: tuple[int, Path]) -> None:
    port, cert = vendor_server
    lines = _point_vendors_at(project, port)
    text = _linkcheck_extern(project, cert, "text")
    assert text.returncode == 1
    assert (f"vendors/kanopy.yaml:{lines['kanopy']}:17: privacy_policy: https://127.0.0.1:{port}/gone is broken: "
            "answered 404 Not Found") in text.stdout
    assert f"vendors/linkedin-learning.yaml:{lines['linkedin-learning']}:17: privacy_policy:" in text.stdout
    assert "could not be verified: answered 999" in text.stdout
    assert "4 broken, 3 could not be verified" in text.stdout
    github = _linkcheck_extern(project, cert, "github")
    assert f"::error file=vendors/freading.yaml,line={lines['freading']},col=17,title=Link check::" in github.stdout
    assert f"::warning file=vendors/overdrive.yaml,line={lines['overdrive']},col=17," in github.stdout
    assert f"::notice file=vendors/hoopla.yaml,line={lines['hoopla']},col=17," in github.stdout


def test_extern_passes_when_only_robots_are_turned_away(project: Path, vendor_server: tuple[int, Path]) -> None:
    port, cert = vendor_server
    routes = {vid: route for vid, route in POLICY_ROUTES.items() if route[1] != "broken"}
    _point_vendors_at(project, port, routes)
    result = _linkcheck_extern(project, cert, "text")
    assert result.returncode == 0, result.stdout
    assert "0 broken, 3 could not be verified" in result.stdout


def test_internal_links_and_anchors_of_the_built_site_all_work(engine_site: Path) -> None:
    result = run_cli("linkcheck", "--site-dir", str(engine_site), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert [f for f in report["findings"] if f["verdict"] == "broken"] == []
    assert report["checked"] > 100


def test_internal_check_finds_a_broken_link_and_a_missing_anchor(built_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(built_site, tmp_path / "site")
    chart = site / "services" / "index.html"
    html = chart.read_text(encoding="utf-8")
    assert 'href="hoopla/"' in html and 'href="../glossary/"' in html
    html = html.replace('href="hoopla/"', 'href="no-such-service/"', 1)
    html = html.replace('href="../glossary/"', 'href="../glossary/#no-such-term"', 1)
    chart.write_text(html, encoding="utf-8")
    not_found = site / "404.html"  # linked from nowhere, and its links are absolute: checked all the same
    page = not_found.read_text(encoding="utf-8")
    home = re.search(r'href="(/[^"]*/)\."', page)
    assert home, "404.html should link home by an absolute address"
    not_found.write_text(page.replace(f'href="{home.group(1)}glossary/"', f'href="{home.group(1)}no-such-page/"', 1),
                         encoding="utf-8")
    result = run_cli("linkcheck", "--site-dir", str(site))
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"services/index\.html:\d+:\d+: no-such-service/ is broken: 404", result.stdout), result.stdout
    assert re.search(r"services/index\.html:\d+:\d+: \.\./glossary/#no-such-term is broken: "
                     r"the page has no anchor #no-such-term", result.stdout), result.stdout
    assert re.search(r"404\.html:\d+:\d+: /\S*no-such-page/ is broken: 404", result.stdout), result.stdout
    assert "3 broken" in result.stdout


def test_a_site_built_for_another_address_is_checked_under_that_address(tmp_path: Path) -> None:
    site = tmp_path / "site"
    url = "https://library.example/privacy/"
    assert run_cli("build", "--site-dir", str(site), "--site-url", url).returncode == 0
    result = run_cli("linkcheck", "--site-dir", str(site), "--site-url", url)
    assert result.returncode == 0, result.stdout
    assert " 0 broken" in result.stdout
    # Checked under the path in mkdocs.yml instead, the 404 page's absolute links leave the
    # site's path: they are followed and reported, not skipped as external.
    result = run_cli("linkcheck", "--site-dir", str(site))
    assert result.returncode == 1
    assert "site/404.html:" in result.stdout and "outside the site's base path" in result.stdout


def test_extern_markdown_report_for_the_weekly_issue(project: Path, vendor_server: tuple[int, Path]) -> None:
    """The body of the weekly "broken vendor addresses" issue: one row per address to look at."""
    port, cert = vendor_server
    lines = _point_vendors_at(project, port)
    result = _linkcheck_extern(project, cert, "markdown")
    assert result.returncode == 1, result.stdout
    out = result.stdout
    assert out.startswith("## Vendor addresses: ")
    assert "4 broken, 3 could not be verified" in out.splitlines()[0]
    assert f"| `vendors/kanopy.yaml:{lines['kanopy']}` privacy\\_policy | https://127.0.0.1:{port}/gone | broken: " \
           "answered 404" in out
    rows = [line for line in out.splitlines() if line.startswith("| `vendors/")]
    assert len(rows) == 8 and all("broken" in row for row in rows[:4])
