"""A site without site_url builds, but its feed cannot be followed: check says so, as a warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli


def _without_site_url(project: Path) -> None:
    config = project / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not line.startswith("site_url:")), "utf-8")


def test_a_missing_site_url_is_a_warning_that_says_what_it_costs(project: Path) -> None:
    _without_site_url(project)
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stdout  # a warning: a preview still builds
    warning, = [w for w in json.loads(result.stdout)["warnings"] if w["field"] == "site_url"]
    assert warning["file"] == "mkdocs.yml"
    assert "the feed's links are not full addresses" in warning["message"]
    assert warning["hint"].startswith("add 'site_url: https://...'")


def test_an_address_given_for_the_build_is_enough(project: Path) -> None:
    _without_site_url(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PRIVACY_REGISTRY_SITE_URL="https://library.example/privacy/")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "json"], cwd=project, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert not [w for w in json.loads(result.stdout)["warnings"] if w["field"] == "site_url"]


def test_the_real_site_names_its_address(project: Path) -> None:
    result = run_cli("check", "--format", "json", cwd=project)
    assert not [w for w in json.loads(result.stdout)["warnings"] if w["field"] == "site_url"]
