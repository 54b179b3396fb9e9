"""The code base stays ruff- and mypy-clean with modules of a readable size, and policy text stays the project's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SHARED_TOOL = ROOT.parent / "shared" / "tools" / "copied_sentences.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "generator", "tests")
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout


MODULE_LINES = 310  # "no module over about 300 lines" (issue 17): split a module that grows past it


def test_no_module_of_the_generator_is_over_about_300_lines() -> None:
    long = {path.relative_to(ROOT).as_posix(): n for path in sorted((ROOT / "generator").rglob("*.py"))
            if (n := len(path.read_text("utf-8").splitlines())) > MODULE_LINES}
    assert not long, f"modules over {MODULE_LINES} lines: {long}"


def test_no_sentence_is_copied_from_the_reference_documents() -> None:
    if not SHARED_TOOL.exists():  # the reference documents live beside the project, not in it
        return
    result = subprocess.run([sys.executable, str(SHARED_TOOL), str(ROOT)], capture_output=True, text=True, check=False)
    assert result.stdout.strip().splitlines()[-1].startswith("0 copied"), result.stdout


def test_every_vendor_file_names_its_schema() -> None:
    for path in sorted(Path(ROOT, "vendors").glob("*.yaml")):
        first = path.read_text("utf-8").splitlines()[0]
        schema = "categories" if path.name == "_categories.yaml" else "vendor"
        assert first == f"# yaml-language-server: $schema=../generator/schema/{schema}.schema.json", path.name
