"""Review cadence: which vendor records have gone too long without a staff review."""

from __future__ import annotations

import datetime as dt

from generator.model import Registry, Vendor
from generator.problems import Problem
from generator.yamlsrc import Document

DEFAULT_MONTHS = 12


def cutoff(today: dt.date, months: int) -> dt.date:
    """The day ``months`` months before ``today`` (the last day of a shorter month when needed)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def due(vendor: Vendor, today: dt.date, months: int = DEFAULT_MONTHS) -> bool:
    """True when the record was never reviewed, or last reviewed more than ``months`` months ago."""
    if not vendor.active:
        return False
    return vendor.last_reviewed is None or dt.date.fromisoformat(vendor.last_reviewed) < cutoff(today, months)


def warnings(registry: Registry, documents: dict[str, Document], today: dt.date,
             months: int = DEFAULT_MONTHS) -> list[Problem]:
    """One warning per offered service whose record is due for review, on its last_reviewed (or name) line."""
    out = []
    for vendor in registry.active:
        if not due(vendor, today, months):
            continue
        doc = documents[vendor.source]
        period = f"{months} month{'s' if months != 1 else ''}"
        if vendor.last_reviewed is None:
            line, col = doc.key_position(("name",))
            out.append(Problem(vendor.source, line, col, "last_reviewed",
                               "library staff have never reviewed this record; its page says it may be out of date",
                               f"check it against its sources, then add 'last_reviewed: {today.isoformat()}'"))
        else:
            line, col = doc.position(("last_reviewed",))
            out.append(Problem(vendor.source, line, col, "last_reviewed",
                               f"last reviewed {vendor.last_reviewed}, more than {period} ago; its page says it "
                               "may be out of date",
                               f"check it against its sources, then set 'last_reviewed: {today.isoformat()}'"))
    return out
