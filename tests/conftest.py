"""Shared fixtures: a copy of the real project, and the real sites built once per session.

A built site shared by the session is read-only to tests: ``read_only`` fails the session's
teardown when any file in it was changed, added or removed (copy it to tmp_path to edit it).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator.serve import SiteHandler, serve_handler
from tests.browser.browsing import CHROMIUM, CHROMIUM_ARGS, require
from tests.published import SUB_PATH

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


SITE_FIXTURES = {"built_site", "properdocs_site", "engine_site", "subpath_site", "browser"}


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


def manifest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` and a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def read_only(*folders: Path) -> Iterator[None]:
    """Fail when the block ends if a file in ``folders`` was changed, added or removed: a site the
    whole session shares must stay as built, or a later test would check another site."""
    before = {folder: manifest(folder) for folder in folders}
    yield
    for folder, files in before.items():
        after = manifest(folder)
        changed = sorted(name for name in files.keys() | after.keys() if files.get(name) != after.get(name))
        assert changed == [], f"a test wrote into the shared site {folder} (copy it to tmp_path to edit): {changed}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real site, built once per test session with a real strict MkDocs build (read-only)."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_cli("build", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    with read_only(out):
        yield out


EXAMPLES = ("westport", "westchester-public-library", "wvls")


@pytest.fixture(scope="session")
def example_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The three example sites in examples/, each built once per session with a real strict build (read-only)."""
    out = tmp_path_factory.mktemp("examples")
    built = {}
    for name in EXAMPLES:
        result = run_cli("build", "--root", str(ROOT / "examples" / name), "--site-dir", str(out / name))
        assert result.returncode == 0, f"examples/{name}:\n{result.stdout}{result.stderr}"
        built[name] = out / name
    with read_only(*built.values()):
        yield built


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real site built once per session by the second supported engine, ProperDocs (read-only)."""
    out = tmp_path_factory.mktemp("built-properdocs") / "site"
    result = run_cli("build", "--engine", "properdocs", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    with read_only(out):
        yield out


@dataclass(frozen=True)
class SubPathSite:
    """The real site built for, and served at, the library's sub-path on one loopback port."""

    base: str  # http://127.0.0.1:<port>/about-wls/patron-privacy/
    site: Path
    headers: dict[str, str] = field(default_factory=dict)

    @contextmanager
    def served_with(self, headers: Mapping[str, str]) -> Iterator[str]:
        """Answer with exactly ``headers`` added while the block runs; yield the base URL."""
        self.headers.clear()
        self.headers.update(headers)
        try:
            yield self.base
        finally:
            self.headers.clear()


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SubPathSite]:
    """The real site built once per session for ``http://127.0.0.1:<port>/about-wls/patron-privacy/``
    (the --site-url override) and served there all session (read-only). The port is bound before
    the build, so the address the site was built for stays this server's; each test module says
    which headers it is served with (``SubPathSite.served_with``)."""
    site = tmp_path_factory.mktemp("subpath") / "site"
    headers: dict[str, str] = {}
    handler = type("Handler", (SiteHandler,), {"extra_headers": headers, "base_path": SUB_PATH})
    with serve_handler(functools.partial(handler, directory=str(site))) as port:
        base = f"http://127.0.0.1:{port}{SUB_PATH}"
        result = run_cli("build", "--site-dir", str(site), "--site-url", base)
        assert result.returncode == 0, result.stdout + result.stderr
        with read_only(site):
            yield SubPathSite(base, site, headers)


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
