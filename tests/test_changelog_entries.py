"""The change log's entries, as patrons and feed readers see them, from real model objects.

The built-site tests read the same log in HTML and Atom; these pin down its order, ids, headlines
and dates without a build, so ``make mutation`` can run them against every mutant.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from generator.changelog import LogEntry, entries, newest_date, page_url
from generator.model import Change, Registry, Vendor, Vocabulary
from generator.policies import Policy


def vendor(vendor_id: str, name: str, *changes: Change, retired: str | None = None, last_reviewed: str | None = None,
           library_page: str | None = None) -> Vendor:
    return Vendor(vendor_id, name, "eBooks", "https://example.org/", None, (), (), last_reviewed, changes,
                  f"vendors/{vendor_id}.yaml", retired=retired, library_policy_page=library_page)


def registry(*vendors: Vendor, vocabulary_changes: tuple[Change, ...] = ()) -> Registry:
    return Registry(Vocabulary((), (), vocabulary_changes), vendors)


OVERDRIVE = vendor("overdrive", "OverDrive", Change("2022-01-03", "Listed."),
                   Change("2024-05-01", "Now keeps  holds."), Change("2024-05-01", "A second change that day."))
FREADING = vendor("freading", "Freading", Change("2023-02-01", "Listed."), retired="2023-06-01")
LIBRARY = vendor("catalog", "The library catalog", Change("2024-05-01", "Described."),
                 library_page="privacy-of-patron-data.md")
POLICY = Policy("policy-11-privacy.md", "Privacy policy", approved="2021-03-01", last_reviewed="2024-06-01",
                revisions=(Change("2021-03-01", "Approved\n  by the board."), Change("2024-04-01", "Reworded.",
                                                                                    "2024-04-02")))


def test_newest_first_then_by_name_kind_and_position() -> None:
    log = entries(registry(OVERDRIVE, FREADING, LIBRARY, vocabulary_changes=(Change("2024-05-01", "New  word."),)),
                  {POLICY.path: POLICY})
    assert [(e.date, e.title, e.index) for e in log] == [
        ("2024-05-01", "Glossary of patron data", 0),
        ("2024-05-01", "OverDrive", 0),
        ("2024-05-01", "OverDrive", 1),
        ("2024-05-01", "The library catalog", 0),
        ("2024-04-01", "Privacy policy", 0),
        ("2023-02-01", "Freading", 0),
        ("2022-01-03", "OverDrive", 0),
        ("2021-03-01", "Privacy policy", 0),
    ]
    same_day = [e.summary for e in log if e.subject == "overdrive" and e.date == "2024-05-01"]
    assert same_day == ["A second change that day.", "Now keeps  holds."], "same-day entries ordered by their words"


def test_each_entry_says_what_it_is_about_and_where_it_links() -> None:
    log = entries(registry(OVERDRIVE, FREADING, LIBRARY, vocabulary_changes=(Change("2024-05-01", "New  word."),)),
                  {POLICY.path: POLICY}, vendor_page="services/{id}.md", vocabulary_page="words.md",
                  vocabulary_title="Words")
    by = {(e.kind, e.subject, e.date): e for e in log}
    freading = by[("vendor", "freading", "2023-02-01")]
    assert (freading.page, freading.retired, freading.library, freading.title) == (
        "services/freading.md", True, False, "Freading")
    assert by[("vendor", "overdrive", "2022-01-03")].retired is False
    assert by[("vendor", "catalog", "2024-05-01")].library is True
    word = by[("vocabulary", "_categories", "2024-05-01")]
    assert (word.title, word.page, word.summary) == ("Words", "words.md", "New word.")
    approved = by[("policy", "policy-11-privacy.md", "2021-03-01")]
    assert (approved.summary, approved.page, approved.corrected) == (
        "Approved by the board.", "policy-11-privacy.md", None)
    assert by[("policy", "policy-11-privacy.md", "2024-04-01")].corrected == "2024-04-02"


def test_ids_are_stable_unique_and_built_from_the_data_only() -> None:
    first = entries(registry(OVERDRIVE, FREADING))
    again = entries(registry(FREADING, OVERDRIVE))
    assert [e.id for e in first] == [e.id for e in again]
    assert len({e.id for e in first}) == len(first)
    entry = LogEntry("2024-05-01", "vendor", "overdrive", "OverDrive", "Now keeps holds.", "services/overdrive.md", 1)
    name = "privacy-registry:vendor:overdrive:2024-05-01:1"
    assert entry.id == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"
    reworded = LogEntry("2024-05-01", "vendor", "overdrive", "OverDrive", "Keeps holds now.", "x.md", 1)
    assert reworded.id == entry.id, "rewording an entry keeps its id, so feed readers do not show it twice"


def test_a_renamed_vendor_keeps_the_ids_its_history_was_published_with() -> None:
    before = entries(registry(OVERDRIVE))
    renamed = replace(OVERDRIVE, id="libby", name="Libby", former_ids=("overdrive",))
    after = entries(registry(renamed))
    assert [e.id for e in after] == [e.id for e in before]
    assert {e.page for e in after} == {"services/libby.md"}, "the entries link to the page's new address"
    twice = replace(renamed, id="libby-app", former_ids=("overdrive", "libby"))
    assert [e.id for e in entries(registry(twice))] == [e.id for e in before], "the first id listed counts"


def test_a_corrected_entry_is_updated_on_the_day_of_its_correction() -> None:
    fixed = vendor("x", "X", Change("2022-01-03", "Listed."), Change("2024-05-01", "Kept holds.", "2025-02-01"))
    log = entries(registry(fixed))
    assert [(e.date, e.updated) for e in log] == [("2024-05-01", "2025-02-01"), ("2022-01-03", "2022-01-03")]


def test_headlines_are_short_and_end_on_a_whole_word() -> None:
    short = LogEntry("2024-05-01", "vendor", "x", "OverDrive", "Now keeps holds.", "x.md")
    assert short.headline == "OverDrive: Now keeps holds."
    exact = LogEntry("2024-05-01", "vendor", "x", "A", "b" * 87, "x.md")
    assert exact.headline == "A: " + "b" * 87  # 90 characters: kept whole
    long = LogEntry("2024-05-01", "vendor", "x", "OverDrive",
                    "Now keeps your holds, your reading progress, bookmarks, highlights and notes, for as long as "
                    "the account is open.", "x.md")
    assert long.headline == "OverDrive: Now keeps your holds, your reading progress, bookmarks, highlights and notes…"
    assert len(long.headline) <= 90


def test_last_updated_is_the_newest_date_in_the_data() -> None:
    assert newest_date(registry()) == ""
    assert newest_date(registry(OVERDRIVE)) == "2024-05-01"
    assert newest_date(registry(FREADING)) == "2023-06-01", "a retirement is a date in the record"
    reviewed = vendor("x", "X", Change("2020-01-01", "Listed."), last_reviewed="2024-07-01")
    assert newest_date(registry(reviewed)) == "2024-07-01"
    assert newest_date(registry(FREADING, vocabulary_changes=(Change("2024-08-01", "w"),))) == "2024-08-01"
    assert newest_date(registry(FREADING), {POLICY.path: POLICY}) == "2024-06-01"
    unconfirmed = Policy("p.md", "P", approved="2025-01-01", last_reviewed="2025-02-01", unconfirmed=("last_reviewed",))
    assert newest_date(registry(FREADING), {"p.md": unconfirmed}) == "2025-01-01", "unconfirmed dates never count"
    revised = Policy("p.md", "P", revisions=(Change("2025-03-01", "r"),))
    assert newest_date(registry(), {"p.md": revised}) == "2025-03-01"
    fixed = Policy("p.md", "P", revisions=(Change("2025-03-01", "r", "2025-04-01"),))
    assert newest_date(registry(), {"p.md": fixed}) == "2025-04-01", "a correction is news"
    corrected = vendor("x", "X", Change("2020-01-01", "Listed.", "2025-05-01"))
    assert newest_date(registry(corrected)) == "2025-05-01"
    assert newest_date(registry(), None) == ""
    assert newest_date(registry(FREADING, vocabulary_changes=(Change("2020-01-01", "w", "2025-06-01"),))) \
        == "2025-06-01"


def test_page_addresses_as_mkdocs_gives_them() -> None:
    assert page_url("services/overdrive.md") == "services/overdrive/"
    assert page_url("services/overdrive.md", use_directory_urls=False) == "services/overdrive.html"
    assert page_url("index.md") == ""
    assert page_url("index.md", use_directory_urls=False) == "index.html"
    assert page_url("about/README.md") == "about/"
    assert page_url("about/index.md", False) == "about/index.html"
    assert page_url("changes.md") == "changes/"
    assert page_url("feed") == "feed/"


def test_every_same_day_entry_keeps_its_own_number_and_correction() -> None:
    many = vendor("many", "Many", Change("2024-05-01", "a"), Change("2024-05-01", "b", "2024-05-03"),
                  Change("2024-05-01", "c"))
    words = (Change("2024-05-01", "w1"), Change("2024-05-01", "w2", "2024-05-02"))
    policy = Policy("p.md", "P", revisions=(Change("2024-05-01", "r1"), Change("2024-05-01", "r2")))
    log = entries(registry(many, vocabulary_changes=words), {"p.md": policy})
    assert [(e.subject, e.index, e.corrected) for e in log] == [
        ("_categories", 0, None), ("_categories", 1, "2024-05-02"),
        ("many", 0, None), ("many", 1, "2024-05-03"), ("many", 2, None),
        ("p.md", 0, None), ("p.md", 1, None)]
    assert len({e.id for e in log}) == len(log)
    assert {e.page for e in log} == {"glossary.md", "services/many.md", "p.md"}, "the default pages"


def test_a_policy_does_not_hide_a_newer_vendor_date() -> None:
    newer = vendor("x", "X", Change("2025-01-01", "Listed."))
    assert newest_date(registry(newer), {POLICY.path: POLICY}) == "2025-01-01"
