"""``privacy-registry publish-config``: write the web server files for the site's address."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from generator.project import Project
from generator.publish import PublishConfigError, render_all, target_of
from generator.siteurl import SiteUrlError


def run(project: Project, out: TextIO | None = None, dest: Path | None = None) -> int:
    """Write ``_headers``, ``_redirects`` and ``nginx.conf`` into ``dest`` (default ``publish/``).

    0 when written; 2 when mkdocs.yml has problems or lacks the site's address.
    """
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    settings, problems = project.read
    if settings is None:
        out.write("".join(f"{p.text()}\n" for p in problems))
        return 2
    try:
        target = target_of(settings)
    except (PublishConfigError, SiteUrlError) as exc:
        out.write(f"{exc}\n")
        return 2
    folder = dest or project.root / "publish"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in render_all(target).items():
        (folder / name).write_text(text, encoding="utf-8")
        out.write(f"wrote {folder / name}\n")
    return 0
