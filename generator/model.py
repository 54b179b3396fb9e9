"""The typed registry model. Built only from validated data (see ``registry``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Group:
    """A heading under which the glossary lists categories."""

    id: str
    label: str


@dataclass(frozen=True)
class Category:
    """One kind of patron data, from the controlled vocabulary."""

    id: str
    label: str
    description: str
    group: str
    aliases: tuple[str, ...] = ()
    dpv: str | None = None
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """One dated, plain-language entry: a vendor change or a policy revision."""

    date: str
    summary: str
    corrected: str | None = None  # when the words were corrected; the change log says so


@dataclass(frozen=True)
class Vendor:
    """One third-party service and the patron data it keeps."""

    id: str
    name: str
    service: str
    website: str
    privacy_policy: str
    always: tuple[str, ...]
    opt_in: tuple[str, ...]
    last_reviewed: str
    changes: tuple[Change, ...]
    source: str
    privacy_policy_verified: bool = True
    retention: str | None = None
    how_to_avoid: str | None = None
    note: str | None = None
    retired: str | None = None
    former_ids: tuple[str, ...] = ()

    @property
    def keeps_nothing(self) -> bool:
        """True when the service keeps no patron data at all."""
        return not self.always and not self.opt_in

    @property
    def active(self) -> bool:
        """True while the library still offers the service."""
        return self.retired is None

    @property
    def history(self) -> tuple[Change, ...]:
        """Changes, newest first."""
        return tuple(sorted(self.changes, key=lambda c: c.date, reverse=True))

    @property
    def updated(self) -> str:
        """The newest date in the record: review, change or retirement."""
        return max([self.last_reviewed, *(c.date for c in self.changes), self.retired or ""])


@dataclass(frozen=True)
class Vocabulary:
    """The controlled list of data categories, in display order."""

    groups: tuple[Group, ...]
    categories: tuple[Category, ...]
    changes: tuple[Change, ...] = ()  # the vocabulary's own dated history
    by_id: dict[str, Category] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {c.id: c for c in self.categories})

    def label(self, category_id: str) -> str:
        """The patron-facing label of a category id."""
        return self.by_id[category_id].label

    def in_group(self, group_id: str) -> tuple[Category, ...]:
        """Categories of one group, in vocabulary order."""
        return tuple(c for c in self.categories if c.group == group_id)


@dataclass(frozen=True)
class Registry:
    """Every vendor and the vocabulary, validated and cross-checked."""

    vocabulary: Vocabulary
    vendors: tuple[Vendor, ...]

    @property
    def active(self) -> tuple[Vendor, ...]:
        """Vendors the library offers now, by name."""
        return tuple(v for v in self.vendors if v.active)

    @property
    def updated(self) -> str:
        """The newest date anywhere in the registry (not the build clock)."""
        return max((v.updated for v in self.vendors), default="")

    def vendors_keeping(self, category_id: str) -> tuple[tuple[Vendor, str], ...]:
        """Active vendors that keep a category, with ``'always'`` or ``'opt_in'``."""
        out = []
        for vendor in self.active:
            if category_id in vendor.always:
                out.append((vendor, "always"))
            elif category_id in vendor.opt_in:
                out.append((vendor, "opt_in"))
        return tuple(out)
