"""The library's own terms: its name, whom patrons ask, its state's law.

They come from the ``library`` option of the ``privacy-registry`` plugin in
mkdocs.yml, so no template names a library, a state or a consortium.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.i18n import Localized

# The library's texts a site in several languages may give in each (the option's `translations`).
TRANSLATABLE = ("contact_text", "statute_title")


@dataclass(frozen=True)
class Contact:
    """Whom patrons ask about their privacy (every page's footer and the home page)."""

    text: str
    email: str | None = None
    phone: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Statute:
    """The state law that keeps library records confidential."""

    citation: str
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class LibraryTerms:
    """What the library calls itself and the words its pages use for it."""

    name: str
    short_name: str | None = None
    member_libraries: bool = False
    contact: Contact | None = None
    statute: Statute | None = None
    # Language code -> {"contact_text": ..., "statute_title": ...}: the library's texts in other languages.
    translations: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)

    def localized(self, lang: str, source: str) -> LibraryTerms:
        """These terms for pages in ``lang``: each text translated where the option gives it, and
        otherwise kept in ``source`` (marked so, so the page can say which language it is in)."""
        given = self.translations.get(lang, {}) if lang != source else {}

        def text(value: str, key: str) -> Localized:
            return Localized(given[key], lang) if key in given else Localized(value, source)

        contact = dataclasses.replace(self.contact, text=text(self.contact.text, "contact_text")) \
            if self.contact else None
        statute = dataclasses.replace(self.statute, title=text(self.statute.title, "statute_title")) \
            if self.statute and self.statute.title else self.statute
        return dataclasses.replace(self, contact=contact, statute=statute)

    def missing(self, lang: str) -> list[str]:
        """The library's texts with no translation into ``lang`` (keys of ``translations``)."""
        needed = [key for key, value in (("contact_text", self.contact), ("statute_title",
                  self.statute and self.statute.title)) if value]
        return [key for key in needed if key not in self.translations.get(lang, {})]

    @property
    def short(self) -> str:
        """The name in running text: the short name where there is one."""
        return self.short_name or self.name

    @property
    def staff(self) -> str:
        """Who helps a patron in person: at their own member library in a library system."""
        return "the staff at your member library" if self.member_libraries else "library staff"

    def as_extra(self) -> dict[str, Any]:
        """Plain data for the theme's templates (``config.extra``), which other tools may write out as YAML."""
        return {**asdict(self), "short": self.short, "staff": self.staff}

    def extra_for(self, lang: str, source: str) -> dict[str, Any]:
        """``as_extra`` for pages in ``lang``, with ``contact_lang``: the language of the contact text shown."""
        local = self.localized(lang, source)
        extra = local.as_extra()
        if local.contact:
            extra["contact"]["text"] = str(local.contact.text)
            extra["contact_lang"] = getattr(local.contact.text, "lang", source)
        return extra

    @classmethod
    def from_option(cls, option: dict[str, Any] | None, default_name: str) -> LibraryTerms:
        """Build from the plugin's validated ``library`` option (``None``: only a name, ``default_name``)."""
        if not option:
            return cls(default_name)
        contact = option.get("contact")
        statute = option.get("statute")
        return cls(
            name=option["name"],
            short_name=option.get("short_name"),
            member_libraries=option.get("member_libraries", False),
            contact=Contact(contact["text"], contact.get("email"), contact.get("phone"), contact.get("url"))
            if contact else None,
            statute=Statute(statute["citation"], statute.get("title"), statute.get("url")) if statute else None,
            translations={lang: dict(texts) for lang, texts in option.get("translations", {}).items()},
        )
