"""A project whose folders are not the usual ones: every command reads the folders mkdocs.yml names.

The registry lives in ``registry/`` (``vendors_dir``) and the policy pages in ``pages/``
(``docs_dir``); no ``vendors/`` or ``policies/`` folder exists, so a command that read
them anyway would find nothing, or fail.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from generator.commands import linkcheck
from generator.project import Project
from tests.conftest import copy_project, git, run_cli

TODAY = dt.date.today().isoformat()


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with its registry in registry/ and its pages in pages/, committed to git."""
    root = copy_project(tmp_path_factory.mktemp("moved") / "project")
    (root / "vendors").rename(root / "registry")
    (root / "policies").rename(root / "pages")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "docs_dir: policies\n" in text and "vendors_dir: vendors\n" in text
    config.write_text(text.replace("docs_dir: policies\n", "docs_dir: pages\n")
                      .replace("vendors_dir: vendors\n", "vendors_dir: registry\n"), "utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "registry")
    return root


def test_check(moved: Path) -> None:
    result = run_cli("--root", str(moved), "check", "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["files_checked"] >= 20  # the vendor files and the policy pages were found
    assert {w["file"].split("/")[0] for w in report["warnings"] if w["field"] == "last_reviewed"} == {"registry"}


@pytest.fixture(scope="module")
def moved_build(moved: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The moved project built once (before any test edits it): the build's run and its site."""
    site = tmp_path_factory.mktemp("moved-site") / "site"
    return run_cli("--root", str(moved), "build", "--site-dir", str(site)), site


def test_build(moved_build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, site = moved_build
    assert result.returncode == 0, result.stdout
    assert (site / "services" / "overdrive" / "index.html").is_file()
    assert (site / "policy-11-privacy" / "index.html").is_file()


def test_site_linkcheck(moved: Path, moved_build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    built, site = moved_build
    assert built.returncode == 0
    result = run_cli("--root", str(moved), "linkcheck", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr


def test_diff_in_a_git_repository(moved: Path) -> None:
    vendor = moved / "registry" / "tumblebooks.yaml"
    text = vendor.read_text("utf-8")
    try:
        vendor.write_text(text.replace("opt_in: [name, email]", "opt_in: [name, email, phone]", 1), "utf-8")
        result = run_cli("diff", "--base", "HEAD", cwd=moved)
        assert result.returncode == 1, result.stdout
        assert "registry/tumblebooks.yaml: Tumblebooks: changed" in result.stdout
        assert "now keeps phone number" in result.stdout
    finally:
        vendor.write_text(text, "utf-8")


def test_new(moved: Path) -> None:
    result = run_cli("--root", str(moved), "new", "Story Time Online")
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        assert (moved / "registry" / "story-time-online.yaml").is_file()
        assert not (moved / "vendors").exists()
    finally:
        (moved / "registry" / "story-time-online.yaml").unlink(missing_ok=True)


def test_export(moved: Path, tmp_path: Path) -> None:
    result = run_cli("--root", str(moved), "export", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout
    docs = tmp_path / "out" / "docs"
    assert (docs / "policy-11-privacy.md").is_file() and (docs / "services" / "overdrive.md").is_file()


def test_publish_config(moved: Path, tmp_path: Path) -> None:
    result = run_cli("--root", str(moved), "publish-config", "--out", str(tmp_path / "publish"))
    assert result.returncode == 0, result.stdout
    assert "/about-wls/patronprivacy/" in (tmp_path / "publish" / "_redirects").read_text("utf-8")


def test_linkcheck_extern_reads_the_configured_registry(moved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The vendors' addresses come from registry/ (the network is left out: every address answers 'gone')."""
    asked: list[str] = []

    def gone(urls: object, timeout: float) -> dict[str, object]:
        class Outcome:
            verdict, detail = "broken", "410 Gone"
        found = {str(u): Outcome() for u in urls}  # type: ignore[attr-defined]
        asked.extend(found)
        return found  # type: ignore[return-value]

    monkeypatch.setattr(linkcheck, "check_urls", gone)
    findings, problems, checked = linkcheck.check_vendors(Project(moved), timeout=1)
    assert problems == [] and checked == len(asked) > 10
    assert {f.file.split("/")[0] for f in findings} == {"registry"}


def test_the_build_date_comes_from_the_configured_folders(moved: Path) -> None:
    from generator.commands.build import source_date_epoch

    epoch = source_date_epoch(Project(moved))
    assert epoch is not None
    assert dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() <= dt.date.today()


def test_a_registry_moved_on_the_branch_is_never_compared_quietly(repo: Path) -> None:
    """Moving vendors/ to registry/ in the same pull request that deletes a vendor and removes a
    category: read from registry/ on both sides, the deletion would be invisible."""
    git(repo, "mv", "vendors", "registry")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("vendors_dir: vendors\n", "vendors_dir: registry\n"), "utf-8")
    git(repo, "rm", "-q", "-f", "registry/kanopy.yaml")
    result = run_cli("diff", "--base", "HEAD", cwd=repo)
    assert result.returncode == 1, result.stdout
    assert "registry/ did not exist at HEAD, where the site already had its registry elsewhere" in result.stdout
    assert "move the folder (and change mkdocs.yml) in a pull request of its own" in result.stdout
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "move the registry")
    assert run_cli("diff", "--base", "HEAD", cwd=repo).returncode == 0, "the next pull request compares again"
