"""Large registries: each further language is generated in a process of its own, with the same result.

The project's own site has two languages. Generating the Spanish pages in a worker process
while this process generates the English ones must give the very same files, report a
problem found in the worker as it would be reported here, and fall back to one language
after the other where a worker cannot start or fails.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator import multilingual, workers
from generator.commands.export import ExportFailed, export_project
from generator.project import Project
from tests.conftest import ROOT, manifest, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def one_after_the_other(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    dest = tmp_path_factory.mktemp("sequential") / "out"
    export_project(Project(ROOT), dest, parallel=False)
    return manifest(dest)


def test_languages_generated_in_worker_processes_are_the_same_files(
        one_after_the_other: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger=workers.__name__)
    started = []
    real = subprocess.Popen

    def popen(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        started.append(args)
        return real(args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(subprocess, "Popen", popen)
    export_project(Project(ROOT), tmp_path / "out", parallel=True)
    made = manifest(tmp_path / "out")
    assert [args[3] for args in started] == [workers.WORKER]
    assert caplog.records == []  # the worker's files were used, not made again here
    assert any(path.endswith(".es.md") for path in made)
    assert made == one_after_the_other


def test_a_problem_found_in_a_worker_is_reported_as_without_one(project: Path, tmp_path: Path) -> None:
    # A Spanish page where the Spanish glossary will be generated: only the Spanish job meets it.
    (project / "policies" / "glossary.es.md").write_text("---\ntitle: Palabras\n---\n\n# Palabras\n", "utf-8")
    messages = []
    for parallel in (False, True):
        with pytest.raises(ExportFailed) as failed:
            export_project(Project(project), tmp_path / f"out-{parallel}", parallel=parallel)
        messages.append(str(failed.value))
    assert messages[0] == messages[1]
    assert "glossary.md would be replaced by a generated page" in messages[0]


def test_where_a_worker_cannot_start_the_language_is_generated_here(
        one_after_the_other: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError("this platform cannot start processes")

    monkeypatch.setattr(subprocess, "Popen", no_processes)
    export_project(Project(ROOT), tmp_path / "out", parallel=True)
    assert manifest(tmp_path / "out") == one_after_the_other


def test_where_a_worker_fails_the_language_is_generated_here(
        one_after_the_other: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger=workers.__name__)
    monkeypatch.setattr(workers, "WORKER", "generator.no_such_module")  # a real process that exits 1
    export_project(Project(ROOT), tmp_path / "out", parallel=True)
    assert [r.levelname for r in caplog.records] == ["DEBUG"]
    assert "No module named generator.no_such_module" in caplog.text
    assert manifest(tmp_path / "out") == one_after_the_other


def test_a_build_script_without_a_main_guard_runs_once(one_after_the_other: dict[str, str], tmp_path: Path) -> None:
    """A library's own script that exports the site, with no ``if __name__ == "__main__"``."""
    script = tmp_path / "export_site.py"
    script.write_text(textwrap.dedent(f"""
        from pathlib import Path
        from generator.commands.export import export_project
        from generator.project import Project
        print("exporting")
        export_project(Project(Path({str(ROOT)!r})), Path({str(tmp_path / "out")!r}), parallel=True)
    """), "utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "exporting\n" and result.stderr == ""
    assert manifest(tmp_path / "out") == one_after_the_other


def test_a_small_registry_starts_no_process(
        one_after_the_other: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(list((ROOT / "vendors").glob("*.yaml"))) < multilingual.PARALLEL_FROM
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *args, **kwargs: started.append(args))
    export_project(Project(ROOT), tmp_path / "out")
    assert started == []
    assert manifest(tmp_path / "out") == one_after_the_other


def _deferring(monkeypatch: pytest.MonkeyPatch, waited: list[frozenset[str]]) -> None:
    """Make the export generate as a site build does: the other languages left to workers until
    asked for. ``waited`` receives the files that were still to come when the default language was done."""
    start = multilingual.start

    def generate(*args: object, parallel: bool | None = None, **kwargs: object) -> object:
        with start(*args, parallel=True, defer=True, **kwargs) as generation:  # type: ignore[arg-type]
            named, waiting = dict(generation.files), generation.waiting
            waited.append(waiting)
            out = generation.output()
            assert generation.waiting == frozenset()
        assert list(out.files) == list(named)  # every file was named before the workers were done
        assert all(named[path] == b"" for path in waiting) and all(out.files[path] for path in waiting)
        with start(*args, parallel=False, **kwargs) as here:  # type: ignore[arg-type]
            alone = here.output()  # in this process, one language after the other
        assert out.generated == alone.generated and list(out.files) == list(alone.files)  # the same order
        return out

    monkeypatch.setattr(multilingual, "generate", generate)


def test_a_build_names_the_other_languages_files_before_a_worker_has_made_them(
        one_after_the_other: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    waited: list[frozenset[str]] = []
    _deferring(monkeypatch, waited)
    export_project(Project(ROOT), tmp_path / "out")
    assert {"services/overdrive.es.md", "feed.es.xml", "index.es.md"} <= waited[0]
    assert all(".es." in path for path in waited[0])  # the default language never waits
    assert manifest(tmp_path / "out") == one_after_the_other


def test_a_problem_found_by_a_worker_the_build_did_not_wait_for_is_reported_as_without_one(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "policies" / "glossary.es.md").write_text("---\ntitle: Palabras\n---\n\n# Palabras\n", "utf-8")
    with pytest.raises(ExportFailed) as without:
        export_project(Project(project), tmp_path / "one", parallel=False)
    _deferring(monkeypatch, [])
    with pytest.raises(ExportFailed) as deferred:
        export_project(Project(project), tmp_path / "two")
    assert str(deferred.value) == str(without.value)


def test_no_worker_is_started_when_the_environment_says_so(
        one_after_the_other: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *args, **kwargs: started.append(args))
    monkeypatch.setenv(multilingual.WORKERS_ENV, "0")
    export_project(Project(ROOT), tmp_path / "out", parallel=True)
    assert started == []
    assert manifest(tmp_path / "out") == one_after_the_other


def test_a_site_built_while_workers_make_the_other_languages_is_the_site_built_without(
        built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The session's site was built with workers wherever a core is free (CI has two)."""
    monkeypatch.setenv(multilingual.WORKERS_ENV, "0")
    result = run_cli("build", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert manifest(tmp_path / "site") == manifest(built_site)


@pytest.mark.parametrize("worker", [workers.WORKER, "generator.no_such_module"])
def test_a_large_registry_s_vendor_pages_are_made_by_a_worker_meanwhile(
        worker: str, one_after_the_other: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """From SHARE_FROM vendors a site build hands its own vendor pages to a worker, then the Spanish
    pages; a worker that fails leaves them to the build. The same files either way."""
    caplog.set_level("DEBUG", logger=workers.__name__)
    monkeypatch.setattr(multilingual, "SHARE_FROM", 0)
    monkeypatch.setattr(workers, "WORKER", worker)
    started = []
    real = subprocess.Popen

    def popen(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        started.append(Path(args[4]).stem)  # the job's name
        return real(args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(subprocess, "Popen", popen)
    _deferring(monkeypatch, [])
    export_project(Project(ROOT), tmp_path / "out")
    assert started == [multilingual.VENDOR_PAGES, "es"]
    assert len(caplog.records) == (0 if worker == "generator.langworker" else 2)  # one debug line a failed job
    assert manifest(tmp_path / "out") == one_after_the_other
