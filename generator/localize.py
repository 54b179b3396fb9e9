"""The registry in one language, and the translations it is missing.

Every translatable text in the registry files carries its translations beside
it, keyed by language code (``translations: {es: {label: ...}}``), so staff
editing the English see the Spanish that may need the same change. A text
without a translation falls back to the original, and keeps its language
(:class:`generator.i18n.Localized`) so the page can mark it ``lang="en"``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from generator.i18n import Languages, Localized, localized_path, split_language
from generator.model import Category, Group, Registry, Vendor
from generator.problems import Problem
from generator.yamlsrc import Document

# The translatable fields of each kind of record.
GROUP_FIELDS = ("label",)
CATEGORY_FIELDS = ("label", "description")
VENDOR_FIELDS = ("service", "retention", "how_to_avoid", "how_to_delete", "note")


def _text(original: str, translated: Mapping[str, Mapping[str, str]], lang: str, field: str,
          source: str) -> Localized:
    value = translated.get(lang, {}).get(field) if lang != source else None
    return Localized(value, lang) if value else Localized(original, source)


def localize(registry: Registry, lang: str, source: str) -> Registry:
    """``registry`` with every translatable text in ``lang`` where a translation exists.

    ``source`` is the language the records are written in; texts that fall back
    to it keep that language (``Localized.lang``).
    """

    def group(g: Group) -> Group:
        return dataclasses.replace(g, label=_text(g.label, g.translations, lang, "label", source))

    def category(c: Category) -> Category:
        return dataclasses.replace(c, label=_text(c.label, c.translations, lang, "label", source),
                                   description=_text(c.description, c.translations, lang, "description", source))

    def vendor(v: Vendor) -> Vendor:
        texts = {f: _text(getattr(v, f), v.translations, lang, f, source) for f in VENDOR_FIELDS if getattr(v, f)}
        return dataclasses.replace(v, **texts)  # type: ignore[arg-type]

    vocabulary = dataclasses.replace(registry.vocabulary, groups=tuple(group(g) for g in registry.vocabulary.groups),
                                     categories=tuple(category(c) for c in registry.vocabulary.categories))
    return dataclasses.replace(registry, vocabulary=vocabulary, vendors=tuple(vendor(v) for v in registry.vendors))


def missing_translations(registry: Registry, languages: Languages, vocab_doc: Document | None,
                         vocab_display: str) -> list[Problem]:
    """A warning for each text of the vocabulary that has no translation in one of the site's languages."""
    out: list[Problem] = []
    if vocab_doc is None:
        return out
    records: list[tuple[str, int, Group | Category, tuple[str, ...]]] = [
        *(("groups", i, g, GROUP_FIELDS) for i, g in enumerate(registry.vocabulary.groups)),
        *(("categories", i, c, CATEGORY_FIELDS) for i, c in enumerate(registry.vocabulary.categories)),
    ]
    for lang in languages.others:
        for kind, i, record, fields in records:
            missing = [f for f in fields if not record.translations.get(lang, {}).get(f)]
            if not missing:
                continue
            line, col = vocab_doc.position((kind, i, "id"))
            what = " and ".join(missing)
            example = ", ".join(f"{f}: ..." for f in missing)
            out.append(Problem(vocab_display, line, col, f"{kind}[{i}].translations.{lang}",
                               f"{record.id!r} has no {lang!r} {what}; the {lang!r} pages show it in "
                               f"{languages.default!r}",
                               f"add 'translations: {{{lang}: {{{example}}}}}' under it"))
    return out


def missing_vendor_translations(registry: Registry, languages: Languages,
                                docs: Mapping[str, Document]) -> list[Problem]:
    """A warning for each vendor text that has no translation in one of the site's languages."""
    out: list[Problem] = []
    for lang in languages.others:
        for v in registry.vendors:
            doc = docs.get(v.source)
            missing = [f for f in VENDOR_FIELDS if getattr(v, f) and not v.translations.get(lang, {}).get(f)]
            if doc is None or not missing:
                continue
            line, col = doc.position((missing[0],))
            out.append(Problem(v.source, line, col, f"translations.{lang}",
                               f"{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} no {lang!r} "
                               f"translation; the {lang!r} page shows the {languages.default!r} text",
                               f"add 'translations: {{{lang}: {{{missing[0]}: ...}}}}' at the end of the file"))
    return out


def missing_pages(docs: Path, root: Path, languages: Languages) -> list[Problem]:
    """A warning for each page in ``docs`` that has no version in one of the site's other languages."""
    out: list[Problem] = []
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    present = set(pages)
    shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.as_posix()
    for page in pages:
        if split_language(page, languages.others)[1] is not None:
            continue
        for lang in languages.others:
            if localized_path(page, lang) not in present:
                out.append(Problem(f"{shown}/{page}", 1, 1, "(page)",
                                   f"has no {lang!r} version; the {lang!r} site shows this page in "
                                   f"{languages.default!r}",
                                   f"write it as {shown}/{localized_path(page, lang)}"))
    return out
