"""What the built pages say to a patron, in English and in Spanish, read from the real strict build:
the library's own record answers what its policy pages answer, opt-in is worded for every kind of
opt-in, possessives of names ending in s, what "Not yet reviewed" means in the chart, what the feed
is for, and the Spanish home page saying what the English one says."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

WLS = "services/westchester-library-system/index.html"


def _article(site: Path, page: str) -> str:
    text = (site / page).read_text("utf-8")
    return text[text.index("<article"):text.index("</article>")]


def _text(fragment: str) -> str:
    """Visible text: tags dropped, entities read, spaces collapsed (none before punctuation)."""
    return re.sub(r" ([:.,;)])", r"\1", " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()))


def _answers(site: Path, page: str) -> dict[str, str]:
    """The "Your questions answered" list of a vendor page: question -> answer."""
    block = _article(site, page).split('class="ppr-policy-facts ppr-vendor-answers"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.S)
    return {_text(q): _text(a) for q, a in pairs}


@pytest.mark.parametrize(("lang", "words"), [
    ("", {"How you sign in": "Your library card number and PIN",
          "Used for advertising or tracking": "No",
          "Sold, or shared beyond running the service": "No"}),
    ("es/", {"Cómo se inicia sesión": "El número de su tarjeta de la biblioteca y su PIN",
             "Se usa para publicidad o seguimiento": "No",
             "Se vende o se comparte más allá de lo que exige el servicio": "No"}),
], ids=["en", "es"])
def test_the_librarys_own_page_gives_the_answers_its_policy_pages_give(built_site: Path, lang: str,
                                                                       words: dict[str, str]) -> None:
    answers = _answers(built_site, lang + WLS)
    for question, answer in words.items():
        assert answers.get(question) == answer, (question, answers)
    kept = answers["How long it is kept" if not lang else "Cuánto tiempo se guarda"]
    assert kept != ("Not known" if not lang else "Se desconoce")
    assert ("count use without naming anyone" if not lang else "contar el uso sin identificar a nadie") in kept


def test_the_librarys_own_answers_name_its_policy_pages_as_their_sources(built_site: Path) -> None:
    page = _article(built_site, WLS)
    sources = page.split('class="ppr-sources"', 1)[1].split("</ul>", 1)[0]
    for title in ("The page Policy 11: Privacy on this site", "The page Privacy of Patron Data on this site"):
        assert title in _text(sources), title
    quotes = [_text(q) for q in re.findall(r"<q>(.*?)</q>", sources, re.S)]
    policies = " ".join((built_site / p / "index.html").read_text("utf-8")
                        for p in ("policy-11-privacy", "privacy-of-patron-data"))
    for quote in quotes[1:]:  # the first is the 2022 chart's own words
        assert quote in _text(policies), f"{quote!r} is not what the policy pages say"


@pytest.mark.parametrize("lang", ["", "es/"], ids=["en", "es"])
def test_opt_in_is_worded_for_giving_data_and_for_turning_a_setting_on(built_site: Path, lang: str) -> None:
    """No example that may be false (an account) for every service: the library's checkout history
    is kept once a patron switches it on."""
    wls = _text(_article(built_site, lang + WLS))
    if lang:
        assert "Solo si usted decide darlo o activarlo, la biblioteca guarda:" in wls
        assert "crear una cuenta" not in wls
    else:
        assert "Only if you choose to give it or to turn it on (you opt in), the library keeps:" in wls
    for page in sorted((built_site / lang / "services").glob("*/index.html")):
        assert "creating an account" not in page.read_text("utf-8"), page


def test_a_name_ending_in_s_takes_an_apostrophe_only(built_site: Path) -> None:
    novel = _text(_article(built_site, "services/novel-databases/index.html"))
    assert "NOVEL Databases' privacy policy" in novel
    assert "NOVEL Databases' own privacy policy" in novel
    assert "OverDrive's privacy policy" in _text(_article(built_site, "services/overdrive/index.html"))
    for page in sorted((built_site / "services").glob("*/index.html")):
        assert not re.search(r"\b[A-Z][\w.]*s's\b", _text(_article(built_site, page.relative_to(built_site)
                                                                   .as_posix()))), page


@pytest.mark.parametrize(("lang", "meaning"), [
    ("", 'under "Last reviewed" it means library staff have not yet checked the whole record against its sources'),
    ("es/", "en «Última revisión», que el personal de la biblioteca todavía no ha comprobado el registro completo"),
], ids=["en", "es"])
def test_the_chart_says_what_not_yet_reviewed_means_in_each_column(built_site: Path, lang: str, meaning: str) -> None:
    note = _text(_article(built_site, lang + "services/index.html").split('class="ppr-chart-note"', 1)[1])
    assert meaning in note
    assert "means no source is recorded yet." not in note


@pytest.mark.parametrize(("lang", "words"), [
    ("", ("to a feed reader app", "opened in a web browser, it shows as code")),
    ("es/", ("a una aplicación lectora de canales", "si lo abre en un navegador web, verá código")),
], ids=["en", "es"])
def test_the_change_log_says_what_its_feed_is_for(built_site: Path, lang: str, words: tuple[str, ...]) -> None:
    page = _article(built_site, lang + "changes/index.html")
    paragraph = next(p for p in re.findall(r"<p>(.*?)</p>", page, re.S) if "feed.xml" in p)
    for word in words:
        assert word in _text(paragraph), paragraph
    feed = (built_site / lang / "feed.xml").read_text("utf-8")
    assert "<?xml-stylesheet" not in feed, "the feed stays plain Atom"


def test_the_spanish_home_page_says_what_hold_history_is_as_the_english_one_does(built_site: Path) -> None:
    english = _text(_article(built_site, "index.html"))
    spanish = _text(_article(built_site, "es/index.html"))
    assert "your hold history: the items you asked to have set aside for you;" in english
    assert "su historial de reservas: los materiales que usted pidió que le apartaran;" in spanish
    assert "para apartarle" not in spanish


@pytest.mark.parametrize(("lang", "back"), [("", "Back"), ("es/", "Volver")], ids=["en", "es"])
def test_the_menus_back_buttons_are_named_in_the_page_language(built_site: Path, lang: str, back: str) -> None:
    page = (built_site / lang / "who-keeps-what/index.html").read_text("utf-8")
    # The panels' titles (the menu's own title, for="__drawer", is not a back button).
    titles = re.findall(r'<label class="md-nav__title" for="(?!__drawer")[^"]+"([^>]*)>', page)
    assert titles and all(f'data-ppr-back="{back}"' in t for t in titles), titles
