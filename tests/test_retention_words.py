"""How long data is kept, in words and as a period: check refuses a plain contradiction between the two.

'retention: two years' beside 'retention_period: P5Y' published "Kept for two years ... (P5Y)".
Only what can be compared reliably is: a number and a unit in the words (English or Spanish)
against a period of the same kind. Anything else is left to the reviewer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.recordchecks import contradiction
from generator.registry import load_registry
from tests.conftest import ROOT


@pytest.mark.parametrize(("words", "period", "expected"), [
    ("two years", "P5Y", ("two years", "5 years")),
    ("Kept for 2 years after your last visit.", "P5Y", ("2 years", "5 years")),
    ("seis meses", "P1Y", ("seis meses", "1 year")),
    ("10 days", "P2W", ("10 days", "2 weeks")),
    ("48 hours", "PT24H", ("48 hours", "24 hours")),
    ("30 días después de cerrar la cuenta", "P90D", ("30 días", "90 days")),
    # the same length, however it is written
    ("Two years after your last visit.", "P2Y", None),
    ("24 months", "P2Y", None),
    ("18 months", "P1Y6M", None),
    ("a two-year period", "P2Y", None),
    ("dos años", "P2Y", None),
    ("14 days", "P2W", None),
    ("Deleted 30 days after you ask; otherwise kept 5 years.", "P5Y", None),  # one of the lengths is the period
    # not comparable: no length in the words, another kind of unit, a half, a period of two kinds
    ("Until you close your account.", "P2Y", None),
    ("90 days", "P3M", None),
    ("a year and a half", "P2Y", None),
    ("one year", "P1Y15D", None),
    ("a year", "P5Y", None),
])
def test_words_and_period_are_compared_only_where_it_is_reliable(words: str, period: str,
                                                                 expected: tuple[str, str] | None) -> None:
    assert contradiction(words, period) == expected


RECORD = """\
name: Calm Reader
service: Reading eBooks online
website: https://www.example.org/
privacy_policy: https://www.example.org/privacy
privacy_policy_verified: true
data: {always: [name, email], opt_in: []}
retention: Two years after your last visit.
retention_period: P5Y
retention_by_category:
  - categories: [email]
    retention: 30 days
    period: P30D
translations:
  es:
    retention: Seis meses después de su última visita.
sources: [{kind: privacy_policy, address: "https://www.example.org/privacy", checked: 2022-01-03}]
changes:
  - date: 2022-01-03
    summary: Listed in the chart.
"""


def test_each_contradiction_is_reported_at_its_words(tmp_path: Path) -> None:
    """The overall retention, each category's and each translation are checked against their own period."""
    vendors = tmp_path / "vendors"
    vendors.mkdir()
    shutil.copy(ROOT / "vendors" / "_categories.yaml", vendors)
    (vendors / "calm.yaml").write_text(RECORD, "utf-8")
    problems = load_registry(vendors, tmp_path).problems
    hint = "make them say the same: change the words, or the period (P2Y is two years, P6M six months, P30D " \
           "thirty days)"
    assert [(p.line, p.col, p.field, p.message, p.hint) for p in problems] == [
        (7, 12, "retention", "says 'Two years', but the period beside it, P5Y, is 5 years", hint),
        (15, 16, "translations.es.retention", "says 'Seis meses', but the period beside it, P5Y, is 5 years", hint)]
    (vendors / "calm.yaml").write_text(RECORD.replace("P5Y", "P2Y").replace("Seis meses", "Dos años"), "utf-8")
    assert load_registry(vendors, tmp_path).problems == []
