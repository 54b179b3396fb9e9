"""Jobs done by worker processes while the build goes on, or in the build's own process when asked for.

:mod:`generator.multilingual` hands a site's further languages (and a large registry's vendor
pages) to :class:`Workers`. Each worker is a fresh interpreter running
:mod:`generator.langworker` on a pickled job, not a ``multiprocessing`` child: those import the
caller's main module again, which runs an unguarded build script a second time. A worker that
cannot start or fails leaves its job to the build's process, which then raises any problem as it
would have without workers.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Mapping
from typing import Protocol

from generator.tempdirs import Held

log = logging.getLogger(__name__)

WORKER = "generator.langworker"  # the module a worker process runs


class Job(Protocol):
    """Work a worker can do: pickled whole, run there, its result pickled back."""

    def run(self) -> object: ...


def free_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workers:
    """Named jobs: each done by a worker process meanwhile, once started, or here when its result is asked for."""

    def __init__(self, jobs: Mapping[str, Job], parallel: bool) -> None:
        self.jobs = jobs
        self.parallel = parallel and bool(sys.executable)
        self.running: dict[str, subprocess.Popen[bytes]] = {}
        self.folder: Held | None = None

    def begin(self, names: list[str]) -> None:
        """Start workers for ``names``, one per spare core (at least one when asked) less those running;
        any further job waits for this process."""
        if not self.parallel or not names:
            return
        if self.folder is None:
            self.folder = Held("privacy-registry-languages-")
        folder = self.folder.path
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # the same generator
        for name in names[:max(1, free_cores() - 1) - len(self.running)]:
            (folder / f"{name}.job").write_bytes(pickle.dumps(self.jobs[name], protocol=pickle.HIGHEST_PROTOCOL))
            try:
                with open(folder / f"{name}.log", "wb") as messages:
                    self.running[name] = subprocess.Popen(
                        # -P: not the current folder first on the path; a project folder may hold anything.
                        [sys.executable, "-P", "-m", WORKER, str(folder / f"{name}.job"), str(folder / f"{name}.out")],
                        stdin=subprocess.DEVNULL, stdout=messages, stderr=subprocess.STDOUT, env=env)
            except OSError:  # no process can be started here: one job after the other
                self.parallel = False
                break

    def result(self, name: str) -> object:
        """What the job ``name`` made: its worker's, once it is done, or made here (no worker, or it failed)."""
        worker = self.running.pop(name, None)
        if worker is not None and self.folder is not None:
            folder = self.folder.path
            if worker.wait() == 0:
                return pickle.loads((folder / f"{name}.out").read_bytes())
            log.debug("the worker for %r failed; generating it here:\n%s", name,
                      (folder / f"{name}.log").read_text("utf-8", "replace"))
        return self.jobs[name].run()

    def close(self) -> None:
        """Stop the workers still running (only left after a failure) and remove their folder."""
        for worker in self.running.values():
            worker.kill()
            worker.wait()
        self.running.clear()
        if self.folder is not None:
            self.folder.remove()
            self.folder = None
