"""What the benchmark ran on: hardware, load and the versions that matter."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from importlib import metadata
from pathlib import Path


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` shows them."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def describe() -> dict[str, str]:
    """Machine and versions, as label -> value."""
    import yaml

    libyaml = getattr(yaml, "__with_libyaml__", False)
    return {
        "date (UTC)": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "RAM": _ram_gib(),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": sys.version.split()[0],
        "MkDocs": _version("mkdocs"),
        "Material for MkDocs": _version("mkdocs-material"),
        "PyYAML": f"{_version('PyYAML')} ({'with libyaml' if libyaml else 'pure Python, no libyaml'})",
        "jsonschema": _version("jsonschema"),
        "jsonschema-rs": _version("jsonschema-rs"),
        "check-jsonschema": _version("check-jsonschema"),
    }
