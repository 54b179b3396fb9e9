"""The public change log: every dated vendor change and policy revision, newest first.

Entries carry ids built only from the data (subject, date, position), so a feed
reader sees the same entry as the same entry on every build.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from generator.model import Change, Registry
from generator.policies import Policy

CHANGES_PAGE = "changes.md"
FEED_FILE = "feed.xml"
_TITLE_LIMIT = 90
EntryKind = Literal["vendor", "policy", "vocabulary"]


@dataclass(frozen=True)
class LogEntry:
    """One line of the change log."""

    date: str
    kind: EntryKind
    subject: str  # vendor id, or the policy page's source path
    title: str  # the vendor's or policy's name
    summary: str
    page: str  # source path of the page the entry links to
    index: int = 0  # position among the subject's entries of the same date
    retired: bool = False
    corrected: str | None = None  # when the entry's words were corrected (shown with it)
    library: bool = False  # the entry is about the library's own service, never called a third party
    first_id: str = ""  # the vendor's first id, when it was renamed (its former_ids start with it)

    @property
    def id(self) -> str:
        """A stable, globally unique id (RFC 4122 name-based UUID URN).

        Made from the vendor's first id, so renaming a vendor (its old id kept in ``former_ids``)
        does not present its whole history to feed readers again as new entries.
        """
        name = f"privacy-registry:{self.kind}:{self.first_id or self.subject}:{self.date}:{self.index}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    @property
    def updated(self) -> str:
        """When the entry last changed: the day its words were corrected, or its own date."""
        return max(self.date, self.corrected or "")

    @property
    def headline(self) -> str:
        """A short title for feed readers: ``OverDrive: Now keeps ...``."""
        text = f"{self.title}: {self.summary}"
        if len(text) <= _TITLE_LIMIT:
            return text
        return text[: _TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _numbered(items: list[Change]) -> list[tuple[Change, int]]:
    """Each entry with n, counting same-date entries ordered by summary."""
    seen: dict[str, int] = {}
    out = []
    for change in sorted(items, key=lambda c: (c.date, c.summary)):
        out.append((change, seen.get(change.date, 0)))
        seen[change.date] = seen.get(change.date, 0) + 1
    return out


def entries(registry: Registry, policies: Mapping[str, Policy] | None = None,
            vendor_page: str = "services/{id}.md", vocabulary_page: str = "glossary.md",
            vocabulary_title: str = "Glossary of patron data") -> list[LogEntry]:
    """Every dated change in the registry, the vocabulary and the policies, newest first."""
    out: list[LogEntry] = []
    for vendor in registry.vendors:
        page = vendor_page.format(id=vendor.id)
        for c, n in _numbered(list(vendor.changes)):
            out.append(LogEntry(c.date, "vendor", vendor.id, vendor.name, c.summary, page, n, not vendor.active,
                                c.corrected, vendor.is_library, vendor.former_ids[0] if vendor.former_ids else ""))
    for c, n in _numbered(list(registry.vocabulary.changes)):
        out.append(LogEntry(c.date, "vocabulary", "_categories", vocabulary_title, " ".join(c.summary.split()),
                            vocabulary_page, n, corrected=c.corrected))
    for src_uri, policy in sorted((policies or {}).items()):
        revisions = [Change(r.date, " ".join(r.summary.split()), r.corrected) for r in policy.revisions]
        for c, n in _numbered(revisions):
            out.append(LogEntry(c.date, "policy", src_uri, policy.title, c.summary, src_uri, n, corrected=c.corrected))
    out.sort(key=lambda e: (e.title.casefold(), e.kind, e.subject, e.index))
    out.sort(key=lambda e: e.date, reverse=True)
    return out


def newest_date(registry: Registry, policies: Mapping[str, Policy] | None = None) -> str:
    """The newest date anywhere in the data: the site's "last updated", never the build clock."""
    dates = [registry.updated]
    dates += [c.corrected or "" for v in registry.vendors for c in v.changes]  # a correction is news too
    dates += [d for c in registry.vocabulary.changes for d in (c.date, c.corrected or "")]
    for policy in (policies or {}).values():
        dates += [d for d in (policy.confirmed("approved"), policy.confirmed("last_reviewed")) if d]
        dates += [d for r in policy.revisions for d in (r.date, r.corrected or "")]
    return max(d for d in dates if d) if any(dates) else ""


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site path MkDocs gives a source page (``services/x.md`` -> ``services/x/``)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if use_directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if use_directory_urls else f"{prefix}{name}.html"
