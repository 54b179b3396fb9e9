"""The staff guide (CONTRIBUTING.md) init writes for another library: the registry's own guide, with that
library's names, files and examples, generated from the one template both guides come from.

The registry's CONTRIBUTING.md is that template rendered with the WLS site's values; a change to one
without the other fails here. The new library's guide names none of WLS's words, files or law, only
its own; every file and command it names exists in the new site; and every example in it, followed
literally in the new site, passes check and diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale

from generator.cli import main
from generator.commands import init
from generator.commands.new import schema_reference
from generator.project import Project
from tests.conftest import ROOT
from tests.test_diff import git

NAME = "Millbrook & District Library"
GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
BLOCK = re.compile(r"^( *)```yaml\n(.*?)^\1```\n", re.M | re.S)
# Words of the WLS site and its guide that must not reach another library's files. (The name of
# WLS's page on patron data, privacy-of-patron-data.md, is the vendor schema's example of a file
# name; only the guide must not offer it as the new site's page.)
WLS_WORDS = re.compile(r"Westchester|\bWLS\b|CPLR|New York|\bNY\b|policy-11|Policy 11|Freading|"
                       r"library system's chart|westchesterlibraries", re.I)
TODAY = dt.date.today()


def _first_block(text: str, heading: str) -> str:
    match = BLOCK.search(text, text.index(heading))
    assert match, heading
    return textwrap.dedent(match.group(2))


def _wls_context() -> dict[str, Any]:
    """The WLS site's values for the guide: from its settings, registry and policies; its four
    whole-file examples and the changed record's description are its own, taken from its guide."""
    project = Project(ROOT)
    examples = {"changed": _first_block(GUIDE, "## Change what a vendor keeps"),
                "retired": _first_block(GUIDE, "## Retire a vendor"),
                "policy": _first_block(GUIDE, "## Revise a policy"),
                "corrected": _first_block(GUIDE, "## Correct a mistake in the history")}
    intro = re.search(r"edit \((.+?)\):\n", GUIDE)
    assert intro
    title = yaml.safe_load(examples["policy"])["title"]
    policy = next(p.name for p in sorted(project.policies.glob("*.md"))
                  if f"\ntitle: {title}\n" in p.read_text("utf-8") or f'\ntitle: "{title}"\n' in p.read_text("utf-8"))
    own = [yaml.safe_load(p.read_text("utf-8")).get("library_itself")
           for p in sorted(project.vendors.glob("[!_]*.yaml"))]
    languages = project.settings.languages.others
    assert len(languages) == 1
    return {"site_of": None, "schema": schema_reference(ROOT, project.vendors), "policy_file": policy,
            "own_policy_page": next(o["policy_page"] for o in own if o),
            "review_months": project.settings.review_months,
            "statute": (project.settings.library or {})["statute"]["citation"],
            "language": {"code": languages[0], "name": Locale("en").languages[languages[0]]},
            "examples": {**examples, "changed_intro": intro.group(1)}, "test_comment": "the full test suite"}


def test_the_registrys_guide_is_the_template_with_the_wls_sites_values() -> None:
    rendered = init.environment().get_template("CONTRIBUTING.md.j2").render(_wls_context())
    diff = "".join(difflib.unified_diff(GUIDE.splitlines(True), rendered.splitlines(True), "CONTRIBUTING.md",
                                        "generator/templates/init/CONTRIBUTING.md.j2 with the WLS values"))
    assert rendered == GUIDE, f"change the guide and its template together:\n{diff}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("guide") / "millbrook"
    init.write(folder, NAME)
    return folder


def test_nothing_init_writes_carries_the_wls_sites_words(site: Path) -> None:
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert len(files) > 20
    found = {p.relative_to(site).as_posix(): sorted(set(WLS_WORDS.findall(p.read_text("utf-8")))) for p in files}
    assert not {name: words for name, words in found.items() if words}


def test_the_guide_is_the_new_librarys_own(site: Path) -> None:
    guide = (site / "CONTRIBUTING.md").read_text("utf-8")
    assert guide.startswith(f"# Editing the patron privacy site of {NAME}\n")
    assert f'approved_by: "{NAME} Board of Trustees"' in guide
    assert "`policies/privacy-policy.md`" in guide and "library_itself: {policy_page: privacy-policy.md}" in guide
    assert "privacy-of-patron-data" not in guide
    # The site is in English only: no section or step about another language.
    assert not re.search(r"Spanish|español|\.es\.md|/es/|\bes:", guide), "a language the site does not have"
    assert "confidentiality law protects" in guide  # no statute is set yet: none is named
    schema = re.findall(r"\$schema=(\S+)", guide)
    assert schema and set(schema) == {"../schema/vendor.schema.json"}
    assert (site / "vendors" / schema[0]).resolve().is_file()


def test_every_file_and_command_the_guide_names_is_in_the_new_site(site: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    guide = (site / "CONTRIBUTING.md").read_text("utf-8")
    named = set(re.findall(r"`((?:\.?[\w-]+/)*[\w.-]+\.(?:md|ya?ml|json))(?::\d+)?`", guide))
    examples = ("lingo", "overdrive", "vendors.", "glossary", "services")  # an example's name, or a page of the site
    named -= {n for n in named if any(n.startswith(e) or f"/{e}" in n for e in examples)}
    assert {"policies/privacy-policy.md", "vendors/_categories.yaml", ".vscode/settings.json",
            ".pre-commit-config.yaml", "mkdocs.yml"} <= named
    missing = sorted(n for n in named if not (site / n).exists() and not (site / "policies" / n).exists())
    assert not missing, f"the guide names files the new site does not have: {missing}"
    makefile = (site / "Makefile").read_text("utf-8")
    for target in set(re.findall(r"^make (\w+)", guide, re.M)):
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target}"
    for command in set(re.findall(r"^\.venv/bin/privacy-registry (\w+)", guide, re.M)):
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0, command
    capsys.readouterr()


def _not_future(text: str) -> str:
    """Staff put today's date; an example's date may be later than the test machine's clock."""
    return re.sub(r"\d{4}-\d{2}-\d{2}", lambda m: min(m.group(0), TODAY.isoformat()), text)


def _examples(site: Path) -> list[str]:
    guide = (site / "CONTRIBUTING.md").read_text("utf-8")
    return [_not_future(textwrap.dedent(m.group(2))) for m in BLOCK.finditer(guide)]


def _apply(project: Path, example: str, added: str) -> str:
    """Put an example where the guide says it goes; return what it is."""
    data = yaml.safe_load(example)
    if "name" in data:  # a whole vendor file
        (project / "vendors/lingo-academy.yaml").write_text(example, "utf-8")
        return "vendor file"
    if "title" in data:  # the privacy policy's whole front matter
        page = project / "policies/privacy-policy.md"
        body = page.read_text("utf-8")[4:].partition("\n---\n")[2]
        page.write_text(f"---\n{example}---\n{body}", "utf-8")
        return "policy front matter"
    if set(data) == {"changes"}:  # the vocabulary's own history
        vocabulary = project / "vendors/_categories.yaml"
        vocabulary.write_text(vocabulary.read_text("utf-8").rstrip("\n") + "\n\n" + example, "utf-8")
        return "vocabulary history"
    record = yaml.safe_load(added)  # a field shown alone: it goes into the added record
    record.update(data)
    (project / "vendors/lingo-academy.yaml").write_text(yaml.safe_dump(record, sort_keys=False), "utf-8")
    return f"the added record with {', '.join(data)}"


def _passes(project: Path, capsys: pytest.CaptureFixture[str], what: str) -> None:
    for args in (["check"], ["diff", "--base", "HEAD"]):
        code = main([*args, "--root", str(project)])
        out = capsys.readouterr().out
        assert code == 0, f"{what}: {args[0]}:\n{out}"


def _committed(folder: Path, message: str) -> Path:
    if not (folder / ".git").is_dir():
        git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)
    return folder


def test_every_example_in_the_guide_followed_literally_passes_check_and_diff(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Adding the service (and a field shown alone, in the new record) starts from the site as init wrote
    it; every other task from the site with that service in it."""
    examples = _examples(site)
    assert len(examples) >= 8
    added = examples[0]
    assert added.startswith("# yaml-language-server") and "name: Lingo Academy" in added
    fresh = _committed(shutil.copytree(site, tmp_path / "fresh"), "init")
    with_service = shutil.copytree(fresh, tmp_path / "with-service")
    _apply(with_service, added, added)
    _committed(with_service, "Lingo Academy added")
    for index, example in enumerate(examples):
        new_record = index == 0 or not {"name", "title", "changes"} & set(yaml.safe_load(example))
        project = shutil.copytree(fresh if new_record else with_service, tmp_path / f"example-{index}")
        _passes(project, capsys, f"{_apply(project, example, added)} (example {index})")
