"""The docs folder a build writes (``generator.export.write``): exactly the files given, and only
the changed ones touched, so a live preview's rebuild rewrites what changed and nothing else."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator import export, scratch
from generator.export import write
from generator.plugin import PrivacyRegistryPlugin


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_folder_receives_every_file(tmp_path: Path) -> None:
    files = {"index.md": b"# Home\n", "services/overdrive.md": b"# OverDrive\n", "services/a/b.md": b"",
             "feed.xml": b"<feed/>"}
    write(files, tmp_path / "docs")
    assert _tree(tmp_path / "docs") == files


def test_writing_again_touches_only_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write({"index.md": b"same", "changed.md": b"old", "gone/page.md": b"x", "stays/page.md": b"y"}, docs)
    same = (docs / "index.md").stat()
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_bytes(b"not ours")
    (docs / "changed.md").unlink()
    os.link(elsewhere, docs / "changed.md")  # a hard link must not be written through
    (docs / "stays" / "page.md").unlink()
    (docs / "stays" / "page.md").symlink_to(elsewhere)  # a link is replaced by a file, its target kept
    (docs / "was-a-folder.md").mkdir()
    (docs / "was-a-folder.md" / "inside").write_bytes(b"z")
    (docs / "extra.md").write_bytes(b"left by an earlier build")

    files = {"index.md": b"same", "changed.md": b"new", "stays/page.md": b"y", "was-a-folder.md": b"f"}
    write(files, docs)
    assert _tree(docs) == files
    assert not (docs / "gone").exists()  # the emptied folder goes too
    assert (docs / "index.md").stat().st_mtime_ns == same.st_mtime_ns
    assert (docs / "index.md").stat().st_ino == same.st_ino
    assert elsewhere.read_bytes() == b"not ours"
    assert not (docs / "stays" / "page.md").is_symlink()


def test_without_pruning_other_files_stay(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write({"index.md": b"a", "page.es.md": b""}, docs)
    write({"page.es.md": b"b"}, docs, prune=False)
    assert _tree(docs) == {"index.md": b"a", "page.es.md": b"b"}


def test_the_staging_folder_is_in_memory_where_there_is_room(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(scratch, "MEMORY", memory)
    monkeypatch.delenv("TMPDIR", raising=False)
    free = os.statvfs(memory).f_bavail * os.statvfs(memory).f_frsize
    assert scratch.staging_parent(1000) == str(memory)
    assert scratch.staging_parent(free // scratch.HEADROOM + 1) is None  # not enough room left for others
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert scratch.staging_parent(1000) is None  # the user's choice of temporary folder
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(scratch, "MEMORY", tmp_path / "no-such-folder")
    assert scratch.staging_parent(1000) is None


def test_a_staging_folder_that_runs_out_of_memory_moves_to_the_disk(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(scratch, "MEMORY", memory)
    monkeypatch.delenv("TMPDIR", raising=False)
    real_write = write

    def full(files: dict[str, bytes], dest: Path, **kwargs: bool) -> None:
        if dest.is_relative_to(memory):
            (dest / "half.md").write_bytes(b"")
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(files, dest, **kwargs)

    monkeypatch.setattr(export, "write", full)
    plugin = PrivacyRegistryPlugin()
    files = {"index.md": b"# Home\n", "services/overdrive.md": b"# OverDrive\n"}
    folder = plugin.staging.write(files, 100)
    assert not folder.is_relative_to(memory)
    assert _tree(folder) == files
    assert list(memory.iterdir()) == []  # the half-written folder is gone
    plugin.on_shutdown()
    assert not folder.exists()  # removed at the end
