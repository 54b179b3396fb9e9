"""Every broken input in tests/fixtures/invalid gets its own clear message; edge cases in valid/ pass.

One test function runs over every fixture file, found by listing the folders; the few
inputs too big to commit (a 10 MB file, nesting written by indentation) are generated
here and run through the same function.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.conftest import IN_PROCESS, run_cli

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"
EXPECTED: dict[str, dict[str, str]] = yaml.safe_load((INVALID / "expected.yaml").read_text("utf-8"))
# A hang detector only; the report shows the real time. mutmut traces every call while it
# collects its statistics, which makes the big generated inputs several times slower.
HANG_GUARD_SECONDS = 60.0 if IN_PROCESS else 5.0


def _ten_megabytes() -> bytes:
    line = b"note: " + b"x" * 1000 + b"\n"
    return b"name: Huge Reader\n" + line * (10 * 1024 * 1024 // len(line) + 1)


def _deep_indentation() -> bytes:
    levels = 1200  # as deep as fits under the size limit when each level indents one more space
    return b"name: Deep Indent Reader\nnote:\n" + b"".join(b" " * (i + 1) + b"a:\n" for i in range(levels)) \
        + b" " * (levels + 1) + b"x\n"


def _pasted_spreadsheet() -> bytes:
    return b"".join(b"row%d: value %d\n" % (i, i) for i in range(40_000))


GENERATED: dict[str, tuple[Callable[[], bytes], dict[str, str]]] = {
    "too-many-problems.yaml": (_pasted_spreadsheet, {
        "at": "1:1", "field": "(file)", "message": "checking stopped after 50 problems in this file",
        "hint": "fix these and run the check again"}),
    "ten-megabytes.yaml": (_ten_megabytes, {
        "at": "1:1", "field": "(file)", "message": "a registry file may be at most 1,000,000 bytes",
        "hint": "check the right file was saved here"}),
    "nesting-deep-indentation.yaml": (_deep_indentation, {
        "at": "52:51", "field": "note", "message": "nested more than 50 levels deep",
        "hint": "check the brackets and indentation"}),
}


def _cases() -> list[str]:
    listed = sorted(p.name for p in INVALID.iterdir() if p.name != "expected.yaml")
    assert sorted(EXPECTED) == listed, "every fixture in invalid/ needs an entry in expected.yaml, and no more"
    valid = sorted(p.name for p in VALID.iterdir())
    return [*(f"invalid/{n}" for n in listed), *(f"generated/{n}" for n in GENERATED), *(f"valid/{n}" for n in valid)]


def _install(project: Path, name: str, data: bytes) -> str:
    """Copy a fixture into the project where staff would put it; return its displayed path."""
    folder = "policies" if name.endswith(".md") else "vendors"
    (project / folder / name).parent.mkdir(parents=True, exist_ok=True)
    (project / folder / name).write_bytes(data)
    return f"{folder}/{name}"


def _check(project: Path, capfd: pytest.CaptureFixture[str]) -> tuple[int, str, float]:
    started = time.perf_counter()
    code = main(["--root", str(project), "check"])
    elapsed = time.perf_counter() - started
    out, err = capfd.readouterr()
    return code, out + err, elapsed


@pytest.mark.parametrize("case", _cases())
def test_input_gets_its_expected_outcome(case: str, project: Path, capfd: pytest.CaptureFixture[str],
                                         record_property: Callable[[str, object], None]) -> None:
    """invalid/ and generated: exit 1 and the expected line, field, message and fix; valid/: accepted."""
    kind, name = case.split("/", 1)
    expected: dict[str, str] | None = None
    if kind == "generated":
        make, expected = GENERATED[name]
        data = make()
    elif kind == "invalid":
        expected, data = EXPECTED[name], (INVALID / name).read_bytes()
    else:
        data = (VALID / name).read_bytes()
    shown = _install(project, (expected or {}).get("as", name), data)

    code, output, elapsed = _check(project, capfd)
    record_property("check_seconds", round(elapsed, 3))

    assert "Traceback" not in output
    assert elapsed < HANG_GUARD_SECONDS
    if expected is None:
        assert code == 0, output
        assert "no problems" in output
        return
    assert code == 1, output
    where = f"{shown}:{expected['at']}: {expected['field']}: "
    lines = [line for line in output.splitlines() if line.startswith(where)]
    assert lines, f"no problem at {shown}:{expected['at']} on {expected['field']}:\n{output}"
    assert any(expected["message"] in line and expected["hint"] in line for line in lines), output


def test_whole_corpus_at_once_through_the_real_command(project: Path) -> None:
    """Staff see every problem in one run of the real command, each on its own line."""
    # (A broken vocabulary replaces the real one, which would hide every category problem: not here.)
    cases = {case: expected for case, expected in EXPECTED.items() if not expected.get("as", "").startswith("_")}
    for case, expected in cases.items():
        _install(project, expected.get("as", case), (INVALID / case).read_bytes())
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for case, expected in cases.items():
        name = expected.get("as", case)
        folder = "policies" if name.endswith(".md") else "vendors"
        where = f"{folder}/{name}:{expected['at']}: {expected['field']}: "
        assert any(line.startswith(where) and expected["message"] in line for line in result.stdout.splitlines()), \
            f"{case}: nothing at {where}"


def test_github_format_puts_each_problem_on_its_line(project: Path, capfd: pytest.CaptureFixture[str]) -> None:
    shutil.copy2(INVALID / "unknown-category.yaml", project / "vendors" / "unknown-category.yaml")
    assert main(["--root", str(project), "check", "--format", "github"]) == 1
    out = capfd.readouterr().out
    assert "::error file=vendors/unknown-category.yaml,line=6,col=18," in out
    assert "did you mean 'email'?" in out


@pytest.mark.parametrize("kind", ["link-to-dev-zero", "link-outside-project", "fifo", "folder"])
def test_special_file_is_refused_without_reading_it(kind: str, project: Path,
                                                     capfd: pytest.CaptureFixture[str]) -> None:
    """A pull request can add a link to /dev/zero or to a file outside the project: no hang, no leak."""
    target = project / "vendors" / "special.yaml"
    outside = project.parent / "secret.txt"
    outside.write_text("name: the secret\n", "utf-8")
    if kind == "link-to-dev-zero":
        target.symlink_to("/dev/zero")
    elif kind == "link-outside-project":
        target.symlink_to(outside)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    code, output, elapsed = _check(project, capfd)
    assert code == 1, output
    message = "is not an ordinary file" if kind in ("fifo", "folder") else "is a symbolic link to a file outside"
    assert f"vendors/special.yaml:1:1: (file): {message}" in output
    assert "the secret" not in output and "Traceback" not in output
    assert elapsed < HANG_GUARD_SECONDS
