"""Plain-words building blocks the page templates share, so no page says more than the record.

Each function returns plain text (templates escape it); none decides layout. The
words are gettext messages: the renderer sets the language (:func:`speaking`) and
each function writes in it; the tables below are marked with ``N_`` and translated
where they are used.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from babel.lists import format_list

from generator.i18n import SOURCE_LANGUAGE, Localized
from generator.model import UNKNOWN, Source, Vendor, Vocabulary

_ENGLISH = gettext.NullTranslations()  # the phrases as written: one shared, immutable default
_CATALOG: ContextVar[gettext.NullTranslations] = ContextVar("catalog", default=_ENGLISH)  # noqa: B039
_LANGUAGE: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


@contextmanager
def speaking(catalog: gettext.NullTranslations, lang: str) -> Iterator[None]:
    """Write every phrase of this module in ``lang`` (with its ``catalog``) inside the block."""
    tokens = _CATALOG.set(catalog), _LANGUAGE.set(lang)
    try:
        yield
    finally:
        _CATALOG.reset(tokens[0])
        _LANGUAGE.reset(tokens[1])


def _(message: str) -> str:
    return _CATALOG.get().gettext(message)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "translate later"
    return message

# How each kind of source is named to patrons.
SOURCE_KINDS = {
    "privacy_policy": N_("Privacy policy"),
    "contract": N_("Contract or data-privacy agreement"),
    "vendor_answer": N_("Answer to the library's questions"),
    "staff_test": N_("Test by library staff"),
    "library_page": N_("A page the library published"),
}
SIGN_IN = {
    "library_card": N_("your library card number and PIN"),
    "library_sign_on": N_("the library's single sign-on page"),
    "vendor_account": N_("your own account with the service"),
    "none": N_("no sign-in at all"),
}
IDENTIFIERS = {
    "library_card_number": N_("your library card number"),
    "name": N_("your name"),
    "email": N_("your email address"),
    "phone": N_("your phone number"),
    "address": N_("your postal address"),
    "home_library": N_("your home library"),
    "age": N_("your age or age group"),
}
ANSWERS = {"yes": N_("Yes"), "no": N_("No"), UNKNOWN: N_("Not known")}


class _Translated(dict[str, str]):
    """A table of ``N_`` phrases that a template reads translated: ``answer_words["yes"]``."""

    def __getitem__(self, key: str) -> str:
        return _(super().__getitem__(key))


def lower_first(text: str) -> str:
    """``Email address`` -> ``email address`` (``IP address`` stays as it is)."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def upper_first(text: str) -> str:
    """``library staff`` -> ``Library staff``: a phrase that starts a sentence (keeping its language)."""
    upper = text[:1].upper() + text[1:]
    return Localized(upper, text.lang) if isinstance(text, Localized) else upper


def listing(words: list[str], conjunction: str = "and") -> str:
    """``['a', 'b', 'c']`` -> ``a, b and c`` (``a, b y c`` in Spanish; ``conjunction="or"``: ``a, b o c``)."""
    if len(words) <= 1:
        return "".join(words)
    lang = _LANGUAGE.get()
    if lang != SOURCE_LANGUAGE:  # the language's own list rules (CLDR, through Babel)
        return format_list(words, style="standard" if conjunction == "and" else "or", locale=lang.replace("-", "_"))
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def item_label(item: tuple[str, ...], vocabulary: Vocabulary) -> str:
    """One requirement as patrons read it: ``Name``, or ``Email address or phone number (one of these)``."""
    labels = [vocabulary.label(c) for c in item]
    if len(labels) == 1:
        return labels[0]
    return _("%(choices)s (one of these)") % {"choices": listing([labels[0], *map(lower_first, labels[1:])], "or")}


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
        return _("Not yet reviewed")
    return _("None") if keeps_none(vendor, vocabulary) else _("None listed")


def unknown_labels(vendor: Vendor, vocabulary: Vocabulary) -> list[str]:
    """Labels of the categories the record says nothing about."""
    return [c.label for c in vocabulary.categories if vendor.state(c.id) == UNKNOWN]


def not_kept_labels(vendor: Vendor, vocabulary: Vocabulary) -> list[str]:
    """Labels of the categories a source says are not kept."""
    return [c.label for c in vocabulary.categories if vendor.state(c.id) == "not_kept"]


def source_name(source: Source, vendor: Vendor) -> str:
    """A source as a noun phrase: ``Tutor.com's privacy policy``."""
    if source.description:
        return Localized(source.description, SOURCE_LANGUAGE)  # staff's own words: not translated
    plural = vendor.name.endswith("s")  # "NOVEL Databases' privacy policy"
    names = {
        "privacy_policy": (_("the library's own privacy policy") if vendor.is_library
                           else _("%(name)s' privacy policy") if plural else _("%(name)s's privacy policy")),
        "contract": _("the library's contract or data-privacy agreement with %(name)s"),
        "vendor_answer": _("%(name)s' answer to the library") if plural else _("%(name)s's answer to the library"),
        "staff_test": _("a test of %(name)s by library staff"),
        "library_page": _("a page the library published"),
    }
    return names[source.kind] % {"name": vendor.name}


def none_found(source: Source, vendor: Vendor, date: str) -> str:
    """The sentence for a record whose source found no patron data kept."""
    values = {"name": vendor.name, "date": date}
    if source.kind == "privacy_policy" and not source.description:
        if vendor.name.endswith("s"):
            return _("The library's review of %(name)s' privacy policy on %(date)s found no patron data kept.") % values
        return _("The library's review of %(name)s's privacy policy on %(date)s found no patron data kept.") % values
    if source.kind == "staff_test" and not source.description:
        return _("A test of %(name)s by library staff on %(date)s found no patron data kept.") % values
    name = source_name(source, vendor)
    values["source"] = name[0].upper() + name[1:]
    return _("%(source)s lists no patron data kept by %(name)s (checked on %(date)s).") % values


def newest_source(vendor: Vendor) -> Source | None:
    """The source checked most recently (the first listed among equals)."""
    return max(vendor.sources, key=lambda s: s.checked, default=None)


def has_policy_review(vendor: Vendor) -> bool:
    """True when a source is the vendor's own privacy policy, contract, answer or a staff test."""
    return any(s.kind != "library_page" for s in vendor.sources)


def sign_in_words(vendor: Vendor) -> str:
    """How patrons sign in, in words, or 'Not known'."""
    if vendor.sign_in is None:
        return _(ANSWERS[UNKNOWN])
    text = listing([_(SIGN_IN[s]) for s in vendor.sign_in], "or")
    return text[0].upper() + text[1:]


def identifiers_words(vendor: Vendor) -> str:
    """What the library passes to the vendor, in words, or 'Not known'."""
    if vendor.identifiers_shared is None:
        return _(ANSWERS[UNKNOWN])
    if not vendor.identifiers_shared:
        return _("Nothing")
    text = listing([_(IDENTIFIERS[i]) for i in vendor.identifiers_shared])
    return text[0].upper() + text[1:]


def category_words(ids: tuple[str, ...], vocabulary: Vocabulary) -> str:
    """Category ids as words inside a sentence: ``checkout history and holds``."""
    return listing([lower_first(vocabulary.label(c)) for c in ids])


def filters() -> dict[str, object]:
    """The functions above, as Jinja filters and globals."""
    return {"item_label": item_label, "kept_list": kept_list, "keeps_none": keeps_none, "empty_cell": empty_cell,
            "unknown_labels": unknown_labels, "not_kept_labels": not_kept_labels, "source_name": source_name,
            "none_found": none_found, "newest_source": newest_source, "has_policy_review": has_policy_review,
            "sign_in_words": sign_in_words, "identifiers_words": identifiers_words,
            "answer_words": _Translated(ANSWERS), "source_kinds": _Translated(SOURCE_KINDS), "listing": listing,
            "category_words": category_words,
            "lower_first": lower_first}
