"""What a vendor page says about ``watch``: when the library last compared the vendor's
policy with its saved copy, and whether the policy changed since staff last reviewed the record.

Every date comes from the snapshot header in ``snapshots/<id>.md`` (committed
with the registry) and from the vendor's ``last_reviewed``; never from the
clock, so a build of the same commit always says the same. The policy text
itself is never shown: it is the vendor's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.model import Vendor
from generator.watchsnapshot import Snapshot, SnapshotError, read


@dataclass(frozen=True)
class PolicyWatch:
    """The facts a vendor page states about the comparison of its policy."""

    compared: str  # the day of the last comparison (the oldest ``fetched`` among the watched pages)
    first_saved: str  # the day the library began keeping a copy (the newest ``first_saved``)
    changed: str | None  # the day a change was last found, if ever
    since_review: str  # changed | unchanged | unknown
    pages: int  # how many pages are watched (the policy, and any other source address)
    reviewed: str | None = None  # when staff last reviewed the record


def review_date(vendor: Vendor) -> str | None:
    """When staff last reviewed the record: ``last_reviewed``, or a later ``checked`` date of a source."""
    checked = getattr(vendor, "checked", None)  # the newest of last_reviewed and the sources' checked dates
    return checked if isinstance(checked, str) else vendor.last_reviewed


def policy_watch(vendor: Vendor, snapshot: Snapshot | None) -> PolicyWatch | None:
    """The page's facts, or None when the library has no copy of this vendor's current policy address."""
    policy = vendor.privacy_policy
    if snapshot is None or not vendor.active or not policy or snapshot.source(policy) is None:
        return None
    sources = snapshot.sources
    changed = max((s.changed for s in sources if s.changed), default=None)
    first_saved = max(s.first_saved for s in sources)
    reviewed = review_date(vendor)
    if reviewed is None:
        since = "not_reviewed"  # the page says elsewhere that staff have not reviewed the record
    elif changed is not None and changed > reviewed:
        since = "changed"
    elif first_saved <= reviewed:
        since = "unchanged"  # every copy predates the review, and no change was found after it
    else:
        since = "unknown"  # a copy began after the review: what changed in between is not known
    return PolicyWatch(min(s.fetched for s in sources), first_saved, changed, since, len(sources), reviewed)


def load(folder: Path, vendors: Iterable[Vendor]) -> dict[str, PolicyWatch]:
    """Vendor id -> what its page says; vendors without a readable copy are left out."""
    out = {}
    for vendor in vendors:
        try:
            snapshot = read(folder, vendor.id)
        except (SnapshotError, OSError):
            continue  # watch reports a damaged copy; the page then says nothing about comparisons
        status = policy_watch(vendor, snapshot)
        if status is not None:
            out[vendor.id] = status
    return out
