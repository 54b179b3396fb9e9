"""Machine-readable downloads of the registry: ``vendors.json`` (with its schema) and ``vendors.csv``.

Both are byte-for-byte deterministic for the same registry: fixed key and row
order, and the only dates are the ones in the data, never the build clock.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.changelog import page_url
from generator.model import UNKNOWN, Registry, Vendor
from generator.schema import schema_text

JSON_FILE = "vendors.json"
CSV_FILE = "vendors.csv"
SCHEMA_FILE = "vendors.schema.json"
# The version of the vendors.json format. Bump the major number when a field is
# removed or changes meaning, the minor number when a field is added.
FORMAT_VERSION = "2.1"  # 2.1: member libraries (members, offered_by)
CSV_COLUMNS = (
    "id", "name", "service", "data_always", "data_opt_in", "data_always_ids", "data_opt_in_ids",
    "privacy_policy", "privacy_policy_verified", "website", "last_reviewed",
    "library_itself", "reviewed", "data_not_kept", "data_not_known", "data_one_of", "sources", "sources_checked",
    "sign_in", "identifiers_shared", "retention", "retention_period", "advertising_or_tracking", "sells_or_shares",
    "targets_children", "coppa", "how_to_avoid", "how_to_delete", "deletion_contact",
)
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def schema_url(site_url: str | None) -> str:
    """Where the JSON Schema of vendors.json is published (relative when the site URL is unknown)."""
    return site_url.rstrip("/") + "/" + SCHEMA_FILE if site_url else SCHEMA_FILE


def _or_unknown(values: tuple[str, ...] | None) -> list[str] | str:
    return UNKNOWN if values is None else list(values)


def _retention(vendor: Vendor) -> dict[str, Any] | str:
    if vendor.retention is None and not vendor.retention_by_category:
        return UNKNOWN
    return {
        "summary": vendor.retention,
        "period": vendor.retention_period,
        "by_category": [{"categories": list(r.categories), "summary": r.retention, "period": r.period}
                        for r in vendor.retention_by_category],
    }


def _vendor_record(vendor: Vendor, registry: Registry) -> dict[str, Any]:
    return {
        "id": vendor.id,
        "name": vendor.name,
        "service": vendor.service,
        "website": vendor.website,
        "library_itself": {"policy_page": page_url(vendor.library_policy_page)} if vendor.library_policy_page
        else None,
        "privacy_policy": vendor.privacy_policy,
        "privacy_policy_verified": vendor.privacy_policy_verified,
        "data": {
            "always": list(vendor.always), "opt_in": list(vendor.opt_in), "not_kept": list(vendor.not_kept),
            "one_of": [{"kept": g.kept, "categories": list(g.categories)} for g in vendor.one_of],
            "states": {c.id: vendor.state(c.id) for c in registry.vocabulary.categories},
        },
        "sources": [{"kind": s.kind, "address": s.address, "description": s.description, "checked": s.checked,
                     "quote": s.quote} for s in vendor.sources],
        "sign_in": _or_unknown(vendor.sign_in),
        "identifiers_shared": _or_unknown(vendor.identifiers_shared),
        "retention": _retention(vendor),
        "advertising_or_tracking": vendor.advertising_or_tracking,
        "sells_or_shares": vendor.sells_or_shares,
        "children": {"targets_children": vendor.children.targets_children, "coppa": vendor.children.coppa,
                     "note": vendor.children.note},
        "how_to_avoid": vendor.how_to_avoid,
        "how_to_delete": vendor.how_to_delete,
        "deletion_contact": vendor.deletion_contact,
        "note": vendor.note,
        "last_reviewed": vendor.last_reviewed,
        "retired": vendor.retired,
        "changes": [{"date": c.date, "summary": c.summary} for c in vendor.history],
        "offered_by": [m.id for m in registry.members if vendor.offered_by(m.id)] if registry.members else None,
    }


def vendors_document(registry: Registry, site_url: str | None = None) -> dict[str, Any]:
    """The content of vendors.json as plain data."""
    vocabulary = registry.vocabulary
    return {
        "$schema": schema_url(site_url),
        "version": FORMAT_VERSION,
        "updated": registry.updated or None,  # None: a registry that lists no service yet
        "groups": [{"id": g.id, "label": g.label} for g in vocabulary.groups],
        "categories": [
            {"id": c.id, "label": c.label, "description": c.description, "group": c.group, "dpv": c.dpv}
            for c in vocabulary.categories
        ],
        "vendors": [_vendor_record(v, registry) for v in registry.vendors],
        "members": [{"id": m.id, "name": m.name, "website": m.website} for m in registry.members],
    }


def vendors_json(registry: Registry, site_url: str | None = None) -> str:
    """vendors.json: every vendor, retired ones included, with the vocabulary."""
    return json.dumps(vendors_document(registry, site_url), indent=2, ensure_ascii=False) + "\n"


def defuse(cell: str) -> str:
    """Make a cell safe to open in a spreadsheet: formulas become plain text with a leading quote."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _csv_answers(v: Vendor, registry: Registry) -> tuple[str, ...]:
    """The CSV cells after last_reviewed: "unknown" where the record does not say."""
    label = registry.vocabulary.label
    unknown = [c.label for c in registry.vocabulary.categories if v.state(c.id) == UNKNOWN]
    return (
        "yes" if v.is_library else "no", "yes" if v.reviewed else "no",
        "; ".join(label(c) for c in v.not_kept), "; ".join(unknown),
        "; ".join(" or ".join(label(c) for c in g.categories) + f" ({g.kept})" for g in v.one_of),
        "; ".join(f"{s.kind}: {s.description or s.address} (checked {s.checked})" for s in v.sources),
        max((s.checked for s in v.sources), default=""),
        "; ".join(v.sign_in) if v.sign_in is not None else UNKNOWN,
        "; ".join(v.identifiers_shared) if v.identifiers_shared is not None else UNKNOWN,
        v.retention or UNKNOWN, v.retention_period or "", v.advertising_or_tracking, v.sells_or_shares,
        v.children.targets_children, v.children.coppa, v.how_to_avoid or "", v.how_to_delete or "",
        v.deletion_contact or "",
    )


def vendors_csv(registry: Registry) -> str:
    """vendors.csv: one row per service the library offers now, the same rows as the chart.

    UTF-8 with a byte order mark, so spreadsheet programs read accented names correctly.
    """
    label = registry.vocabulary.label
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for v in registry.active:
        row = (
            v.id, v.name, v.service,
            "; ".join(label(c) for c in v.always), "; ".join(label(c) for c in v.opt_in),
            "; ".join(v.always), "; ".join(v.opt_in),
            v.privacy_policy or "", "yes" if v.privacy_policy_verified else "no", v.website, v.last_reviewed or "",
            *_csv_answers(v, registry),
        )
        writer.writerow([defuse(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def files(registry: Registry, site_url: str | None = None) -> dict[str, str]:
    """The download files: site path -> text."""
    return {
        JSON_FILE: vendors_json(registry, site_url),
        SCHEMA_FILE: schema_text("vendors"),
        CSV_FILE: vendors_csv(registry),
    }
