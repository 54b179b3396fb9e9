"""Languages: catalogs, dates, the site's language list and the registry in Spanish."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from generator import i18n
from generator.i18n import Languages, Localized, long_date, site_languages, translations
from generator.localize import localize
from generator.model import Member
from generator.registry import load_registry
from generator.render import Renderer
from generator.terms import LibraryTerms
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "January 3, 2022"),
    ("es", "3 de enero de 2022"),
    ("es", "13 de junio de 1988"),
])
def test_long_dates_are_written_in_the_language(lang: str, expected: str) -> None:
    day = "2022-01-03" if "2022" in expected else "1988-06-13"
    assert long_date(day, lang) == expected


def test_site_languages_come_from_the_i18n_plugin(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - locale: en\n          default: true\n          name: English\n"
        "        - locale: es\n          name: Español\n"
        "        - locale: fr\n          name: Français\n          build: false\n",
        encoding="utf-8")
    assert site_languages(config) == Languages("en", ("es",))


def test_a_site_without_the_i18n_plugin_is_in_the_source_language(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - search\n", encoding="utf-8")
    assert site_languages(config) == Languages("en", ())
    assert site_languages(tmp_path / "missing.yml") == Languages("en", ())


def test_a_site_catalog_rewords_a_message_of_the_package(tmp_path: Path) -> None:
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Change log"\nmsgstr "Journal des modifications"\n\n'
        '#, fuzzy\nmsgid "Glossary"\nmsgstr "Glossaire"\n',
        encoding="utf-8")
    french = translations("fr", tmp_path)
    assert french.gettext("Change log") == "Journal des modifications"
    assert french.gettext("Glossary") == "Glossary"  # a fuzzy entry is not used, as gettext would
    assert translations("fr").gettext("Change log") == "Change log"  # no catalog: the source language
    assert i18n.has_catalog("fr", tmp_path) and not i18n.has_catalog("fr")


def test_the_vocabulary_in_spanish_falls_back_to_english_marked_as_english() -> None:
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    spanish = localize(loaded.registry, "es", "en").vocabulary
    label = spanish.label("checkout_history")
    assert label == "Historial de préstamos" and isinstance(label, Localized) and label.lang == "es"
    assert all(c.description.lang == "es" for c in spanish.categories)  # type: ignore[attr-defined]
    assert {g.label for g in spanish.groups} >= {"Quién es usted"}
    english = localize(loaded.registry, "en", "en").vocabulary
    assert english.label("checkout_history") == "Checkout history"
    # A language nobody translated into: every text stays English, and says so.
    german = localize(loaded.registry, "de", "en").vocabulary.label("checkout_history")
    assert german == "Checkout history" and german.lang == "en"  # type: ignore[attr-defined]


I18N_PLUGIN = """  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          default: true
          name: English
        - locale: es
          name: Español
"""


def _with_spanish(project: Path) -> None:
    """Configure the project's site in English and Spanish (idempotent)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "locale: es" not in text:
        config.write_text(text.replace("plugins:\n", "plugins:\n" + I18N_PLUGIN, 1), encoding="utf-8")


def test_a_category_without_a_spanish_label_makes_check_warn(project: Path) -> None:
    _with_spanish(project)
    vocab = project / "vendors/_categories.yaml"
    text = vocab.read_text(encoding="utf-8")
    start = text.index("  - id: bookmarks")
    block = text[start:text.index("\n\n", start)]
    vocab.write_text(text.replace(block, block[:block.index("    translations:")].rstrip("\n")), encoding="utf-8")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 0, result.stdout  # a missing translation warns; it does not fail
    line = next(n for n, row in enumerate(vocab.read_text(encoding="utf-8").splitlines(), 1)
                if row == "  - id: bookmarks")
    assert (f"vendors/_categories.yaml:{line}:9: categories[12].translations.es: warning: 'bookmarks' has no 'es' "
            "label and description") in result.stdout, result.stdout
    assert result.stdout.splitlines()[-1].startswith("ok: ")
    assert "warning(s): worth a look, but they do not fail the check" in result.stdout
    payload = json.loads(run_cli("check", "--root", str(project), "--format", "json").stdout)
    assert payload["ok"] is True and payload["problems"] == []
    assert any(w["field"] == "categories[12].translations.es" for w in payload["warnings"])
    github = run_cli("check", "--root", str(project), "--format", "github").stdout
    assert f"::warning file=vendors/_categories.yaml,line={line},col=9,title=Translation missing::" in github


def test_a_policy_page_without_a_spanish_version_makes_check_warn(project: Path) -> None:
    _with_spanish(project)
    for page in (project / "policies").glob("*.md"):
        if page.name.count(".") == 1:
            spanish = page.with_name(page.stem + ".es.md")
            if not spanish.exists():
                spanish.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "policies/index.es.md").unlink()
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 0, result.stdout
    assert ("policies/index.md:1:1: (page): warning: has no 'es' version; the 'es' site shows this page in 'en' "
            "(write it as policies/index.es.md)") in result.stdout
    assert "policy-11-privacy.md:1:1: warning" not in result.stdout


def _extracted() -> set[str]:
    """Every message the templates and theme overrides write, as pybabel extracts them (babel.cfg)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog(path: Path) -> Any:
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh)


def test_the_message_template_lists_every_message_the_templates_write() -> None:
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(i18n.LOCALE_DIR / "messages.pot") if m.id}
    assert _extracted() == template, "run `make messages` and translate what it adds"


@pytest.mark.parametrize("lang", site_languages(ROOT / "mkdocs.yml").others)
def test_every_message_is_translated_for_every_language_of_the_site(lang: str) -> None:
    catalog = _catalog(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po")
    untranslated = [m.id for m in catalog if m.id and (not m.string or (not isinstance(m.string, str)
                                                                    and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated and not fuzzy, f"untranslated {untranslated}, fuzzy {fuzzy}"
    # Placeholders survive translation (Babel's own catalog checks: python-format and plurals).
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems, problems
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} == _extracted()


def test_vendor_text_without_a_translation_is_shown_in_english_marked_english() -> None:
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    overdrive = next(v for v in loaded.registry.vendors if v.id == "overdrive")
    assert overdrive.translations["es"]["service"]
    untranslated = dataclasses.replace(overdrive, translations={})
    registry = dataclasses.replace(loaded.registry, vendors=tuple(
        untranslated if v.id == "overdrive" else v for v in loaded.registry.vendors))
    page = Renderer(registry, lang="es").vendor(next(v for v in Renderer(registry, lang="es").registry.vendors
                                                     if v.id == "overdrive"))
    assert '<span lang="en">' in page and "Qué guarda sobre usted" in page
    translated = Renderer(loaded.registry, lang="es")
    page = translated.vendor(next(v for v in translated.registry.vendors if v.id == "overdrive"))
    assert overdrive.translations["es"]["service"].split(",")[0] in page
    english = Renderer(loaded.registry)
    assert 'lang="' not in english.vendor(next(v for v in english.registry.vendors if v.id == "overdrive"))


def test_a_vendor_text_without_a_spanish_version_makes_check_warn(project: Path) -> None:
    _with_spanish(project)
    path = project / "vendors/overdrive.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntranslations:") + 1
    path.write_text(text[:start] + text[text.index("\nchanges:", start) + 1:], encoding="utf-8")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 0, result.stdout
    assert "vendors/overdrive.yaml:" in result.stdout and "translations.es: warning: service" in result.stdout
    assert "have no 'es' translation" in result.stdout


def test_a_spanish_policy_page_must_state_the_same_facts(project: Path) -> None:
    _with_spanish(project)
    page = project / "policies/policy-11-privacy.es.md"
    page.write_text(page.read_text(encoding="utf-8").replace("approved: 2022-01-03", "approved: 2022-01-05", 1),
                    encoding="utf-8")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 1
    assert ("policies/policy-11-privacy.es.md:6:11: approved: is 2022-01-05 here but 2022-01-03 in "
            "policies/policy-11-privacy.md") in result.stdout, "at the fact's own line, in words"


def test_the_librarys_contact_without_a_spanish_version_makes_check_warn(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("        translations:\n          es:\n")
    end = text.index("\n      # ", start) + 1  # the next option's comment
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_cli("check", "--root", str(project))
    assert result.returncode == 0, result.stdout
    for key in ("contact_text", "statute_title"):
        assert f"plugins.privacy-registry.library.translations.es.{key}: warning:" in result.stdout, result.stdout
    site = project / "built"
    assert run_cli("build", "--root", str(project), "--site-dir", str(site)).returncode == 0
    footer = (site / "es/index.html").read_text(encoding="utf-8").split("<footer", 1)[1]
    assert '<span lang="en">Ask the staff at your member library.' in footer  # shown in English, marked so
    assert "¿Preguntas sobre privacidad?" in footer


def test_member_library_pages_are_written_in_the_page_language() -> None:
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    hoopla = next(v for v in loaded.registry.vendors if v.id == "hoopla")
    registry = dataclasses.replace(
        loaded.registry, members=(Member("north", "North Library"), Member("south", "South Library")),
        vendors=tuple(dataclasses.replace(v, members=("north",)) if v is hoopla else v
                      for v in loaded.registry.vendors))
    pages = Renderer(registry, lang="es", library=LibraryTerms("Sistema", member_libraries=True)).pages()
    south = pages["members/south.md"]
    assert "# Servicios en South Library" in south and "servicios de terceros a través de Sistema" in south
    assert "Hoopla" not in south.split("<table", 1)[1] and "Hoopla" in pages["members/north.md"]
    assert "Servicios por biblioteca miembro" in pages["members/index.md"]

