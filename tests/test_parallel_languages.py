"""Large registries: each further language is generated in a process of its own, with the same result.

The project's own site has two languages. Generating the Spanish pages in a worker process
while this process generates the English ones must give the very same files, report a
problem found in the worker as it would be reported here, and fall back to one language
after the other where no process can be started.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import multilingual
from generator.commands.export import ExportFailed, export_project
from generator.project import Project
from tests.conftest import ROOT, manifest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def one_after_the_other(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    dest = tmp_path_factory.mktemp("sequential") / "out"
    export_project(Project(ROOT), dest, parallel=False)
    return manifest(dest)


def test_languages_generated_in_worker_processes_are_the_same_files(
        one_after_the_other: dict[str, str], tmp_path: Path) -> None:
    export_project(Project(ROOT), tmp_path / "out", parallel=True)
    made = manifest(tmp_path / "out")
    assert any(path.endswith(".es.md") for path in made)
    assert made == one_after_the_other


def test_a_problem_found_in_a_worker_is_reported_as_without_one(project: Path, tmp_path: Path) -> None:
    # A Spanish page where the Spanish glossary will be generated: only the Spanish job sees it.
    (project / "policies" / "glossary.es.md").write_text("---\ntitle: Palabras\n---\n\n# Palabras\n", "utf-8")
    messages = []
    for parallel in (False, True):
        with pytest.raises(ExportFailed) as failed:
            export_project(Project(project), tmp_path / f"out-{parallel}", parallel=parallel)
        messages.append(str(failed.value))
    assert messages[0] == messages[1]
    assert "glossary.md would be replaced by a generated page" in messages[0]


class _NoProcesses:
    """A platform where no process can be started: every attempt is counted, then refused."""

    tried = 0

    def __init__(self, *args: object, **kwargs: object) -> None:
        type(self).tried += 1
        raise OSError("this platform cannot start processes")


@pytest.fixture
def no_processes(monkeypatch: pytest.MonkeyPatch) -> type[_NoProcesses]:
    monkeypatch.setattr(multilingual, "ProcessPoolExecutor", _NoProcesses)
    monkeypatch.setattr(_NoProcesses, "tried", 0)
    return _NoProcesses


def test_where_no_process_can_start_the_languages_are_generated_here(
        one_after_the_other: dict[str, str], tmp_path: Path, no_processes: type[_NoProcesses]) -> None:
    export_project(Project(ROOT), tmp_path / "out", parallel=True)
    assert no_processes.tried == 1
    assert manifest(tmp_path / "out") == one_after_the_other


def test_a_small_registry_starts_no_process(
        one_after_the_other: dict[str, str], tmp_path: Path, no_processes: type[_NoProcesses]) -> None:
    assert len(list((ROOT / "vendors").glob("*.yaml"))) < multilingual.PARALLEL_FROM
    export_project(Project(ROOT), tmp_path / "out")
    assert no_processes.tried == 0
    assert manifest(tmp_path / "out") == one_after_the_other
