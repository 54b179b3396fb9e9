"""Which fields of ``vendors/<id>.yaml`` a changed policy asks staff to review.

A reminder, not a verdict: each field is suggested when the added or removed
sentences mention what it records (a data category's label or alias from the
vocabulary, words about keeping or deleting data, advertising, children...).
Fields the vendor schema does not know are never suggested; fields missing from
the file are suggested "(not in the file yet)". ``sources`` (where the schema has
it), ``last_reviewed`` (where the file has it, or has no sources) and
``changes`` are always listed: they close the review.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Vocabulary
from generator.schema import schema_text
from generator.yamlsrc import Document

# field -> (what it records, words in a changed sentence that point at it)
TOPICS: dict[str, tuple[str, str]] = {
    "retention": ("how long it keeps data", r"retain|retention|kept for|keep \w+ for|delet|days?|months?|years?"),
    "retention_period": ("how long it keeps data, as a period", r"retain|retention|days?|months?|years?"),
    "how_to_avoid": ("how to avoid it or have data deleted",
                     r"opt[- ]out|delet|remov|eras|your (?:choices|rights)|request"),
    "how_to_delete": ("how to have data deleted", r"delet|remov|eras|close (?:your|the) account"),
    "deletion_contact": ("where to ask for deletion", r"contact|e-?mail us|write to|request"),
    "sign_in": ("how patrons sign in", r"sign[- ]?in|log[- ]?in|password|single sign[- ]on|sso|library card"),
    "identifiers_shared": ("what the library passes to the vendor", r"library card|barcode|patron id|identifier"),
    "advertising_or_tracking": ("advertising or tracking", r"advertis|track|cookie|analytics|pixel|profil"),
    "sells_or_shares": ("selling or sharing beyond the service", r"\bsell|\bsale|share|third[- ]part|partner|affiliat"),
    "children": ("data about children", r"child|coppa|under (?:13|thirteen)|minor|parent"),
}


@dataclass(frozen=True)
class ReviewField:
    """One field to look at again, where it is written, and why."""

    field: str
    line: int  # 0 when the file does not have the field yet
    why: str


def _known_fields() -> set[str]:
    schema = json.loads(schema_text("vendor"))
    return set(schema.get("properties", {}))


def _mentions(sentences: str, vocabulary: Vocabulary) -> list[str]:
    found = []
    for category in vocabulary.categories:
        terms = [category.label, *category.aliases]
        if any(re.search(rf"\b{re.escape(t.lower())}\b", sentences) for t in terms if t.strip()):
            found.append(category.label.lower())
    return found


def fields_to_review(changed_sentences: Iterable[str], doc: Document | None, vocabulary: Vocabulary
                     ) -> list[ReviewField]:
    """The fields to review for a vendor whose policy changed in ``changed_sentences``."""
    text = " ".join(changed_sentences).lower()
    known = _known_fields()
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}

    def line(field: str) -> int:
        return doc.key_position((field,))[0] if doc is not None and field in data else 0

    out = []
    mentioned = _mentions(text, vocabulary)
    if "data" in known:
        why = ("what it keeps, always or with opt-in: the change mentions " + ", ".join(mentioned) if mentioned
               else "what it keeps, always or with opt-in")
        out.append(ReviewField("data", line("data"), why))
    for field, (what, pattern) in TOPICS.items():
        if field in known and re.search(pattern, text):
            out.append(ReviewField(field, line(field), what + ("" if field in data else " (not in the file yet)")))
    if "sources" in known:
        out.append(ReviewField("sources", line("sources"),
                               "list the privacy policy as a source with the day you checked it (or update that day)"))
    if "last_reviewed" in data or "sources" not in known:
        out.append(ReviewField("last_reviewed", line("last_reviewed"),
                               "set it to the day the record matches the policy"))
    out.append(ReviewField("changes", line("changes"),
                           "add a dated entry if what the service keeps changed (diff will ask for it)"))
    return out
