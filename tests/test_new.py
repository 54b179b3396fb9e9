"""``privacy-registry new``: a commented scaffold that check holds back until staff fill it in."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.commands.new import schema_reference, slugify
from tests.conftest import ROOT, run_cli

FILLED = {
    "service:": "service: Learning languages with short daily lessons",
    "website:": "website: https://www.lingo-example.org/",
    "privacy_policy:": "privacy_policy: https://www.lingo-example.org/privacy",
    "  always: []": "  always: [reading_progress, email]",
    "  opt_in: []": "  opt_in: [phone]",
    # the source the facts come from, uncommented as the file asks
    "# sources:": "sources:",
    "#   - kind: privacy_policy": "  - kind: privacy_policy",
    "#     address: https://...": "    address: https://www.lingo-example.org/privacy",
}


def fill_in(path: Path) -> None:
    """Do what the file asks staff to do: fill in the marked lines, the data lists and the source."""
    lines = path.read_text("utf-8").splitlines()
    filled = [FILLED.get(line, line) for line in lines]
    at = filled.index("sources:")
    checked = next(i for i in range(at, len(filled)) if filled[i].startswith("#     checked: "))
    filled[checked] = "    " + filled[checked].lstrip("# ")
    path.write_text("\n".join(filled) + "\n", "utf-8")


@pytest.mark.parametrize(("name", "expected"), [
    ("Lingo Académie", "lingo-academie"),
    ("Tutor.com", "tutor-com"),
    ("Café Bücher & Co.", "cafe-bucher-and-co"),
    ("  Straße   Øresund  ", "strasse-oresund"),
    ("X-Plain Patient Education", "x-plain-patient-education"),
])
def test_ids_are_ascii_slugs(name: str, expected: str) -> None:
    assert slugify(name) == expected


def named_schema(file: Path, line: str | None = None) -> Path:
    """The schema a registry file names on its first line (or ``line``, as it would be written in ``file``'s
    folder), as an editor finds it: relative to the file."""
    first = line if line is not None else file.read_text("utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{file.name} names no schema on its first line: {first!r}"
    assert not Path(match.group(1)).is_absolute(), "an absolute path works on one computer only"
    path = (file.parent / match.group(1)).resolve()
    assert path.is_file(), f"{file.name} names {match.group(1)}, which is not there"
    return path


def example_line(readme: Path) -> str:
    """The first line of the example vendor file in a vendors/README.md."""
    text = readme.read_text("utf-8")
    return text[text.index("```yaml\n") + 8:].splitlines()[0]


def test_in_this_repository_the_scaffold_names_the_registrys_own_schema(project: Path) -> None:
    assert schema_reference(ROOT, ROOT / "vendors") == "../generator/schema/vendor.schema.json"
    shutil.copytree(ROOT / "generator/schema", project / "generator/schema")  # laid out as this repository is
    assert run_cli("new", "Lingo Académie", cwd=project / "policies").returncode == 0
    written = project / "vendors/lingo-academie.yaml"
    assert written.read_text("utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../generator/schema/vendor.schema.json"
    assert named_schema(written) == (project / "generator/schema/vendor.schema.json").resolve()


def test_a_project_without_a_schema_gets_no_line_pointing_nowhere(project: Path) -> None:
    """Editors ignore a schema line whose file is missing without a word; better no line at all."""
    assert run_cli("new", "Lingo", cwd=project).returncode == 0
    text = (project / "vendors/lingo.yaml").read_text("utf-8")
    assert "yaml-language-server" not in text and "schema" not in text.splitlines()[0]
    assert text.startswith("# Lingo: written by 'privacy-registry new' on ")


def test_the_scaffold_explains_every_field_and_does_not_pass_check_yet(project: Path) -> None:
    result = run_cli("new", "Lingo Académie", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "vendors/lingo-academie.yaml" in result.stdout
    assert "Next steps" in result.stdout and "privacy-registry check" in result.stdout
    text = (project / "vendors" / "lingo-academie.yaml").read_text("utf-8")
    assert 'name: "Lingo Académie"' in text
    today = dt.date.today().isoformat()
    assert f"# last_reviewed: {today}" in text  # a new record is not reviewed until staff say so
    for field in ("sources:", "sign_in:", "identifiers_shared:", "retention_period:", "advertising_or_tracking:",
                  "sells_or_shares:", "children:", "how_to_delete:", "deletion_contact:", "not_kept:", "one_of:"):
        assert f"# {field}" in text or f"#   {field}" in text, field
    assert f"  - date: {today}" in text
    for category_id in ("checkout_history", "reading_progress", "hold_history"):
        assert re.search(rf"^#\s+{category_id}\s+\S", text, re.M), category_id

    check = run_cli("check", cwd=project)
    assert check.returncode == 1
    lines = {line.split(": ")[0]: line for line in check.stdout.splitlines()
             if line.startswith("vendors/") and ": warning: " not in line}  # problems only: other records may warn
    fields = {re.sub(r":\d+:\d+$", "", key) for key in lines}
    assert fields == {"vendors/lingo-academie.yaml"}
    assert {"service", "website", "privacy_policy"} <= {line.split(": ")[1] for line in lines.values()}


def test_new_never_overwrites(project: Path) -> None:
    target = project / "vendors" / "overdrive.yaml"
    before = target.read_bytes()
    result = run_cli("new", "OverDrive", cwd=project)
    assert result.returncode == 1
    assert "vendors/overdrive.yaml already exists" in result.stderr
    assert target.read_bytes() == before

    assert run_cli("new", "Lingo", cwd=project).returncode == 0
    again = run_cli("new", "Lingo", cwd=project)
    assert again.returncode == 1
    assert "already exists" in again.stderr


@pytest.mark.parametrize(("name", "clash"), [
    ("OVERDRIVE", "overdrive.yaml"),            # same id
    ("Over Drive", "overdrive.yaml"),           # the same id but for a hyphen
    ("linkedin LEARNING", "linkedin-learning.yaml"),
    ("kanopy streaming video", "kanopy.yaml"),  # same name as an existing vendor, different id
])
def test_new_refuses_names_that_collide(project: Path, name: str, clash: str) -> None:
    before = sorted(p.name for p in (project / "vendors").iterdir())
    result = run_cli("new", name, cwd=project)
    assert result.returncode == 1
    assert clash in result.stderr
    assert "nothing was written" in result.stderr
    assert sorted(p.name for p in (project / "vendors").iterdir()) == before


@pytest.mark.parametrize("name", ["", "   ", "日本語", "<script>"])
def test_new_refuses_unusable_names(project: Path, name: str) -> None:
    result = run_cli("new", name, cwd=project)
    assert result.returncode == 2
    assert "privacy-registry new:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_new_vendor_filled_in_appears_everywhere_after_a_real_build(project: Path) -> None:
    assert run_cli("new", "Lingo Académie", cwd=project).returncode == 0
    fill_in(project / "vendors" / "lingo-academie.yaml")
    check = run_cli("check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr

    site = project / "site"
    build = run_cli("build", cwd=project)
    assert build.returncode == 0, build.stdout + build.stderr

    chart = (site / "services" / "index.html").read_text("utf-8")
    assert 'id="row-lingo-academie"' in chart
    assert "15 services." in chart
    page = (site / "services" / "lingo-academie" / "index.html").read_text("utf-8")
    assert "Learning languages with short daily lessons" in page
    assert "https://www.lingo-example.org/privacy" in page

    matrix = (site / "who-keeps-what" / "index.html").read_text("utf-8")
    tables = matrix[matrix.index('id="ppr-matrix"'):]
    # One row in each group's table; together they hold every category once.
    rows = [part[:part.index("</tr>")] for part in tables.split('href="../services/lingo-academie/"')[1:]]
    assert len(rows) >= 3
    assert sum(r.count(">Always</td>") for r in rows) == 2 and sum(r.count(">Opt-in</td>") for r in rows) == 1

    glossary = (site / "glossary" / "index.html").read_text("utf-8")
    progress = glossary[glossary.index('<h3 id="reading_progress"'):]
    progress = progress[:progress.index("<h3", 1)]
    assert "Lingo Académie" in progress

    rows = list(csv.DictReader(io.StringIO((site / "vendors.csv").read_text("utf-8-sig"), newline="")))
    lingo = next(r for r in rows if r["id"] == "lingo-academie")
    assert lingo["data_always_ids"] == "reading_progress; email"
    assert lingo["data_opt_in"] == "Phone number"
    vendors = json.loads((site / "vendors.json").read_text("utf-8"))["vendors"]
    assert any(v["id"] == "lingo-academie" and v["data"]["opt_in"] == ["phone"] for v in vendors)
