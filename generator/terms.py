"""The library's own terms: its name, whom patrons ask, its state's law.

They come from the ``library`` option of the ``privacy-registry`` plugin in
mkdocs.yml, so no template names a library, a state or a consortium.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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
        )
