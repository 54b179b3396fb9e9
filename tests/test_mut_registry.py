"""What staff notice from the registry loader and its cross-checks, tested in process.

generator/registry.py, registryfiles.py and crosschecks.py; the mutation tests' own cases (see `make mutation`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.crosschecks import suggest_category
from generator.model import Category, Group, Vocabulary
from generator.registryfiles import misnamed_files

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
    ("Hoopla (copy).yaml", "'Hoopla (copy)' is not a valid vendor id", "rename the file to hoopla-copy.yaml"),
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
