"""Every command finds the project from any folder inside it, and takes ``--root``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli
from tests.test_diff import add_entry, edit, git


def _report(result: subprocess.CompletedProcess[str]) -> dict:
    report = json.loads(result.stdout)
    report.pop("compared_with")
    return report


def test_check_from_a_subfolder_checks_the_whole_project(project: Path) -> None:
    edit(project / "vendors/hoopla.yaml", "always: [name, email,", "always: [name, emial,")
    for where in (project / "vendors", project / "policies", project):
        result = run_cli("check", cwd=where)
        assert result.returncode == 1, result.stdout
        assert "vendors/hoopla.yaml:" in result.stdout and "'emial' is not a known category" in result.stdout
        assert "vendors/vendors" not in result.stdout


def test_diff_from_vendors_and_with_root_equals_diff_from_the_root(project: Path, tmp_path: Path) -> None:
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    edit(project / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    args = ("diff", "--base", "HEAD", "--format", "json")
    from_root = run_cli(*args, cwd=project)
    from_vendors = run_cli(*args, cwd=project / "vendors")
    with_root_after = run_cli(*args, "--root", str(project), cwd=tmp_path)
    with_root_before = run_cli("--root", str(project), *args, cwd=tmp_path)
    assert from_root.returncode == 1, from_root.stdout + from_root.stderr
    reports = [_report(r) for r in (from_root, from_vendors, with_root_after, with_root_before)]
    assert all(r == reports[0] for r in reports)
    assert [v["id"] for v in reports[0]["vendors"]] == ["tumblebooks"]
    text = run_cli("diff", "--base", "HEAD", cwd=project / "vendors").stdout
    assert "1 vendor file(s) changed" in text and "vendors/vendors" not in text


def test_diff_compares_with_where_the_branch_left_the_base(project: Path) -> None:
    """A vendor added on main after the branch was cut is not this branch's change."""
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    git(project, "checkout", "-q", "-b", "staff-edit")
    edit(project / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    add_entry(project / "vendors/tumblebooks.yaml", "Tumblebooks no longer asks for an email address.")
    git(project, "commit", "-q", "-am", "staff edit")
    git(project, "checkout", "-q", "main")
    text = (project / "vendors/tumblebooks.yaml").read_text().replace("name: Tumblebooks", "name: Storybox")
    (project / "vendors/storybox.yaml").write_text(text)
    edit(project / "vendors/hoopla.yaml", "always: [name, email,", "always: [name,")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "meanwhile on main")
    git(project, "checkout", "-q", "staff-edit")
    result = run_cli("diff", "--base", "main", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert [v["id"] for v in report["vendors"]] == ["tumblebooks"]
    assert report["base_tip"] != report["commit"]
    assert report["commit"] == git(project, "merge-base", "main", "HEAD").strip()
    text = run_cli("diff", "--base", "main", cwd=project).stdout
    assert "the merge base of main and HEAD" in text
    assert "file deleted" not in text and "storybox" not in text


def test_mkdocs_build_with_a_relative_config_path(project: Path) -> None:
    """`mkdocs build -f mkdocs.yml`, as people type it, builds the whole site."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    page = (project / "site" / "policy-11-privacy" / "index.html").read_text("utf-8")
    assert "Policy number" in page  # the policy's facts block was added by the plugin
    assert (project / "site" / "services" / "index.html").is_file()
