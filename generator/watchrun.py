"""One ``watch`` pass over one vendor: fetched pages in, a new snapshot and a verdict out.

Per address, the verdict is one of:

* ``new`` - the library had no copy: the text is saved (a first copy, not a change);
* ``unchanged`` - the text means the same (whitespace, wrapping, navigation, banners
  and footers never count); only the ``fetched`` date moves;
* ``changed`` - sentences were added or removed: the new text is saved and the
  sections are reported;
* ``blocked`` - the site turned the robot away (403, 429, 999);
* ``failed`` - not found, refused, reset, TLS error, no answer in time...;
* ``unreadable`` - the page answered but its readable text is empty or
  suspiciously short ("could not read").

The last three never count as changes, and the old copy is kept as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.model import Vendor
from generator.watchdiff import SectionChange, compare
from generator.watchfetch import Page
from generator.watchreview import ReviewField
from generator.watchsnapshot import Snapshot, Source
from generator.watchtext import MIN_WORDS, extract

PROBLEMS = ("blocked", "failed", "unreadable")


@dataclass(frozen=True)
class SourceResult:
    """What watch found at one address."""

    url: str
    status: str  # new | unchanged | changed | blocked | failed | unreadable
    detail: str
    final_url: str = ""
    sections: tuple[SectionChange, ...] = ()


@dataclass
class VendorResult:
    """What watch found for one vendor, and the fields its record should be checked for."""

    id: str
    name: str
    file: str
    snapshot_file: str
    sources: list[SourceResult]
    review: list[ReviewField] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``changed`` over any problem over ``new`` over ``unchanged``."""
        states = {s.status for s in self.sources}
        for status in ("changed", *PROBLEMS, "new"):
            if status in states:
                return "changed" if status == "changed" else ("problem" if status in PROBLEMS else status)
        return "unchanged"

    @property
    def changed_sentences(self) -> list[str]:
        """Every sentence added or removed, across sections and addresses."""
        return [s for src in self.sources for sec in src.sections for s in (*sec.removed, *sec.added)]


def addresses(vendor: Vendor) -> list[str]:
    """The addresses watched for a vendor: its privacy policy, then every https address in its ``sources``."""
    urls = [vendor.privacy_policy] if vendor.privacy_policy else []
    for source in getattr(vendor, "sources", ()):  # records without sources have none
        address = getattr(source, "address", None)
        if isinstance(address, str) and address.startswith("https://"):
            urls.append(address)
    return list(dict.fromkeys(urls))


def watch_vendor(vendor: Vendor, old: Snapshot | None, pages: Mapping[str, Page], today: str,
                 min_words: int = MIN_WORDS) -> tuple[Snapshot | None, list[SourceResult]]:
    """Compare a vendor's fetched pages with its saved copy; the snapshot to save and the findings."""
    kept: list[Source] = []
    results: list[SourceResult] = []
    for url in addresses(vendor):
        page = pages[url]
        before = old.source(url) if old is not None else None
        if page.outcome != "ok":
            results.append(SourceResult(url, page.outcome, page.detail, page.final_url))
            if before is not None:
                kept.append(before)
            continue
        text = extract(page.body, page.final_url or url, min_words)
        if not text.readable:
            results.append(SourceResult(url, "unreadable", f"could not read: {text.detail}", page.final_url))
            if before is not None:
                kept.append(before)
            continue
        if before is None:
            kept.append(Source(url, today, today, text.sha256, text.text))
            results.append(SourceResult(url, "new", "saved a first copy", page.final_url))
            continue
        sections = compare(before.text, text.text) if text.sha256 != before.sha256 else []
        if sections:
            kept.append(Source(url, today, before.first_saved, text.sha256, text.text, today))
            results.append(SourceResult(url, "changed", f"{len(sections)} section(s) changed", page.final_url,
                                        tuple(sections)))
        else:
            # Same meaning; any difference is layout only (e.g. a list became a paragraph): keep the new form.
            kept.append(Source(url, today, before.first_saved, text.sha256, text.text, before.changed))
            results.append(SourceResult(url, "unchanged", "no change", page.final_url))
    return (Snapshot(vendor.id, tuple(kept)) if kept else None), results
