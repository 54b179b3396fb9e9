"""The typed registry model. Built only from validated data (see ``registry``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Group:
    """A heading under which the glossary lists categories."""

    id: str
    label: str
    # Language code -> {"label": ...}: the label in other languages.
    translations: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Member:
    """One member library of a library system or consortium that shares the registry."""

    id: str
    name: str
    website: str | None = None


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
    # Language code -> {"label": ..., "description": ...}: the text in other languages.
    translations: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Change:
    """One dated, plain-language entry: a vendor change or a policy revision."""

    date: str
    summary: str
    corrected: str | None = None  # when the words were corrected; the change log says so


# The states a data category can have in a vendor record; absent from every list means "unknown".
STATES = ("always", "opt_in", "not_kept")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Source:
    """Where the library learned a record's facts, and when staff checked it."""

    kind: str  # privacy_policy | contract | vendor_answer | staff_test | library_page
    checked: str
    address: str | None = None
    description: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class OneOf:
    """One requirement met by any one of several categories ("email address or mobile number")."""

    kept: str  # always | opt_in
    categories: tuple[str, ...]


@dataclass(frozen=True)
class CategoryRetention:
    """How long some categories are kept, where it differs from the rest."""

    categories: tuple[str, ...]
    retention: str
    period: str | None = None


@dataclass(frozen=True)
class Children:
    """What the record says about children's data; each answer is yes, no or unknown."""

    targets_children: str = UNKNOWN
    coppa: str = UNKNOWN
    note: str | None = None


@dataclass(frozen=True)
class Vendor:
    """One service offered to patrons and the patron data it keeps, with where the facts come from.

    ``always`` and ``opt_in`` hold every category kept that way, the members of
    ``one_of`` requirements included, so a service that keeps "email address or
    phone number" counts under both; ``items`` keeps the requirements apart for wording.
    """

    id: str
    name: str
    service: str
    website: str
    privacy_policy: str | None
    always: tuple[str, ...]
    opt_in: tuple[str, ...]
    last_reviewed: str | None
    changes: tuple[Change, ...]
    source: str
    privacy_policy_verified: bool = False  # only a record that says true is shown as confirmed
    retention: str | None = None
    how_to_avoid: str | None = None
    note: str | None = None
    retired: str | None = None
    former_ids: tuple[str, ...] = ()
    not_kept: tuple[str, ...] = ()
    one_of: tuple[OneOf, ...] = ()
    sources: tuple[Source, ...] = ()
    library_policy_page: str | None = None
    sign_in: tuple[str, ...] | None = None
    identifiers_shared: tuple[str, ...] | None = None
    retention_period: str | None = None
    retention_by_category: tuple[CategoryRetention, ...] = ()
    advertising_or_tracking: str = UNKNOWN
    sells_or_shares: str = UNKNOWN
    children: Children = Children()
    how_to_delete: str | None = None
    deletion_contact: str | None = None
    members: tuple[str, ...] | None = None  # member libraries that offer it; None: every one
    # Language code -> {field: text}: service, retention, how_to_avoid, how_to_delete, note in other languages.
    translations: dict[str, dict[str, str]] = field(default_factory=dict, hash=False)

    def offered_by(self, member_id: str) -> bool:
        """True when member library ``member_id`` offers the service."""
        return self.members is None or member_id in self.members

    @property
    def is_library(self) -> bool:
        """True for the library's own record: never called a company or a third party."""
        return self.library_policy_page is not None

    @property
    def reviewed(self) -> bool:
        """True when the record names at least one source for its facts."""
        return bool(self.sources)

    @property
    def keeps_nothing(self) -> bool:
        """True when the record lists nothing kept, always or opt-in (which alone proves nothing)."""
        return not self.always and not self.opt_in

    def state(self, category_id: str) -> str:
        """``always``, ``opt_in``, ``not_kept`` or ``unknown`` for one category."""
        if category_id in self.always:
            return "always"
        if category_id in self.opt_in:
            return "opt_in"
        if category_id in self.not_kept:
            return "not_kept"
        return UNKNOWN

    def keeps_none_of(self, category_ids: tuple[str, ...]) -> bool:
        """True when a source says every one of ``category_ids`` is not kept."""
        return bool(category_ids) and all(c in self.not_kept for c in category_ids)

    def items(self, kept: str) -> tuple[tuple[str, ...], ...]:
        """What is kept ``always`` or ``opt_in``, one tuple per requirement (several ids: any one of them)."""
        plain = self.always if kept == "always" else self.opt_in
        grouped = [g for g in self.one_of if g.kept == kept]
        members = {c for g in grouped for c in g.categories}
        return (*((c,) for c in plain if c not in members), *(g.categories for g in grouped))

    def one_of_partners(self, category_id: str) -> tuple[str, ...]:
        """The other categories of a "one of" requirement ``category_id`` belongs to; () when none."""
        for group in self.one_of:
            if category_id in group.categories:
                return tuple(c for c in group.categories if c != category_id)
        return ()

    @property
    def active(self) -> bool:
        """True while the library still offers the service."""
        return self.retired is None

    @property
    def history(self) -> tuple[Change, ...]:
        """Changes, newest first."""
        return tuple(sorted(self.changes, key=lambda c: c.date, reverse=True))

    @property
    def checked(self) -> str | None:
        """The newest date anything in the record was checked: a review or a source."""
        dates = [d for d in (self.last_reviewed, *(s.checked for s in self.sources)) if d]
        return max(dates) if dates else None

    @property
    def updated(self) -> str:
        """The newest date in the record: review, source, change or retirement."""
        return max([self.checked or "", *(c.date for c in self.changes), self.retired or ""])


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
    members: tuple[Member, ...] = ()  # a consortium's member libraries (vendors/_members.yaml)

    @property
    def active(self) -> tuple[Vendor, ...]:
        """Vendors the library offers now, by name."""
        return tuple(v for v in self.vendors if v.active)

    @property
    def updated(self) -> str:
        """The newest date anywhere in the registry (not the build clock)."""
        return max((v.updated for v in self.vendors), default="")

    def offered_by(self, member_id: str) -> tuple[Vendor, ...]:
        """Active vendors a member library offers, by name."""
        return tuple(v for v in self.active if v.offered_by(member_id))

    def vendors_keeping(self, category_id: str) -> tuple[tuple[Vendor, str], ...]:
        """Active vendors that keep a category (alone or as one of several), with ``'always'`` or ``'opt_in'``."""
        out = []
        for vendor in self.active:
            state = vendor.state(category_id)
            if state in ("always", "opt_in"):
                out.append((vendor, state))
        return tuple(out)
