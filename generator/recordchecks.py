"""Checks of one vendor record that a JSON Schema cannot express, each with its line and a fix.

The schema has already passed when these run, so the data has the right shape;
these look at how the fields fit together (a category in two states, a
retention period without words, an outside service without a privacy policy).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.model import Vendor
from generator.problems import Problem
from generator.yamlsrc import Document

Path = tuple[str | int, ...]
_STATE_WORDS = {"always": "always kept", "opt_in": "opt-in", "not_kept": "not kept"}


def category_uses(data: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """Every place a record names a category id, with its path in the file."""
    block = data["data"]
    for kind in ("always", "opt_in", "not_kept"):
        for i, cat in enumerate(block.get(kind, ())):
            yield ("data", kind, i), cat
    for g, group in enumerate(block.get("one_of", ())):
        for i, cat in enumerate(group["categories"]):
            yield ("data", "one_of", g, "categories", i), cat
    for r, entry in enumerate(data.get("retention_by_category", ())):
        for i, cat in enumerate(entry["categories"]):
            yield ("retention_by_category", r, "categories", i), cat


def record_checks(vendor: Vendor, doc: Document) -> list[Problem]:
    """Every problem in how one record's fields fit together."""
    return [*_state_clashes(vendor, doc), *_policy_link(vendor, doc), *_retention(vendor, doc),
            *_sign_in(vendor, doc)]


def policy_not_confirmed(vendor: Vendor, doc: Document) -> list[Problem]:
    """A warning for an outside service whose record does not say whether staff confirmed its policy's address.

    Left out, the answer is "not confirmed" (never a confirmation nobody gave); the warning says so.
    """
    if vendor.is_library or not vendor.privacy_policy or "privacy_policy_verified" in doc.data:
        return []
    return [_problem(vendor, doc, ("privacy_policy",), "the record does not say whether staff confirmed this "
                     "address, so the site says it is not yet confirmed",
                     "once someone has opened it and found the vendor's privacy policy, add the line "
                     "'privacy_policy_verified: true' below it; 'false' says it is still to be checked",
                     key=True)]


def _problem(vendor: Vendor, doc: Document, path: Path, message: str, hint: str, *, key: bool = False) -> Problem:
    line, col = doc.key_position(path) if key else doc.position(path)
    field = ""
    for part in path:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else part)
    return Problem(vendor.source, line, col, field, message, hint)


def _state_clashes(vendor: Vendor, doc: Document) -> Iterator[Problem]:
    """A category has one state: always, opt-in or not kept (one "one of" group counts as its state)."""
    block = doc.data["data"]
    seen: dict[str, str] = {}
    for kind in ("always", "opt_in", "not_kept"):
        for i, cat in enumerate(block.get(kind, ())):
            if cat in seen and (seen[cat], kind) == ("always", "opt_in"):
                yield _problem(vendor, doc, ("data", kind, i), f"{cat!r} is listed both as always kept and as opt-in",
                               "keep it in one list: 'always' if the service keeps it whenever it is used")
            elif cat in seen:
                yield _problem(vendor, doc, ("data", kind, i),
                               f"{cat!r} is listed both as {_STATE_WORDS[seen[cat]]} and as {_STATE_WORDS[kind]}",
                               "keep it in the one list its source supports")
            seen.setdefault(cat, kind)
    grouped: set[str] = set()
    for g, group in enumerate(block.get("one_of", ())):
        for i, cat in enumerate(group["categories"]):
            path: Path = ("data", "one_of", g, "categories", i)
            if cat in grouped:
                yield _problem(vendor, doc, path, f"{cat!r} is in two one_of groups",
                               "a category belongs to one requirement; merge the groups or remove it from one")
            elif cat in seen:
                yield _problem(vendor, doc, path, f"{cat!r} is also listed in data.{seen[cat]}",
                               f"remove it from data.{seen[cat]}: as part of this one_of group it is kept "
                               "only when the patron gives it instead of the others")
            grouped.add(cat)


def _policy_link(vendor: Vendor, doc: Document) -> Iterator[Problem]:
    """The library's own record links its page on this site, not an address (the schema asks every outside
    service for its privacy_policy)."""
    if vendor.is_library and vendor.privacy_policy:
        yield _problem(vendor, doc, ("privacy_policy",), "the library's own record links its policy page on this site "
                       "(library_itself.policy_page), not an address", "remove the privacy_policy line", key=True)


def _retention(vendor: Vendor, doc: Document) -> Iterator[Problem]:
    """Periods come with plain words, and only for data the record says is kept."""
    if vendor.retention_period and not vendor.retention:
        yield _problem(vendor, doc, ("retention_period",), "a retention period is given without plain words",
                       "add a line 'retention: ...' saying the same for patrons, e.g. 'Two years after your last "
                       "visit.'", key=True)
    kept = {*vendor.always, *vendor.opt_in}
    for r, entry in enumerate(vendor.retention_by_category):
        for i, cat in enumerate(entry.categories):
            if cat not in kept:
                yield _problem(vendor, doc, ("retention_by_category", r, "categories", i),
                               f"{cat!r} has a retention but is not listed as kept (always or opt_in)",
                               "remove it here, or add it to data.always or data.opt_in")


def _sign_in(vendor: Vendor, doc: Document) -> Iterator[Problem]:
    """'none' (no sign-in) cannot be combined with a way of signing in."""
    if vendor.sign_in and "none" in vendor.sign_in and len(vendor.sign_in) > 1:
        yield _problem(vendor, doc, ("sign_in",), "'none' (no sign-in) is listed with ways of signing in",
                       "keep only none, or only the ways patrons sign in")
