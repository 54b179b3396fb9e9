"""Commands write to the standard streams of the moment they run, not of the moment they were imported.

A default of ``out=sys.stdout`` is bound when the module is imported, so output
redirected later (``contextlib.redirect_stdout``, pytest's ``capsys``, a program
that embeds the commands) would go to the old stream and be lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

from generator.commands import linkcheck, new, publish_config
from generator.project import Project
from tests.conftest import copy_project


def test_publish_config_writes_to_the_current_stdout(tmp_path: Path) -> None:
    copy_project(tmp_path)  # mkdocs.yml and the folders it names (publish-config reads the checked settings)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        code = publish_config.run(Project(tmp_path), dest=tmp_path / "publish")
    assert code == 0
    assert f"wrote {tmp_path / 'publish' / 'nginx.conf'}" in captured.getvalue()


def test_new_writes_its_refusal_to_the_current_stderr(tmp_path: Path) -> None:
    (tmp_path / "vendors").mkdir()
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        code = new.run(Project(tmp_path), "../outside", today=dt.date(2026, 1, 5))
    assert code in (1, 2)
    assert captured.getvalue().startswith("privacy-registry new: ")


def test_linkcheck_writes_to_the_current_stdout(tmp_path: Path) -> None:
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        code = linkcheck.run(Project(tmp_path), site_dir=tmp_path / "site")
    assert code == 2
    assert "no built site in" in captured.getvalue()
