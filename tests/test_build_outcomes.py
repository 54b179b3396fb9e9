"""``privacy-registry build`` checks and builds in one process, reading each registry file once,
and knows an internal error from a content problem by its type, not by the words printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.buildrun import Outcome
from tests.conftest import ROOT, run_cli

COUNT_OPENS = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
from generator.buildrun import main
status = main(sys.argv[1:])
print("OPENED", sum(name.endswith("/vendors/overdrive.yaml") for name in opened))
sys.exit(status)
"""


def test_the_build_reads_each_registry_file_once(project: Path, tmp_path: Path) -> None:
    outcome = tmp_path / "outcome.json"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", COUNT_OPENS, str(outcome), "mkdocs", str(project),
                             "--strict", "--config-file", str(project / "mkdocs.yml"),
                             "--site-dir", str(tmp_path / "site")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert Outcome.read(outcome) == Outcome("built")
    assert "OPENED 1" in result.stdout  # checked and built from one reading
    assert (tmp_path / "site" / "services" / "overdrive" / "index.html").is_file()


def _hook(project: Path, body: str) -> None:
    (project / "hook.py").write_text(body, "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - hook.py\n", "utf-8")


def test_a_plugin_error_is_the_content_even_when_it_prints_a_traceback(project: Path) -> None:
    """Words in the output decide nothing: a content error that quotes a traceback is still exit 1."""
    _hook(project, "from mkdocs.exceptions import PluginError\n\n"
                   "def on_post_build(config, **kwargs):\n"
                   "    raise PluginError('Traceback (most recent call last): page too long')\n")
    result = run_cli("--root", str(project), "build")
    assert result.returncode == 1, result.stdout
    assert "page too long" in result.stdout and "internal error" not in result.stdout


def test_an_unexpected_exception_is_an_internal_error(project: Path) -> None:
    _hook(project, "def on_post_build(config, **kwargs):\n    raise KeyError('cache')\n")
    result = run_cli("--root", str(project), "build")
    assert result.returncode == 2, result.stdout
    assert "internal error while building: KeyError: 'cache'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "site").exists()
