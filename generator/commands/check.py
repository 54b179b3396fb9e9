"""``privacy-registry check``: validate vendors, vocabulary and policy front matter."""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from dataclasses import dataclass
from typing import TextIO

from generator import review
from generator.consortium import load_site_registry
from generator.gaps import library_translation_gaps, policy_gaps, setting_gaps
from generator.i18n import split_language
from generator.localize import (
    missing_pages,
    missing_translations,
    missing_vendor_translations,
)
from generator.policies import Policy, load_policies, translation_facts
from generator.problems import Problem
from generator.project import Project
from generator.registry import CATEGORIES_FILE, Loaded, load_registry, vendor_files
from generator.reporters import report


@dataclass(frozen=True)
class Checked:
    """What checking a project found, and what it loaded to find it (for a build to reuse)."""

    problems: list[Problem]
    checked: int  # how many files were read
    warnings: list[Problem]
    loaded: Loaded
    policies: list[Policy]


def collect(project: Project, today: dt.date | None = None) -> tuple[list[Problem], int, list[Problem]]:
    """Every problem in the project, how many files were checked, and the warnings (see :func:`inspect`)."""
    found = inspect(project, today)
    return found.problems, found.checked, found.warnings


def inspect(project: Project, today: dt.date | None = None) -> Checked:
    """Check the whole project, loading the registry and the policy pages once.

    Warnings never fail a check: records due for review, what a new site still has to fill in
    (privacy contact, site_url, policy sections marked TO WRITE), unused vocabulary categories and
    texts not yet translated into one of the site's languages.
    """
    settings, problems = project.read
    vendors = project.vendors
    loaded = load_site_registry(project.root, settings) if settings else load_registry(vendors, project.root)
    months = settings.review_months if settings else review.DEFAULT_MONTHS
    # With problems somewhere, the records that did load still get their warnings, beside the errors.
    readable = loaded.registry or loaded.partial
    warnings = review.warnings(readable, loaded.documents, today or dt.date.today(), months) if readable else []
    # What a new site (privacy-registry init) still has to fill in, and vocabulary no vendor uses.
    warnings += loaded.warnings
    if settings is not None and project.config_file.is_file():
        warnings += setting_gaps(settings, settings.site_url, project.config_file)
    problems += loaded.problems
    checked = len(loaded.documents) or (len(vendor_files(vendors)) if vendors.is_dir() else 0)
    checked += project.config_file.is_file()
    problems += _library_pages(loaded, project)
    languages = project.settings.languages
    if settings is not None:
        warnings += library_translation_gaps(settings, languages, project.config_file)
    policies: list[Policy] = []
    if project.policies.is_dir():
        policies, policy_problems = load_policies(project.policies, project.root)
        problems += policy_problems
        checked += len(list(project.policies.rglob("*.md")))
        warnings += policy_gaps(project.policies, project.root)
        problems += translation_facts(policies, project.policies, project.root, languages.others)
    if readable is not None:
        vocab = vendors / CATEGORIES_FILE
        shown = vocab.relative_to(project.root).as_posix() if vocab.is_relative_to(project.root) else str(vocab)
        warnings += missing_translations(readable, languages, loaded.documents.get(shown), shown)
        warnings += missing_vendor_translations(readable, languages, loaded.documents)
    if project.policies.is_dir():
        warnings += missing_pages(project.policies, project.root, languages)
    return Checked(sorted(set(problems)), checked, sorted(set(warnings)), loaded, policies)


def _library_pages(loaded: Loaded, project: Project) -> list[Problem]:
    """The library's own record links a policy page that must exist in the policies folder."""
    out = []
    for display, doc in loaded.documents.items():
        own = doc.data.get("library_itself") if isinstance(doc.data, dict) else None
        page = own.get("policy_page") if isinstance(own, dict) else None
        if isinstance(page, str) and page.endswith(".md") and not (project.policies / page).is_file():
            line, col = doc.position(("library_itself", "policy_page"))
            others = project.settings.languages.others  # a translation is not a page of its own
            names = [p.relative_to(project.policies).as_posix() for p in project.policies.rglob("*.md")] \
                if project.policies.is_dir() else []
            pages = sorted(name for name in names if split_language(name, others)[1] is None)
            close = difflib.get_close_matches(page, pages, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "pages: " + ", ".join(pages[:10])
            out.append(Problem(display, line, col, "library_itself.policy_page",
                               f"{page!r} is not a page in {project.policies.name}/", hint))
    return out


def run(project: Project, fmt: str = "text", out: TextIO | None = None) -> int:
    """Check the project; print every problem (to stdout by default); 0 when clean, 1 otherwise.

    Warnings (a text not yet translated into one of the site's languages) are printed
    but do not fail the check.
    """
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    problems, checked, warnings = collect(project)
    report(problems, fmt, out, checked, warnings)
    return 1 if problems else 0
