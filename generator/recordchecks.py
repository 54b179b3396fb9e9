"""Checks of one vendor record that a JSON Schema cannot express, each with its line and a fix.

The schema has already passed when these run, so the data has the right shape;
these look at how the fields fit together (a category in two states, a
retention period without words, an outside service without a privacy policy).
"""

from __future__ import annotations

import re
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
            *_sign_in(vendor, doc), *_unsourced(vendor, doc)]


# What a record says about the service itself; every one needs a source. The rest names the
# service (name, website, privacy_policy...), or is the library's own bookkeeping.
FACT_FIELDS = ("data", "sign_in", "identifiers_shared", "retention", "retention_period", "retention_by_category",
               "advertising_or_tracking", "sells_or_shares", "children", "how_to_avoid", "how_to_delete",
               "deletion_contact", "note")


def stated(data: dict[str, Any]) -> list[str]:
    """The fact fields a record states: "unknown", an empty list and an empty data block say nothing."""
    def says(value: Any) -> bool:
        if isinstance(value, dict):
            return any(says(v) for v in value.values())
        if isinstance(value, list):
            return bool(value)
        return value is not None and value != "unknown"
    return [key for key in FACT_FIELDS if key in data and says(data[key])]


def _unsourced(vendor: Vendor, doc: Document) -> Iterator[Problem]:
    """Facts with no source: the page would state them ("Sold: No") while saying it cannot tell what is kept."""
    facts = stated(doc.data)
    if vendor.sources or not facts:
        return
    yield _problem(vendor, doc, (facts[0],), f"the record states {', '.join(facts)} but names no source; every fact "
                   "a patron reads needs one", "add a sources: list saying where you learned it (the vendor's "
                   "privacy policy, a contract, its answer to the library, a staff test), with the day you "
                   "checked; or remove what no source says", key=True)


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
    pairs: list[tuple[Path, str | None, str | None]] = [(("retention",), vendor.retention, vendor.retention_period)]
    pairs += [(("translations", lang, "retention"), texts.get("retention"), vendor.retention_period)
              for lang, texts in vendor.translations.items()]
    pairs += [(("retention_by_category", r, "retention"), e.retention, e.period)
              for r, e in enumerate(vendor.retention_by_category)]
    for path, words, period in pairs:
        found = contradiction(words, period) if words and period else None
        if found is not None:
            said, length = found
            yield _problem(vendor, doc, path, f"says {said!r}, but the period beside it, {period}, is {length}",
                           "make them say the same: change the words, or the period (P2Y is two years, P6M six "
                           "months, P30D thirty days)")
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


# Lengths of time written in words, in English and Spanish: a number (in digits or a word) and a
# unit. "a year" and "un año" are left out: "a year and a half" is not one year.
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty": 30,
            "thirty-six": 36, "forty-five": 45, "sixty": 60, "ninety": 90,
            "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
            "once": 11, "doce": 12, "dieciocho": 18, "veinte": 20, "veinticuatro": 24, "treinta": 30,
            "sesenta": 60, "noventa": 90}
# Each unit in the smallest unit of its kind: years and months in months, weeks and days in days.
_UNITS = {"year": ("M", 12), "month": ("M", 1), "week": ("D", 7), "day": ("D", 1), "hour": ("H", 1),
          "año": ("M", 12), "mes": ("M", 1), "semana": ("D", 7), "día": ("D", 1), "dia": ("D", 1), "hora": ("H", 1)}
_LENGTH = re.compile(r"\b(\d+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")[\s-]+("
                     + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?:s|es)?\b", re.I)
_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_KIND_WORDS = {"M": ("month", 12, "year"), "D": ("day", 7, "week"), "H": ("hour", 0, "")}


def contradiction(words: str, period: str) -> tuple[str, str] | None:
    """``(what the words say, the period in words)`` when the words give a length of time of the period's
    kind and none equals it ('two years' beside P5Y); None when they agree or cannot be compared.

    Only plain lengths are compared: a number and a unit ('two years', '30 days', 'seis meses'). A
    period of two kinds (P1Y15D), words of another kind than the period ('90 days' beside P3M, which
    is close but not the same), or a half ('a year and a half') are left to the reviewer.
    """
    match = _PERIOD.match(period)
    if match is None or re.search(r"\bhalf\b|\bmedi[oa]\b", words, re.I):
        return None
    y, m, w, d, h, minutes, s = (int(g) if g else 0 for g in match.groups())
    kinds = {kind: amount for kind, amount in (("M", y * 12 + m), ("D", w * 7 + d), ("H", h)) if amount}
    if len(kinds) != 1 or minutes or s:
        return None
    ((kind, amount),) = kinds.items()
    said = [(found.group(0), _amount(found.group(1)) * _UNITS[found.group(2).lower()][1])
            for found in _LENGTH.finditer(words) if _UNITS[found.group(2).lower()][0] == kind]
    if not said or any(length == amount for _, length in said):
        return None
    return said[0][0], _in_words(kind, amount)


def _amount(number: str) -> int:
    return int(number) if number.isdigit() else _NUMBERS[number.lower()]


def _in_words(kind: str, amount: int) -> str:
    unit, per, bigger = _KIND_WORDS[kind]
    if per and amount % per == 0:
        unit, amount = bigger, amount // per
    return f"{amount} {unit}{'s' if amount != 1 else ''}"
