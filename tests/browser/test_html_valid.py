"""Every page of the built site is valid HTML by the Nu Html Checker, with no message filtered out."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.browser.browsing import VNU_JAR, require


def test_every_page_is_valid_html(built_site: Path) -> None:
    java = shutil.which("java")
    require(java is not None, "Java (default-jre-headless)")
    require(VNU_JAR.is_file(), "the Nu Html Checker (node_modules/vnu-jar)")
    assert java is not None
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
                             str(built_site)], capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m['url'].removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stderr
    assert len(list(built_site.rglob("*.html"))) > 10
