"""``privacy-registry check``: validate vendors, vocabulary and policy front matter."""

from __future__ import annotations

import sys
from typing import TextIO

from generator.policies import load_policies
from generator.problems import Problem
from generator.project import Project
from generator.registry import load_registry, vendor_files
from generator.reporters import report
from generator.settings import read_settings


def collect(project: Project) -> tuple[list[Problem], int]:
    """Every problem in the project, and how many files were checked."""
    settings, problems = read_settings(project.config_file, project.root)
    vendors = project.root / settings.vendors_dir if settings else project.vendors
    loaded = load_registry(vendors, project.root)
    problems += loaded.problems
    checked = len(loaded.documents) or (len(vendor_files(vendors)) if vendors.is_dir() else 0)
    checked += project.config_file.is_file()
    if project.policies.is_dir():
        policies, policy_problems = load_policies(project.policies, project.root)
        problems += policy_problems
        checked += len(list(project.policies.rglob("*.md")))
    return sorted(set(problems)), checked


def run(project: Project, fmt: str = "text", out: TextIO | None = None) -> int:
    """Check the project; print every problem (to stdout by default); 0 when clean, 1 otherwise."""
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    problems, checked = collect(project)
    report(problems, fmt, out, checked)
    return 1 if problems else 0
