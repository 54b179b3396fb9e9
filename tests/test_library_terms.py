"""The library's own terms come from mkdocs.yml: name, member libraries, privacy contact, statute."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import run_cli

WLS_CONTACT = "Ask the staff at your member library."
# The same footer on the Spanish pages (es/), from the library option's translations.
WLS_CONTACT_ES = ("¿Preguntas sobre privacidad?", "Pregunte al personal de su biblioteca miembro.")
TOWN_TERMS = """      library:
        name: Town Library
        contact:
          text: Ask at the front desk, or write to the director.
          email: privacy@town-library.example
          phone: (203) 555-0100
        statute:
          citation: Conn. Gen. Stat. 11-25
          url: https://www.cga.ct.gov/current/pub/chap_190.htm
"""


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _set_terms(project: Path, block: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    start = text.index("      library:\n")
    end = text.index("\n      # Old addresses", start) + 1
    config.write_text(text[:start] + block + text[end:], "utf-8")


def test_every_page_of_the_wls_site_names_its_privacy_contact_in_the_footer(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    missing = []
    for page in pages:
        html = page.read_text("utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect stub, not a page
        footer = _text(html[html.find("<footer"):])
        spanish = page.relative_to(built_site).parts[0] == "es"
        expected = WLS_CONTACT_ES if spanish else ("Privacy questions?", WLS_CONTACT)
        if not all(words in footer for words in expected):
            missing.append(page.relative_to(built_site).as_posix())
    assert not missing, f"pages without the privacy contact in their footer: {missing}"
    home = _text((built_site / "index.html").read_text("utf-8").split("<footer")[0])
    assert WLS_CONTACT in home


def test_a_single_library_gets_its_own_words_contact_and_statute(project: Path, tmp_path: Path) -> None:
    _set_terms(project, TOWN_TERMS)
    index = project / "policies/index.md"
    index.write_text(index.read_text("utf-8") + "\n## The law\n\n<!-- privacy-registry:statute -->\n", "utf-8")
    site = tmp_path / "site"
    result = run_cli("build", "--root", str(project), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    home = (site / "index.html").read_text("utf-8")
    assert '<a href="mailto:privacy@town-library.example">privacy@town-library.example</a>' in home
    assert 'href="tel:(203)555-0100"' in home
    assert "Conn. Gen. Stat. 11-25 is the state law that keeps Town Library's records" in _text(home)
    assert '<a href="https://www.cga.ct.gov/current/pub/chap_190.htm" rel="noopener noreferrer">' in home
    vendor = (site / "services/hoopla/index.html").read_text("utf-8")
    assert "Ask at the front desk, or write to the director." in _text(vendor)
    assert "member library" not in _text(vendor)


def test_check_warns_when_no_privacy_contact_is_set_but_does_not_fail(project: Path) -> None:
    _set_terms(project, "      library:\n        name: Town Library\n")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 0, result.stdout
    assert re.search(r"^mkdocs\.yml:\d+:1: plugins\.privacy-registry\.library\.contact: warning: no privacy contact",
                     result.stdout, re.M), result.stdout
    assert "warning(s)" in result.stdout
    payload = json.loads(run_cli("check", "--root", str(project), "--format", "json").stdout)
    assert payload["ok"] is True
    assert "plugins.privacy-registry.library.contact" in [w["field"] for w in payload["warnings"]]
    github = run_cli("check", "--root", str(project), "--format", "github").stdout
    assert "::warning file=mkdocs.yml,line=" in github


def test_a_bad_contact_is_reported_with_its_line_and_the_build_refuses(project: Path, tmp_path: Path) -> None:
    _set_terms(project, TOWN_TERMS.replace("privacy@town-library.example", "privacy at town library"))
    line = next(i for i, text in enumerate((project / "mkdocs.yml").read_text("utf-8").splitlines(), 1)
                if "privacy at town library" in text)
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    where = rf"mkdocs.yml:{line}:18: plugins\[\d\]\.privacy-registry\.library\.contact\.email:"
    assert re.search(where, result.stdout), result.stdout
    build = run_cli("build", "--root", str(project), "--site-dir", str(tmp_path / "site"))
    assert build.returncode == 1 and not (tmp_path / "site").exists()
