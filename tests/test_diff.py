"""``privacy-registry diff --base REF`` against real throwaway git repositories."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples, git, run_cli

TODAY = dt.date.today().isoformat()


def diff(repo: Path, *extra: str, base: str = "HEAD") -> subprocess.CompletedProcess[str]:
    return run_cli("diff", "--base", base, *extra, cwd=repo)


def diff_json(repo: Path) -> tuple[int, dict]:
    result = diff(repo, "--format", "json")
    return result.returncode, json.loads(result.stdout)


def changes_line(path: Path) -> int:
    """The line of a vendor file's ``changes:`` list, where a missing entry is reported."""
    return path.read_text().splitlines().index("changes:") + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def add_entry(path: Path, summary: str, date: str = TODAY) -> None:
    with path.open("a") as f:
        f.write(f"  - date: {date}\n    summary: {summary}\n")


def by_id(report: dict) -> dict[str, dict]:
    return {v["id"]: v for v in report["vendors"]}


# ---- data-collection changes ------------------------------------------------

def test_category_added_without_entry_fails_with_a_ready_to_paste_entry(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name, email, phone]")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "vendors/tumblebooks.yaml: Tumblebooks: changed" in result.stdout
    assert "now keeps phone number (kept only if the patron opts in)" in result.stdout
    assert f"- date: {TODAY}" in result.stdout
    assert 'summary: "Tumblebooks now keeps phone number' in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_category_added_with_a_new_entry_passes_but_is_reported(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "opt_in: [name, email]", "opt_in: [name, email, phone]")
    add_entry(path, "Tumblebooks now asks for a phone number if you create an account.")
    code, report = diff_json(repo)
    assert code == 0 and report["ok"]
    vendor = by_id(report)["tumblebooks"]
    assert vendor["status"] == "changed"
    assert [(c["kind"], c["after"]) for c in vendor["changes"]] == [("category_added", "phone (opt_in)")]
    assert vendor["new_entries"] == [{"date": TODAY, "summary": "Tumblebooks now asks for a phone number if you "
                                      "create an account."}]


def test_category_removed_fails(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    code, report = diff_json(repo)
    assert code == 1
    change, = by_id(report)["tumblebooks"]["changes"]
    assert change["kind"] == "category_removed" and change["before"] == "email (opt_in)"
    assert change["data_collection"] is True


def test_category_moved_to_opt_in_fails_and_says_which_way(repo: Path) -> None:
    path = repo / "vendors/overdrive.yaml"
    edit(path, "always: [checkout_history, holds,", "opt_in: [holds], always: [checkout_history,")
    edit(path, "online_activity], opt_in: []", "online_activity]")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "holds is now kept only if the patron opts in (was always kept)" in result.stdout


def test_retention_and_privacy_policy_address_changes_are_flagged(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "https://www.tumblebooklibrary.com/privacy.aspx", "https://www.tumblebooklibrary.com/privacy-policy")
    edit(path, "\nsources:", "\nretention: Until you close your account.\nsources:")
    code, report = diff_json(repo)
    assert code == 1
    kinds = {c["kind"]: c for c in by_id(report)["tumblebooks"]["changes"]}
    assert kinds["privacy_policy"]["after"] == "https://www.tumblebooklibrary.com/privacy-policy"
    assert kinds["retention"]["before"] is None and kinds["retention"]["after"] == "Until you close your account."


def test_other_field_edits_are_info_and_do_not_fail(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", "\nsources:", "\nlast_reviewed: 2022-02-01\nsources:")
    code, report = diff_json(repo)
    assert code == 0
    change, = by_id(report)["tumblebooks"]["changes"]
    assert change == {"kind": "field", "field": "last_reviewed", "text": "last_reviewed changed",
                      "before": None, "after": "2022-02-01", "line": 11, "data_collection": False}


def test_rewording_an_existing_entry_is_not_a_new_entry(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "opt_in: [name, email]", "opt_in: [name]")
    edit(path, "summary: Listed in the library system's", "summary: Added to the library system's")
    assert diff(repo).returncode == 1


# ---- cosmetic edits -----------------------------------------------------------

COSMETIC_TUMBLEBOOKS = """\
# Rewritten by hand: comments, key order, list order, quoting, folding and spaces only.
changes:
-   summary: "Listed in the library system's   third-party services chart."
    date: '2022-01-03'
-   date: 2026-11-26
    summary: >-
      The record now names its source, the library system's chart of January 3, 2022;
      anything that chart does not say is shown as not known.
sources:
  - quote: 'Opt-in: name, email'
    checked: "2022-01-03"
    kind: library_page
    description: >-
      The chart of third-party services on the library system's Privacy of Patron Data page,
      last modified January 3, 2022
data:
    opt_in:
      - email      # kept if the child's grown-up signs up
      - "name"
    always: [ ]
how_to_avoid: >-
    Children can read without giving a name or email address;
    these are kept only if you choose to provide them.
privacy_policy: 'https://www.tumblebooklibrary.com/privacy.aspx'
privacy_policy_verified: false
translations: {es: {how_to_avoid: "Los niños pueden leer sin dar un nombre ni un correo electrónico; esos datos se \
guardan solo si usted decide darlos.", service: 'Libros ilustrados animados y narrados, y otros libros electrónicos
      para niños'}}
website:    https://www.tumblebooklibrary.com/
service: "Animated, talking picture books and other eBooks for children"
name: Tumblebooks


"""


def test_cosmetic_only_edits_are_not_changes(repo: Path) -> None:
    (repo / "vendors/tumblebooks.yaml").write_text(COSMETIC_TUMBLEBOOKS)
    overdrive = repo / "vendors/overdrive.yaml"
    edit(overdrive, "data: {always: [checkout_history, holds, reading_progress, bookmarks, highlights, notes, "
         "online_activity], opt_in: []}",
         "data:\n  opt_in: []\n  always:\n    - online_activity\n    - notes\n    - highlights\n    - bookmarks\n"
         "    - reading_progress\n    - holds\n    - checkout_history")
    assert git(repo, "status", "--porcelain").count("vendors/") == 2
    result = diff(repo)
    assert result.returncode == 0, result.stdout
    assert "0 vendor file(s) changed" in result.stdout
    assert "tumblebooks" not in result.stdout and "OverDrive" not in result.stdout
    code, report = diff_json(repo)
    assert code == 0 and report["vendors"] == []


# ---- vendors that come, go or move -------------------------------------------

def test_rename_with_git_mv_is_reported_as_a_rename(repo: Path) -> None:
    git(repo, "mv", "vendors/kanopy.yaml", "vendors/kanopy-video.yaml")
    code, report = diff_json(repo)
    assert code == 1, "the old page address would break"
    vendor = by_id(report)["kanopy-video"]
    assert (vendor["status"], vendor["old_path"]) == ("renamed", "vendors/kanopy.yaml")
    assert "kanopy" not in by_id(report)
    result = diff(repo)
    assert "moves from services/kanopy/ to services/kanopy-video/" in result.stdout
    assert "former_ids: [kanopy]" in result.stdout


def test_rename_that_records_its_former_id_passes(repo: Path) -> None:
    git(repo, "mv", "vendors/kanopy.yaml", "vendors/kanopy-video.yaml")
    edit(repo / "vendors/kanopy-video.yaml", "name:", "former_ids: [kanopy]\nname:")
    code, report = diff_json(repo)
    assert code == 0, report
    assert by_id(report)["kanopy-video"]["status"] == "renamed"


def test_rename_without_git_add_is_still_a_rename_and_data_changes_count(repo: Path) -> None:
    (repo / "vendors/kanopy.yaml").rename(repo / "vendors/kanopy-video.yaml")
    edit(repo / "vendors/kanopy-video.yaml", "opt_in: [", "opt_in: [phone, ")
    code, report = diff_json(repo)
    assert code == 1
    vendor = by_id(report)["kanopy-video"]
    assert vendor["status"] == "renamed" and vendor["old_path"] == "vendors/kanopy.yaml"
    assert [c["kind"] for c in vendor["changes"] if c["data_collection"]] == ["category_added"]


def test_retire_with_entry_passes(repo: Path) -> None:
    path = repo / "vendors/freading.yaml"
    edit(path, "\nsources:", f"\nretired: {TODAY}\nsources:")
    add_entry(path, "The library no longer offers Freading.")
    code, report = diff_json(repo)
    assert code == 0, report
    assert by_id(report)["freading"]["status"] == "retired"


def test_retire_without_entry_fails(repo: Path) -> None:
    edit(repo / "vendors/freading.yaml", "\nsources:", f"\nretired: {TODAY}\nsources:")
    result = diff(repo)
    assert result.returncode == 1
    assert "The library stopped offering" in result.stdout


def test_deleting_a_vendor_fails_and_says_to_retire_it(repo: Path) -> None:
    git(repo, "rm", "-q", "vendors/freading.yaml")
    result = diff(repo)
    assert result.returncode == 1
    assert "vendors/freading.yaml" in result.stdout and "file deleted" in result.stdout
    assert "git checkout HEAD -- vendors/freading.yaml" in result.stdout
    assert f"retired: {TODAY}" in result.stdout


def test_new_vendor_with_entry_passes_even_before_git_add(repo: Path) -> None:
    shutil.copy(repo / "vendors/tumblebooks.yaml", repo / "vendors/storybox.yaml")
    edit(repo / "vendors/storybox.yaml", "name: Tumblebooks", "name: Storybox")
    code, report = diff_json(repo)
    assert code == 0, report
    vendor = by_id(report)["storybox"]
    assert vendor["status"] == "added" and vendor["new_entries"]


def test_new_vendor_without_entry_fails_with_a_ready_to_paste_entry(repo: Path) -> None:
    text = (repo / "vendors/tumblebooks.yaml").read_text().replace("name: Tumblebooks", "name: Storybox")
    (repo / "vendors/storybox.yaml").write_text(text.split("changes:")[0])
    git(repo, "add", "vendors/storybox.yaml")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "a new vendor needs a dated entry in its changes: list" in result.stdout
    assert "changes:\n" in result.stdout and f"- date: {TODAY}" in result.stdout
    assert "Storybox was added to the library's third-party services." in result.stdout


def test_unreadable_changed_file_is_reported_not_treated_as_deleted(repo: Path) -> None:
    (repo / "vendors/tumblebooks.yaml").write_text("name: [unclosed\n")
    code, report = diff_json(repo)
    assert code == 1
    vendor = by_id(report)["tumblebooks"]
    assert vendor["status"] == "invalid" and "YAML syntax" in vendor["problems"][0]["message"]


# ---- errors -------------------------------------------------------------------

def test_base_ref_that_does_not_exist_is_a_clear_error(repo: Path) -> None:
    result = diff(repo, base="origin/no-such-branch")
    assert result.returncode == 2
    assert "the base ref 'origin/no-such-branch' does not exist" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_working_tree_outside_git_is_a_clear_error(project: Path) -> None:
    result = diff(project)
    assert result.returncode == 2
    assert "is not inside a git working tree" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# ---- output formats -------------------------------------------------------------

def test_markdown_report_for_the_job_summary(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    result = diff(repo, "--format", "markdown")
    assert result.returncode == 1
    out = result.stdout
    assert out.startswith("## Vendor data changes against `HEAD`\n")
    assert "### Tumblebooks: changed (❌ needs a fix)" in out
    assert ("- **Data collection:** is no longer recorded as keeping email address (was kept only if the patron opts "
            "in; now not known)") in out
    assert re.search(r'```yaml\n  - date: \d{4}-\d\d-\d\d\n    summary: ".*"\n```', out)


def test_github_annotations_point_at_the_changed_lines(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    result = diff(repo, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("::warning file=vendors/tumblebooks.yaml,line=7,col=1,title=Data collection changed::"
                               "Tumblebooks: is no longer recorded as keeping email address") for line in lines)
    error = next(line for line in lines if line.startswith("::error "))
    line = changes_line(repo / "vendors/tumblebooks.yaml")
    assert error.startswith(f"::error file=vendors/tumblebooks.yaml,line={line},col=1,title=Change-log entry needed::")
    assert "%0A  - date: " in error  # the ready-to-paste entry, newline-escaped for the annotation


def test_json_report_shape(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    code, report = diff_json(repo)
    assert code == 1
    assert set(report) == {"base", "commit", "base_tip", "compared_with", "ok", "vendors", "vocabulary", "policies",
                           "problems", "notes"}
    assert report["base"] == "HEAD" and re.fullmatch(r"[0-9a-f]{40}", report["commit"])
    vendor, = report["vendors"]
    assert set(vendor) == {"id", "status", "path", "old_path", "name", "ok", "changes", "new_entries", "problems",
                           "suggestion"}
    assert vendor["problems"][0]["field"] == "changes" and vendor["suggestion"].startswith(f"  - date: {TODAY}")


def test_only_changed_files_are_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cost follows the change: one changed vendor means one vendor file read on each side."""
    import io

    from generator import gitsource
    from generator.commands import diff as command
    from generator.project import Project

    work_reads: list[str] = []
    base_reads: list[str] = []
    real_read_work, real_read_at = command._read_work, gitsource.read_at
    monkeypatch.setattr(command, "_read_work", lambda top, path: work_reads.append(path) or real_read_work(top, path))
    monkeypatch.setattr(gitsource, "read_at",
                        lambda top, commit, paths: base_reads.extend(paths) or real_read_at(top, commit, paths))
    edit(repo / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    out = io.StringIO()
    assert command.run(Project(repo), "HEAD", "json", out, io.StringIO()) == 1
    assert work_reads == ["vendors/tumblebooks.yaml"]
    assert base_reads == ["vendors/tumblebooks.yaml"]


def test_unreadable_base_version_is_compared_as_new_and_said_so(repo: Path) -> None:
    (repo / "vendors/tumblebooks.yaml").write_text("name: [unclosed\n")
    git(repo, "commit", "-q", "-am", "broken")
    git(repo, "checkout", "-q", "HEAD~1", "--", "vendors/tumblebooks.yaml")
    code, report = diff_json(repo)
    assert code == 0, report
    assert by_id(report)["tumblebooks"]["status"] == "changed"
    assert report["notes"] == ["vendors/tumblebooks.yaml could not be read at HEAD; it was compared as a new vendor."]


# ---- property: no reformatting is ever a change -------------------------------

VENDORS = Path(__file__).resolve().parent.parent / "vendors"


@settings(max_examples=examples(60), deadline=None)
@given(vendor=st.sampled_from(sorted(p.stem for p in VENDORS.glob("[!_]*.yaml"))),
       flow=st.sampled_from([True, False, None]), width=st.integers(20, 200), seed=st.randoms(use_true_random=False),
       style=st.sampled_from([None, "'", '"']), comment=st.booleans())
def test_reformatting_a_record_is_never_a_change(vendor: str, flow: bool | None, width: int, seed: random.Random,
                                                  style: str | None, comment: bool) -> None:
    from generator.diff import compare, new_entries
    from generator.registry import load_vocabulary
    from generator.yamlsrc import decode, load

    vocabulary, _ = load_vocabulary(VENDORS / "_categories.yaml", "vendors/_categories.yaml")
    assert vocabulary is not None
    original = load(decode((VENDORS / f"{vendor}.yaml").read_bytes()))
    data = json.loads(json.dumps(original.data))
    items = list(data.items())
    seed.shuffle(items)
    shuffled = dict(items)
    for kind in ("always", "opt_in"):
        seed.shuffle(shuffled["data"][kind])
    seed.shuffle(shuffled["changes"])
    text = yaml.safe_dump(shuffled, default_flow_style=flow, width=width, default_style=style, sort_keys=False,
                          allow_unicode=seed.random() < 0.5)
    if comment:
        # Trailing blanks mean nothing to YAML, except after a backslash inside a double-quoted
        # scalar, where "\\ " is an escaped space: add them to the first line without one.
        lines = text.split("\n")
        first = next(i for i, line in enumerate(lines) if not line.endswith("\\"))
        lines[first] += "  "
        text = "# reformatted\n" + "\n".join(lines)
    rewritten = load(text)
    assert compare(original, rewritten, vocabulary) == []
    assert new_entries(original.data, rewritten.data) == []


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path, project: Path) -> None:
    """Paths are reported from the top of the repository, as GitHub annotations need."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    edit(project / "vendors/tumblebooks.yaml", "opt_in: [name, email]", "opt_in: [name]")
    result = run_cli("--root", str(project), "diff", "--base", "HEAD", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    line = changes_line(project / "vendors/tumblebooks.yaml")
    assert f"::error file=project/vendors/tumblebooks.yaml,line={line}," in result.stdout
