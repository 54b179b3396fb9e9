"""Field-by-field comparison of two versions of a record, in memory: every wording and every line."""

from __future__ import annotations

from generator.difffields import canonical, compare, info_fields, kinds, schema_fields, text
from generator.model import Category, Vocabulary
from generator.yamlsrc import load

VOCABULARY = Vocabulary((), (Category("email", "Email address", "d", "contact"),
                             Category("isbn", "ISBN list", "d", "r"),
                             Category("phone", "Phone number", "d", "contact"), Category("x", "X", "d", "r")))
BASE = "name: Libby\ndata:\n  always: [holds]\n  opt_in: [email]\n"


def changes(before: str, after: str, renamed: dict[str, str] | None = None) -> list[tuple[object, ...]]:
    return [(c.kind, c.field, c.text, c.before, c.after, c.line, c.collection)
            for c in compare(load(before), load(after), VOCABULARY, renamed)]


def test_each_way_a_category_can_change() -> None:
    after = ("name: Libby\ndata:\n  always: [email]\n  opt_in: [phone]\n  not_kept: [isbn]\n"
             "  one_of: [{kept: opt_in, categories: [x, fax]}]\n")
    assert changes(BASE, after) == [
        ("category_moved", "data.always", "email address is now always kept (was kept only if the patron opts in)",
         "email (opt_in)", "email (always)", 3, True),
        ("category_added", "data.opt_in_one_of", "now keeps fax (kept if the patron opts in, as one of several)",
         None, "fax (opt_in_one_of)", 2, True),
        ("category_removed", "data.always", "is no longer recorded as keeping holds (was always kept; now not known)",
         "holds (always)", None, 2, True),
        ("category_moved", "data.not_kept", "ISBN list is now recorded as not kept (was not known)", None,
         "isbn (not_kept)", 2, True),
        ("category_added", "data.opt_in", "now keeps phone number (kept only if the patron opts in)", None,
         "phone (opt_in)", 4, True),
        ("category_added", "data.opt_in_one_of", "now keeps X (kept if the patron opts in, as one of several)", None,
         "x (opt_in_one_of)", 2, True),
    ]
    assert changes(after, BASE)[3] == ("category_moved", "data.not_kept",
                                       "ISBN list is no longer recorded as not kept (now not known)",
                                       "isbn (not_kept)", None, 2, True)


def test_states_and_declared_renames() -> None:
    data = load("data:\n  always: [a]\n  opt_in: [b, a]\n  not_kept: [c, b]\n"
                "  one_of: [{kept: always, categories: [d, e]}, {kept: opt_in, categories: [f, a]},"
                " {kept: sometimes, categories: [g]}, {categories: [h]}, nonsense]\n").data
    assert kinds(data) == {"a": "always", "b": "opt_in", "c": "not_kept", "d": "always_one_of",
                           "e": "always_one_of", "f": "opt_in_one_of", "g": "always", "h": "always"}
    assert kinds(data, {"a": "z"})["z"] == "always" and "a" not in kinds(data, {"a": "z"})
    assert kinds({"data": "nothing"}) == {} and kinds({"data": {"always": "a"}}) == {}
    renamed = BASE.replace("[email]", "[e_mail]")
    assert changes(BASE, renamed, {"email": "e_mail"}) == []
    assert changes(BASE.replace("[email]", "[email, x]"), renamed, {"email": "e_mail"}) == [
        ("category_removed", "data.opt_in",
         "is no longer recorded as keeping X (was kept only if the patron opts in; now not known)", "x (opt_in)", None,
         2, True)]


def test_other_parts_of_the_data_block_are_compared_too() -> None:
    assert changes(BASE, BASE + "  extra: 1\n") == [
        ("record", "data.extra", "data.extra added (1)", None, "1", 5, True)]


def test_scalar_fields_added_removed_changed() -> None:
    base = BASE + "retention: One year.\nprivacy_policy: https://a.example/\n"
    assert changes(base, base.replace("One year.", "Two\n  years.")) == [
        ("retention", "retention", "how long the data is kept changed", "One year.", "Two years.", 5, True)]
    assert changes(base, BASE + "privacy_policy: https://a.example/\n") == [
        ("retention", "retention", "how long the data is kept removed", "One year.", None, 0, True)]
    assert changes(BASE, BASE + "privacy_policy: https://b.example/\n") == [
        ("privacy_policy", "privacy_policy", "the privacy-policy address added", None, "https://b.example/", 5, True)]


def test_structured_fields_compare_by_meaning() -> None:
    source = "sources:\n  - {kind: contract, checked: 2024-01-01, description: A, quote: B}\n"
    assert changes(BASE + source, BASE + source.replace("A, quote: B", "C, quote: D")) == []
    assert changes(BASE + source, BASE + source.replace("2024-01-01", "2024-02-02")) == [
        ("record", "sources", "where the facts come from changed", '[["contract", "None", "2024-01-01"]]',
         '[["contract", "None", "2024-02-02"]]', 5, True)]
    assert changes(BASE + "sign_in: [a, b]\n", BASE + "sign_in: [b, a]\n") == []
    assert changes(BASE + "children: {coppa: yes}\n", BASE) == [
        ("record", "children", "children's data removed", '{"coppa": true}', None, 0, True)]
    assert changes(BASE + "advertising_or_tracking: unknown\n", BASE + "advertising_or_tracking: no\n") == [
        ("record", "advertising_or_tracking", "advertising or tracking changed from unknown to no", "unknown",
         "no", 5, True)]


def test_retirement() -> None:
    assert changes(BASE, BASE + "retired: 2024-01-01\n") == [
        ("retired", "retired", "retired on 2024-01-01", None, "2024-01-01", 5, True)]
    assert changes(BASE + "retired: 2024-01-01\n", BASE) == [
        ("unretired", "retired", "offered again (no longer retired)", "2024-01-01", None, 0, True)]
    assert changes(BASE + "retired: 2024-01-01\n", BASE + "retired: 2024-01-02\n") == [
        ("retired", "retired", "retirement date changed to 2024-01-02", "2024-01-01", "2024-01-02", 5, True)]


def test_information_fields() -> None:
    assert changes(BASE, BASE.replace("Libby", "Libby  app")) == [
        ("field", "name", "name changed", "Libby", "Libby app", 1, False)]
    assert changes(BASE, BASE + "privacy_policy_verified: false\n") == [], "left out means not confirmed"
    assert changes(BASE + "privacy_policy_verified: true\n", BASE) == [
        ("field", "privacy_policy_verified", "privacy_policy_verified changed", "true", "false", 0, False)]
    assert changes(BASE, BASE + "former_ids: [libby-app]\n") == [
        ("field", "former_ids", "former_ids changed", None, '["libby-app"]', 5, False)]
    assert changes(BASE + "changes: [{date: 2024-01-01, summary: a}]\n", BASE) == [], "history is compared apart"
    assert changes(BASE + "zzz: 1\n", BASE + "zzz: 2\n") == [("field", "zzz", "zzz changed", "1", "2", 5, False)]


def test_helpers() -> None:
    assert text(None) is None and text("  a \n b ") == "a b" and text(3) == "3"
    assert canonical("x", None) is None and canonical("x", ["b", "a"]) == '["a", "b"]'
    assert canonical("x", [2, 1]) == "[2, 1]" and canonical("x", "é") == '"é"'
    assert canonical("sources", [{"kind": "k", "address": "a", "checked": "c", "quote": "q"}, "junk"]) == \
        '[["k", "a", "c"]]'
    fields = schema_fields()
    assert fields[0] == "name" and "changes" in fields and "retired" in fields
    info = info_fields({"zzz": 1}, {"aaa": 2})
    assert info[:3] == ["name", "service", "website"] and info[-2:] == ["aaa", "zzz"]
    assert "data" not in info and "changes" not in info and "retired" not in info and "sources" not in info


def test_a_vendor_still_using_a_renamed_id_has_not_changed() -> None:
    assert changes(BASE, BASE, {"email": "e_mail"}) == []


def test_labels_inside_a_sentence() -> None:
    vocabulary = Vocabulary((), (Category("ip", "IPv6 address", "d", "device"), Category("id", "Id", "d", "r"),
                                 Category("a", "A", "d", "r")))
    found = compare(load("data: {always: [], opt_in: []}\n"), load("data: {always: [ip, id, a], opt_in: []}\n"),
                    vocabulary)
    assert [c.text for c in found] == ["now keeps A (always kept)", "now keeps id (always kept)",
                                       "now keeps IPv6 address (always kept)"]


def test_every_other_part_of_the_data_block_is_compared_with_its_own_values() -> None:
    base = "data:\n  always: [holds]\n  opt_in: []\n  extra: 1\n  other: a\n"
    work = "data:\n  always: [holds, email]\n  opt_in: []\n  extra: 2\n  other: a\n"
    assert changes(base, work) == [
        ("category_added", "data.always", "now keeps email address (always kept)", None, "email (always)", 2, True),
        ("record", "data.extra", "data.extra changed from 1 to 2", "1", "2", 4, True)]


def test_structured_values_compare_whatever_their_key_order_and_show_text_as_written() -> None:
    assert changes(BASE + "children: {coppa: yes, targets_children: no}\n",
                   BASE + "children:\n  targets_children: no\n  coppa: yes\n") == []
    assert changes(BASE + "children: {note: Élan}\n", BASE + "children: {note: Élan vital}\n") == [
        ("record", "children", "children's data changed", '{"note": "Élan"}', '{"note": "Élan vital"}', 5, True)]
    assert changes(BASE + "former_ids: [b, a]\n", BASE + "former_ids: [a, b]\n") == []


def test_line_folding_inside_structured_values_is_no_change() -> None:
    base = BASE + "translations: {es: {note: Lea en voz alta.}}\n"
    assert changes(base, BASE + "translations:\n  es:\n    note: >-\n      Lea en\n      voz   alta.\n") == []
    assert changes(BASE + "sign_in: [' a  b']\n", BASE + "sign_in: [a b]\n") == []
