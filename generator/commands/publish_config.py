"""``privacy-registry publish-config``: write the web server files for the site's address."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from generator.project import Project
from generator.publish import PublishConfigError, read_settings, render_all
from generator.siteurl import SiteUrlError


def run(project: Project, out: TextIO | None = None, dest: Path | None = None) -> int:
    """Write ``_headers``, ``_redirects`` and ``nginx.conf`` into ``dest`` (default ``publish/``)."""
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    try:
        settings = read_settings(project.config_file)
    except (PublishConfigError, SiteUrlError, OSError) as exc:
        out.write(f"{exc}\n")
        return 2
    folder = dest or project.root / "publish"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in render_all(settings).items():
        (folder / name).write_text(text, encoding="utf-8")
        out.write(f"wrote {folder / name}\n")
    return 0
