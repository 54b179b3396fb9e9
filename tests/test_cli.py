"""``privacy-registry`` as staff run it: real subprocesses, real files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_check_passes_on_the_real_registry() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout


def test_check_names_file_line_and_fix_for_a_misspelt_category(project: Path) -> None:
    _edit(project / "vendors/hoopla.yaml", "always: [name, email,", "always: [name, emial,")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    line = next(i for i, text in enumerate((project / "vendors/hoopla.yaml").read_text().splitlines(), 1)
                if "emial" in text)
    assert f"vendors/hoopla.yaml:{line}:" in result.stdout
    assert "data.always[1]: 'emial' is not a known category (did you mean 'email'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_reports_every_problem_at_once(project: Path) -> None:
    _edit(project / "vendors/hoopla.yaml", "privacy_policy: https://", "privacy_policy: http://")
    _edit(project / "vendors/overdrive.yaml", "checked: 2022-01-03", "checked: 2022-02-30")
    _edit(project / "vendors/kanopy.yaml", "service:", "servce:")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    out = result.stdout
    assert "vendors/hoopla.yaml" in out and "is not an https:// address" in out
    assert "vendors/overdrive.yaml" in out and "'2022-02-30' is not a real date" in out
    assert "vendors/kanopy.yaml" in out and "servce: is not a known field (did you mean 'service'?)" in out
    assert "3 file(s)" in out


def test_check_refuses_a_category_both_always_and_opt_in(project: Path) -> None:
    _edit(project / "vendors/hoopla.yaml", "opt_in: []", "opt_in: [email]")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "'email' is listed both as always kept and as opt-in" in result.stdout


def test_check_refuses_duplicate_names_and_unused_categories(project: Path) -> None:
    _edit(project / "vendors/tumblebooks.yaml", "name: Tumblebooks", "name: Hoopla")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "'Hoopla' is also the name of vendors/hoopla.yaml" in result.stdout
    _edit(project / "vendors/tumblebooks.yaml", "name: Hoopla", "name: Tumblebooks")
    (project / "vendors/overdrive.yaml").unlink()
    result = run_cli("check", "--root", str(project))
    assert "the category 'bookmarks' is not used by any vendor" in result.stdout


def test_check_json_and_github_formats(project: Path) -> None:
    _edit(project / "vendors/hoopla.yaml", "always: [name, email,", "always: [name, emial,")
    result = run_cli("check", "--root", str(project), "--format", "json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    problem = payload["problems"][0]
    assert problem["file"] == "vendors/hoopla.yaml" and problem["field"] == "data.always[1]"
    assert problem["line"] > 0 and problem["column"] > 0 and "email" in problem["hint"]
    result = run_cli("check", "--root", str(project), "--format", "github")
    assert result.stdout.startswith("::error file=vendors/hoopla.yaml,line=")
    assert "title=Registry problem::data.always[1]" in result.stdout


def test_policy_front_matter_is_checked(project: Path) -> None:
    _edit(project / "policies/policy-11-privacy.md", "approved_by:", "aproved_by:")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "policies/policy-11-privacy.md:" in result.stdout
    assert "did you mean 'approved_by'?" in result.stdout


def test_build_writes_the_site_and_a_failed_build_keeps_it(project: Path) -> None:
    result = run_cli("build", "--root", str(project))
    assert result.returncode == 0, result.stdout
    chart = project / "site/services/index.html"
    before = chart.read_bytes()
    _edit(project / "vendors/hoopla.yaml", "always: [name, email,", "always: [name, emial,")
    result = run_cli("build", "--root", str(project))
    assert result.returncode == 1
    assert "emial" in result.stdout
    assert chart.read_bytes() == before


def test_usage_errors_exit_2() -> None:
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
