"""Checks across the loaded records: blank texts, dates, categories, names and former ids."""

from __future__ import annotations

import datetime as dt
import difflib

from generator import schema
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
    """Dates in a record that cannot be right: in the future, or a correction before its entry."""
    out = []
    dated: list[tuple[tuple[str | int, ...], str]] = []
    if vendor.last_reviewed:
        dated.append((("last_reviewed",), vendor.last_reviewed))
    dated += [(("changes", i, "date"), c.date) for i, c in enumerate(vendor.changes)]
    dated += [(("changes", i, "corrected"), c.corrected) for i, c in enumerate(vendor.changes) if c.corrected]
    if vendor.retired:
        dated.append((("retired",), vendor.retired))
    for i, c in enumerate(vendor.changes):
        if c.corrected and c.corrected < c.date:
            line, col = doc.position(("changes", i, "corrected"))
            out.append(Problem(vendor.source, line, col, f"changes[{i}].corrected",
                               f"{c.corrected} is before the entry's own date ({c.date})",
                               "write the day the words were corrected"))
    dated += [(("sources", i, "checked"), s.checked) for i, s in enumerate(vendor.sources)]
    for path, value in dated:
        if dt.date.fromisoformat(value) > today:
            line, col = doc.position(path)
            out.append(Problem(vendor.source, line, col, schema.dotted(path),
                               f"{value} is in the future", f"use a date on or before {today.isoformat()}"))
    return out


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
