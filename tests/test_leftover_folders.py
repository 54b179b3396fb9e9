"""A build killed outright (SIGKILL, out of memory, a CI time-out) leaves its temporary folders;
the next build removes them, and never a folder a live build still holds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import tempdirs
from generator.tempdirs import Held
from tests.conftest import ROOT

PREFIX = "privacy-registry-docs-"

HOLDER = """
import sys, time
from generator.tempdirs import Held
held = Held(sys.argv[1], sys.argv[2])
print(held.path, flush=True)
time.sleep(600)
"""


def _holder(parent: Path, prefix: str = PREFIX) -> tuple[subprocess.Popen[str], Path]:
    """A live process holding a new folder in ``parent``; the folder."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, prefix, str(parent)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def _age(folder: Path, seconds: float = 2 * tempdirs.STALE_AFTER) -> None:
    then = time.time() - seconds
    os.utime(folder, (then, then))


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.skipif(tempdirs.fcntl is None, reason="no flock(2) here")
def test_a_folder_left_by_a_killed_process_goes_with_the_next_one(tmp_path: Path) -> None:
    proc, left = _holder(tmp_path)
    _kill(proc)
    assert left.is_dir()  # a killed process cleans up nothing
    (left / "page.md").write_text("half written\n")
    _age(left)

    with Held(PREFIX, tmp_path) as new:
        assert not left.exists()
        assert [p.name for p in tmp_path.iterdir()] == [new.name]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(tempdirs.fcntl is None, reason="no flock(2) here")
def test_a_folder_a_live_build_holds_is_never_removed(tmp_path: Path) -> None:
    proc, live = _holder(tmp_path)
    try:
        (live / "page.md").write_text("in use\n")
        _age(live)  # a live preview that has not rebuilt for an hour
        with Held(PREFIX, tmp_path):
            assert (live / "page.md").read_text() == "in use\n"
    finally:
        _kill(proc)


@pytest.mark.skipif(tempdirs.fcntl is None, reason="no flock(2) here")
def test_only_old_folders_of_our_own_kind_are_leftovers(tmp_path: Path) -> None:
    young = tmp_path / f"{PREFIX}young"  # just made by another build, not yet held
    young.mkdir()
    other_kind = tmp_path / "privacy-registry-languages-old"
    other_kind.mkdir()
    _age(other_kind)
    not_ours = tmp_path / "notes-privacy-registry-docs-old"
    not_ours.mkdir()
    _age(not_ours)
    a_file = tmp_path / f"{PREFIX}file"
    a_file.write_text("a file, not a folder\n")
    target = tmp_path / "target"
    target.mkdir()
    (target / "keep.md").write_text("kept\n")
    link = tmp_path / f"{PREFIX}link"
    link.symlink_to(target)
    for path in (a_file, target):
        _age(path)

    assert tempdirs.sweep(str(tmp_path), PREFIX) == []
    assert young.is_dir() and other_kind.is_dir() and not_ours.is_dir() and a_file.is_file()
    assert (link / "keep.md").read_text() == "kept\n"


def test_a_held_folder_is_removed_when_its_owner_is_done(tmp_path: Path) -> None:
    held = Held(PREFIX, tmp_path)
    (held.path / "sub").mkdir()
    (held.path / "sub" / "page.md").write_text("x\n")
    held.remove()
    assert held.removed and not held.path.exists()
    held.remove()  # twice is harmless


@pytest.mark.skipif(tempdirs.fcntl is None, reason="no flock(2) here")
def test_a_killed_site_build_leaves_nothing_behind_after_the_next(project: Path, tmp_path: Path) -> None:
    """A real `privacy-registry build`, killed while MkDocs builds: its staging folder and its half-built
    site stay, and the next build removes both."""
    temp = tmp_path / "temp"
    temp.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temp))
    build = [sys.executable, "-m", "generator", "build"]
    proc = subprocess.Popen(build, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while not any((temp / name).is_dir() and any((temp / name).iterdir())
                  for name in os.listdir(temp) if name.startswith(PREFIX)):
        assert proc.poll() is None, "the build ended before it staged its pages"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and the MkDocs process it runs
    proc.wait()

    def left() -> list[Path]:
        return sorted(p for p in [*temp.iterdir(), *project.iterdir()]
                      if p.name.startswith((PREFIX, "privacy-registry-", ".site-build-")))

    assert any(p.name.startswith(PREFIX) for p in left())
    assert any(p.name.startswith(".site-build-") for p in left())
    for path in left():
        _age(path)

    done = subprocess.run(build, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert left() == []
    assert (project / "site" / "index.html").is_file()
