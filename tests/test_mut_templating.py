"""The filters every generated page is written with, and what keys the compiled-template cache.

Links from data (a contact, a source) are https: pages or, for a contact, an email address; text in
another language than the page's is marked; dates read in the page's language; the cache key
changes with every setting that changes compiled code and with nothing else.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from generator import templating


@pytest.mark.parametrize(("value", "link"), [
    ("privacy@smalltown.example", "mailto:privacy@smalltown.example"),
    ("Privacy.Officer+web@Smalltown.example", "mailto:Privacy.Officer+web@Smalltown.example"),
    ("https://smalltown.example/contact", "https://smalltown.example/contact"),
    ("https://user@smalltown.example/contact", "https://user@smalltown.example/contact"),
])
def test_a_contact_is_a_web_page_or_an_email_address(value: str, link: str) -> None:
    """An email address becomes a mailto: link; an https: page (even one with an @ in it) stays a page."""
    assert templating.contact_url(value) == link


@pytest.mark.parametrize("value", ["privacy at smalltown", "mailto:privacy@smalltown.example",
                                   "http://smalltown.example/contact", "privacy@smalltown.example <b>", ""])
def test_anything_else_is_never_a_link(value: str) -> None:
    """Anything else is refused, naming the value, so a build stops rather than link somewhere unsafe."""
    with pytest.raises(ValueError, match="^refusing to render a non-https link: " + repr(value).replace("+", r"\+")
                       + "$"):
        templating.contact_url(value)


def test_only_https_links_leave_the_registry() -> None:
    """A source address that is not https: stops the build, naming the address."""
    assert templating.safe_url("https://example.org/p") == "https://example.org/p"
    with pytest.raises(ValueError, match=r"^refusing to render a non-https link: 'javascript:alert\(1\)'$"):
        templating.safe_url("javascript:alert(1)")


def test_text_in_another_language_is_marked() -> None:
    """English left in a Spanish page is wrapped in ``<span lang="en">``, escaped; the page's own language is not."""
    text = Markup("Fish &amp; chips")
    assert templating.in_language(text, "en", "es") == '<span lang="en">Fish &amp; chips</span>'
    assert templating.in_language(text, "es", "es") is text
    assert templating.in_language(text, None, "es") is text


def test_dates_read_in_the_pages_language() -> None:
    """The ``long_date`` filter writes the date as a patron of that page reads it."""
    assert templating.environment(lang="es").from_string("{{ '2022-01-03'|long_date }}").render() == \
        "3 de enero de 2022"
    assert templating.environment().from_string("{{ '2022-01-03'|long_date }}").render() == "January 3, 2022"
    assert templating.long_date("2022-01-03") == "January 3, 2022"
    assert templating.long_date("2022-01-03", "es") == "3 de enero de 2022"


def test_templates_are_strict_and_tidy() -> None:
    """A misspelt name in a template is an error, not an empty string; block tags leave no blank lines."""
    env = templating.environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ no_such_thing }}").render()
    assert env.from_string("a\n  {% if true %}\nb\n  {% endif %}\nc\n").render() == "a\nb\nc\n"
    assert env.from_string("{{ '<b>' }}").render() == "&lt;b&gt;"
    assert env.from_string("{% trans %}Policy number{% endtrans %}").render() == "Policy number"
    assert templating.environment(lang="es").from_string("{{ _('Policy number') }}").render() != "Policy number"


def _named(module: str, qualname: str) -> object:
    def function(value: object) -> object:
        return value

    function.__module__ = module
    function.__qualname__ = qualname
    return function


def test_the_cache_key_is_the_same_in_every_process() -> None:
    """Equal settings give an equal key, whatever objects carry them, so a second build reuses the code."""
    first, second = templating.environment(), templating.environment()
    first.finalize = _named("site", "tidy")  # type: ignore[assignment]
    second.finalize = _named("site", "tidy")  # type: ignore[assignment]
    first.autoescape = jinja2.select_autoescape(["html"])
    second.autoescape = jinja2.select_autoescape(["html"])
    assert templating.fingerprint(first, "page.html") == templating.fingerprint(second, "page.html")


@pytest.mark.parametrize("setting", ["finalize-module", "finalize-name", "autoescape", "undefined", "test"])
def test_the_cache_key_changes_with_each_compiled_setting(setting: str) -> None:
    """A different function for a compiled-in setting, or a test given the environment, is a different key."""
    base, other = templating.environment(), templating.environment()
    for env in (base, other):
        env.finalize = _named("site", "tidy")  # type: ignore[assignment]
        env.autoescape = jinja2.select_autoescape(["html"])
        env.tests["short"] = lambda value: len(value) < 5
    if setting == "finalize-module":
        other.finalize = _named("other_site", "tidy")  # type: ignore[assignment]
    elif setting == "finalize-name":
        other.finalize = _named("site", "tidier")  # type: ignore[assignment]
    elif setting == "autoescape":
        other.autoescape = jinja2.select_autoescape(["xml"])
    elif setting == "undefined":
        other.undefined = jinja2.Undefined
    else:
        other.tests["short"] = jinja2.pass_environment(lambda env, value: len(value) < 5)
    assert templating.fingerprint(base, "page.html") != templating.fingerprint(other, "page.html")


def test_a_templates_key_follows_what_autoescape_says_for_it() -> None:
    """With autoescape chosen by file name, an HTML and an XML template are keyed apart; a text file alike."""
    html, xml = templating.environment(), templating.environment()
    html.autoescape = jinja2.select_autoescape(["html"])
    xml.autoescape = jinja2.select_autoescape(["xml"])
    assert templating.fingerprint(html, "feed.xml") != templating.fingerprint(xml, "feed.xml")
    assert templating.fingerprint(html, "notes.txt") == templating.fingerprint(xml, "notes.txt")


def test_a_vanished_cache_folder_is_not_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder removed between builds (a cleaned temporary folder) costs a compile, never the build."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(templating.DISABLE_CACHE, raising=False)
    cache = templating.bytecode_cache()
    assert cache is not None
    env = templating.environment()  # (making an environment makes the folder again)
    env.bytecode_cache = cache
    shutil.rmtree(cache.directory)
    assert env.get_template("chart_link.html.j2").render(
        registry=type("R", (), {"active": (1, 2)})(), href=str, chart_page="c", matrix_page="m").startswith(
        '<p class="ppr-chart-link">The library offers 2 third-party services.')


def test_a_warm_cache_gives_the_same_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second environment loads the compiled template from the cache and renders the same text."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(templating.DISABLE_CACHE, raising=False)
    context = {"registry": type("R", (), {"active": (1, 2, 3)})(), "href": str, "chart_page": "c",
               "matrix_page": "m"}
    cold = templating.environment().get_template("chart_link.html.j2").render(**context)
    cache = templating.bytecode_cache()
    assert cache is not None and any(Path(cache.directory).iterdir())
    warm_env = templating.environment()
    assert warm_env.get_template("chart_link.html.j2").render(**context) == cold


def test_a_warm_cache_never_hands_one_autoescape_setting_anothers_code(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sites sharing the cache, one escaping .html templates and one not: each gets what it asked for."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(templating.DISABLE_CACHE, raising=False)
    (tmp_path / "privacy_registry").mkdir()
    (tmp_path / "privacy_registry" / "page.html").write_text("{{ '<b>' }}\n")
    rendered = []
    for extensions in (["html"], ["xml"]):
        env = templating.environment(tmp_path)
        env.autoescape = jinja2.select_autoescape(extensions)
        rendered.append(env.get_template("page.html").render())
    assert rendered == ["&lt;b&gt;\n", "<b>\n"]


TRANSLATED_TEMPLATES = [
    '{{ _("Always") }}',
    '{{ _("What %(name)s keeps", name=name) }}',
    '{{ _("100%% of %(name)s", name=name) }}',
    '{{ _("%(a)s and %(b)s", a=name, b=safe) }}',
    '{% trans %}Kept by the library{% endtrans %}',
    '{% trans who=name %}Whenever you use {{ who }}, it keeps:{% endtrans %}',
    '{% trans who=safe %}Ask {{ who }} 100% of the time{% endtrans %}',
]


@pytest.mark.parametrize("source", TRANSLATED_TEMPLATES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_translated_text_renders_as_jinjas_own_gettext_renders_it(source: str, lang: str) -> None:
    """The direct _() and gettext give what Jinja's new-style i18n gives: catalog text, data escaped, %% read."""
    from generator import i18n
    own = templating.environment(lang=lang)
    stock = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    stock.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    data = {"name": "<script>alert(1)</script> & Co", "safe": Markup("<em>OverDrive</em>")}
    expected = stock.from_string(source).render(**data)
    assert own.from_string(source).render(**data) == expected
    assert "<script>" not in expected


def test_the_direct_gettext_reads_the_pages_catalog() -> None:
    from generator import i18n
    assert templating.environment(lang="es").from_string('{{ _("Always") }}').render() == "Siempre"
    assert templating.direct_gettext(i18n.translations("es"))("Not known") == Markup("Se desconoce")
