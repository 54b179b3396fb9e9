"""Every YAML example in CONTRIBUTING.md, followed literally, passes ``check`` and ``diff``."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, run_cli
from tests.test_diff import git

GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
EXAMPLES = [textwrap.dedent(m.group(2)) for m in re.finditer(r"^( *)```yaml\n(.*?)^\1```", GUIDE, re.M | re.S)]
TODAY = dt.date.today()


def _not_future(text: str) -> str:
    """Staff put today's date; an example's date may be later than the test machine's clock."""
    return re.sub(r"\d{4}-\d{2}-\d{2}", lambda m: min(m.group(0), TODAY.isoformat()), text)


def _same_facts(translation: Path, original: dict[str, object]) -> None:
    """Give a translated policy page the original's facts, as the guide's step 5 says."""
    if not translation.is_file():
        return
    head, _, body = translation.read_text("utf-8")[4:].partition("\n---\n")
    data = yaml.safe_load(head)
    for name in ("policy_number", "approved", "last_reviewed", "unconfirmed"):
        if name in original:
            data[name] = original[name]
        else:
            data.pop(name, None)
    summaries = {r["date"]: r["summary"] for r in data.get("revisions", [])}
    data["revisions"] = [{"date": r["date"], "summary": summaries.get(r["date"], "Revisión.")}
                         for r in original.get("revisions", [])]  # type: ignore[attr-defined]
    translation.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False, allow_unicode=True)}---\n{body}", "utf-8")


def _apply(project: Path, example: str) -> str:
    """Put the example where the guide says it goes; return what it is."""
    data = yaml.safe_load(example)
    if "name" in data:  # a whole vendor file: it replaces the vendor of that name, or is a new one
        for path in (project / "vendors").glob("[!_]*.yaml"):
            if yaml.safe_load(path.read_text("utf-8"))["name"] == data["name"]:
                path.write_text(example, "utf-8")
                return f"vendor file {path.name}"
        (project / "vendors/lingo-academy.yaml").write_text(example, "utf-8")
        return "new vendor file"
    if "title" in data:  # a policy page's whole front matter
        for path in (project / "policies").glob("*.md"):
            text = path.read_text("utf-8")
            head, _, body = text[4:].partition("\n---\n")
            if yaml.safe_load(head)["title"] == data["title"]:
                path.write_text(f"---\n{example}---\n{body}", "utf-8")
                _same_facts(path.with_suffix(".es.md"), data)  # step 5: the Spanish page states the same facts
                return f"policy {path.name}"
        raise AssertionError(f"no policy titled {data['title']!r}")
    vendor_fields = set(yaml.safe_load((ROOT / "generator/schema/vendor.schema.json").read_text("utf-8"))["properties"])
    if set(data) <= vendor_fields - {"changes"}:  # a field shown alone: it goes into the guide's new vendor file
        whole = yaml.safe_load(EXAMPLES[0])
        whole.update(data)
        (project / "vendors/lingo-academy.yaml").write_text(yaml.safe_dump(whole, sort_keys=False), "utf-8")
        return f"new vendor file with {', '.join(data)}"
    assert set(data) == {"changes"}, f"an example the test does not know where to put:\n{example}"
    vocabulary = project / "vendors/_categories.yaml"
    vocabulary.write_text(vocabulary.read_text("utf-8").rstrip("\n") + "\n\n" + example, "utf-8")
    return "the vocabulary's history"


def test_the_guide_has_an_example_for_each_task() -> None:
    assert len(EXAMPLES) >= 6
    assert any("retired:" in e and e.startswith("# yaml-language-server") for e in EXAMPLES), \
        "retiring a vendor is shown as a whole file"


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_each_example_passes_check_and_diff(index: int, project: Path) -> None:
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    what = _apply(project, _not_future(EXAMPLES[index]))
    check = run_cli("check", cwd=project)
    assert check.returncode == 0, f"{what}:\n{check.stdout}"
    diff = run_cli("diff", "--base", "HEAD", cwd=project)
    assert diff.returncode == 0, f"{what}:\n{diff.stdout}"


def test_commands_in_the_guide_are_the_ones_that_exist() -> None:
    commands = re.findall(r"^(\S+privacy-registry) (\w+)", GUIDE, re.M)
    assert commands and all(program == ".venv/bin/privacy-registry" for program, _ in commands)
    for _, command in commands:
        assert run_cli(command, "--help").returncode == 0, command
    for target in re.findall(r"^make (\w+)", GUIDE, re.M):
        assert re.search(rf"^{target}:", (ROOT / "Makefile").read_text(), re.M), target
