"""``privacy-registry watch``: notice when a vendor rewrites its privacy policy.

Fetches each active vendor's policy pages, extracts their readable text,
compares it with the library's saved copy in ``snapshots/<id>.md`` and saves
the new text. Exit 0 when no policy changed (first copies and pages that could
not be fetched or read are reported, not failures), 1 when one did, or when the
registry itself has problems; 2 for usage errors.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TextIO

from generator import watchreport
from generator.project import Project
from generator.registry import load_registry
from generator.reporters import report
from generator.watchfetch import fetch_all
from generator.watchreview import fields_to_review
from generator.watchrun import SourceResult, VendorResult, addresses, watch_vendor
from generator.watchsnapshot import SNAPSHOTS_DIR, SnapshotError, path_for, read, render, write
from generator.watchtext import MIN_WORDS


def run(project: Project, fmt: str = "text", out: TextIO | None = None, *, only: list[str] | None = None,
        timeout: float = 30.0, delay: float = 2.0, min_words: int = MIN_WORDS) -> int:
    """Compare every active vendor's policy with its saved copy; see the module for exit codes."""
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    loaded = load_registry(project.vendors, project.root)
    if loaded.registry is None or loaded.problems:
        report(loaded.problems, "text" if fmt == "markdown" else fmt, out)
        return 1
    vendors = [v for v in loaded.registry.active if addresses(v) and (not only or v.id in only)]
    unknown = sorted(set(only or ()) - {v.id for v in loaded.registry.vendors})
    if unknown:
        out.write(f"no active vendor with the id {', '.join(unknown)}; the ids are the file names in vendors/\n")
        return 2
    folder = project.root / SNAPSHOTS_DIR
    today = dt.datetime.now(dt.UTC).date().isoformat()
    pages = fetch_all((url for v in vendors for url in addresses(v)), timeout=timeout, delay=delay)
    results = []
    for vendor in vendors:
        snapshot_file = path_for(folder, vendor.id).relative_to(project.root).as_posix()
        try:
            old = read(folder, vendor.id)
        except (SnapshotError, OSError) as exc:
            detail = f"the saved copy cannot be read ({exc}); fix or delete {snapshot_file}, then run watch again"
            results.append(VendorResult(vendor.id, vendor.name, vendor.source, snapshot_file,
                                        [SourceResult(url, "failed", detail) for url in addresses(vendor)]))
            continue
        new, found = watch_vendor(vendor, old, pages, today, min_words)
        result = VendorResult(vendor.id, vendor.name, vendor.source, snapshot_file, found)
        if result.status == "changed":
            result.review = fields_to_review(result.changed_sentences, loaded.documents.get(vendor.source),
                                             loaded.registry.vocabulary)
        if new is not None and (old is None or render(new) != render(old)):
            write(folder, new)
        results.append(result)
    watchreport.write(results, fmt, out)
    return 1 if any(r.status == "changed" for r in results) else 0
