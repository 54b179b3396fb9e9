"""The docs folder a build writes (``generator.export.write``): exactly the files given, and only
the changed ones touched, so a live preview's rebuild rewrites what changed and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

from generator.export import write


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
