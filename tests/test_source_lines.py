"""Link problems in policy pages land on the Markdown line staff wrote, in text and as annotations."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from generator.commands import linkcheck
from generator.project import Project
from generator.serve import site_path
from tests.conftest import copy_project, run_cli

POLICY = "policies/policy-11-privacy.md"
HEADING = "## What we keep confidential\n"


def _add_line(project: Path, line: str) -> int:
    """Add ``line`` under a heading of the privacy policy; return its line number."""
    path = project / POLICY
    text = path.read_text("utf-8")
    assert HEADING in text
    path.write_text(text.replace(HEADING, f"{HEADING}\n{line}\n", 1), "utf-8")
    return path.read_text("utf-8").splitlines().index(line) + 1


def test_strict_build_link_problems_point_at_the_policy_line(project: Path, tmp_path: Path) -> None:
    line = _add_line(project, "See [the rules](missing-page.md) and [the part on email](#no-such-part).")
    nav = project / "mkdocs.yml"
    assert "  - glossary.md\n" in nav.read_text()
    nav.write_text(nav.read_text().replace("  - glossary.md\n", "  - glossary.md\n  - old-page.md\n", 1))
    text = run_cli("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert text.returncode == 1
    assert f"{POLICY}:{line}:17: the link 'missing-page.md' is broken: the target is not found" in text.stdout
    assert f"{POLICY}:{line}:58: the link '#no-such-part' is broken: there is no such anchor" in text.stdout
    github = run_cli("build", "--site-dir", str(tmp_path / "site"), "--format", "github", cwd=project)
    assert github.returncode == 1
    out = github.stdout
    assert f"::error file={POLICY},line={line},col=17,title=Site build failed::the link 'missing-page.md'" in out
    assert f"::error file={POLICY},line={line},col=58,title=Site build failed::the link '#no-such-part'" in out
    nav_line = nav.read_text().splitlines().index("  - old-page.md") + 1
    assert re.search(rf"^::error file=mkdocs.yml,line={nav_line},col=\d+,title=Site build failed::the site build "
                     r"stopped: A reference to 'old-page.md' is included in the 'nav'", out, re.M), out
    assert "Traceback" not in out + github.stderr


@pytest.fixture(scope="module")
def broken_policy_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A project whose policy page has raw HTML links the strict build cannot see, built once."""
    project = copy_project(tmp_path_factory.mktemp("links") / "project")
    line = _add_line(project, 'See <a href="../no-such-page/">the old rules</a> and '
                              '<a href="../glossary/#no-such-term">a term</a>.')
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stdout
    return project, line


def test_linkcheck_reports_policy_links_on_the_markdown_line(broken_policy_site: tuple[Path, int]) -> None:
    project, line = broken_policy_site
    proj = Project(project)
    site = proj.site.resolve()
    findings, checked = linkcheck.check_site(site, project, site_path(proj.config_file, None))
    findings = [linkcheck._to_source(f, site, proj) for f in findings]
    text, github = io.StringIO(), io.StringIO()
    linkcheck.write(findings, "text", text, checked, "site links")
    linkcheck.write(findings, "github", github, checked, "site links")
    assert f"{POLICY}:{line}:14: ../no-such-page/ is broken: 404" in text.getvalue(), text.getvalue()
    assert f"{POLICY}:{line}:" in text.getvalue().split("no-such-page")[1]
    assert re.search(rf"{POLICY}:{line}:\d+: \.\./glossary/#no-such-term is broken: the page has no anchor "
                     "#no-such-term", text.getvalue()), text.getvalue()
    assert f"::error file={POLICY},line={line},col=14,title=Link check::../no-such-page/ is broken" in github.getvalue()
    assert "site/policy-11-privacy" not in text.getvalue() + github.getvalue()
