"""The public record only grows: ``diff`` on vendor histories, the vocabulary and policy pages.

Every test edits a real project committed in a throwaway git repository.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from tests.conftest import run_cli
from tests.test_diff import TODAY, add_entry, by_id, diff, diff_json, edit, git

TUMBLEBOOKS_ENTRY = "  - date: 2022-01-03\n    summary: Listed in the library system's third-party services chart.\n"


def _vendors_using(root: Path, category: str, states: tuple[str, ...] = ("always", "opt_in")) -> list[str]:
    """Names of the vendors whose record lists the category in one of ``states`` (either/or groups count)."""
    names = []
    for path in sorted((root / "vendors").glob("[!_]*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        block = data["data"]
        listed = [c for state in states for c in block.get(state, [])]
        listed += [c for group in block.get("one_of", []) if group["kept"] in states for c in group["categories"]]
        if category in listed:
            names.append(data["name"])
    return sorted(names, key=str.casefold)


# ---- vendor change logs ---------------------------------------------------------

def test_erased_history_fails_with_the_entry_to_put_back(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    text = path.read_text()
    path.write_text(text[:text.index("changes:")] + f"changes:\n  - date: {TODAY}\n    summary: Reviewed.\n")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "the entry of 2022-01-03 ('Listed in the library system's third-party services chart.') was removed " \
           "from the change log of Tumblebooks" in result.stdout
    assert "put it back under changes: exactly as it was" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_re_dated_entry_fails(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", "  - date: 2022-01-03", "  - date: 2023-06-01")
    code, report = diff_json(repo)
    assert code == 1
    problem, = by_id(report)["tumblebooks"]["problems"]
    assert problem["field"] == "changes[0].date"
    assert "re-dated from 2022-01-03 to 2023-06-01" in problem["message"]
    assert "change the date back to 2022-01-03" in problem["hint"]


def test_re_dated_and_reworded_entry_fails_as_removed(repo: Path) -> None:
    edit(repo / "vendors/tumblebooks.yaml", TUMBLEBOOKS_ENTRY, "  - date: 2023-06-01\n    summary: Reviewed.\n")
    result = diff(repo)
    assert result.returncode == 1
    assert "was removed from the change log of Tumblebooks" in result.stdout


def test_backdated_new_entry_is_flagged_not_failed(repo: Path) -> None:
    add_entry(repo / "vendors/tumblebooks.yaml", "Tumblebooks added a reading log.", date="2023-05-01")
    code, report = diff_json(repo)
    assert code == 0, report
    vendor = by_id(report)["tumblebooks"]
    flagged, = [c for c in vendor["changes"] if c["kind"] == "backdated"]
    assert "before the base commit: feed readers may not show it as new" in flagged["text"]
    github = diff(repo, "--format", "github").stdout
    assert re.search(r"^::warning file=vendors/tumblebooks.yaml,line=\d+,col=1,title=Backdated entry::", github, re.M)


def test_reworded_entry_fails_until_it_says_it_was_corrected(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "summary: Listed in the library system's", "summary: Added to the library system's")
    code, report = diff_json(repo)
    assert code == 1, report
    vendor = by_id(report)["tumblebooks"]
    problem, = vendor["problems"]
    assert problem["field"] == "changes[0].summary"
    assert "was reworded without saying so" in problem["message"]
    assert f"add 'corrected: {TODAY}' under the entry" in problem["hint"]
    correction, = vendor["changes"]
    assert correction["kind"] == "correction"
    assert correction["before"] == "Listed in the library system's third-party services chart."
    assert correction["after"] == "Added to the library system's third-party services chart."
    text = diff(repo).stdout
    assert "    before: Listed in the library system's third-party services chart.\n" \
           "    after:  Added to the library system's third-party services chart.\n" in text
    markdown = diff(repo, "--format", "markdown").stdout
    assert "| Before | After |" in markdown

    edit(path, "summary: Added to the library system's third-party services chart.\n",
         f"summary: Added to the library system's third-party services chart.\n    corrected: {TODAY}\n")
    code, report = diff_json(repo)
    assert code == 0, report
    assert by_id(report)["tumblebooks"]["changes"][0]["kind"] == "correction", "still shown to the reviewer"


def test_a_reworded_policy_revision_needs_its_mark_too(repo: Path) -> None:
    path = repo / "policies/policy-11-privacy.md"
    text = path.read_text()
    match = re.search(r"(revisions:\n  - date: \S+\n    summary: )(.+)\n", text)
    assert match, text[:600]
    path.write_text(text.replace(match.group(0), f"{match.group(1)}{match.group(2)} Reworded.\n", 1))
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "in the revision history of" in result.stdout and "was reworded without saying so" in result.stdout


def test_text_suggestion_pastes_as_is_and_passes(repo: Path) -> None:
    """The ready-to-paste entry in the text report goes under changes: exactly as printed."""
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "opt_in: [name, email]", "opt_in: [name]")
    result = diff(repo)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "add these lines to vendors/tumblebooks.yaml" in line) + 1
    pasted = "\n".join(lines[start:start + 2]) + "\n"
    assert pasted.startswith("  - date: ")
    with path.open("a") as f:
        f.write(pasted)
    assert diff(repo).returncode == 0
    assert run_cli("check", cwd=repo).returncode == 0


def test_retirement_entry_is_suggested_on_the_retirement_date(repo: Path) -> None:
    edit(repo / "vendors/freading.yaml", "\nchanges:", "\nretired: 2024-06-30\nchanges:")
    result = diff(repo)
    assert result.returncode == 1
    assert "  - date: 2024-06-30\n" in result.stdout
    assert "add an entry dated 2024-06-30" in result.stdout


# ---- the vocabulary -------------------------------------------------------------

def _rename_category(root: Path, old: str, new: str) -> None:
    vocab = root / "vendors/_categories.yaml"
    edit(vocab, f"  - id: {old}\n", f"  - id: {new}\n    former_ids: [{old}]\n")
    for path in (root / "vendors").glob("[!_]*.yaml"):
        lists = re.compile(r"\[[^\]\n]*\]")  # the category lists, not the prose
        path.write_text(lists.sub(lambda m: re.sub(rf"\b{old}\b", new, m.group(0)), path.read_text()))


def test_declared_category_rename_flags_no_vendor(repo: Path) -> None:
    _rename_category(repo, "email", "email_address")
    assert run_cli("check", cwd=repo).returncode == 0
    code, report = diff_json(repo)
    assert code == 0, report
    assert report["vendors"] == []
    vocabulary, = report["vocabulary"]
    assert [(c["kind"], c["before"], c["after"]) for c in vocabulary["changes"]] == [
        ("category_renamed", "email", "email_address")]
    assert "0 vendor file(s) changed" in diff(repo).stdout


def test_undeclared_category_rename_is_a_change_for_each_vendor(repo: Path) -> None:
    _rename_category(repo, "email", "email_address")
    edit(repo / "vendors/_categories.yaml", "    former_ids: [email]\n", "")
    code, report = diff_json(repo)
    assert code == 1
    # every record that names the category, whatever it says of it, reads as a change
    assert len(report["vendors"]) == len(_vendors_using(repo, "email_address", ("always", "opt_in", "not_kept")))


def test_vendor_still_using_a_renamed_id_is_told_the_new_one(repo: Path) -> None:
    _rename_category(repo, "email", "email_address")
    edit(repo / "vendors/hoopla.yaml", "email_address", "email")
    result = run_cli("check", cwd=repo)
    assert result.returncode == 1
    assert "'email' is not a known category (the category was renamed: write 'email_address')" in result.stdout


def test_changed_definition_lists_every_vendor_using_it_and_needs_one_vocabulary_entry(repo: Path) -> None:
    vocab = repo / "vendors/_categories.yaml"
    edit(vocab, "description: The address where you receive email, for example name@example.com.",
         "description: Any email address you give, including a parent's or a school's.")
    code, report = diff_json(repo)
    assert code == 1
    vocabulary, = report["vocabulary"]
    change, = [c for c in vocabulary["changes"] if c["kind"] == "definition"]
    assert change["vendors"] == _vendors_using(repo, "email") and len(change["vendors"]) > 3
    assert change["before"] == "The address where you receive email, for example name@example.com."
    assert vocabulary["problems"][0]["field"] == "changes"
    assert vocabulary["suggestion"].startswith(f"changes:\n  - date: {TODAY}\n")
    text = diff(repo).stdout
    assert all(name in text for name in change["vendors"])
    # one dated vocabulary entry covers every vendor
    with vocab.open("a") as f:
        f.write(f"\nchanges:\n  - date: {TODAY}\n    summary: The meaning of email address now includes any "
                "address you give.\n")
    code, report = diff_json(repo)
    assert code == 0, report
    assert report["vendors"] == []
    assert report["vocabulary"][0]["new_entries"][0]["summary"].startswith("The meaning of email address")


def test_vocabulary_history_is_append_only_too(repo: Path) -> None:
    vocab = repo / "vendors/_categories.yaml"
    with vocab.open("a") as f:
        f.write("\nchanges:\n  - date: 2022-01-03\n    summary: The list of kinds of data was published.\n")
    git(repo, "commit", "-q", "-am", "vocabulary history")
    text = vocab.read_text()
    vocab.write_text(text[:text.index("\nchanges:")] + "\n")
    result = diff(repo)
    assert result.returncode == 1
    assert "was removed from the vocabulary's history" in result.stdout


# ---- policy pages ---------------------------------------------------------------

POLICY = "policies/policy-11-privacy.md"
REVISION = "  - date: 2022-01-03\n    summary: Policy published on the patron privacy site.\n"


def test_deleted_policy_revision_fails(repo: Path) -> None:
    edit(repo / POLICY, "revisions:\n" + REVISION, "")
    code, report = diff_json(repo)
    assert code == 1
    policy, = report["policies"]
    assert policy["path"] == POLICY
    assert "was removed from the revision history of Policy 11: Privacy" in policy["problems"][0]["message"]
    github = diff(repo, "--format", "github").stdout
    assert f"::error file={POLICY},line=" in github


def test_re_dated_policy_revision_and_approval_date_fail(repo: Path) -> None:
    edit(repo / POLICY, "approved: 2022-01-03", "approved: 2023-02-01")
    edit(repo / POLICY, REVISION, REVISION.replace("2022-01-03", "2023-02-01"))
    result = diff(repo)
    assert result.returncode == 1
    assert "re-dated from 2022-01-03 to 2023-02-01" in result.stdout
    assert "the approval date changed: 2022-01-03 -> 2023-02-01" in result.stdout


def test_new_review_date_needs_a_revision_entry_and_is_listed(repo: Path) -> None:
    edit(repo / POLICY, "last_reviewed: 2022-01-03", f"last_reviewed: {TODAY}")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "the review date changed" in result.stdout
    assert f"add an entry dated {TODAY} to the revisions: list" in result.stdout
    edit(repo / POLICY, REVISION, REVISION + f"  - date: {TODAY}\n    summary: Reviewed; no changes.\n")
    code, report = diff_json(repo)
    assert code == 0, report
    policy, = report["policies"]
    assert policy["new_entries"] == [{"date": TODAY, "summary": "Reviewed; no changes."}]
    check = run_cli("check", cwd=repo)  # the Spanish page still states the old review date
    assert check.returncode == 1 and f"write {TODAY} here" in check.stdout, check.stdout
    spanish = repo / POLICY.replace(".md", ".es.md")
    edit(spanish, "last_reviewed: 2022-01-03", f"last_reviewed: {TODAY}")
    edit(spanish, "usuarios.\n---\n", f"usuarios.\n  - date: {TODAY}\n    summary: Revisada; sin cambios.\n---\n")
    assert run_cli("check", cwd=repo).returncode == 0


def test_new_wording_of_a_policy_needs_a_revision_entry(repo: Path) -> None:
    """Policy 11 has revisions: its words are part of the public record, like its dates."""
    path = repo / POLICY
    text = path.read_text()
    body = text.index("\n---\n", 4) + 5
    paragraph = text.index("\n\n", body) + 2
    path.write_text(text[:paragraph] + "The library never shares anything with anyone.\n\n" + text[paragraph:])
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "info: the text of the page changed: (not set) -> The library never shares anything with anyone." \
        in result.stdout
    assert "its text changed; a new approval, review or wording of a policy needs a new revision entry" \
        in result.stdout
    assert "Reviewed; no changes" not in result.stdout, "never suggest that nothing changed when the text did"
    assert "None" not in result.stdout
    edit(path, REVISION, REVISION + f"  - date: {TODAY}\n    summary: Says the library shares nothing.\n")
    assert diff(repo).returncode == 0


def test_a_page_without_revisions_shows_its_changed_lines(repo: Path) -> None:
    edit(repo / "policies/index.md", "is your own business.", "is your own business. We never share your data.")
    code, report = diff_json(repo)
    assert code == 0, "a page that keeps no revision history never needs an entry"
    page, = report["policies"]
    change, = page["changes"]
    assert (change["field"], change["line"]) == ("(text)", 8)
    assert change["before"].startswith("What you read, watch and look up is your own business.")
    assert change["after"].startswith("What you read, watch and look up is your own business. We never share your "
                                      "data.")
    markdown = diff(repo, "--format", "markdown").stdout
    assert "We never share your data." in markdown


def test_a_fact_taken_off_the_unconfirmed_list_is_shown(repo: Path) -> None:
    edit(repo / POLICY, "unconfirmed: [approved_by, approved, last_reviewed]", "unconfirmed: [last_reviewed]")
    result = diff(repo)
    assert "now shown to patrons as confirmed: approved_by, approved" in result.stdout, result.stdout
    edit(repo / POLICY, "unconfirmed: [last_reviewed]\n", "")
    assert "now shown to patrons as confirmed: approved_by, approved, last_reviewed: " \
           "approved_by, approved, last_reviewed -> (not set)" in diff(repo).stdout


def test_deleted_policy_page_with_revisions_fails(repo: Path) -> None:
    git(repo, "rm", "-q", POLICY)
    result = diff(repo)
    assert result.returncode == 1
    assert "the policy page was deleted with its 1 revision entries" in result.stdout


# ---- what patrons see -----------------------------------------------------------

def test_corrections_and_vocabulary_entries_are_published(repo: Path, tmp_path: Path) -> None:
    """A corrected entry says so on the vendor page, in the change log and the feed; the vocabulary's
    own entry is in the change log (a real strict build)."""
    edit(repo / "vendors/tumblebooks.yaml", TUMBLEBOOKS_ENTRY,
         "  - date: 2022-01-03\n    summary: Added to the library system's third-party services chart.\n"
         f"    corrected: {TODAY}\n")
    with (repo / "vendors/_categories.yaml").open("a") as f:
        f.write(f"\nchanges:\n  - date: {TODAY}\n    summary: The meaning of email address was reworded.\n")
    assert diff(repo).returncode == 0
    site = tmp_path / "site"
    result = run_cli("build", "--site-dir", str(site), cwd=repo)
    assert result.returncode == 0, result.stdout
    long_today = dt.date.today().strftime("%B %-d, %Y")
    vendor = (site / "services/tumblebooks/index.html").read_text()
    assert f"third-party services chart. <span class=\"ppr-corrected\">" \
           f"(corrected on <time datetime=\"{TODAY}\">{long_today}</time>)</span>" in vendor
    log = re.sub(r"<[^>]+>", "", (site / "changes/index.html").read_text())
    assert f"(corrected on {long_today})" in log
    assert "Glossary of patron data (meaning of a kind of data): The meaning of email address was reworded." in log
    feed = (site / "feed.xml").read_text()
    assert f"(corrected on {TODAY})" in feed
    corrected_entry = next(e for e in re.findall(r"<entry>.*?</entry>", feed, re.S) if "corrected on" in e)
    assert "<published>2022-01-03T00:00:00Z</published>" in corrected_entry
    assert f"<updated>{TODAY}T00:00:00Z</updated>" in corrected_entry, "feed readers see the new words"
    assert json.loads((site / "vendors.json").read_text())  # downloads still build
