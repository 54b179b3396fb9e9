"""The registry model answers the questions the pages ask of it (what is kept, how, since when)."""

from __future__ import annotations

from generator.model import Category, Change, Group, OneOf, Registry, Source, Vendor, Vocabulary


def vendor(vendor_id: str = "libby", *, always: tuple[str, ...] = (), opt_in: tuple[str, ...] = (),
           not_kept: tuple[str, ...] = (), one_of: tuple[OneOf, ...] = (), changes: tuple[Change, ...] = (),
           retired: str | None = None, last_reviewed: str | None = None, sources: tuple[Source, ...] = (),
           library_page: str | None = None, name: str = "Libby") -> Vendor:
    return Vendor(vendor_id, name, "eBooks", "https://example.org/", None, always, opt_in, last_reviewed, changes,
                  f"vendors/{vendor_id}.yaml", retired=retired, not_kept=not_kept, one_of=one_of, sources=sources,
                  library_policy_page=library_page)


EITHER = OneOf("always", ("email", "phone"))
LIBBY = vendor(always=("holds", "email", "phone"), opt_in=("name",), not_kept=("location", "age"), one_of=(EITHER,))


def test_each_category_has_one_state() -> None:
    assert [LIBBY.state(c) for c in ("holds", "email", "name", "location", "photo")] == [
        "always", "always", "opt_in", "not_kept", "unknown"]
    both = vendor(always=("email",), opt_in=("email",), not_kept=("email",))
    assert both.state("email") == "always", "always wins over opt-in and not kept"
    assert vendor(opt_in=("email",), not_kept=("email",)).state("email") == "opt_in"


def test_not_kept_needs_every_category_of_the_question() -> None:
    assert LIBBY.keeps_none_of(("location", "age"))
    assert not LIBBY.keeps_none_of(("location", "photo"))
    assert not LIBBY.keeps_none_of(()), "no categories asked about proves nothing"


def test_items_keep_either_or_requirements_together() -> None:
    assert LIBBY.items("always") == (("holds",), ("email", "phone"))
    assert LIBBY.items("opt_in") == (("name",),)
    grouped = vendor(opt_in=("email", "phone", "name"), one_of=(OneOf("opt_in", ("email", "phone")),))
    assert grouped.items("opt_in") == (("name",), ("email", "phone"))
    assert grouped.items("always") == ()
    assert LIBBY.one_of_partners("email") == ("phone",)
    assert LIBBY.one_of_partners("phone") == ("email",)
    assert LIBBY.one_of_partners("holds") == ()


def test_flags_the_pages_use() -> None:
    assert LIBBY.active and not vendor(retired="2024-01-01").active
    assert not LIBBY.is_library and vendor(library_page="privacy.md").is_library
    assert not LIBBY.reviewed and vendor(sources=(Source("staff_test", "2024-01-01"),)).reviewed
    assert vendor().keeps_nothing
    assert not vendor(always=("holds",)).keeps_nothing and not vendor(opt_in=("name",)).keeps_nothing


def test_dates_newest_first_and_the_newest_date_of_a_record() -> None:
    changes = (Change("2022-01-03", "Listed."), Change("2024-05-01", "Changed."), Change("2023-01-01", "Other."))
    record = vendor(changes=changes)
    assert [c.date for c in record.history] == ["2024-05-01", "2023-01-01", "2022-01-03"]
    assert record.checked is None
    assert record.updated == "2024-05-01"
    sourced = vendor(changes=changes, last_reviewed="2023-06-01",
                     sources=(Source("staff_test", "2025-02-01"), Source("contract", "2021-01-01")))
    assert sourced.checked == "2025-02-01" and sourced.updated == "2025-02-01"
    assert vendor(last_reviewed="2023-06-01").checked == "2023-06-01"
    assert vendor(changes=changes, retired="2026-01-01").updated == "2026-01-01"
    assert vendor().updated == ""


def test_vocabulary_labels_and_groups_in_order() -> None:
    vocabulary = Vocabulary((Group("account", "Your account"), Group("reading", "Your reading")),
                            (Category("email", "Email address", "d", "account"),
                             Category("holds", "Holds", "d", "reading"),
                             Category("name", "Name", "d", "account")))
    assert vocabulary.label("holds") == "Holds"
    assert [c.id for c in vocabulary.in_group("account")] == ["email", "name"]
    assert vocabulary.in_group("nothing") == ()
    assert set(vocabulary.by_id) == {"email", "holds", "name"}


def test_registry_lists_only_services_offered_now() -> None:
    retired = vendor("gone", always=("holds",), retired="2024-01-01", changes=(Change("2027-01-01", "x"),))
    opt = vendor("opt", opt_in=("holds",), changes=(Change("2024-02-01", "x"),))
    unknown = vendor("unknown", not_kept=("holds",))
    registry = Registry(Vocabulary((), ()), (LIBBY, retired, opt, unknown))
    assert [v.id for v in registry.active] == ["libby", "opt", "unknown"]
    assert [(v.id, how) for v, how in registry.vendors_keeping("holds")] == [("libby", "always"), ("opt", "opt_in")]
    assert registry.vendors_keeping("photo") == ()
    assert registry.updated == "2027-01-01", "a retired vendor's history still dates the registry"
    assert Registry(Vocabulary((), ()), ()).updated == ""


def test_which_member_libraries_offer_a_service() -> None:
    everywhere = vendor("everywhere")
    some = Vendor("some", "Some", "eBooks", "https://example.org/", None, (), (), None, (), "vendors/some.yaml",
                  members=("yonkers", "rye"))
    gone = Vendor("gone", "Gone", "eBooks", "https://example.org/", None, (), (), None, (), "vendors/gone.yaml",
                  retired="2024-01-01")
    assert everywhere.offered_by("yonkers") and some.offered_by("rye") and not some.offered_by("mamaroneck")
    registry = Registry(Vocabulary((), ()), (everywhere, some, gone))
    assert [v.id for v in registry.offered_by("yonkers")] == ["everywhere", "some"]
    assert [v.id for v in registry.offered_by("mamaroneck")] == ["everywhere"], "retired services are not offered"
