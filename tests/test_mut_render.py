"""The renderer's smaller outputs, as a site shows them: the feed, the download files, the chart link,
a policy page's facts, the library's contact and law, and a site's own templates.

Fast, in-process tests over the small golden registry (``tests/fixtures/golden``); the pages
themselves are compared byte for byte in ``test_render_golden.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from pathlib import Path

import pytest

from generator import downloads
from generator.model import Registry
from generator.policies import Policy
from generator.registry import load_registry
from generator.render import Renderer, _build_day
from generator.terms import Contact, LibraryTerms, Statute

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
TODAY = dt.date(2026, 1, 1)
POLICY = Policy("policies/privacy.md", "Privacy of Patron Data", policy_number="11", approved_by="The Board",
                approved="2024-05-01", last_reviewed="2025-02-03")


@pytest.fixture(scope="module")
def registry() -> Registry:
    loaded = load_registry(GOLDEN / "vendors", GOLDEN, today=TODAY)
    assert loaded.problems == [] and loaded.registry is not None
    return loaded.registry


def _empty(registry: Registry) -> Registry:
    return dataclasses.replace(registry, vendors=())


# ---- the feed ----------------------------------------------------------------------------------

def test_feed_with_a_site_address_links_every_entry_absolutely(registry: Registry) -> None:
    """A feed reader needs whole addresses: the feed's id and links start with the site's address."""
    for site_url in ("https://library.example/privacy/", "https://library.example/privacy"):
        assert 'href="https://library.example/X/changes/"' in Renderer(registry, today=TODAY).feed(
            "https://library.example/X/")
        feed = Renderer(registry, today=TODAY).feed(site_url)
        assert "<id>https://library.example/privacy/feed.xml</id>" in feed
        assert '<link rel="self" type="application/atom+xml" href="https://library.example/privacy/feed.xml"/>' in feed
        assert '<link rel="alternate" type="text/html" href="https://library.example/privacy/changes/"/>' in feed
        hrefs = re.findall(r'href="([^"]*)"', feed)
        assert hrefs and all(h.startswith("https://library.example/privacy/") for h in hrefs), hrefs
        assert "https://library.example/privacy/services/acme-books/" in hrefs


def test_feed_without_a_site_address_has_a_stable_id_named_after_the_site(registry: Registry) -> None:
    """Without ``site_url`` the feed's id is a fixed name made from the site's name, and links are relative."""
    feed = Renderer(registry, today=TODAY, site_name="Smalltown Library privacy").feed()
    named = uuid.uuid5(uuid.NAMESPACE_URL, "privacy-registry:feed:Smalltown Library privacy")
    assert f"<id>urn:uuid:{named}</id>" in feed
    assert "<title>Smalltown Library privacy: change log</title>" in feed
    assert "<author><name>Smalltown Library privacy</name></author>" in feed
    assert '<link rel="self" type="application/atom+xml" href="feed.xml"/>' in feed
    assert '<link rel="alternate" type="text/html" href="changes/"/>' in feed
    other = Renderer(registry, today=TODAY, site_name="Another Library").feed()
    assert f"urn:uuid:{named}" not in other


def test_feed_author_and_plain_addresses(registry: Registry) -> None:
    """The feed names the author given; with ``use_directory_urls: false`` it links to ``.html`` pages."""
    feed = Renderer(registry, today=TODAY, site_name="Privacy", author="Smalltown Library",
                    use_directory_urls=False).feed("https://library.example/")
    assert "<author><name>Smalltown Library</name></author>" in feed
    assert 'href="https://library.example/changes.html"' in feed
    assert 'href="https://library.example/services/acme-books.html"' in feed
    assert 'href="https://library.example/feed.xml"' in feed


def test_feed_is_dated_by_its_newest_entry(registry: Registry) -> None:
    """The feed's own date is that of its newest entry, whatever day it is built."""
    renderer = Renderer(registry, today=TODAY)
    newest = renderer.log()[0].date
    feed = renderer.feed()
    assert re.search(r"^  <updated>([0-9-]+)T00:00:00Z</updated>", feed, re.M)[1] == newest  # type: ignore[index]


def test_feed_of_an_empty_registry_is_dated_by_the_build(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new library's feed, with nothing in it yet, is dated by the build day (``SOURCE_DATE_EPOCH``)."""
    empty = dataclasses.replace(_empty(registry), vocabulary=dataclasses.replace(registry.vocabulary, changes=()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    feed = Renderer(empty, today=TODAY).feed()
    assert "<updated>2023-11-14T00:00:00Z</updated>" in feed
    assert "<entry>" not in feed


@pytest.mark.parametrize(("epoch", "day"), [("0", "1970-01-01"), (" 86400\n", "1970-01-02"),
                                            ("1700000000", "2023-11-14")])
def test_build_day_reads_source_date_epoch(epoch: str, day: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reproducible builds: ``SOURCE_DATE_EPOCH`` (seconds, surrounding blanks allowed) gives the day, in UTC."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert _build_day() == day


@pytest.mark.parametrize("epoch", ["", "soon", "-5", "1.5"])
def test_build_day_is_today_without_a_usable_epoch(epoch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything but whole seconds is ignored and the build is dated today."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert _build_day() == dt.date.today().isoformat()


def test_build_day_without_the_variable_is_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``SOURCE_DATE_EPOCH`` at all: today."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _build_day() == dt.date.today().isoformat()


# ---- files that are not pages ---------------------------------------------------------------------

def test_files_are_the_feed_and_the_downloads(registry: Registry) -> None:
    """Besides its pages a site gets the feed and the three download files, with whole addresses inside."""
    renderer = Renderer(registry, today=TODAY)
    files = renderer.files("https://library.example/")
    assert set(files) == {"feed.xml", *downloads.files(registry)}
    assert files["feed.xml"] == renderer.feed("https://library.example/")
    assert files == {"feed.xml": renderer.feed("https://library.example/"),
                     **downloads.files(registry, "https://library.example/")}
    assert renderer.files() == {"feed.xml": renderer.feed(), **downloads.files(registry)}


# ---- the chart's place on a large site --------------------------------------------------------------

@pytest.mark.parametrize(("page", "prefix"), [("index.md", ""), ("policies/privacy.md", "../")])
def test_chart_link_counts_the_services_and_links_from_its_page(registry: Registry, page: str, prefix: str) -> None:
    """Where the chart is too large to repeat, a page says how many services there are and links to it."""
    html = str(Renderer(registry, today=TODAY).chart_link(page))
    assert f"The library offers {len(registry.active)} third-party services." in html
    assert f'<a href="{prefix}services/index.md">chart of third-party services</a>' in html
    assert f'<a href="{prefix}who-keeps-what.md">who keeps what</a>' in html


def test_chart_link_uses_the_addresses_it_is_given(registry: Registry) -> None:
    """The site generator passes its own addresses (``href``); the link uses them."""
    html = str(Renderer(registry, today=TODAY).chart_link("index.md", href=lambda target: f"/x/{target}"))
    assert 'href="/x/services/index.md"' in html and 'href="/x/who-keeps-what.md"' in html


@pytest.mark.parametrize("method", ["chart", "matrix"])
def test_chart_and_table_link_relative_to_the_page_showing_them(registry: Registry, method: str) -> None:
    """The chart (and the who-keeps-what table) embedded in a policy page link to vendor pages from there."""
    html = str(getattr(Renderer(registry, today=TODAY), method)("policies/privacy.md"))
    assert 'href="../services/acme-books.md"' in html
    html = str(getattr(Renderer(registry, today=TODAY), method)("index.md"))
    assert 'href="services/acme-books.md"' in html


@pytest.mark.parametrize(("method", "template"), [("chart", "chart.html.j2"), ("matrix", "who_keeps_what.html.j2"),
                                                ("chart_link", "chart_link.html.j2")])
def test_a_sites_own_chart_template_links_from_the_page_showing_it(registry: Registry, tmp_path: Path,
                                                                   method: str, template: str) -> None:
    """A site that replaces the chart's template can use ``link()``: addresses are relative to the page."""
    (tmp_path / "privacy_registry").mkdir()
    (tmp_path / "privacy_registry" / template).write_text(
        '<a href="{{ link(glossary_page) }}">terms</a> <a href="{{ link(changes_page) }}">log</a> '
        '<a href="{{ link(matrix_page) }}">who</a> {{ feed_file }} <a href="{{ link(members_page) }}">members</a>\n')
    renderer = Renderer(registry, tmp_path, today=TODAY)
    assert str(getattr(renderer, method)("policies/privacy.md")) == (
        '<a href="../glossary.md">terms</a> <a href="../changes.md">log</a> <a href="../who-keeps-what.md">who</a> '
        'feed.xml <a href="../members/index.md">members</a>\n')
    assert str(getattr(renderer, method)("index.md")).startswith('<a href="glossary.md">terms</a>')


# ---- a policy page's facts --------------------------------------------------------------------------

def test_policy_facts_list_what_the_front_matter_says(registry: Registry) -> None:
    """Under a policy's title: its number, who approved it and when, when it was last reviewed."""
    facts = Renderer(registry, today=TODAY).policy_facts(POLICY, "policies/privacy.md")
    assert "<dt>Policy number</dt><dd>11</dd>" in facts
    assert "<dt>Approved by</dt><dd>The Board</dd>" in facts
    assert '<dt>Approved on</dt><dd><time datetime="2024-05-01">May 1, 2024</time></dd>' in facts
    assert '<dt>Last reviewed</dt><dd><time datetime="2025-02-03">February 3, 2025</time></dd>' in facts


def test_policy_revisions_link_to_the_change_log_from_the_page(registry: Registry) -> None:
    """A page with revisions lists them and points to the change log, relative to that page."""
    from generator.model import Change

    revised = dataclasses.replace(POLICY, revisions=(Change("2025-02-03", "Rewrote section 4."),))
    renderer = Renderer(registry, today=TODAY)
    facts = renderer.policy_facts(revised, "policies/privacy.md")
    assert "Revision history (1)" in facts
    assert "[change log](../changes.md)" in facts
    assert "[change log](changes.md)" in renderer.policy_facts(revised, "index.md")
    assert "change log" not in renderer.policy_facts(revised)


def test_policy_title_is_known_only_for_a_known_page(registry: Registry) -> None:
    """The library's own record names its policy page by that page's title, never by a guess."""
    renderer = Renderer(registry, today=TODAY, policies={"policies/privacy.md": POLICY})
    assert renderer.policy_title("policies/privacy.md") == "Privacy of Patron Data"
    assert renderer.policy_title("policies/other.md") is None
    assert renderer.policy_title(None) is None
    assert renderer.policy_title("") is None


# ---- the library's contact and law ------------------------------------------------------------------

def test_without_a_contact_patrons_are_sent_to_staff(registry: Registry) -> None:
    """No contact configured: the home page tells patrons to ask staff (at their member library in a system)."""
    assert Renderer(registry, today=TODAY).contact().strip() == "Ask library staff."
    system = LibraryTerms("Valley Library System", member_libraries=True)
    assert Renderer(registry, today=TODAY, library=system).contact().strip() == \
        "Ask the staff at your member library."


def test_contact_gives_every_way_configured(registry: Registry) -> None:
    """The contact block shows the text, the email address, the number to dial and the web page."""
    library = LibraryTerms("Smalltown Public Library", short_name="Smalltown",
                           contact=Contact("Ask the privacy officer.", email="privacy@smalltown.example",
                                           phone="555 0100", url="https://smalltown.example/contact"))
    block = Renderer(registry, today=TODAY, library=library).contact()
    assert "Ask the privacy officer\\." in block
    assert '- Email: <a href="mailto:privacy@smalltown.example">privacy@smalltown.example</a>' in block
    assert '- Telephone: <a href="tel:5550100">555 0100</a>' in block
    assert '<a href="https://smalltown.example/contact" rel="noopener noreferrer">More ways to reach Smalltown</a>' \
        in block
    only_text = dataclasses.replace(library, contact=Contact("Ask at the desk."))
    assert "<li>" not in Renderer(registry, today=TODAY, library=only_text).contact()
    assert "- " not in Renderer(registry, today=TODAY, library=only_text).contact()


def test_statute_names_the_law_and_links_it(registry: Registry) -> None:
    """The state's law, linked when an address is configured, with its title; nothing when none is set."""
    assert Renderer(registry, today=TODAY).statute().strip() == ""
    law = Statute("Wis. Stat. 43.30", title="Public library records", url="https://docs.example/43.30")
    library = LibraryTerms("Smalltown Public Library", short_name="Smalltown", statute=law)
    text = Renderer(registry, today=TODAY, library=library).statute()
    assert ('<a href="https://docs.example/43.30" rel="noopener noreferrer">Wis. Stat. 43.30</a> '
            "(Public library records) is the state law that keeps Smalltown's records") in text
    plain = dataclasses.replace(library, statute=Statute("Wis. Stat. 43.30"))
    assert Renderer(registry, today=TODAY, library=plain).statute().strip().startswith(
        "Wis\\. Stat\\. 43\\.30 is the state law")


def test_chart_link_is_written_in_the_pages_language(registry: Registry) -> None:
    """A Spanish page of a large site says how many services there are in Spanish, singular or plural."""
    html = str(Renderer(registry, today=TODAY, lang="es").chart_link("index.md"))
    assert f"La biblioteca ofrece {len(registry.active)} servicios de terceros." in html
    assert '<a href="services/index.md">tabla de servicios de terceros</a>' in html
    one = dataclasses.replace(registry, vendors=registry.active[:1])
    spanish = str(Renderer(one, today=TODAY, lang="es").chart_link("x.md"))
    assert "La biblioteca ofrece 1 servicio de terceros." in spanish
    assert "The library offers 1 third-party service." in str(Renderer(one, today=TODAY).chart_link("x.md"))


def test_a_build_in_another_time_zone_is_dated_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SOURCE_DATE_EPOCH`` is a UTC time: a machine fourteen hours ahead dates the build the same day."""
    import time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86399")  # 1970-01-01 23:59:59 UTC
    monkeypatch.setenv("TZ", "UTC-14")  # POSIX: fourteen hours ahead of UTC
    time.tzset()
    try:
        assert _build_day() == "1970-01-01"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_feed_is_dated_by_its_newest_entry_not_by_a_later_review(registry: Registry) -> None:
    """A policy reviewed after the newest change does not make the feed look newer than its entries."""
    reviewed = dataclasses.replace(POLICY, last_reviewed="2025-12-31")
    renderer = Renderer(registry, today=TODAY, policies={"policies/privacy.md": reviewed})
    assert renderer.log()[0].date < "2025-12-31"
    assert f"  <updated>{renderer.log()[0].date}T00:00:00Z</updated>" in renderer.feed()


def test_policy_revisions_are_in_the_log_and_date_an_empty_feed(registry: Registry) -> None:
    """A policy's revisions join the change log; with no other entry, its newest date dates the feed."""
    from generator.model import Change

    revised = dataclasses.replace(POLICY, revisions=(Change("2025-02-03", "Rewrote section 4."),))
    renderer = Renderer(registry, today=TODAY, policies={"policies/privacy.md": revised})
    assert any(e.page == "policies/privacy.md" and e.date == "2025-02-03" for e in renderer.log())
    empty = dataclasses.replace(_empty(registry), vocabulary=dataclasses.replace(registry.vocabulary, changes=()))
    unrevised = Renderer(empty, today=TODAY, policies={"policies/privacy.md": POLICY})
    assert "<updated>2025-02-03T00:00:00Z</updated>" in unrevised.feed()


def test_vocabulary_entries_point_to_the_glossary(registry: Registry) -> None:
    """A change to what a kind of data means is listed against the glossary page."""
    from generator.model import Change

    changed = dataclasses.replace(registry, vocabulary=dataclasses.replace(
        registry.vocabulary, changes=(Change("2025-03-01", "Clarified what 'email' covers."),)))
    entries = [e for e in Renderer(changed, today=TODAY).log() if e.kind == "vocabulary"]
    assert [(e.page, e.date) for e in entries] == [("glossary.md", "2025-03-01")]


def test_a_vendor_page_says_what_the_policy_watch_found(registry: Registry) -> None:
    """When the library keeps a copy of a vendor's policy, that vendor's page (and only it) says so."""
    from generator.watchstatus import PolicyWatch

    watch = PolicyWatch(compared="2025-06-01", first_saved="2025-01-01", changed=None, since_review="unknown",
                        pages=1)
    renderer = Renderer(registry, today=TODAY, policy_watch={"acme-books": watch})
    acme = next(v for v in registry.vendors if v.id == "acme-books")
    other = next(v for v in registry.vendors if v.id != "acme-books")
    assert "It last compared the policy with that copy on" in renderer.vendor(acme)
    assert "keeps a copy" not in renderer.vendor(other)


@pytest.mark.parametrize(("months", "due"), [(6, True), (36, False)])
def test_a_vendor_page_warns_by_the_sites_review_period(registry: Registry, months: int, due: bool) -> None:
    """A record reviewed longer ago than the site's review period is marked as possibly out of date."""
    acme = next(v for v in registry.vendors if v.id == "acme-books")  # reviewed 2023-05-01
    page = Renderer(registry, today=dt.date(2024, 5, 1), review_months=months).vendor(acme)
    assert ("That was more than 6 months ago, so it may be out of date." in page) == due
    assert ("(may be out of date)" in page) == due


def test_records_written_in_spanish_are_not_marked_on_spanish_pages(registry: Registry) -> None:
    """A site whose records are written in Spanish shows them unmarked on its Spanish pages, marked on English."""
    acme = next(v for v in registry.vendors if v.id == "acme-books")
    spanish_site = Renderer(registry, today=TODAY, lang="es", source_lang="es").vendor(acme)
    assert "<dd>Until you close your account. (<code>P2Y</code>)</dd>" in spanish_site
    english_pages = Renderer(registry, today=TODAY, lang="en", source_lang="es").vendor(acme)
    assert '<dd><span lang="es">Until you close your account.</span> (<code>P2Y</code>)</dd>' in english_pages
    english_source = Renderer(registry, today=TODAY, lang="es").vendor(acme)
    assert '<dd><span lang="en">Until you close your account.</span> (<code>P2Y</code>)</dd>' in english_source


def test_the_librarys_texts_are_given_in_the_pages_language(registry: Registry) -> None:
    """The contact text configured in Spanish is used on Spanish pages; without it, English marked as such."""
    library = LibraryTerms("Smalltown Public Library", contact=Contact("Ask the privacy officer."),
                           translations={"es": {"contact_text": "Pregunte a la responsable de privacidad."}})
    assert "Pregunte a la responsable de privacidad\\." in Renderer(registry, today=TODAY, lang="es",
                                                                     library=library).contact()
    english_only = dataclasses.replace(library, translations={})
    block = Renderer(registry, today=TODAY, lang="es", library=english_only).contact()
    assert '<span lang="en">Ask the privacy officer\\.</span>' in block
    assert "<span" not in Renderer(registry, today=TODAY, library=library).contact()


def test_a_sites_own_templates_see_the_librarys_name_and_messages(registry: Registry, tmp_path: Path) -> None:
    """Override templates get the library's name (the author, else the site's name) and the site's own words."""
    (tmp_path / "privacy_registry").mkdir()
    (tmp_path / "privacy_registry" / "contact.md.j2").write_text("{{ library.name }}: {{ _('Policy number') }}\n")
    catalog = tmp_path / "locale" / "es" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "messages.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                         'msgid "Policy number"\nmsgstr "Número de la norma"\n', "utf-8")
    assert Renderer(registry, tmp_path, today=TODAY, site_name="Privacy", author="Smalltown").contact() == \
        "Smalltown: Policy number\n"
    assert Renderer(registry, tmp_path, today=TODAY, site_name="Privacy").contact() == "Privacy: Policy number\n"
    assert Renderer(registry, tmp_path, today=TODAY, lang="es", site_name="Privacy").contact() == \
        "Privacy: Número de la norma\n"


def test_a_glossary_change_is_titled_in_the_pages_language(registry: Registry) -> None:
    """A dated change to the meaning of a kind of data is listed under the glossary's own title, in the
    language of the page and the feed (the title is the library's words, not the records')."""
    from generator.model import Change
    vocabulary = dataclasses.replace(registry.vocabulary, changes=(Change("2025-06-01", "Clarified contact details."),))
    changed = dataclasses.replace(registry, vocabulary=vocabulary)
    english = Renderer(changed, today=TODAY)
    spanish = Renderer(changed, today=TODAY, lang="es")
    assert "- [Glossary of patron data](glossary.md)" in english.pages()["changes.md"]
    assert "<title>Glossary of patron data: Clarified contact details.</title>" in english.feed()
    page = spanish.pages()["changes.md"]
    assert "- [Glosario de datos de los usuarios](glossary.md)" in page
    assert "Glossary of patron data" not in page
    assert "<title>Glosario de datos de los usuarios: Clarified contact details.</title>" in spanish.feed()
