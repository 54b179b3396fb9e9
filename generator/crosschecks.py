"""Checks across the loaded records: blank texts, dates, categories, names and former ids."""

from __future__ import annotations

import datetime as dt
import difflib

from generator import rawchecks, schema
from generator.model import (
    Vendor,
    Vocabulary,
)
from generator.problems import Problem
from generator.recordchecks import category_uses as _category_uses
from generator.yamlsrc import Document

TEXT_FIELDS = ("name", "service", "retention", "how_to_avoid", "how_to_delete", "note")


def blank_text(doc: Document, display: str) -> list[Problem]:
    """Text fields holding only spaces (the schema counts them as written)."""
    paths: list[tuple[str | int, ...]] = [(key,) for key in TEXT_FIELDS if key in doc.data]
    paths += [("changes", i, "summary") for i in range(len(doc.data["changes"]))]
    for i, source in enumerate(doc.data.get("sources", ())):
        paths += [("sources", i, key) for key in ("description", "quote") if key in source]
    paths += [("retention_by_category", i, "retention") for i in range(len(doc.data.get("retention_by_category", ())))]
    if "note" in doc.data.get("children", {}):
        paths.append(("children", "note"))
    out = []
    for path in paths:
        value = doc.data
        for part in path:
            value = value[part]
        if not value.strip():
            line, col = doc.position(path)
            out.append(Problem(display, line, col, schema.dotted(path), "is blank",
                               "write some words, or remove the field if it is optional"))
    return out


def vendor_dates(vendor: Vendor, doc: Document, today: dt.date) -> list[Problem]:
    """Dates in a record that cannot be right: in the future or absurdly early, a correction before its
    entry, entries out of date order, and a retirement the history does not tell."""
    out = []
    dated: list[tuple[tuple[str | int, ...], str]] = []
    if vendor.last_reviewed:
        dated.append((("last_reviewed",), vendor.last_reviewed))
    dated += [(("changes", i, "date"), c.date) for i, c in enumerate(vendor.changes)]
    dated += [(("changes", i, "corrected"), c.corrected) for i, c in enumerate(vendor.changes) if c.corrected]
    if vendor.retired:
        dated.append((("retired",), vendor.retired))
    out += rawchecks.corrected_too_early(doc, vendor.source, "changes")
    dated += [(("sources", i, "checked"), s.checked) for i, s in enumerate(vendor.sources)]
    for path, value in dated:
        found = rawchecks.date_problem(value, today)
        if found is not None:
            line, col = doc.position(path)
            out.append(Problem(vendor.source, line, col, schema.dotted(path), *found))
    out += rawchecks.out_of_order(doc, vendor.source, "changes", out)
    return out + ([] if any(p.field == "retired" for p in out) else _retirement(vendor, doc))


def _retirement(vendor: Vendor, doc: Document) -> list[Problem]:
    """A retired service was listed first, and its history says when it stopped: an entry on that day.

    The page and the change log tell a service's history from its entries; a retirement before the
    first of them would say it stopped before it was listed, and one without an entry of its own
    would not be in the change log or the feed at all.
    """
    if not vendor.retired:
        return []
    line, col = doc.position(("retired",))
    first = min(c.date for c in vendor.changes)
    if vendor.retired < first:
        return [Problem(vendor.source, line, col, "retired",
                        f"{vendor.retired} is before the record's first entry ({first}): the page would say the "
                        "service stopped before it was listed",
                        f"check the date: a service is retired on or after the day it was listed, {first}")]
    if not any(c.date == vendor.retired for c in vendor.changes):
        return [Problem(vendor.source, line, col, "retired",
                        f"no entry in changes is dated {vendor.retired}, the day the service was retired, so the "
                        "change log and the feed would not say so",
                        f"add an entry at the end of changes: '- date: {vendor.retired}' with a summary such as "
                        f"'The library stopped offering {vendor.name}.'")]
    return []


def vocabulary_dates(doc: Document, display: str, today: dt.date) -> list[Problem]:
    """The vocabulary's own history: no impossible date, entries oldest first, a correction after its entry."""
    out = []
    for i, entry in enumerate(doc.data.get("changes", ())):
        for key in ("date", "corrected"):
            found = rawchecks.date_problem(entry[key], today) if key in entry else None
            if found is not None:
                line, col = doc.position(("changes", i, key))
                out.append(Problem(display, line, col, f"changes[{i}].{key}", *found))
    out += rawchecks.corrected_too_early(doc, display, "changes")
    return out + rawchecks.out_of_order(doc, display, "changes", out)


def suggest_category(word: str, vocabulary: Vocabulary) -> str:
    """A hint naming the closest known category ids (aliases count too)."""
    renamed = next((c.id for c in vocabulary.categories if word in c.former_ids), None)
    if renamed:
        return f"the category was renamed: write {renamed!r}"
    names = {c.id: c.id for c in vocabulary.categories}
    for c in vocabulary.categories:
        for alias in c.aliases:
            names[alias.replace(" ", "_").lower()] = c.id
    close = difflib.get_close_matches(word.lower().replace(" ", "_").replace("-", "_"), list(names), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(names[c] for c in close))
    if ids:
        return "did you mean " + " or ".join(repr(i) for i in ids) + "?"
    return "see vendors/_categories.yaml for the known categories"


def cross_checks(vendors: list[Vendor], vocabulary: Vocabulary, docs: dict[str, Document]) -> list[Problem]:
    """What only the whole registry shows: unknown categories, names used twice, former ids."""
    out: list[Problem] = []
    names: dict[str, Vendor] = {}
    for vendor in vendors:
        doc = docs[vendor.source]
        for path, cat_id in _category_uses(doc.data):
            if cat_id not in vocabulary.by_id:
                line, col = doc.position(path)
                out.append(Problem(vendor.source, line, col, schema.dotted(path),
                                   f"{cat_id!r} is not a known category", suggest_category(cat_id, vocabulary)))
        key = " ".join(vendor.name.casefold().split())
        if key in names:
            other = names[key]
            for this, that in ((vendor, other), (other, vendor)):
                line, col = docs[this.source].position(("name",))
                out.append(Problem(this.source, line, col, "name",
                                   f"{this.name!r} is also the name of {that.source}",
                                   "give each service a distinct name, or delete the duplicate file"))
        else:
            names[key] = vendor
    out.extend(_former_id_checks(vendors, docs))
    return out


def unused_categories(vendors: list[Vendor], vocabulary: Vocabulary, vdoc: Document,
                       vocab_display: str) -> list[Problem]:
    """Warnings (not errors) for categories no vendor keeps: a library that starts from the shared
    vocabulary with few vendors, or none yet (``privacy-registry init``), is not wrong."""
    used = {c for v in vendors for c in (*v.always, *v.opt_in)}
    out = []
    for i, cat in enumerate(vocabulary.categories):
        if cat.id not in used:
            line, col = vdoc.position(("categories", i, "id"))
            out.append(Problem(vocab_display, line, col, f"categories[{i}].id",
                               f"the category {cat.id!r} is not used by any vendor",
                               "remove it, or list it in the vendor that keeps it"))
    return out


def _former_id_checks(vendors: list[Vendor], docs: dict[str, Document]) -> list[Problem]:
    """An old id redirects to exactly one live vendor and is never a live id itself."""
    out: list[Problem] = []
    live = {v.id: v for v in vendors}
    claimed: dict[str, Vendor] = {}
    for vendor in vendors:
        doc = docs[vendor.source]
        for i, old in enumerate(vendor.former_ids):
            line, col = doc.position(("former_ids", i))
            where = f"former_ids[{i}]"
            if old == vendor.id:
                out.append(Problem(vendor.source, line, col, where, f"{old!r} is this vendor's own id",
                                   "list only the ids the file had before it was renamed"))
            elif old in live:
                out.append(Problem(vendor.source, line, col, where,
                                   f"{old!r} is still the id of {live[old].source}; its address cannot redirect",
                                   f"remove {old!r} from former_ids, or rename or remove {live[old].source}"))
            elif old in claimed:
                out.append(Problem(vendor.source, line, col, where,
                                   f"{old!r} is also a former id of {claimed[old].source}",
                                   "an old address can redirect to one vendor only; keep it in one file"))
            else:
                claimed[old] = vendor
    return out
