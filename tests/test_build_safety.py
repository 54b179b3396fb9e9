"""Nothing published is lost: a failed ``privacy-registry build`` leaves the last good site byte-identical."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _invalid_vendor(project: Path) -> None:
    shutil.copy2(FIXTURES / "unknown-category.yaml", project / "vendors" / "unknown-category.yaml")


def _broken_policy_link(project: Path) -> None:
    page = project / "policies" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nSee [the old notice](no-such-page.md).\n", "utf-8")


def _broken_override_template(project: Path) -> None:
    folder = project / "site_overrides" / "privacy_registry"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vendor.md.j2").write_text("# {{ vendor.name }\n", "utf-8")


def _crashing_hook(project: Path) -> None:
    (project / "crash_hook.py").write_text(
        "def on_post_build(config, **kwargs):\n    raise RuntimeError('disk full')\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - crash_hook.py\n", "utf-8")


# breakage -> (exit status, what the output must say)
BREAKAGES: dict[str, tuple[Callable[[Path], None], int, str]] = {
    "invalid-vendor": (_invalid_vendor, 1, "vendors/unknown-category.yaml:6:18: data.always[1]: 'emial'"),
    "broken-link-in-policy": (_broken_policy_link, 1, "no-such-page.md"),
    "broken-override-template": (_broken_override_template, 1, "vendor.md.j2:1: template syntax"),
    "internal-error": (_crashing_hook, 2, "internal error while building: RuntimeError: disk full"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_failed_build_leaves_last_good_site_byte_identical(breakage: str, project: Path, built_site: Path) -> None:
    site = project / "site"
    shutil.copytree(built_site, site)
    before = _hashes(site)
    assert "index.html" in before and "services/overdrive/index.html" in before
    break_it, status, says = BREAKAGES[breakage]
    break_it(project)

    result = run_cli("--root", str(project), "build")

    output = result.stdout + result.stderr
    assert result.returncode == status, output
    assert says in output
    assert "Traceback" not in output
    assert "was left as it was" in output or "nothing was changed" in output
    assert _hashes(site) == before
    leftovers = sorted(p.name for p in project.iterdir() if p.name.startswith((".site", "site.")))
    assert leftovers == [], "temporary build folders were left behind"


def test_successful_build_replaces_the_site(project: Path, built_site: Path) -> None:
    """The swap really happens when the build succeeds (so the tests above prove something)."""
    site = project / "site"
    shutil.copytree(built_site, site)
    (site / "stale-page.html").write_text("left from an old build", "utf-8")
    result = run_cli("--root", str(project), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site / "stale-page.html").exists()
    assert (site / "services" / "overdrive" / "index.html").is_file()
