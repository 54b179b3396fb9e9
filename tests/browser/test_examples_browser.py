"""The example sites pass the same checks as the WLS site: axe, no other host, no errors, valid HTML.

One visit per page, in the session's one browser, records everything the tests assert on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.serve import serve_folder, site_path
from tests.browser.browsing import (
    AXE_TAGS,
    DESKTOP,
    VNU_JAR,
    PageReport,
    format_violations,
    is_local,
    require,
    site_paths,
)
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def example_visits(browser: Any, example_sites: dict[str, Path], axe_script: Path) -> dict[str, PageReport]:
    """Every page of every example, visited once at desktop width: requests, failures, console errors, axe."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(path=str(axe_script))  # outside the page's Content-Security-Policy
    reports: dict[str, PageReport] = {}
    current: list[PageReport] = []
    context.on("request", lambda request: current[-1].requests.append(request.url))
    context.on("requestfailed", lambda request: current[-1].failed.append(f"{request.failure} {request.url}"))
    context.on("response", lambda r: current[-1].failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page = context.new_page()
    page.on("console", lambda msg: current[-1].console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: current[-1].console_errors.append(str(exc)))
    for name in EXAMPLES:
        base = site_path(ROOT / "examples" / name / "mkdocs.yml")
        with serve_folder(example_sites[name], base_path=base) as url:
            for path in site_paths(example_sites[name]):
                current.append(PageReport(f"{name}/{path}"))
                page.goto(url + path, wait_until="networkidle")
                result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
                current[-1].violations = result["violations"]
                current[-1].requests[:] = [u for u in current[-1].requests if not is_local(u, url)]
                reports[current[-1].path] = current[-1]
    context.close()
    return reports


def test_axe_finds_no_violations_on_any_example_page(example_visits: dict[str, PageReport]) -> None:
    failing = {path: r.violations for path, r in example_visits.items() if r.violations}
    report = "\n".join(f"/{path}:\n{format_violations(v)}" for path, v in failing.items())
    assert not failing, f"axe found violations:\n{report}"
    assert {path.split("/", 1)[0] for path in example_visits} == set(EXAMPLES)


def test_no_example_page_asks_another_host_or_fails(example_visits: dict[str, PageReport]) -> None:
    leaks = {path: r.requests for path, r in example_visits.items() if r.requests}
    assert not leaks, f"pages asked another host for something: {leaks}"
    failed = {path: r.failed + r.console_errors for path, r in example_visits.items() if r.failed or r.console_errors}
    assert not failed, failed


def test_every_example_page_is_valid_html(example_sites: dict[str, Path]) -> None:
    java = shutil.which("java")
    require(java is not None, "Java (default-jre-headless)")
    require(VNU_JAR.is_file(), "the Nu Html Checker (node_modules/vnu-jar)")
    assert java is not None
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
                             *map(str, example_sites.values())], capture_output=True, text=True, timeout=300,
                            check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m['url'].removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    assert not errors, "\n".join(errors)
