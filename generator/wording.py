"""Plain-words building blocks the page templates share, so no page says more than the record.

Each function returns plain text (templates escape it); none decides layout.
"""

from __future__ import annotations

from generator.model import UNKNOWN, Source, Vendor, Vocabulary

# How each kind of source is named to patrons.
SOURCE_KINDS = {
    "privacy_policy": "Privacy policy",
    "contract": "Contract or data-privacy agreement",
    "vendor_answer": "Answer to the library's questions",
    "staff_test": "Test by library staff",
    "library_page": "A page the library published",
}
SIGN_IN = {
    "library_card": "your library card number and PIN",
    "library_sign_on": "the library's single sign-on page",
    "vendor_account": "your own account with the service",
    "none": "no sign-in at all",
}
IDENTIFIERS = {
    "library_card_number": "your library card number",
    "name": "your name",
    "email": "your email address",
    "phone": "your phone number",
    "address": "your postal address",
    "home_library": "your home library",
    "age": "your age or age group",
}
ANSWERS = {"yes": "Yes", "no": "No", UNKNOWN: "Not known"}


def lower_first(text: str) -> str:
    """``Email address`` -> ``email address`` (``IP address`` stays as it is)."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def listing(words: list[str], conjunction: str = "and") -> str:
    """``['a', 'b', 'c']`` -> ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def item_label(item: tuple[str, ...], vocabulary: Vocabulary) -> str:
    """One requirement as patrons read it: ``Name``, or ``Email address or phone number (one of these)``."""
    labels = [vocabulary.label(c) for c in item]
    if len(labels) == 1:
        return labels[0]
    return listing([labels[0], *map(lower_first, labels[1:])], "or") + " (one of these)"


def kept_list(vendor: Vendor, kept: str, vocabulary: Vocabulary) -> str:
    """What a vendor keeps ``always`` or ``opt_in``, comma separated ('' when nothing is listed)."""
    items = vendor.items(kept)
    return ", ".join(item_label(item, vocabulary) for item in items)


def keeps_none(vendor: Vendor, vocabulary: Vocabulary) -> bool:
    """True when a source says the vendor keeps none of the vocabulary's kinds of data."""
    return vendor.reviewed and vendor.keeps_none_of(tuple(c.id for c in vocabulary.categories))


def empty_cell(vendor: Vendor, vocabulary: Vocabulary) -> str:
    """What a chart cell says when a vendor keeps nothing of that kind, as far as the record shows."""
    if not vendor.reviewed:
        return "Not yet reviewed"
    return "None" if keeps_none(vendor, vocabulary) else "None listed"


def unknown_labels(vendor: Vendor, vocabulary: Vocabulary) -> list[str]:
    """Labels of the categories the record says nothing about."""
    return [c.label for c in vocabulary.categories if vendor.state(c.id) == UNKNOWN]


def not_kept_labels(vendor: Vendor, vocabulary: Vocabulary) -> list[str]:
    """Labels of the categories a source says are not kept."""
    return [c.label for c in vocabulary.categories if vendor.state(c.id) == "not_kept"]


def source_name(source: Source, vendor: Vendor) -> str:
    """A source as a noun phrase: ``Tutor.com's privacy policy``."""
    own = "the library's own" if vendor.is_library else f"{vendor.name}'s"
    if source.description:
        return source.description
    return {
        "privacy_policy": f"{own} privacy policy",
        "contract": f"the library's contract or data-privacy agreement with {vendor.name}",
        "vendor_answer": f"{vendor.name}'s answer to the library",
        "staff_test": f"a test of {vendor.name} by library staff",
        "library_page": "a page the library published",
    }[source.kind]


def none_found(source: Source, vendor: Vendor, date: str) -> str:
    """The sentence for a record whose source found no patron data kept."""
    if source.kind == "privacy_policy" and not source.description:
        return f"The library's review of {vendor.name}'s privacy policy on {date} found no patron data kept."
    if source.kind == "staff_test" and not source.description:
        return f"A test of {vendor.name} by library staff on {date} found no patron data kept."
    name = source_name(source, vendor)
    return f"{name[0].upper() + name[1:]} lists no patron data kept by {vendor.name} (checked on {date})."


def newest_source(vendor: Vendor) -> Source | None:
    """The source checked most recently (the first listed among equals)."""
    return max(vendor.sources, key=lambda s: s.checked, default=None)


def has_policy_review(vendor: Vendor) -> bool:
    """True when a source is the vendor's own privacy policy, contract, answer or a staff test."""
    return any(s.kind != "library_page" for s in vendor.sources)


def sign_in_words(vendor: Vendor) -> str:
    """How patrons sign in, in words, or 'Not known'."""
    if vendor.sign_in is None:
        return ANSWERS[UNKNOWN]
    text = listing([SIGN_IN[s] for s in vendor.sign_in], "or")
    return text[0].upper() + text[1:]


def identifiers_words(vendor: Vendor) -> str:
    """What the library passes to the vendor, in words, or 'Not known'."""
    if vendor.identifiers_shared is None:
        return ANSWERS[UNKNOWN]
    if not vendor.identifiers_shared:
        return "Nothing"
    text = listing([IDENTIFIERS[i] for i in vendor.identifiers_shared])
    return text[0].upper() + text[1:]


def category_words(ids: tuple[str, ...], vocabulary: Vocabulary) -> str:
    """Category ids as words inside a sentence: ``checkout history and holds``."""
    return listing([lower_first(vocabulary.label(c)) for c in ids])


def filters() -> dict[str, object]:
    """The functions above, as Jinja filters and globals."""
    return {"item_label": item_label, "kept_list": kept_list, "keeps_none": keeps_none, "empty_cell": empty_cell,
            "unknown_labels": unknown_labels, "not_kept_labels": not_kept_labels, "source_name": source_name,
            "none_found": none_found, "newest_source": newest_source, "has_policy_review": has_policy_review,
            "sign_in_words": sign_in_words, "identifiers_words": identifiers_words, "answer_words": ANSWERS,
            "source_kinds": SOURCE_KINDS, "listing": listing, "category_words": category_words,
            "lower_first": lower_first}
