"""A consortium's shared registry: member libraries, their pages, and a member library's own site."""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import feedparser
import jsonschema
import pytest

from tests.conftest import copy_project, read_only, run_cli
from tests.htmlscan import read_table

MEMBERS = """members:
  - id: northfield
    name: Northfield Public Library
  - id: southport
    name: Southport Free Library
    website: https://southport.example.org/
"""
LOCAL_VENDOR = """name: Town Tutoring
service: Homework help from volunteer tutors
website: https://tutoring.example.org/
privacy_policy: https://tutoring.example.org/privacy
data:
  always: [name, email]
  opt_in: []
sources:
  - kind: privacy_policy
    address: https://tutoring.example.org/privacy
    checked: 2026-03-02
last_reviewed: 2026-03-02
changes:
  - date: 2026-03-02
    summary: Added to Northfield's list of third-party services.
"""
SOUTHPORT_ONLY = ("hoopla", "kanopy")


def _offer_only(vendor_file: Path, members: str) -> None:
    text = vendor_file.read_text("utf-8")
    vendor_file.write_text(re.sub(r"^(name: .*)$", f"\\1\nmembers: [{members}]", text, count=1, flags=re.M),
                           "utf-8")


def _consortium(folder: Path) -> Path:
    """The WLS project with two member libraries; Hoopla and Kanopy offered at Southport only."""
    project = copy_project(folder / "wls")
    (project / "vendors/_members.yaml").write_text(MEMBERS, "utf-8")
    for vendor in SOUTHPORT_ONLY:
        _offer_only(project / f"vendors/{vendor}.yaml", "southport")
    return project


@pytest.fixture
def consortium(tmp_path: Path) -> Path:
    """The consortium project (``_consortium``), for a test to edit."""
    return _consortium(tmp_path)


def _member_site(tmp_path: Path, member: str = "northfield", ref: str | None = None,
                 consortium: Path | None = None) -> Path:
    """A site made with init for a member library, using ../wls/vendors as its consortium's registry."""
    if consortium is not None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        (tmp_path / "wls").symlink_to(consortium)
    site = tmp_path / member
    result = run_cli("init", str(site), "--name", "Northfield Public Library")
    assert result.returncode == 0, result.stderr
    (site / "vendors/_categories.yaml").unlink()  # the consortium's vocabulary is used
    config = site / "mkdocs.yml"
    option = f"      consortium:\n        registry: ../wls/vendors\n        member: {member}\n"
    option += f"        ref: {ref}\n" if ref else ""
    config.write_text(config.read_text("utf-8").replace("      vendors_dir: vendors\n",
                                                        "      vendors_dir: vendors\n" + option), "utf-8")
    (site / "vendors/town-tutoring.yaml").write_text(LOCAL_VENDOR, "utf-8")
    return site


def _chart_names(page: Path) -> set[str]:
    table = read_table(page.read_text("utf-8"), "ppr-table")
    return {row[0].split(" | ")[0] for row in table.rows[1:]}


def _build(root: Path, out: Path) -> Path:
    result = run_cli("build", "--root", str(root), "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def consortium_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The consortium project as ``_consortium`` sets it up, built once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("consortium")
    site = _build(_consortium(folder), folder / "site")
    with read_only(site):
        yield site



def test_check_reports_a_member_id_not_in_the_member_list(consortium: Path) -> None:
    _offer_only(consortium / "vendors/overdrive.yaml", "northfeld")
    result = run_cli("check", "--root", str(consortium))
    assert result.returncode == 1
    assert re.search(r"^vendors/overdrive\.yaml:\d+:\d+: members\[0\]: 'northfeld' is not a member library in "
                     r"vendors/_members\.yaml \(did you mean 'northfield'\?\)$", result.stdout, re.M), result.stdout


def test_check_reports_members_in_a_registry_without_a_member_list(project: Path) -> None:
    _offer_only(project / "vendors/overdrive.yaml", "northfield")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "vendors/overdrive.yaml" in result.stdout and "this registry lists no member libraries" in result.stdout


def test_one_page_per_member_library_lists_exactly_its_services(consortium_site: Path) -> None:
    site = consortium_site
    everything = _chart_names(site / "services/index.html")
    assert {"Hoopla", "Kanopy Streaming Video"} <= everything
    northfield = _chart_names(site / "members/northfield/index.html")
    southport = _chart_names(site / "members/southport/index.html")
    assert southport == everything
    assert northfield == everything - {"Hoopla", "Kanopy Streaming Video"}
    index = (site / "members/index.html").read_text("utf-8")
    assert 'href="northfield/"' in index and 'href="southport/"' in index
    assert f"{len(northfield)} services" in index
    assert 'href="../members/"' in (site / "services/index.html").read_text("utf-8"), "the chart links the index"
    assert "<script" not in index.split("<article", 1)[1].split("</article>", 1)[0]
    document = json.loads((site / "vendors.json").read_text("utf-8"))
    jsonschema.validate(document, json.loads((site / "vendors.schema.json").read_text("utf-8")))
    assert [m["id"] for m in document["members"]] == ["northfield", "southport"]
    offered = {v["id"]: v["offered_by"] for v in document["vendors"]}
    assert offered["hoopla"] == ["southport"] and offered["overdrive"] == ["northfield", "southport"]


def test_a_member_site_shows_its_services_and_its_own_in_chart_log_and_feed(consortium: Path, consortium_site: Path,
                                                                           tmp_path: Path) -> None:
    member = _member_site(tmp_path)  # reads ../wls/vendors: the consortium project, as consortium_site was built from
    result = run_cli("check", "--root", str(member))
    assert result.returncode == 0, result.stdout
    site = _build(member, tmp_path / "built")
    wls = _chart_names(consortium_site / "members/northfield/index.html")
    # The consortium's record of itself stays on the consortium's site, with its own policy page.
    assert _chart_names(site / "services/index.html") == wls - {"Westchester Library System"} | {"Town Tutoring"}
    assert not (site / "services/hoopla").exists() and not (site / "members").exists()
    changes = html.unescape((site / "changes/index.html").read_text("utf-8"))
    assert "Added to Northfield's list of third-party services." in changes
    assert "Hoopla" not in changes
    feed = feedparser.parse((site / "feed.xml").read_text("utf-8"))
    titles = [entry.title for entry in feed.entries]
    assert any("Town Tutoring" in title for title in titles), titles
    assert not any("Hoopla" in title for title in titles)
    assert any("OverDrive" in title for title in titles)


def test_a_member_site_names_an_unknown_member_id(consortium: Path, tmp_path: Path) -> None:
    member = _member_site(tmp_path, "northfeld")
    result = run_cli("check", "--root", str(member))
    assert result.returncode == 1
    assert re.search(r"^mkdocs\.yml:\d+:1: plugins\.privacy-registry\.consortium\.member: 'northfeld' is not a member "
                     r"library in \.\./wls/vendors/_members\.yaml \(did you mean 'northfield'\?\)$",
                     result.stdout, re.M), result.stdout


def test_a_member_site_with_an_error_still_shows_its_own_records_warnings(consortium: Path, tmp_path: Path) -> None:
    member = _member_site(tmp_path, "northfeld")  # an error in mkdocs.yml
    (member / "vendors/town-tutoring.yaml").write_text(LOCAL_VENDOR.replace("last_reviewed: 2026-03-02\n", ""),
                                                       "utf-8")
    result = run_cli("check", "--root", str(member))
    assert result.returncode == 1
    assert "'northfeld' is not a member library" in result.stdout
    assert re.search(r"^vendors/town-tutoring\.yaml:\d+:\d+: last_reviewed: warning: library staff have never "
                     r"reviewed this record", result.stdout, re.M), result.stdout


def test_a_member_site_can_read_the_consortium_registry_at_a_git_ref(consortium: Path, tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(consortium), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=Staff", "-c", "user.email=staff@example.org", "commit", "-q", "-m", "registry")
    git("tag", "v1")
    _offer_only(consortium / "vendors/overdrive.yaml", "southport")  # not committed: after v1
    pinned = _build(_member_site(tmp_path / "pinned", ref="v1", consortium=consortium), tmp_path / "pinned-site")
    assert "OverDrive" in _chart_names(pinned / "services/index.html")
    current = _member_site(tmp_path / "current", consortium=consortium)
    assert "OverDrive" not in _chart_names(_build(current, tmp_path / "current-site") / "services/index.html")
