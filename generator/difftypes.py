"""What ``diff`` finds, as typed values: one vendor's (or the vocabulary's, or a policy page's) status and changes.

The statuses and kinds are ``Literal`` types, so mypy catches a misspelt ``"retierd"``
wherever one is written or compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from generator.model import Change
from generator.problems import Problem
from generator.yamlsrc import Document

Status = Literal["added", "deleted", "renamed", "retired", "changed", "unchanged", "invalid"]
Subject = Literal["vendor", "vocabulary", "policy"]
Kind = Literal[
    "category_added", "category_removed", "category_moved",  # a data category came, went or changed list
    "retention", "privacy_policy", "record",  # other data-collection fields of the record
    "retired", "unretired",  # the library stopped (or started again) offering the service
    "field",  # any other field: shown for information, never failing
    "correction", "backdated",  # an entry reworded; a new entry dated before the base commit
    "definition", "category_renamed",  # the vocabulary: a label or definition changed; an id renamed
    "policy_date",  # a policy page's approval or review date
]


@dataclass(frozen=True)
class FieldChange:
    """One difference in meaning between the two versions of a record."""

    kind: Kind
    field: str
    text: str
    before: str | None = None
    after: str | None = None
    line: int = 0
    collection: bool = True
    vendors: tuple[str, ...] = ()  # for a category's new definition: the vendors it applies to

    def as_dict(self) -> dict[str, Any]:
        """A plain dict for the JSON report."""
        out: dict[str, Any] = {"kind": self.kind, "field": self.field, "text": self.text, "before": self.before,
                               "after": self.after, "line": self.line, "data_collection": self.collection}
        if self.vendors:
            out["vendors"] = list(self.vendors)
        return out


@dataclass(frozen=True)
class VendorDiff:
    """What happened to one vendor (or the vocabulary, or a policy page) between the base and the working tree."""

    vendor_id: str
    status: Status
    path: str
    name: str
    old_path: str | None = None
    changes: tuple[FieldChange, ...] = ()
    new_entries: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()
    suggestion: str = ""
    subject: Subject = "vendor"

    @property
    def collection_changes(self) -> tuple[FieldChange, ...]:
        """Changes to what the vendor keeps: a privacy officer reviews these."""
        return tuple(c for c in self.changes if c.collection)

    @property
    def ok(self) -> bool:
        """True when nothing here fails the check."""
        return not self.problems


@dataclass
class Sides:
    """Both versions of one vendor file; either may be missing."""

    vendor_id: str
    path: str
    base: Document | None = None
    work: Document | None = None
    old_path: str | None = None
    work_problems: list[Problem] = field(default_factory=list)
