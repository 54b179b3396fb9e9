"""The example sites of three more libraries: complete, their own words, their own law, no WLS text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from generator.commands.new import schema_reference
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.test_new import example_line, named_schema

COPIED_SENTENCES = Path("/work/shared/tools/copied_sentences.py")  # the reference documents' checker
STATUTES = {"westport": "Conn. Gen. Stat. 11-25", "westchester-public-library": "Ind. Code 5-14-3-4(b)(16)",
            "wvls": "Wis. Stat. 43.30"}
NAMES = {"westport": "The Westport Library", "westchester-public-library": "Westchester Public Library",
         "wvls": "Wisconsin Valley Library Service"}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _article(page: Path) -> str:
    html = page.read_text("utf-8")
    return _text(html[html.find("<article"):html.find("</article>")])


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_is_complete_and_checks_clean(name: str) -> None:
    """No problem and no warning: every skeleton section was written, the contact and address are set."""
    result = run_cli("check", "--root", str(ROOT / "examples" / name))
    assert result.returncode == 0, result.stdout
    assert "warning" not in result.stdout, result.stdout


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_names_its_library_and_cites_its_own_statute(example_sites: dict[str, Path], name: str) -> None:
    site = example_sites[name]
    home = _article(site / "index.html")
    assert f"{STATUTES[name]}" in home, home
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert NAMES[name] in html, page
        assert not re.search(r"Westchester Library System|\bWLS\b|CPLR|New York", html), page
    footer = (site / "index.html").read_text("utf-8").split("<footer", 1)[1]
    assert "Privacy questions?" in _text(footer)


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_empty_registry_reads_well(example_sites: dict[str, Path], name: str) -> None:
    chart = _article(example_sites[name] / "services/index.html")
    assert "lists no third-party services yet" in chart
    assert "ppr-table" not in (example_sites[name] / "services/index.html").read_text("utf-8")
    # The downloads are there and valid against the schema published beside them.
    document = json.loads((example_sites[name] / "vendors.json").read_text("utf-8"))
    schema = json.loads((example_sites[name] / "vendors.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["vendors"] == [] and document["updated"] is None


def test_the_examples_keep_their_documents_structure(example_sites: dict[str, Path]) -> None:
    wvls = (example_sites["wvls"] / "privacy-policy/index.html").read_text("utf-8")
    assert "WVLS Board of Trustees" in _text(wvls) and 'datetime="2016-01-16"' in wvls
    assert "5-14-3-4" not in wvls
    rules = (example_sites["westchester-public-library"] / "confidentiality/index.html").read_text("utf-8")
    numbered = rules[rules.find("<article"):].split("<ol>", 1)[1]
    assert numbered.count("<strong>") >= 6, "six numbered rules"
    westport = _article(example_sites["westport"] / "privacy-policy/index.html")
    assert "January 2022" in westport and "Children's Online Privacy Protection Act" in westport
    assert "member library" in _article(example_sites["wvls"] / "index.html").lower() or \
        "member libraries" in _article(example_sites["wvls"] / "index.html")


def test_the_examples_are_written_in_the_projects_own_words() -> None:
    if not COPIED_SENTENCES.is_file():
        pytest.skip("the reference documents' checker is not on this machine")
    result = subprocess.run([sys.executable, str(COPIED_SENTENCES), str(ROOT / "examples")], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.stdout.strip().endswith("0 copied runs of 10+ words"), result.stdout


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_examples_registry_files_name_the_registrys_schemas(name: str) -> None:
    """The examples share this repository's schemas, as they share its theme overrides."""
    vendors = ROOT / "examples" / name / "vendors"
    schemas = (ROOT / "generator/schema").resolve()
    assert named_schema(vendors / "_categories.yaml") == schemas / "categories.schema.json"
    assert named_schema(vendors / "README.md", example_line(vendors / "README.md")) == schemas / "vendor.schema.json"
    assert schema_reference(ROOT / "examples" / name, vendors) == "../../../generator/schema/vendor.schema.json"
    for record in vendors.glob("[!_]*.yaml"):
        assert named_schema(record) == schemas / "vendor.schema.json"


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_examples_readme_names_only_files_it_has_or_says_it_leaves_out(name: str) -> None:
    folder = ROOT / "examples" / name
    readme = (folder / "README.md").read_text("utf-8")
    named = set(re.findall(r"`((?:\.?[\w-]+/)*(?:[\w.-]+\.(?:md|ya?ml|txt)|Makefile|[\w.-]+/))`", readme))
    assert {"vendors/README.md", "mkdocs.yml", "Makefile"} <= named
    registry = {"generator/schema/", "constraints.txt", "site/"}  # the registry's, or made by make
    missing = sorted(n for n in named - registry if not (folder / n).exists())
    for path in missing:
        paragraph = next(p for p in readme.split("\n\n") if f"`{path}`" in p)
        assert "the examples leave" in paragraph, f"examples/{name}/README.md names {path}, which it does not have"
