"""Machine-readable downloads of the registry: ``vendors.json`` (with its schema) and ``vendors.csv``.

Both are byte-for-byte deterministic for the same registry: fixed key and row
order, and the only dates are the ones in the data, never the build clock.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.model import Registry, Vendor
from generator.schema import schema_text

JSON_FILE = "vendors.json"
CSV_FILE = "vendors.csv"
SCHEMA_FILE = "vendors.schema.json"
# The version of the vendors.json format. Bump the major number when a field is
# removed or changes meaning, the minor number when a field is added.
FORMAT_VERSION = "1.0"
CSV_COLUMNS = (
    "id", "name", "service", "data_always", "data_opt_in", "data_always_ids", "data_opt_in_ids",
    "privacy_policy", "privacy_policy_verified", "website", "last_reviewed",
)
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def schema_url(site_url: str | None) -> str:
    """Where the JSON Schema of vendors.json is published (relative when the site URL is unknown)."""
    return site_url.rstrip("/") + "/" + SCHEMA_FILE if site_url else SCHEMA_FILE


def _vendor_record(vendor: Vendor) -> dict[str, Any]:
    return {
        "id": vendor.id,
        "name": vendor.name,
        "service": vendor.service,
        "website": vendor.website,
        "privacy_policy": vendor.privacy_policy,
        "privacy_policy_verified": vendor.privacy_policy_verified,
        "data": {"always": list(vendor.always), "opt_in": list(vendor.opt_in)},
        "retention": vendor.retention,
        "how_to_avoid": vendor.how_to_avoid,
        "note": vendor.note,
        "last_reviewed": vendor.last_reviewed,
        "retired": vendor.retired,
        "changes": [{"date": c.date, "summary": c.summary} for c in vendor.history],
    }


def vendors_document(registry: Registry, site_url: str | None = None) -> dict[str, Any]:
    """The content of vendors.json as plain data."""
    vocabulary = registry.vocabulary
    return {
        "$schema": schema_url(site_url),
        "version": FORMAT_VERSION,
        "updated": registry.updated,
        "groups": [{"id": g.id, "label": g.label} for g in vocabulary.groups],
        "categories": [
            {"id": c.id, "label": c.label, "description": c.description, "group": c.group, "dpv": c.dpv}
            for c in vocabulary.categories
        ],
        "vendors": [_vendor_record(v) for v in registry.vendors],
    }


def vendors_json(registry: Registry, site_url: str | None = None) -> str:
    """vendors.json: every vendor, retired ones included, with the vocabulary."""
    return json.dumps(vendors_document(registry, site_url), indent=2, ensure_ascii=False) + "\n"


def defuse(cell: str) -> str:
    """Make a cell safe to open in a spreadsheet: formulas become plain text with a leading quote."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


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
            v.privacy_policy, "yes" if v.privacy_policy_verified else "no", v.website, v.last_reviewed,
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
