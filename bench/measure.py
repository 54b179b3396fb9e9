"""Run a command several times; keep its wall time and the child's peak memory."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


class CommandFailed(Exception):
    """A measured command exited with a status it should not have."""


@dataclass
class Sample:
    """One run: seconds of wall time, peak resident memory in MiB, exit status, CPU seconds."""

    seconds: float
    max_rss_mib: float
    status: int
    cpu: float = 0.0


@dataclass
class Series:
    """Every run of one command."""

    label: str
    argv: list[str]
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the command ran and every run succeeded."""
        return self.error is None and bool(self.samples)

    @property
    def times(self) -> list[float]:
        """Wall times in seconds, in run order."""
        return [s.seconds for s in self.samples]

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        """Median CPU time (user + system, children included) in seconds."""
        return statistics.median(s.cpu for s in self.samples)

    @property
    def low(self) -> float:
        """Fastest run in seconds."""
        return min(self.times)

    @property
    def high(self) -> float:
        """Slowest run in seconds."""
        return max(self.times)

    @property
    def peak_mib(self) -> float:
        """Highest peak resident memory of any run, MiB (children of the command included)."""
        return max(s.max_rss_mib for s in self.samples)


# Runs one command and reports its wall time and peak memory. It is a separate, small
# process on purpose: Linux counts the memory of the process a child was forked from
# (up to its exec) in the child's peak, so spawning directly from this (large) process
# would inflate every figure. Under ``python -S`` it is far smaller than anything measured.
_SPAWN = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as out:
    out.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} "
              f"{usage.ru_utime + usage.ru_stime!r}")
"""


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str], ok_status: Sequence[int] = (0,)) -> Sample:
    """Run ``argv`` once; wall time from spawn to reaped exit, peak RSS from ``wait4``.

    ``wait4`` reports the child's own peak or that of any descendant it waited for,
    whichever is higher, so a command that runs MkDocs in a subprocess is counted whole.
    """
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        report = Path(tmp) / "usage"
        proc = subprocess.run([sys.executable, "-S", "-c", _SPAWN, str(report), *argv], cwd=cwd, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              check=False)
        if not report.exists():
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-15:]
            raise CommandFailed(f"{' '.join(argv)} could not be run:\n" + "\n".join(tail))
        seconds, max_rss_kib, status, cpu = report.read_text().split()
    if int(status) not in ok_status:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-15:]
        raise CommandFailed(f"{' '.join(argv)} exited {status}:\n" + "\n".join(tail))
    return Sample(float(seconds), int(max_rss_kib) / 1024, int(status), float(cpu))


@dataclass
class Command:
    """A command to measure: its label, argv, folder and the exit statuses that count as success."""

    label: str
    argv: list[str]
    cwd: Path
    ok_status: tuple[int, ...] = (0,)
    extra_env: dict[str, str] = field(default_factory=dict)


def measure(commands: Sequence[Command], env: dict[str, str], runs: int, warmup: bool = True) -> list[Series]:
    """``runs`` timed runs of each command, interleaved (a, b, a, b ...) so that a change
    in machine load during the measurement hits every command alike.

    One untimed run of each comes first when ``warmup`` (file cache, bytecode).
    """
    series = [Series(c.label, c.argv) for c in commands]
    for round_ in range(-1 if warmup else 0, runs):
        for command, result in zip(commands, series, strict=True):
            if result.error is not None:
                continue
            try:
                sample = run_once(command.argv, command.cwd, {**env, **command.extra_env}, command.ok_status)
            except CommandFailed as exc:
                result.error = str(exc)
                continue
            if round_ >= 0:
                result.samples.append(sample)
    return series
