"""What a new site still has to fill in: reported by ``check`` as warnings, never as errors.

``privacy-registry init`` writes a site that builds at once; its policy skeleton
marks each section staff still have to write with a ``<!-- TO WRITE: ... -->``
note, and its mkdocs.yml leaves the address and the privacy contact to fill in.
Each of these is a warning until it is done, so a half-written site is visible
in every check without blocking a preview.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.i18n import Languages
from generator.problems import Problem
from generator.settings import Settings
from generator.siteurl import SITE_URL_ENV
from generator.terms import LibraryTerms

TO_WRITE = re.compile(r"<!--\s*TO WRITE:\s*(.*?)\s*-->", re.S)
# Addresses reserved for examples (RFC 2606): a site_url on one of them was never filled in.
PLACEHOLDER_HOSTS = re.compile(r"^https?://([^/]*\.)?example\.(org|com|net)(:\d+)?(/|$)", re.I)


def policy_gaps(policies_dir: Path, root: Path) -> list[Problem]:
    """One warning per section of a policy page that is still marked ``TO WRITE``."""
    out = []
    for path in sorted(policies_dir.rglob("*.md")):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # check reports unreadable pages already
        heading = ""
        for match in TO_WRITE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - text.rfind("\n", 0, match.start())
            before = [h for h in re.findall(r"^#{1,6} +(.+?) *$", text[: match.start()], re.M)]
            heading = before[-1] if before else "the page"
            what = " ".join(match.group(1).split())
            out.append(Problem(shown, line, col, "(to write)", f"the section {heading!r} is not written yet: {what}",
                               "replace the TO WRITE note and the placeholder line under it with the library's "
                               "own words"))
    return out


def setting_gaps(settings: Settings, site_url: str | None, config_file: Path) -> list[Problem]:
    """Warnings for what mkdocs.yml still leaves to fill in: the site's address (missing, or a placeholder)
    and the privacy contact."""
    out = []
    if not site_url and not os.environ.get(SITE_URL_ENV):
        out.append(Problem(config_file.name, 1, 1, "site_url",
                           "no site_url: the feed's links are not full addresses (feed readers cannot follow "
                           "them), the sitemap lists no page and no page names its own address",
                           "add 'site_url: https://...', the address where the site will be published "
                           f"(or build with --site-url, or set {SITE_URL_ENV})"))
    if site_url and PLACEHOLDER_HOSTS.match(site_url):
        out.append(Problem(config_file.name, _line_of(config_file, "site_url:") or 1, 1, "site_url",
                           f"{site_url} is a placeholder address",
                           "put the address where the site will be published, e.g. https://www.yourlibrary.org/privacy/"))
    if settings.library is None or "contact" not in settings.library:
        line = _line_of(config_file, "library:") or _line_of(config_file, "- privacy-registry") or 1
        out.append(Problem(config_file.name, line, 1,
                           "plugins.privacy-registry.library.contact",
                           "no privacy contact is set, so patrons are not told whom to ask",
                           "add 'contact: text: ...' under 'library:' (optionally email, phone, url)"))
    return out


def library_translation_gaps(settings: Settings, languages: Languages, config_file: Path) -> list[Problem]:
    """Warnings for the library's texts (contact, statute title) with no translation into a site language."""
    if not settings.library:
        return []
    terms = LibraryTerms.from_option(settings.library, settings.library.get("name", ""))
    line = _line_of(config_file, "library:") or 1
    return [Problem(config_file.name, line, 1, f"plugins.privacy-registry.library.translations.{lang}.{key}",
                    f"the library's {key.replace('_', ' ')} has no {lang!r} translation, so {lang!r} pages show it "
                    "in the default language",
                    f"add '{key}: ...' under 'translations: {lang}:' in 'library:'")
            for lang in languages.others for key in terms.missing(lang)]


def _line_of(path: Path, needle: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((i for i, line in enumerate(lines, 1) if needle in line), 0)
