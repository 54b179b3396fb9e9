"""Temporary folders that a killed build does not leave behind.

A build that is killed outright (``SIGKILL``, the kernel out of memory, a CI job's time-out) runs
no clean-up, and its temporary folders stay: the staging folder in ``/dev/shm`` holds memory
until the machine restarts, and a half-built site stays beside ``site/``. So each folder made
here is held, while its process lives, with an advisory lock (``flock(2)``) on the folder itself.
The kernel lets go of it when the process ends, however it ends. Making a folder first removes
its kind's older folders in the same place that nobody holds any more.

A folder is only removed when it has our prefix, belongs to this user, nobody holds it, and it
was last changed more than :data:`STALE_AFTER` seconds ago: a folder another build has just made
and not yet locked is never taken for a leftover. Where there are no such locks (Windows) a
folder is made as before and nothing is removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import weakref
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STALE_AFTER = 60.0  # seconds since a folder last changed before nobody holding it makes it a leftover


def _hold(path: str) -> int | None:
    """An open descriptor holding the folder ``path``; None if another process holds it, or it cannot be opened."""
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held by a live process (or locks unsupported here)
        os.close(fd)
        return None
    return fd


def sweep(parent: str, prefix: str) -> list[str]:
    """Remove the folders in ``parent`` named ``prefix*`` that killed processes left; their paths."""
    if fcntl is None:
        return []
    removed = []
    cutoff = time.time() - STALE_AFTER
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return []
    for entry in entries:
        try:
            if (not entry.name.startswith(prefix) or not entry.is_dir(follow_symlinks=False)
                    or entry.stat(follow_symlinks=False).st_uid != os.getuid()
                    or entry.stat(follow_symlinks=False).st_mtime > cutoff):
                continue
        except OSError:
            continue
        fd = _hold(entry.path)
        if fd is None:
            continue
        try:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.path)
        finally:
            os.close(fd)
    return removed


class Held:
    """A new temporary folder (as :func:`tempfile.mkdtemp` makes it), held by this process until :meth:`remove`.

    Also removed when the object is collected or the interpreter exits.
    """

    def __init__(self, prefix: str, parent: str | os.PathLike[str] | None = None) -> None:
        where = os.fspath(parent) if parent is not None else tempfile.gettempdir()
        sweep(where, prefix)
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=where))
        self._fd = _hold(str(self.path))
        self._finalizer = weakref.finalize(self, Held._remove, str(self.path), self._fd)

    @staticmethod
    def _remove(path: str, fd: int | None) -> None:
        shutil.rmtree(path, ignore_errors=True)
        if fd is not None:
            os.close(fd)

    def remove(self) -> None:
        """Remove the folder and everything in it, and let go of it."""
        self._finalizer()

    @property
    def removed(self) -> bool:
        return not self._finalizer.alive

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self.remove()
