"""The plugin's staging folder: the docs folder MkDocs builds, in memory where the machine has room.

Every site build writes the whole docs folder (a file per page, in every language) into a
staging folder, and removes it at the end. On a disk each new file costs a journal entry: in
real 200-vendor builds on this project's test machine (ext4) the build's writes took 0.044 to
0.087 s, against 0.015 to 0.021 s in a tmpfs (``/dev/shm``), and 0.06 to 0.37 s while the disk
was busy with other writes.

The memory-backed folder is used only where nobody chose the temporary folder (``TMPDIR``)
and it has room for :data:`HEADROOM` times the staged files: other programs share it (a
browser keeps its shared memory there), and a live preview's registry may grow; a build whose
first write runs out of room there moves the folder to the disk (:meth:`Staging.write`).
Anywhere else (no ``/dev/shm``, as on macOS and Windows) the staging folder is an ordinary
temporary folder, as before. Either way it is a :class:`generator.tempdirs.Held` folder, so one
left by a killed build is removed by the next.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from generator import export
from generator.tempdirs import Held

PREFIX = "privacy-registry-docs-"
MEMORY = Path("/dev/shm")  # a tmpfs on Linux (glibc's shm_open keeps its files there)
HEADROOM = 4  # the memory-backed folder must have this many times the staged files free


def staging_parent(size: int) -> str | None:
    """The folder to make a staging folder of about ``size`` bytes in; None for the system's temporary folder."""
    if os.environ.get("TMPDIR"):  # the user's (or the CI's) choice
        return None
    try:
        free = os.statvfs(MEMORY)
    except OSError:  # no such folder here
        return None
    if not os.access(MEMORY, os.W_OK | os.X_OK):
        return None
    return str(MEMORY) if free.f_bavail * free.f_frsize >= HEADROOM * size else None


class Staging:
    """The docs folder MkDocs builds: the policy pages and the generated files of every language.

    Made by the first write, kept across the rebuilds of a live preview, and removed by
    :meth:`remove` (or when its owner is collected, or the process exits).
    """

    def __init__(self) -> None:
        self.held: Held | None = None

    @property
    def path(self) -> Path | None:
        return self.held.path if self.held is not None else None

    def _folder(self, size: int = 0, *, on_disk: bool = False) -> Path:
        if self.held is None:
            self.held = Held(PREFIX, None if on_disk else staging_parent(size))
        return self.held.path

    def write(self, files: dict[str, bytes], size: int) -> Path:
        """Make the folder hold ``files`` and nothing else; ``size``: about how many bytes every language's
        files will take. On a disk if memory runs out (a live preview's registry grew)."""
        try:
            export.write(files, self._folder(size))
        except OSError as exc:
            if exc.errno != errno.ENOSPC or self.path is None or not self.path.is_relative_to(MEMORY):
                raise
            self.remove()
            export.write(files, self._folder(size, on_disk=True))
        return self._folder()

    def add(self, files: dict[str, bytes]) -> None:
        """Write ``files`` beside those already there (another language's, once its worker is done)."""
        export.write(files, self._folder(), prune=False)

    def remove(self) -> None:
        """Remove the folder and everything in it."""
        if self.held is not None:
            self.held.remove()
            self.held = None
