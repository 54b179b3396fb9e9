"""The machine-readable downloads: vendors.json against its schema, vendors.csv against the chart."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from generator.downloads import defuse, vendors_csv, vendors_json
from generator.registry import load_registry
from tests.conftest import ROOT

CHART_ROW = re.compile(r'<tr[^>]*\bid="row-([a-z0-9-]+)"')


def chart_ids(site: Path) -> list[str]:
    """The vendor ids of the chart's rows, in page order, as a browser without JavaScript gets them."""
    return CHART_ROW.findall((site / "services" / "index.html").read_text("utf-8"))


def read_csv(path: Path) -> list[dict[str, str]]:
    """Parse vendors.csv as a spreadsheet would (UTF-8 with a byte order mark)."""
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def test_vendors_json_validates_against_its_published_schema(built_site: Path) -> None:
    document = json.loads((built_site / "vendors.json").read_text("utf-8"))
    schema = json.loads((built_site / "vendors.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document))
    assert errors == []
    assert document["version"] == "2.1"
    assert document["$schema"].endswith("vendors.schema.json")
    active = [v["id"] for v in document["vendors"] if v["retired"] is None]
    assert sorted(active) == sorted(chart_ids(built_site))


def test_vendors_csv_has_the_same_rows_as_the_chart(built_site: Path) -> None:
    rows = read_csv(built_site / "vendors.csv")
    ids = chart_ids(built_site)
    assert len(ids) == 14
    assert [r["id"] for r in rows] == ids
    overdrive = next(r for r in rows if r["id"] == "overdrive")
    assert overdrive["name"] == "OverDrive"
    assert overdrive["data_always"].split("; ")[:2] == ["Checkout history", "Holds"]
    assert overdrive["data_always_ids"].split("; ")[:2] == ["checkout_history", "holds"]
    assert overdrive["data_opt_in"] == ""
    assert overdrive["privacy_policy"].startswith("https://")


def test_the_chart_page_links_the_downloads(built_site: Path) -> None:
    page = (built_site / "services" / "index.html").read_text("utf-8")
    for name in ("vendors.csv", "vendors.json", "vendors.schema.json"):
        assert f'href="../{name}"' in page


def test_downloads_are_the_same_on_every_build() -> None:
    first = load_registry(ROOT / "vendors", ROOT).registry
    second = load_registry(ROOT / "vendors", ROOT).registry
    assert first is not None and second is not None
    assert vendors_json(first, "https://example.org/privacy/") == vendors_json(second, "https://example.org/privacy/")
    assert vendors_csv(first) == vendors_csv(second)
    # Only dates from the records, never the build clock.
    assert json.loads(vendors_json(first))["updated"] == first.updated


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx"])
def test_formula_cells_are_defused(cell: str) -> None:
    assert defuse(cell) == "'" + cell


def test_a_vendor_name_that_looks_like_a_formula_is_plain_text_in_the_csv(project: Path) -> None:
    path = project / "vendors" / "hoopla.yaml"
    path.write_text(path.read_text("utf-8").replace("name: Hoopla", 'name: "=HYPERLINK(\\"https://x.example\\")"'),
                    "utf-8")
    registry = load_registry(project / "vendors", project).registry
    assert registry is not None
    rows = list(csv.DictReader(io.StringIO(vendors_csv(registry).lstrip("\ufeff"), newline="")))
    assert any(r["name"] == "'=HYPERLINK(\"https://x.example\")" for r in rows)
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_a_retired_vendor_leaves_the_csv_but_stays_in_the_json(project: Path) -> None:
    path = project / "vendors" / "freading.yaml"
    text = path.read_text("utf-8").replace("changes:\n", "retired: 2023-06-30\nchanges:\n", 1).replace(
        "  - date: 2026-11-26\n", "  - date: 2023-06-30\n    summary: The library no longer offers this service.\n"
        "  - date: 2026-11-26\n", 1)  # entries oldest first
    path.write_text(text, "utf-8")
    registry = load_registry(project / "vendors", project).registry
    assert registry is not None
    assert "freading" not in [r["id"] for r in csv.DictReader(io.StringIO(vendors_csv(registry).lstrip("\ufeff")))]
    document = json.loads(vendors_json(registry))
    freading = next(v for v in document["vendors"] if v["id"] == "freading")
    assert freading["retired"] == "2023-06-30"
    assert {"date": "2023-06-30", "summary": "The library no longer offers this service."} in freading["changes"]
    assert document["updated"] == max(c["date"] for v in document["vendors"] for c in v["changes"])


def test_an_address_is_confirmed_only_where_the_record_says_true(project: Path) -> None:
    """A record without privacy_policy_verified never publishes a confirmation nobody gave."""
    path = project / "vendors" / "hoopla.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("privacy_policy_verified: false\n", ""), "utf-8")
    confirmed = project / "vendors" / "kanopy.yaml"
    confirmed.write_text(confirmed.read_text("utf-8").replace("privacy_policy_verified: false",
                                                              "privacy_policy_verified: true"), "utf-8")
    loaded = load_registry(project / "vendors", project)
    assert loaded.registry is not None, loaded.problems
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(vendors_csv(loaded.registry).lstrip("\ufeff")))}
    assert (rows["hoopla"]["privacy_policy_verified"], rows["kanopy"]["privacy_policy_verified"]) == ("no", "yes")
    vendors = {v["id"]: v for v in json.loads(vendors_json(loaded.registry))["vendors"]}
    assert (vendors["hoopla"]["privacy_policy_verified"], vendors["kanopy"]["privacy_policy_verified"]) == (False, True)
    # check says why the page calls the address unconfirmed, on the privacy_policy line
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("privacy_policy:"))) + 1
    warned = [(w.file, w.line, w.field) for w in loaded.warnings if "confirmed" in w.message]
    assert ("vendors/hoopla.yaml", line, "privacy_policy") in warned
    assert not any(file == "vendors/kanopy.yaml" for file, _, _ in warned), "a record that says true is not nagged"


def test_vendors_json_2_carries_sources_states_and_answers_for_every_vendor(built_site: Path) -> None:
    document = json.loads((built_site / "vendors.json").read_text("utf-8"))
    categories = [c["id"] for c in document["categories"]]
    assert len(document["vendors"]) == 14
    for vendor in document["vendors"]:
        assert list(vendor["data"]["states"]) == categories
        assert vendor["sources"] and vendor["sources"][0]["checked"] == "2022-01-03"
        assert vendor["children"] == {"targets_children": "unknown", "coppa": "unknown", "note": None}
        assert vendor["last_reviewed"] is None  # the chart's date is not a review
        if vendor["id"] == "westchester-library-system":
            continue  # the library's own answers, from its policy pages: below
        for key in ("sign_in", "identifiers_shared", "retention"):
            assert vendor[key] == "unknown", (vendor["id"], key)
        assert vendor["advertising_or_tracking"] == vendor["sells_or_shares"] == "unknown"
    by_id = {v["id"]: v for v in document["vendors"]}
    library = by_id["westchester-library-system"]
    assert library["sign_in"] == ["library_card"] and library["identifiers_shared"] == "unknown"
    assert library["advertising_or_tracking"] == library["sells_or_shares"] == "no"
    assert [s["checked"] for s in library["sources"]] == ["2022-01-03", "2026-11-27", "2026-11-27"]
    linkedin = by_id["linkedin-learning"]["data"]
    assert linkedin["one_of"] == [{"kept": "always", "categories": ["email", "phone"]}]
    assert linkedin["states"]["email"] == linkedin["states"]["phone"] == "always"
    assert linkedin["states"]["location"] == "unknown"
    assert set(by_id["tutor-com"]["data"]["states"].values()) == {"not_kept"}
    wls = by_id["westchester-library-system"]
    assert wls["library_itself"] == {"policy_page": "privacy-of-patron-data/"} and wls["privacy_policy"] is None
    assert wls["data"]["states"]["hold_history"] == "always"


# The reference chart (seeds/wls-privacy-of-patron-data.txt), row by row: always kept; opt-in.
REFERENCE_CHART = {
    "westchester-library-system": ("Name; Postal address; Phone number; Email address; Hold history; Fines and fees",
                                   "Checkout history"),
    "hoopla": ("Name; Email address; Checkout history", ""),
    "kanopy": ("Browser data; Location data",
               "Name; Institution name; Email address; Password; Other information you choose to give"),
    "freading": ("", "Email address"),
    "librarypass": ("Email address", ""),
    "linkedin-learning": ("Name; Password; Email address; Phone number", ""),
    "novel-databases": ("", ""),
    "overdrive": ("Checkout history; Holds; Reading progress; Bookmarks; Highlights; Notes; Online activity", ""),
    "project-gutenberg": ("", ""),
    "tumblebooks": ("", "Name; Email address"),
    "tutor-com": ("", ""),
    "biblioteca-tumblebooks": ("", "Name; Email address"),
    "university-of-fashion": ("", "Name; Email address"),
    "x-plain": ("", "Name; Email address; Postal address; Phone number"),
}


def test_vendors_csv_matches_the_reference_chart_row_by_row_and_says_what_is_unknown(built_site: Path) -> None:
    rows = {r["id"]: r for r in read_csv(built_site / "vendors.csv")}
    assert {k: (r["data_always"], r["data_opt_in"]) for k, r in rows.items()} == REFERENCE_CHART
    assert rows["linkedin-learning"]["data_one_of"] == "Email address or Phone number (always)"
    assert rows["tutor-com"]["data_not_known"] == "" and rows["tutor-com"]["data_not_kept"]
    assert "Location data" in rows["hoopla"]["data_not_known"]
    assert rows["westchester-library-system"]["library_itself"] == "yes"
    for vendor_id, row in rows.items():
        if vendor_id == "westchester-library-system":  # its policy pages answer too (checked 2026-11-27)
            assert row["reviewed"] == "yes" and row["sources_checked"] == "2026-11-27"
            assert (row["sign_in"], row["sells_or_shares"]) == ("library_card", "no") and row["retention"]
            continue
        assert row["reviewed"] == "yes" and row["sources_checked"] == "2022-01-03"
        assert row["sign_in"] == row["retention"] == row["sells_or_shares"] == "unknown"
