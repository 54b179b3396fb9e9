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
    assert document["version"] == "1.0"
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
    text = path.read_text("utf-8").replace("changes:\n", "retired: 2023-06-30\nchanges:\n  - date: 2023-06-30\n"
                                           "    summary: The library no longer offers this service.\n", 1)
    path.write_text(text, "utf-8")
    registry = load_registry(project / "vendors", project).registry
    assert registry is not None
    assert "freading" not in [r["id"] for r in csv.DictReader(io.StringIO(vendors_csv(registry).lstrip("\ufeff")))]
    document = json.loads(vendors_json(registry))
    freading = next(v for v in document["vendors"] if v["id"] == "freading")
    assert freading["retired"] == "2023-06-30"
    assert freading["changes"][0]["summary"] == "The library no longer offers this service."
    assert document["updated"] == "2023-06-30"
