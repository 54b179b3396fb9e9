"""``check`` reports everything in one run, skips nothing silently, and no command ends in a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.rawchecks import REVISION_PLACEHOLDER, SCAFFOLD_EXAMPLES
from tests.conftest import ROOT, run_cli
from tests.test_diff import edit, git
from tests.test_input_corpus import EXPECTED, GENERATED, INVALID, _install

TWO_PROBLEMS = """\
name: Two problem reader
service: Reading eBooks online
website: https://www.example.org/
privacy_policy: http://www.example.org/privacy
data:
  always: [name, emial]
  opt_in: []
last_reviewed: 2999-01-01
changes:
  - date: 2022-01-03
    summary: Listed in the chart.
"""


def test_schema_and_meaning_problems_of_one_file_are_reported_together(project: Path) -> None:
    (project / "vendors/two-problem-reader.yaml").write_text(TWO_PROBLEMS)
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    out = result.stdout
    assert "vendors/two-problem-reader.yaml:4:17: privacy_policy: 'http://www.example.org/privacy' is not an " \
           "https:// address" in out
    assert "vendors/two-problem-reader.yaml:6:18: data.always[1]: 'emial' is not a known category " \
           "(did you mean 'email'?)" in out
    assert "vendors/two-problem-reader.yaml:8:16: last_reviewed: 2999-01-01 is in the future" in out


def test_warnings_are_shown_alongside_errors(project: Path) -> None:
    """One broken file does not hide the warnings about every other record (review due, translations)."""
    clean = json.loads(run_cli("check", "--root", str(project), "--format", "json").stdout)
    assert clean["ok"] and clean["warnings"]
    (project / "vendors/two-problem-reader.yaml").write_text(TWO_PROBLEMS)
    broken = json.loads(run_cli("check", "--root", str(project), "--format", "json").stdout)
    assert not broken["ok"] and broken["problems"]
    assert broken["warnings"] == clean["warnings"]
    text = run_cli("check", "--root", str(project)).stdout
    assert f"{len(clean['warnings'])} warning(s): worth a look" in text and "problem(s) in 1 file(s)" in text
    spanish = project / "vendors/kanopy.yaml"  # a translation removed from a record that still loads
    spanish.write_text(spanish.read_text("utf-8").replace("    service: Películas y documentales en streaming\n", ""))
    warned = json.loads(run_cli("check", "--root", str(project), "--format", "json").stdout)["warnings"]
    assert any(w["file"] == "vendors/kanopy.yaml" and w["field"] == "translations.es" for w in warned)


def test_a_draft_the_tools_suggest_is_refused_until_reworded(repo: Path) -> None:
    """diff's suggested revision entry, pasted as it is, fails check; reworded, it passes."""
    edit(repo / "policies/policy-11-privacy.md", "approved: 2022-01-03", "approved: 2024-05-12")
    edit(repo / "policies/policy-11-privacy.es.md", "approved: 2022-01-03", "approved: 2024-05-12")
    report = json.loads(run_cli("diff", "--base", "HEAD", "--format", "json", cwd=repo).stdout)
    suggestion = report["policies"][0]["suggestion"]
    assert REVISION_PLACEHOLDER in suggestion
    for page in ("policy-11-privacy.md", "policy-11-privacy.es.md"):
        edit(repo / "policies" / page, "\n---\n", "\n" + suggestion + "---\n")
    result = run_cli("check", cwd=repo)
    assert result.returncode == 1
    for page in ("policy-11-privacy.md", "policy-11-privacy.es.md"):
        line = (repo / "policies" / page).read_text("utf-8").splitlines().index(suggestion.splitlines()[1]) + 1
        assert f"policies/{page}:{line}:14: revisions[1].summary: 'Revised: say in plain words what changed for " \
               "patrons.' is the draft 'privacy-registry diff' suggests for staff to reword" in result.stdout
    edit(repo / "policies/policy-11-privacy.md", REVISION_PLACEHOLDER, "Explains how long checkout history is kept.")
    edit(repo / "policies/policy-11-privacy.es.md", REVISION_PLACEHOLDER, "Explica cuánto tiempo se guarda.")
    assert run_cli("check", cwd=repo).returncode == 0


def test_the_new_vendor_files_examples_are_the_ones_check_refuses() -> None:
    """Each example of an optional text the new-vendor file shows is the text check refuses as a placeholder
    (rawchecks.SCAFFOLD_EXAMPLES): reword one, and this says to update the other."""
    template = (ROOT / "generator/templates/privacy_registry/new_vendor.yaml.j2").read_text("utf-8")
    shown = dict(re.findall(r"^# (how_to_avoid|how_to_delete|note): (.+)$", template, re.M))
    assert shown == SCAFFOLD_EXAMPLES


def test_a_file_in_a_subfolder_is_reported_not_skipped(project: Path) -> None:
    (project / "vendors/sub").mkdir()
    (project / "vendors/sub/brainfuse.yaml").write_text(TWO_PROBLEMS)
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert "vendors/sub/brainfuse.yaml:1:1: (file name): is in a subfolder of vendors/, where files are not read " \
           "(move it to vendors/brainfuse.yaml" in result.stdout


def test_less_than_before_a_number_is_text_and_stays_escaped(project: Path, tmp_path: Path) -> None:
    edit(project / "vendors/tumblebooks.yaml", "how_to_avoid: Children",
         "note: Children under age < 13 need a grown-up; from age >= 13 they sign up alone.\nhow_to_avoid: Children")
    site = tmp_path / "site"
    result = run_cli("build", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stdout
    page = (site / "services/tumblebooks/index.html").read_text("utf-8")
    assert "Children under age &lt; 13 need a grown-up; from age &gt;= 13 they sign up alone." in page
    assert "< 13" not in page


def _all_inputs(project: Path) -> list[Path]:
    """Install every broken input of the corpus (the vocabulary stays); return where they went."""
    shown = [_install(project, expected.get("as", case), (INVALID / case).read_bytes())
             for case, expected in EXPECTED.items() if expected.get("as") != "_categories.yaml"]
    shown += [_install(project, name, make()) for name, (make, _) in GENERATED.items()]
    return [project / path for path in shown]


COMMANDS: list[tuple[str, ...]] = [
    ("check",), ("check", "--format", "json"), ("check", "--format", "github"),
    ("diff", "--base", "HEAD"), ("diff", "--base", "HEAD", "--format", "json"),
    ("diff", "--base", "HEAD", "--format", "github"), ("diff", "--base", "HEAD", "--format", "markdown"),
    ("build",), ("build", "--format", "github"), ("publish-config",), ("linkcheck",),
    ("linkcheck", "--extern", "--format", "json"), ("new", "Corpus Reader"),
]


@pytest.mark.parametrize("base_side", [False, True], ids=["inputs-in-the-work-tree", "inputs-in-the-base"])
def test_no_command_ends_in_a_traceback_on_any_input(project: Path, base_side: bool) -> None:
    """Every command, on every broken input of the corpus at once (as new files, or as the base that a
    pull request deletes them from), answers with messages and an exit code, never a traceback."""
    git(project, "init", "-q")
    installed = _all_inputs(project) if base_side else []
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    for path in installed:
        if path.is_symlink() or path.is_file():
            path.unlink()
    if not base_side:
        _all_inputs(project)
    for command in COMMANDS if not base_side else [c for c in COMMANDS if c[0] == "diff"]:
        result = run_cli(*command, cwd=project)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (command, output[-3000:])
        assert result.returncode in (0, 1, 2), command
        assert output.strip(), command
    if base_side:
        return
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                            cwd=project, capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in mkdocs.stdout + mkdocs.stderr
