"""Shared fixtures: a copy of the real project, and the real site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.browsing import CHROMIUM, CHROMIUM_ARGS, require

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "vendors", "policies", "site_overrides")


def copy_project(dest: Path) -> Path:
    """Copy the parts of the real project a build needs into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


# PRIVACY_REGISTRY_TESTS_IN_PROCESS=1 (set by `make mutation`): run the command line in this
# process (the same parser and `run` functions), so a test of it sees mutmut's mutated copy of
# the code; a subprocess imports the installed package and could never kill a mutant. Only
# commands that look up sys.stdout per call run in process; the others still run as subprocesses.
IN_PROCESS = os.environ.get("PRIVACY_REGISTRY_TESTS_IN_PROCESS") == "1"
IN_PROCESS_COMMANDS = {"check", "diff", "export"}


def examples(count: int) -> int:
    """How many examples a hypothesis test tries: ``count``, or a tenth of it under `make mutation`.

    Each mutant reruns every test that reaches the mutated function; the deterministic tests
    carry the killing, and a few generated examples per mutant keep the properties in play.
    """
    return max(5, count // 10) if IN_PROCESS else count


def _run_in_process(args: tuple[str, ...], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``privacy-registry ARGS`` through ``generator.cli.main``: captured output and exit code."""
    import contextlib
    import io
    import traceback

    from generator import cli

    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse: usage errors, --help, --version
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
            except Exception:  # what a subprocess would print before exiting 1
                err.write(traceback.format_exc())
                code = 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["privacy-registry", *args], code, out.getvalue(), err.getvalue())


SITE_FIXTURES = {"built_site", "properdocs_site", "engine_site", "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `make mutation` only: leave out tests that build the whole site or drive the browser
    (each mutant would rebuild it); they run in `make test`."""
    if not IN_PROCESS:
        return
    kept = [item for item in items if not SITE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``privacy-registry`` as staff would, in a real subprocess (in process for `make mutation`)."""
    if IN_PROCESS and IN_PROCESS_COMMANDS & set(args):
        return _run_in_process(args, cwd or ROOT)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the real project that a test may edit."""
    return copy_project(tmp_path / "project")


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; fail the test on error."""
    result = subprocess.run(
        ["git", "-c", "user.name=Staff Editor", "-c", "user.email=staff@example.org", "-c", "commit.gpgsign=false",
         "-c", "init.defaultBranch=main", *args],
        cwd=repo, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(project: Path) -> Path:
    """The real project committed as the base of a throwaway repository."""
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with a real strict MkDocs build."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_cli("build", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


EXAMPLES = ("westport", "westchester-public-library", "wvls")


@pytest.fixture(scope="session")
def example_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three example sites in examples/, each built once per session with a real strict build."""
    out = tmp_path_factory.mktemp("examples")
    built = {}
    for name in EXAMPLES:
        result = run_cli("build", "--root", str(ROOT / "examples" / name), "--site-dir", str(out / name))
        assert result.returncode == 0, f"examples/{name}:\n{result.stdout}{result.stderr}"
        built[name] = out / name
    return built


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built once per session by the second supported engine, ProperDocs."""
    out = tmp_path_factory.mktemp("built-properdocs") / "site"
    result = run_cli("build", "--engine", "properdocs", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session", params=["mkdocs", "properdocs"])
def engine_site(request: pytest.FixtureRequest) -> Path:
    """The real site as each supported engine builds it: the same checks run on both."""
    return Path(request.getfixturevalue("built_site" if request.param == "mkdocs" else "properdocs_site"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, launched once for the whole session and shared by every browser test
    (Playwright's sync API allows one instance at a time). Skips on a workstation without it;
    fails when CI=true."""
    require(Path(CHROMIUM).is_file() or shutil.which(CHROMIUM) is not None, f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
