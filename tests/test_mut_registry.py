"""What staff notice from the registry loader and its cross-checks, tested in process.

generator/registry.py, registryfiles.py and crosschecks.py; the mutation tests' own cases (see `make mutation`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.crosschecks import suggest_category
from generator.model import Category, Group, Vocabulary
from generator.problems import Problem
from generator.registry import Loaded, load_registry, load_vocabulary
from generator.registryfiles import misnamed_files, vendor_files

# Five categories of the shared vocabulary, with their aliases as vendors/_categories.yaml has them.
VOCABULARY = Vocabulary(
    (Group("contact", "How to reach you"), Group("reading", "What you read")),
    (
        Category("address", "Home address", "Where you live.", "contact",
                 ("home address", "mailing address", "physical address")),
        Category("email", "Email address", "Your email.", "contact", ("e-mail", "email address", "e-mail address")),
        Category("fines_and_fees", "Fines and fees", "What you owe.", "contact", ("fines", "fees", "charges")),
        Category("checkout_history", "Checkout history", "What you borrowed.", "reading",
                 ("lending history", "borrowing history", "loan history"), former_ids=("loans",)),
        Category("online_activity", "Online activity", "What you do on the site.", "reading",
                 ("usage data", "activity", "browsing activity")),
    ),
)


@pytest.mark.parametrize(("written", "hint"), [
    # An alias written as staff would write it (capitals, spaces) is the first suggestion.
    ("Browsing Activity", "did you mean 'online_activity' or 'checkout_history'?"),
    ("browsing-activity", "did you mean 'online_activity' or 'checkout_history'?"),
    # Never more than three close names, and each category once.
    ("Addres", "did you mean 'address' or 'email'?"),
    ("loans", "the category was renamed: write 'checkout_history'"),
    ("shoe size", "see vendors/_categories.yaml for the known categories"),
])
def test_an_unknown_category_gets_the_closest_known_ids_first(written: str, hint: str) -> None:
    """Staff who write a category's alias, or a near miss, are told the id to write, best first."""
    assert suggest_category(written, VOCABULARY) == hint


def _misnamed(folder: Path) -> dict[str, tuple[str, str]]:
    return {path.relative_to(folder).as_posix(): (message, hint) for path, message, hint in misnamed_files(folder)}


LONG = "the-library-consortium-shared-ebook-and-audiobook-lending-pla"  # 61 characters


@pytest.mark.parametrize(("name", "message", "hint"), [
    ("Hoopla (copy).yaml", "'Hoopla (copy)' is not a valid vendor id (the file name is the id: lower-case letters, "
     "digits and single hyphens)", "rename the file to hoopla-copy.yaml"),
    ("библиотека.yaml", "'библиотека' is not a valid vendor id", "rename the file to vendor-name.yaml"),
    # Long names are cut to 60 characters in the message and in the suggested file name.
    (LONG[:60].upper() + ".yaml", f"{LONG[:60].upper()!r} is not a valid vendor id",
     f"rename the file to {LONG[:60]}.yaml"),
    (LONG.upper() + ".yaml", f"{LONG.upper()[:59] + '…'!r} is not a valid vendor id",
     f"rename the file to {LONG[:60]}.yaml"),
    # The cut never leaves a hyphen at either end of the suggested name.
    ("[Draft] " + LONG[:54] + ".yaml", "is not a valid vendor id", f"rename the file to draft-{LONG[:54]}.yaml"),
    (LONG[:59] + " Extra.yaml", "is not a valid vendor id", f"rename the file to {LONG[:59]}.yaml"),
])
def test_a_misnamed_vendor_file_gets_a_valid_name_to_use(tmp_path: Path, name: str, message: str, hint: str) -> None:
    """A file named other than <id>.yaml is reported with its name shown and a valid id to rename it to."""
    (tmp_path / name).write_text("name: X\n", "utf-8")
    [(found_message, found_hint)] = _misnamed(tmp_path).values()
    assert message in found_message and found_hint == hint


@pytest.mark.parametrize(("taken", "free"), [
    (("hoopla.yaml",), "hoopla-2"), (("hoopla.yaml", "hoopla-2.yaml"), "hoopla-3"),
])
def test_the_rename_hint_names_a_free_file(tmp_path: Path, taken: tuple[str, ...], free: str) -> None:
    """When the plain name is taken (a copy of an existing file), the hint names the next free one."""
    for name in (*taken, "Hoopla.yaml"):
        (tmp_path / name).write_text("name: Hoopla\n", "utf-8")
    assert _misnamed(tmp_path)["Hoopla.yaml"][1] == \
        f"rename the file, e.g. to {free}.yaml (hoopla.yaml already exists: is this a copy of it?)"


VOCABULARY_FILE = Path(__file__).parents[1] / "vendors" / "_categories.yaml"


SOURCE = "sources:\n  - {kind: library_page, description: The chart, checked: 2022-01-03}\n"


def _vendor(name: str, extra: str = "") -> str:
    """A valid record; its source (every fact needs one) comes last, so the lines above it stay put."""
    site = f"https://{name.split()[0].lower()}.example/"
    source = "" if "sources:" in extra else SOURCE
    return (f"name: {name}\nservice: Reading\nwebsite: {site}\nprivacy_policy: {site}privacy\n"
            f"data: {{always: [email], opt_in: []}}\n{extra}changes:\n  - date: 2022-01-03\n    summary: Listed.\n"
            + source)


def _check(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """The problems ``check`` prints for a registry holding ``files`` and the shared vocabulary."""
    vendors = tmp_path / "vendors"
    vendors.mkdir()
    (vendors / "_categories.yaml").write_bytes(VOCABULARY_FILE.read_bytes())
    for name, text in files.items():
        (vendors / name).write_text(text, "utf-8")
    loaded = load_registry(vendors, today=dt.date(2026, 1, 1))
    return [f"{p.file}:{p.line}:{p.col}: {p.field}: {p.message} | {p.hint}" for p in loaded.problems]


def test_former_ids_that_cannot_redirect_are_named(tmp_path: Path) -> None:
    """An old address listed as the vendor's own id, a live id, or by two vendors is refused with its line."""
    assert _check(tmp_path, {
        "alpha.yaml": _vendor("Alpha", "former_ids: [alpha, beta, old-one, older]\n"),
        "beta.yaml": _vendor("Beta", "former_ids: [old-one]\n"),
        "gamma.yaml": _vendor("Gamma", "former_ids: [older]\n"),
    }) == [
        "vendors/alpha.yaml:6:14: former_ids[0]: 'alpha' is this vendor's own id"
        " | list only the ids the file had before it was renamed",
        "vendors/alpha.yaml:6:21: former_ids[1]: 'beta' is still the id of vendors/beta.yaml; its address cannot"
        " redirect | remove 'beta' from former_ids, or rename or remove vendors/beta.yaml",
        "vendors/beta.yaml:6:14: former_ids[0]: 'old-one' is also a former id of vendors/alpha.yaml"
        " | an old address can redirect to one vendor only; keep it in one file",
        "vendors/gamma.yaml:6:14: former_ids[0]: 'older' is also a former id of vendors/alpha.yaml"
        " | an old address can redirect to one vendor only; keep it in one file",
    ]


def test_two_files_with_one_name_are_both_reported(tmp_path: Path) -> None:
    """Names differing only in capitals or spacing are the same to patrons; each file is told of the other."""
    assert _check(tmp_path, {"alpha.yaml": _vendor("Alpha  Reader"), "beta.yaml": _vendor("alpha reader")}) == [
        "vendors/alpha.yaml:1:7: name: 'Alpha  Reader' is also the name of vendors/beta.yaml"
        " | give each service a distinct name, or delete the duplicate file",
        "vendors/beta.yaml:1:7: name: 'alpha reader' is also the name of vendors/alpha.yaml"
        " | give each service a distinct name, or delete the duplicate file",
    ]


def test_a_blank_source_description_is_reported(tmp_path: Path) -> None:
    """A source whose description is only spaces says nothing to a patron; check points at it."""
    source = "sources:\n  - kind: library_page\n    description: '  '\n    checked: 2022-01-03\n"
    assert _check(tmp_path, {"alpha.yaml": _vendor("Alpha", source)}) == [
        "vendors/alpha.yaml:8:18: sources[0].description: is blank"
        " | write some words, or remove the field if it is optional",
    ]


SMALL_VOCABULARY = """\
groups:
  - {id: contact, label: How to reach you}
  - {id: reading, label: What you read}
categories:
  - {id: email, label: Email, description: Your email address., group: contact}
  - {id: holds, label: Holds, description: What you asked to borrow next., group: reading}
  - {id: loans, label: Loans, description: What you borrowed., group: readin}
  - {id: email, label: Email again, description: A second entry., group: contact, former_ids: [holds, mail]}
  - {id: notes, label: Notes, description: What you wrote., group: account}
"""


def test_vocabulary_mistakes_are_each_named_with_a_fix(tmp_path: Path) -> None:
    """A category defined twice, an old id still in use and an unknown group each get a line and a fix."""
    vendors = tmp_path / "vendors"
    vendors.mkdir()
    (vendors / "_categories.yaml").write_text(SMALL_VOCABULARY, "utf-8")
    expected = [
        "vendors/_categories.yaml:7:71: categories[2].group: 'readin' is not one of the groups"
        " | did you mean 'reading'?",
        "vendors/_categories.yaml:8:10: categories[3].id: the category 'email' is defined twice | keep one",
        "vendors/_categories.yaml:8:96: categories[3].former_ids[0]: 'holds' is still the id of a category"
        " | list only ids no longer in use",
        "vendors/_categories.yaml:9:68: categories[4].group: 'account' is not one of the groups"
        " | groups: contact, reading",
    ]
    loaded = load_registry(vendors, today=dt.date(2026, 1, 1))
    assert loaded.registry is None
    assert [f"{p.file}:{p.line}:{p.col}: {p.field}: {p.message} | {p.hint}" for p in loaded.problems] == expected
    vocabulary, problems = load_vocabulary(vendors / "_categories.yaml", "vendors/_categories.yaml")
    assert vocabulary is None
    assert [f"{p.file}:{p.line}:{p.col}: {p.field}: {p.message} | {p.hint}" for p in problems] == expected


def test_a_missing_folder_or_vocabulary_is_named(tmp_path: Path) -> None:
    """check names the folder or the vocabulary file that is missing, relative to the project."""
    missing = load_registry(tmp_path / "vendors")
    assert missing.registry is None
    assert [(p.file, p.line, p.col, p.field, p.message) for p in missing.problems] == [
        ("vendors", 0, 0, "", "the registry folder does not exist")]
    (tmp_path / "vendors").mkdir()
    (tmp_path / "vendors" / "alpha.yaml").write_text(_vendor("Alpha"), "utf-8")
    loaded = load_registry(tmp_path / "vendors")
    assert loaded.registry is None
    assert [(p.file, p.line, p.col, p.field, p.message) for p in loaded.problems] == [
        ("vendors/_categories.yaml", 0, 0, "", "the vocabulary of data categories is missing")]


def test_a_blank_note_on_children_is_reported(tmp_path: Path) -> None:
    """The children's note is patron text too: only spaces there is reported at its line."""
    assert _check(tmp_path, {"alpha.yaml": _vendor("Alpha", "children: {note: '   '}\n")}) == [
        "vendors/alpha.yaml:6:18: children.note: is blank | write some words, or remove the field if it is optional",
    ]


def test_a_correction_dated_before_its_entry_is_refused(tmp_path: Path) -> None:
    """A correction cannot precede the words it corrects, nor any date lie in the future; each is pointed at."""
    text = _vendor("Alpha").replace("    summary: Listed.\n", "    summary: Listed.\n    corrected: 2021-12-31\n"
                                    "  - date: 2027-02-01\n    summary: Not yet.\n")
    assert _check(tmp_path, {"alpha.yaml": text}) == [
        "vendors/alpha.yaml:9:16: changes[0].corrected: 2021-12-31 is before the entry's own date (2022-01-03)"
        " | write the day the words were corrected",
        "vendors/alpha.yaml:10:11: changes[1].date: 2027-02-01 is in the future | use a date on or before 2026-01-01",
    ]


SKIPPED = "files whose name starts with '_' are not read as vendors (only the vocabulary, _categories.yaml, and " \
          "a consortium's member list, _members.yaml, are)"
NOT_READ = "vendor files are named <id>.yaml; this one is not read"
NO_ID = "the file name has no vendor id before the extension"


def test_every_file_check_will_not_read_is_reported_once(tmp_path: Path) -> None:
    """Each file the loader skips is named with a fix, whatever its name: a vendor record saved as lingo2 or
    lingo2.txt is never left out silently. Left alone: the vocabulary and member list, README files and hidden
    files (the folder's notes, .gitkeep, an editor's or the system's own)."""
    names = ["_categories.yaml", "_members.yaml", "_draft.yaml", "_Old Name.yml", "_notes.txt", ".yaml", ".yml",
             ".hidden.yaml", "README.yaml", "readme.md", "Kanopy.YAML", "kanopy.yaml.bak", "hoopla.yml.txt",
             "notes.txt", "good-one.yaml", "sub/Brain Fuse.yaml", "sub/.x.yaml", "sub/notes.txt", "sub/old.yml",
             "sub/.hidden/x.yaml", ".git/y.yaml", "_Xplore.yaml", "zinio.yml", "lingo2", "Thumbs.db", ".DS_Store",
             ".gitkeep", "sub/README.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("name: X\n", "utf-8")
    (tmp_path / "_folder.yaml").mkdir()
    assert _misnamed(tmp_path) == {
        "_Old Name.yml": (SKIPPED, "if it is a vendor, rename it to old-name.yaml; otherwise move it out of the "
                                   "vendors folder"),
        "_draft.yaml": (SKIPPED, "if it is a vendor, rename it to draft.yaml; otherwise move it out of the vendors "
                                 "folder"),
        "sub/Brain Fuse.yaml": (f"is in a subfolder of {tmp_path.name}/, where files are not read",
                                f"move it to {tmp_path.name}/brain-fuse.yaml (one file per vendor, directly in the "
                                "folder), or out of the vendors folder"),
        "_Xplore.yaml": (SKIPPED, "if it is a vendor, rename it to xplore.yaml; otherwise move it out of the "
                                  "vendors folder"),
        "sub/old.yml": (f"is in a subfolder of {tmp_path.name}/, where files are not read",
                        f"move it to {tmp_path.name}/old.yaml (one file per vendor, directly in the folder), or out "
                        "of the vendors folder"),
        "zinio.yml": (NOT_READ, "rename the file to zinio.yaml"),
        ".yaml": (NO_ID, "rename it to <id>.yaml, e.g. overdrive.yaml"),
        ".yml": (NO_ID, "rename it to <id>.yaml, e.g. overdrive.yaml"),
        "Kanopy.YAML": (NOT_READ, "rename the file to kanopy.yaml"),
        "hoopla.yml.txt": (NOT_READ, "rename the file to hoopla.yaml"),
        "kanopy.yaml.bak": (NOT_READ, "rename the file to kanopy.yaml"),
        # Not YAML by its name: a vendor record saved under another name, or a file that belongs elsewhere.
        "_notes.txt": (SKIPPED, "if it is a vendor, rename it to notes.yaml; otherwise move it out of the vendors "
                                "folder"),
        "notes.txt": (NOT_READ, f"if it is a vendor record, rename the file to notes.yaml; anything else belongs "
                                f"outside the {tmp_path.name} folder"),
        "lingo2": (NOT_READ, f"if it is a vendor record, rename the file to lingo2.yaml; anything else belongs "
                             f"outside the {tmp_path.name} folder"),
        "Thumbs.db": (NOT_READ, f"if it is a vendor record, rename the file to thumbs.yaml; anything else belongs "
                                f"outside the {tmp_path.name} folder"),
        "sub/notes.txt": (f"is in a subfolder of {tmp_path.name}/, where files are not read",
                          f"if it is a vendor record, move it to {tmp_path.name}/notes.yaml; anything else belongs "
                          f"outside the {tmp_path.name} folder"),
    }
    assert [path.name for path in vendor_files(tmp_path)] == ["README.yaml", "good-one.yaml"]


def test_every_blank_text_in_a_record_is_reported(tmp_path: Path) -> None:
    """Spaces only, in a note, an entry's summary, a quote or a retention, are each pointed at in one check."""
    text = _vendor("Alpha", "note: ' '\nsources:\n"
                            "  - {kind: library_page, checked: 2022-01-03, description: Our page, quote: ' '}\n"
                            "retention_by_category:\n  - {categories: [email], retention: ' '}\n")
    assert _check(tmp_path, {"alpha.yaml": text.replace("summary: Listed.", "summary: ' '")}) == [
        "vendors/alpha.yaml:6:7: note: is blank | write some words, or remove the field if it is optional",
        "vendors/alpha.yaml:8:77: sources[0].quote: is blank | write some words, or remove the field if it is optional",
        "vendors/alpha.yaml:10:38: retention_by_category[0].retention: is blank"
        " | write some words, or remove the field if it is optional",
        "vendors/alpha.yaml:13:14: changes[0].summary: is blank"
        " | write some words, or remove the field if it is optional",
    ]


def test_every_date_in_the_future_is_reported(tmp_path: Path) -> None:
    """A review, correction or retirement dated after today is named; a correction made the same day is fine."""
    text = _vendor("Alpha", "last_reviewed: 2026-03-01\nretired: 2026-04-01\nsources:\n"
                            "  - {kind: library_page, description: Our page, checked: 2026-01-02}\n"
                            "  - {kind: library_page, description: Our page, checked: 2026-01-01}\n").replace(
        "    summary: Listed.\n", "    summary: Listed.\n    corrected: 2026-02-01\n"
        "  - date: 2022-05-01\n    summary: Fixed.\n    corrected: 2022-05-01\n")
    assert _check(tmp_path, {"alpha.yaml": text}) == [
        "vendors/alpha.yaml:6:16: last_reviewed: 2026-03-01 is in the future | use a date on or before 2026-01-01",
        "vendors/alpha.yaml:7:10: retired: 2026-04-01 is in the future | use a date on or before 2026-01-01",
        "vendors/alpha.yaml:9:58: sources[0].checked: 2026-01-02 is in the future | use a date on or before 2026-01-01",
        "vendors/alpha.yaml:14:16: changes[0].corrected: 2026-02-01 is in the future"
        " | use a date on or before 2026-01-01",
    ]


def test_an_unknown_category_is_pointed_at_with_the_nearest_id(tmp_path: Path) -> None:
    """A misspelt category in a record is named at its line and column, with the id staff probably meant."""
    text = _vendor("Alpha").replace("always: [email]", "always: [emial]")
    assert _check(tmp_path, {"alpha.yaml": text}) == [
        "vendors/alpha.yaml:5:17: data.always[0]: 'emial' is not a known category | did you mean 'email'?",
    ]


def test_yes_and_no_written_without_quotes_are_answers(tmp_path: Path) -> None:
    """YAML reads a bare yes or no as true or false; the record still answers yes or no, never 'unknown'."""
    vendors = tmp_path / "vendors"
    answers = "advertising_or_tracking: no\nsells_or_shares: yes\n"
    assert _check(tmp_path, {"alpha.yaml": _vendor("Alpha", answers)}) == []
    registry = load_registry(vendors, today=dt.date(2026, 1, 1)).registry
    assert registry is not None
    [alpha] = registry.vendors
    assert (alpha.advertising_or_tracking, alpha.sells_or_shares) == ("no", "yes")


@pytest.mark.parametrize(("text", "expected"), [
    ("groups: [\n", ["vendors/_categories.yaml:2:1: groups: YAML syntax: did not find expected node content"
                     " (while parsing a flow node)"
                     " | check the indentation, quotes and brackets on this line and the line above"]),
    ("groups: 3\ncategories: []\n", [
        "vendors/_categories.yaml:1:9: groups: is a number; a list is expected"
        " | write the entries in brackets, e.g. [name, email], or [] for none",
        "vendors/_categories.yaml:2:13: categories: is an empty list | add at least one entry"]),
    (None, ["vendors/_categories.yaml:1:1: (file): cannot be read: No such file or directory"
            " | check that it is a file and that it may be read"]),
])
def test_diff_reads_a_broken_vocabulary_with_its_problems(tmp_path: Path, text: str | None,
                                                          expected: list[str]) -> None:
    """The vocabulary read alone (as diff reads it) reports a syntax error, a broken rule or a missing file
    under the name staff know it by."""
    path = tmp_path / "categories.yaml"
    if text is not None:
        path.write_text(text, "utf-8")
    vocabulary, problems = load_vocabulary(path, "vendors/_categories.yaml")
    assert vocabulary is None
    assert [f"{p.file}:{p.line}:{p.col}: {p.field}: {p.message} | {p.hint}" for p in problems] == expected


def test_a_category_no_vendor_keeps_is_a_warning_at_its_id(tmp_path: Path) -> None:
    """A category no vendor keeps is reported as a warning at its id's line, with what to do."""
    loaded = _registry_with(tmp_path, {"alpha.yaml": _vendor("Alpha")}, vocabulary=(
        "groups:\n  - {id: contact, label: How to reach you}\ncategories:\n"
        "  - {id: email, label: Email, description: Your email address., group: contact}\n"
        "  - id: phone\n    label: Phone\n    description: Your phone number.\n    group: contact\n"))
    assert loaded.problems == [] and loaded.registry is not None
    assert [f"{p.file}:{p.line}:{p.col}: {p.field}: {p.message} | {p.hint}" for p in loaded.warnings
            if p.file == "vendors/_categories.yaml"] == [
        "vendors/_categories.yaml:5:9: categories[1].id: the category 'phone' is not used by any vendor"
        " | remove it, or list it in the vendor that keeps it"]


def test_a_service_offered_by_some_members_keeps_their_ids(tmp_path: Path) -> None:
    """In a consortium, a record's members: list is the member libraries offering it; without the field,
    every member library offers it."""
    vendors = tmp_path / "vendors"
    vendors.mkdir()
    (vendors / "_categories.yaml").write_bytes(VOCABULARY_FILE.read_bytes())
    (vendors / "_members.yaml").write_text("members:\n  - id: northfield\n    name: Northfield Public Library\n"
                                           "  - id: southport\n    name: Southport Free Library\n", "utf-8")
    (vendors / "alpha.yaml").write_text(_vendor("Alpha", "members: [southport, northfield]\n"), "utf-8")
    (vendors / "beta.yaml").write_text(_vendor("Beta"), "utf-8")
    loaded = load_registry(vendors, today=dt.date(2026, 1, 1))
    assert loaded.problems == [] and loaded.registry is not None
    assert {v.id: v.members for v in loaded.registry.vendors} == {"alpha": ("southport", "northfield"), "beta": None}


def _registry_with(tmp_path: Path, files: dict[str, str], vocabulary: str | None = None) -> Loaded:
    """The registry loaded from ``files`` and a vocabulary (the shipped one unless given)."""
    vendors = tmp_path / "vendors"
    vendors.mkdir(parents=True)
    if vocabulary is None:
        (vendors / "_categories.yaml").write_bytes(VOCABULARY_FILE.read_bytes())
    else:
        (vendors / "_categories.yaml").write_text(vocabulary, "utf-8")
    for name, text in files.items():
        (vendors / name).write_text(text, "utf-8")
    return load_registry(vendors, today=dt.date(2026, 1, 1))


def _lines(problems: list[Problem]) -> list[str]:
    return [f"{p.file}:{p.line}:{p.col}: {p.field}: {p.message} | {p.hint}" for p in problems]


def test_an_invalid_file_also_gets_its_category_suggestions(tmp_path: Path) -> None:
    """A file with a schema problem still hears about a misspelt category, with the suggestion, at once."""
    loaded = _registry_with(tmp_path, {"alpha.yaml": _vendor("Alpha", "colour: blue\n").replace(
        "always: [email]", "always: [emial]")})
    assert loaded.registry is None
    assert "vendors/alpha.yaml:5:17: data.always[0]: 'emial' is not a known category | did you mean 'email'?" \
        in _lines(loaded.problems)


def test_unused_categories_are_only_reported_for_a_whole_registry(tmp_path: Path) -> None:
    """A category no vendor keeps is only worth a warning when every vendor file was read, and there is a vendor:
    a registry with an unreadable file, or a new one with no vendors yet, gets none."""
    empty = _registry_with(tmp_path / "new", {})
    assert empty.problems == [] and empty.warnings == []
    broken = _registry_with(tmp_path / "broken", {"alpha.yaml": _vendor("Alpha"),
                                                   "beta.yaml": _vendor("Beta", "colour: blue\n")})
    assert broken.registry is None and [w for w in broken.warnings if w.file == "vendors/_categories.yaml"] == []
    whole = _registry_with(tmp_path / "whole", {"alpha.yaml": _vendor("Alpha")})
    assert whole.problems == [] and [w for w in whole.warnings if w.file == "vendors/_categories.yaml"]


def test_curly_quotes_in_the_vocabulary_are_named_in_its_file(tmp_path: Path) -> None:
    """Word's quotes around a vocabulary label are reported in the vocabulary file."""
    loaded = _registry_with(tmp_path, {}, vocabulary=SMALL_VOCABULARY.replace("label: Email,", "label: “Email”,", 1))
    assert [p.file for p in loaded.problems if "curly quotes" in p.message] == ["vendors/_categories.yaml"]


def test_a_note_about_children_reaches_the_record(tmp_path: Path) -> None:
    """The children: group's note is kept with its answers."""
    loaded = _registry_with(tmp_path, {"alpha.yaml": _vendor(
        "Alpha", "children:\n  targets_children: yes\n  coppa: unknown\n  note: Made for ages 4 to 8.\n")})
    assert loaded.problems == [] and loaded.registry is not None
    children = loaded.registry.vendors[0].children
    assert (children.targets_children, children.coppa, children.note) == ("yes", "unknown", "Made for ages 4 to 8.")


@pytest.mark.parametrize(("members_file", "expected"), [
    ("members:\n  - id: northfield\n    name: Northfield Public Library\n",
     ["vendors/alpha.yaml:6:11: members[0]: 'northfeld' is not a member library in vendors/_members.yaml"
      " | did you mean 'northfield'?"]),
    (None, ["vendors/alpha.yaml:6:1: members: this registry lists no member libraries (vendors/_members.yaml is"
            " missing) | list them in vendors/_members.yaml, or remove 'members' (every patron is offered it)"]),
    ("members: [\n", ["vendors/_members.yaml:2:1: members: YAML syntax: did not find expected node content (while"
                      " parsing a flow node) | check the indentation, quotes and brackets on this line and the line"
                      " above"]),
])
def test_a_records_member_libraries_are_checked_against_the_member_list(tmp_path: Path, members_file: str | None,
                                                                        expected: list[str]) -> None:
    """A member id not in vendors/_members.yaml, a members: list without that file, and a broken member list are
    each reported where staff fix them (a broken list alone: the ids cannot be checked against it)."""
    files = {"alpha.yaml": _vendor("Alpha", "members: [northfeld]\n")}
    if members_file is not None:
        files["_members.yaml"] = members_file
    loaded = _registry_with(tmp_path, files)
    assert loaded.registry is None
    assert _lines(loaded.problems) == expected


def test_the_registry_carries_the_member_libraries(tmp_path: Path) -> None:
    """A consortium's member libraries, in the order of the member list, reach the registry."""
    loaded = _registry_with(tmp_path, {"_members.yaml": "members:\n  - id: southport\n    name: Southport\n"
                                                         "  - id: northfield\n    name: Northfield\n",
                                       "alpha.yaml": _vendor("Alpha")})
    assert loaded.problems == [] and loaded.registry is not None
    assert [m.id for m in loaded.registry.members] == ["southport", "northfield"]


def test_the_vocabularys_aliases_and_dated_changes_reach_the_registry(tmp_path: Path) -> None:
    """A category's aliases (what suggestions match) and the vocabulary's own dated changes, with a correction
    date, are read as written; a summary loses its surrounding blanks."""
    loaded = _registry_with(tmp_path, {"alpha.yaml": _vendor("Alpha")}, vocabulary=(
        "groups:\n  - {id: contact, label: How to reach you}\ncategories:\n"
        "  - {id: email, label: Email, description: Your email address., group: contact,\n"
        "     aliases: [e-mail, email address]}\n"
        "changes:\n  - date: 2025-03-01\n    summary: '  Clarified email.  '\n    corrected: 2025-04-02\n"
        "  - date: 2025-05-01\n    summary: Added email.\n"))
    assert loaded.problems == [] and loaded.registry is not None
    vocabulary = loaded.registry.vocabulary
    assert vocabulary.by_id["email"].aliases == ("e-mail", "email address")
    assert [(c.date, c.summary, c.corrected) for c in vocabulary.changes] == [
        ("2025-03-01", "Clarified email.", "2025-04-02"), ("2025-05-01", "Added email.", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("# only a comment\n", "vendors/alpha.yaml:1:1: (file): the file is empty (or holds only comments) | fill in the "
     "fields (name, service, website, privacy_policy, data, last_reviewed, changes): copy another vendor file, or run "
     "'privacy-registry new \"Name\"'; or delete it"),
    ("\n- name: Alpha\n", "vendors/alpha.yaml:2:1: (top level): is a list; the file must be a set of fields | write "
     "one 'field: value' per line, starting with 'name: ...', with no '-' or quotes in front"),
])
def test_a_vendor_file_that_is_no_record_says_how_to_write_one(tmp_path: Path, text: str, expected: str) -> None:
    """An empty vendor file, or one written as a list, gets one problem with how a record is written."""
    loaded = _registry_with(tmp_path, {"alpha.yaml": text})
    assert _lines(loaded.problems) == [expected]


RETIRED = ("changes:\n  - date: 2022-01-03\n    summary: Listed.\n", "retired: {retired}\nchanges:\n"
           "  - date: 2022-01-03\n    summary: Listed.\n{extra}")


@pytest.mark.parametrize(("retired", "extra", "expected"), [
    # retired on the day it was listed, or later, with an entry that day (and corrections after it): coherent
    ("2022-01-03", "", []),
    ("2024-06-30", "  - date: 2024-06-30\n    summary: The library stopped offering Alpha.\n"
                   "  - date: 2025-01-10\n    summary: Its page moved.\n", []),
    # no entry on the retirement day: the change log and the feed would never say so
    ("2024-06-30", "  - date: 2024-07-02\n    summary: The library stopped offering Alpha.\n", [
        "vendors/alpha.yaml:6:10: retired: no entry in changes is dated 2024-06-30, the day the service was "
        "retired, so the change log and the feed would not say so | add an entry at the end of changes: "
        "'- date: 2024-06-30' with a summary such as 'The library stopped offering Alpha.'"]),
    # before the first entry: stopped before it was listed
    ("2021-12-31", "  - date: 2022-05-01\n    summary: Stopped.\n", [
        "vendors/alpha.yaml:6:10: retired: 2021-12-31 is before the record's first entry (2022-01-03): the page "
        "would say the service stopped before it was listed | check the date: a service is retired on or after "
        "the day it was listed, 2022-01-03"]),
    # a retirement date that is itself impossible is reported once, as such
    ("1980-01-01", "", ["vendors/alpha.yaml:6:10: retired: 1980-01-01 is before 1990: no library offered its "
                        "patrons an online service then | check the year, and write the day it happened as "
                        "YYYY-MM-DD"]),
])
def test_a_retirement_is_told_by_the_history(tmp_path: Path, retired: str, extra: str, expected: list[str]) -> None:
    """A service is retired on or after its first entry, and an entry dated the retirement day says so."""
    text = _vendor("Alpha").replace(RETIRED[0], RETIRED[1].format(retired=retired, extra=extra))
    assert _check(tmp_path, {"alpha.yaml": text}) == expected


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("last_reviewed", "1990-01-01", []),  # the earliest date accepted
    ("last_reviewed", "1989-12-31", ["vendors/alpha.yaml:6:16: last_reviewed: 1989-12-31 is before 1990: no "
                                     "library offered its patrons an online service then | check the year, and "
                                     "write the day it happened as YYYY-MM-DD"]),
    ("last_reviewed", "2026-01-01", []),  # today
    ("last_reviewed", "2026-01-02", ["vendors/alpha.yaml:6:16: last_reviewed: 2026-01-02 is in the future | use a "
                                     "date on or before 2026-01-01"]),
])
def test_a_date_is_between_1990_and_today(tmp_path: Path, field: str, value: str, expected: list[str]) -> None:
    assert _check(tmp_path, {"alpha.yaml": _vendor("Alpha", f"{field}: {value}\n")}) == expected


def test_entries_of_the_same_day_are_in_order(tmp_path: Path) -> None:
    """Oldest first allows two entries of one day; each entry is compared with the one right above it."""
    text = _vendor("Alpha").replace("    summary: Listed.\n", "    summary: Listed.\n  - date: 2022-01-03\n"
                                    "    summary: Its page moved.\n  - date: 2023-05-01\n    summary: New.\n"
                                    "  - date: 2022-02-01\n    summary: Late.\n  - date: 2023-06-01\n"
                                    "    summary: Fine.\n")
    assert [p.split(": ")[1] for p in _check(tmp_path, {"alpha.yaml": text})] == ["changes[3].date"]


def test_the_vocabulary_history_has_sane_dates(tmp_path: Path) -> None:
    """The vocabulary's entries get the vendor records' date rules: no future or absurd date, oldest first,
    a correction after its entry."""
    entries = ("changes:\n  - {date: 2023-01-01, summary: One., corrected: 2022-01-01}\n"
               "  - {date: 1980-01-01, summary: Two.}\n  - {date: 2027-01-01, summary: Three.}\n"
               "  - {date: 2024-01-01, summary: Four.}\n")
    vocabulary = ("groups:\n  - {id: contact, label: How to reach you}\ncategories:\n"
                  "  - {id: email, label: Email, description: Your email address., group: contact}\n")
    loaded = _registry_with(tmp_path, {"alpha.yaml": _vendor("Alpha")}, vocabulary=vocabulary + entries)
    assert [(p.field, p.message.split(":")[0].split(" (")[0]) for p in loaded.problems] == [
        ("changes[0].corrected", "2022-01-01 is before the entry's own date"),
        ("changes[1].date", "1980-01-01 is before 1990"),
        ("changes[2].date", "2027-01-01 is in the future"),
        ("changes[3].date", "2024-01-01 is earlier than the entry above it")]
