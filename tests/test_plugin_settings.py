"""Bad ``privacy-registry`` plugin options in mkdocs.yml: a clear message from check, build and MkDocs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

BLOCK = "  - privacy-registry:\n      vendors_dir: vendors\n      overrides_dir: site_overrides\n"
# case -> (replacement plugin block, where check reports it, message part, hint part)
CASES = {
    "unknown-option": ("  - privacy-registry:\n      vendor_dir: vendors\n",
                       "mkdocs.yml:{next}:7: plugins[{index}].privacy-registry.vendor_dir:", "is not a known field",
                       "did you mean 'vendors_dir'?"),
    "wrong-type": ("  - privacy-registry:\n      vendors_dir: 3\n",
                   "mkdocs.yml:{next}:20: plugins[{index}].privacy-registry.vendors_dir:",
                   "is a number; text is expected",
                   "put it in quotes"),
    "missing-folder": ("  - privacy-registry:\n      vendors_dir: vendorz\n",
                       "mkdocs.yml:{next}:20: plugins[{index}].privacy-registry.vendors_dir:",
                       "the registry folder 'vendorz' does not exist", "did you mean 'vendors'?"),
    "options-not-fields": ("  - privacy-registry: vendors\n",
                           "mkdocs.yml:{line}:23: plugins[{index}].privacy-registry:",
                           "is text; the plugin's options must be",
                           "write the options indented under it"),
    "misspelt-plugin": ("  - privacy-registy:\n      vendors_dir: vendors\n",
                        "mkdocs.yml:{line}:5: plugins[{index}].privacy-registy:", "is not a known plugin",
                        "did you mean 'privacy-registry'?"),
}


def _configure(project: Path, block: str) -> dict[str, int]:
    """Put ``block`` in place of the plugin's settings; return the line numbers it starts on."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert BLOCK in text
    start = text.index(BLOCK)
    end = text.index("\n  - ", start) + 1  # the whole plugin entry, up to the next plugin
    config.write_text(text[:start] + block + text[end:], "utf-8")
    line = text[:start].count("\n") + 1
    before = text[text.index("\nplugins:"):start]
    return {"line": line, "next": line + 1, "index": len(re.findall(r"^  - ", before, re.M))}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_plugin_option_is_reported_by_check_and_build(case: str, project: Path) -> None:
    block, where, message, hint = CASES[case]
    where = where.format(**_configure(project, block))

    checked = run_cli("--root", str(project), "check")
    assert checked.returncode == 1
    line = next((x for x in checked.stdout.splitlines() if x.startswith(where)), None)
    assert line is not None, checked.stdout
    assert message in line and hint in line

    built = run_cli("--root", str(project), "build")
    assert built.returncode == 1
    assert "Traceback" not in built.stdout + built.stderr
    assert where in built.stdout
    assert not (project / "site").exists()


@pytest.mark.parametrize("case", ["unknown-option", "wrong-type", "missing-folder", "misspelt-plugin"])
def test_strict_mkdocs_build_names_the_bad_option(case: str, project: Path) -> None:
    """Run MkDocs itself (as ``make serve`` or an adopter's CI does): a clear error, no traceback."""
    block, _, _, _ = CASES[case]
    _configure(project, block)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    name = {"unknown-option": "vendor_dir", "wrong-type": "vendors_dir", "missing-folder": "vendorz",
            "misspelt-plugin": "privacy-registy"}[case]
    assert name in output


def test_the_options_are_declared_once() -> None:
    """The plugin's options are the Settings fields; the schema checks exactly those, MkDocs passes exactly those."""
    import json

    from generator.plugin import PrivacyRegistryPlugin
    from generator.settings import OPTIONS
    from tests.conftest import ROOT

    schema = json.loads((ROOT / "generator" / "schema" / "plugin.schema.json").read_text("utf-8"))
    assert set(OPTIONS) == set(schema["properties"])
    assert [name for name, _ in PrivacyRegistryPlugin.config_scheme] == list(OPTIONS)
