"""What a patron meets, by keyboard and by search: the phone menu as a dialog, search that
never tells the server what was looked up, filters that survive Back, who-keeps-what that fits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.browsing import DESKTOP, WINDOWS

pytestmark = pytest.mark.browser

NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
MENU_BUTTON = 'button.ppr-toggle[data-ppr-for="__drawer"]'
SEARCH_BUTTON = 'button.ppr-toggle[data-ppr-for="__search"]'

# Where focus is, and whether a patron sees it there: shown, on screen, and on top (the
# element drawn at its centre is it or inside it, not a panel covering it).
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    name: (e.getAttribute('aria-label') || e.innerText || '').trim().slice(0, 40),
    tag: e.tagName.toLowerCase(),
    shown: e.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width > 0 && r.height > 0,
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    onTop: !!top && (top === e || e.contains(top)),
    inMenu: !!e.closest('.md-sidebar--primary'),
  };
}"""

MENU_WINDOWS = [w for w in WINDOWS if w.name in ("phone", "zoomed")]


@pytest.fixture(scope="module")
def menu_pages(browser: Any) -> Iterator[dict[str, Any]]:
    """One tab per small window (375 px phone, desktop at 200%), reused by the menu tests."""
    contexts = {w.name: browser.new_context(**w.context_options(), bypass_csp=True) for w in MENU_WINDOWS}
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def _open(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    page.add_style_tag(content=NO_MOTION)


def _walk(page: Any, steps: int, key: str = "Tab") -> list[dict[str, Any]]:
    seen = []
    for _ in range(steps):
        page.keyboard.press(key)
        seen.append(page.evaluate(FOCUS))
    return seen


def _hidden(seen: list[dict[str, Any] | None]) -> list[Any]:
    return [f for f in seen if f is None or not (f["shown"] and f["onScreen"] and f["onTop"] and f["inMenu"])]


@pytest.mark.parametrize("window", [w.name for w in MENU_WINDOWS])
@pytest.mark.parametrize("path", ["services/kanopy/", "who-keeps-what/"])
def test_the_open_menu_keeps_focus_on_what_is_visible_and_escape_closes_it(
        menu_pages: dict[str, Any], site_url: str, window: str, path: str) -> None:
    page = menu_pages[window]
    _open(page, site_url + path)
    page.focus(MENU_BUTTON)
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    first = page.evaluate(FOCUS)
    links = page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item").count()
    seen = [first, *_walk(page, 2 * links + 4)]
    assert not _hidden(seen), f"focus went where a patron cannot see it: {_hidden(seen)}"
    names = [f["name"] for f in seen if f]
    assert names.count(names[0]) >= 2, f"Tab does not go round the menu: {names}"
    backwards = _walk(page, links + 2, "Shift+Tab")
    assert not _hidden(backwards), _hidden(backwards)

    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.evaluate("s => document.activeElement.matches(s)", MENU_BUTTON)
    assert page.get_attribute(MENU_BUTTON, "aria-expanded") == "false"


@pytest.mark.parametrize("window", [w.name for w in MENU_WINDOWS])
def test_a_panel_of_the_menu_opens_and_closes_by_keyboard(menu_pages: dict[str, Any], site_url: str,
                                                          window: str) -> None:
    """The page's contents, a panel of the open menu: only it takes focus while it is shown."""
    page = menu_pages[window]
    _open(page, site_url + "who-keeps-what/")
    page.focus(MENU_BUTTON)
    page.keyboard.press("Enter")
    opener = '.md-sidebar--primary label[for="__toc"][role="button"]'
    for _ in range(12):
        if page.evaluate("s => document.activeElement.matches(s)", opener):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reaches the button that opens the page's contents in the menu")
    page.keyboard.press("Enter")
    assert page.is_checked("#__toc")
    seen = [page.evaluate(FOCUS), *_walk(page, 8)]
    assert not _hidden(seen), _hidden(seen)
    assert any(f and f["name"].startswith("Back") for f in seen), seen
    assert any(f and f["name"] == "Service by service" for f in seen), seen
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.evaluate("s => document.activeElement.matches(s)", MENU_BUTTON)


def test_search_by_keyboard_on_a_phone_and_escape_returns_to_its_button(menu_pages: dict[str, Any],
                                                                       site_url: str) -> None:
    page = menu_pages["phone"]
    _open(page, site_url + "services/")
    page.focus(SEARCH_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.type("CPLR")
    page.locator(".md-search-result__item a").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.wait_for_function("s => document.activeElement.matches(s)", arg=SEARCH_BUTTON)


# The focused element's outline, as drawn.
OUTLINE = """() => { const s = getComputedStyle(document.activeElement);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor}; }"""


@pytest.mark.parametrize("lang", ["", "es/"], ids=["en", "es"])
def test_escape_in_desktop_search_returns_focus_to_the_search_box(browser: Any, site_url: str, lang: str) -> None:
    """On a desktop the search box stands in the header (no search button): Escape closes search and
    puts focus on the box, outlined, never on <body>; typing there carries on the search."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)  # for NO_MOTION
    page = context.new_page()
    _open(page, site_url + lang + "services/")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-search__input')"):
            break
    else:
        pytest.fail("Tab never reaches the search box")
    page.keyboard.type("CPLR")
    page.locator(".md-search-result__item a").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.activeElement !== document.body")
    assert not page.is_checked("#__search")
    focus = page.evaluate(FOCUS)
    assert focus and focus["shown"] and focus["onScreen"] and focus["onTop"], focus
    assert page.evaluate("() => document.activeElement.matches('.md-search__inner[role=search]')")
    outline = page.evaluate(OUTLINE)
    assert outline["style"] != "none" and outline["width"] >= 2, outline
    page.keyboard.type(" 4509")
    page.wait_for_function("() => document.querySelector('#__search').checked")
    assert page.input_value(".md-search__input") == "CPLR 4509", "the next keys go on in the box"

    # From a result, too (the arrow keys move into the results).
    page.locator(".md-search-result__item a").first.wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => !!document.activeElement.closest('.md-search-result__item')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.activeElement.matches('.md-search__inner')")
    page.wait_for_timeout(100)  # Material's own focus watch settles after a moment
    assert not page.is_checked("#__search")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')"), "Tab goes into the box"
    context.close()


@pytest.fixture(scope="module")
def desktop(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A desktop tab and every address it asked for."""
    context = browser.new_context(viewport=DESKTOP)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    yield context.new_page(), requests
    context.close()


def _search(page: Any, query: str) -> list[str]:
    """Type ``query`` into search by keyboard; the addresses of the pages it finds."""
    page.locator(".md-search__input").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').innerText.match(/match|No /)"
        " && document.querySelector('.md-search__input').value === q", arg=query)
    # Read every result at once: the list is re-rendered as results arrive, so one element at a time may vanish.
    # Typing sends a query per letter, and the answer to "Li" can arrive after the box reads "Libby":
    # read until the list has stayed the same for a quarter of a second.
    hrefs: list[str] | None = None
    for _ in range(40):
        current: list[str] = page.eval_on_selector_all(".md-search-result__item > a",
                                                       "links => links.map(a => a.getAttribute('href') || '')")
        if current == hrefs:
            break
        hrefs = current
        page.wait_for_timeout(250)
    assert hrefs is not None
    return hrefs


@pytest.mark.parametrize("query,expected", [
    ("CPLR", ["", "policy-11-privacy/", "services/westchester-library-system/"]),
    ("4509", ["", "policy-11-privacy/", "services/westchester-library-system/"]),
    ("Tutor.com", ["services/tutor-com/"]),
    ("Kanopy's", ["services/kanopy/"]),
    ("Libby", ["services/overdrive/"]),
])
def test_search_finds_words_written_with_punctuation(desktop: tuple[Any, list[str]], site_url: str, query: str,
                                                     expected: list[str]) -> None:
    """Brackets, full stops and apostrophes around or inside a word do not hide it from search."""
    page, _ = desktop
    if not page.url.startswith(site_url):
        page.goto(site_url, wait_until="networkidle")
    found = {href.removeprefix(site_url).split("#")[0] for href in _search(page, query)}
    missing = [p for p in expected if p not in found]
    assert not missing, f"{query!r} does not find /{missing} (found {sorted(found)})"


def test_e_mail_is_split_like_the_text_it_searches(desktop: tuple[Any, list[str]], site_url: str) -> None:
    """'e-mail' is looked up as 'e' and 'mail', the words a page saying 'e-mail' is indexed under."""
    page, _ = desktop
    page.goto(site_url, wait_until="networkidle")
    found = _search(page, "e-mail")
    assert found, "searching 'e-mail' finds nothing"


def test_no_request_made_by_search_or_by_a_result_carries_the_query(desktop: tuple[Any, list[str]],
                                                                    site_url: str) -> None:
    page, requests = desktop
    page.goto(site_url + "services/", wait_until="networkidle")
    before = len(requests)
    hrefs = _search(page, "CPLR")
    assert hrefs and not any(re.search("cplr", h, re.I) for h in hrefs), hrefs
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => !!document.activeElement.closest('.md-search-result__item')")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.url.startswith(site_url) and page.url != site_url + "services/"
    assert not re.search(r"cplr|\?h=", page.url, re.I), page.url
    made = requests[before:]
    assert any("search_index.json" in u or u.startswith(page.url.split("#")[0]) for u in made), made
    leaks = [u for u in made if re.search("cplr", u, re.I)]
    assert not leaks, f"requests carried what the patron searched for: {leaks}"


def test_filter_and_sort_survive_back_and_reload(desktop: tuple[Any, list[str]], site_url: str) -> None:
    page, _ = desktop
    page.goto(site_url + "services/", wait_until="load")
    page.select_option("#ppr-chart-category", "email")
    page.select_option("#ppr-chart-sort", "reviewed:descending")
    page.check("#ppr-chart-group")
    assert "category=email" in page.url and "sort=reviewed" in page.url
    shown = page.locator("table.ppr-table tbody tr:not([hidden]) th a").all_inner_texts()
    assert 0 < len(shown) < page.locator("table.ppr-table tbody tr").count()

    def state() -> tuple[str, str, bool, list[str]]:
        return (page.input_value("#ppr-chart-category"), page.input_value("#ppr-chart-sort"),
                page.is_checked("#ppr-chart-group"),
                page.locator("table.ppr-table tbody tr:not([hidden]) th a").all_inner_texts())

    chosen = state()
    page.locator("table.ppr-table tbody tr:not([hidden]) th a").first.click()
    page.wait_for_url(re.compile(r".*/services/[a-z0-9-]+/$"))
    page.go_back(wait_until="load")
    assert state() == chosen
    page.reload(wait_until="load")
    assert state() == chosen
    page.click(".ppr-reset")
    page.wait_for_function("() => !location.hash")


WORDS_SPLIT = """(table) => {
  // Every word of every header on one line: a range over each word has one box.
  const broken = [];
  table.querySelectorAll('thead th').forEach(th => {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (range.getClientRects().length > 1) broken.push(m[0]);
      }
    }
  });
  const box = table.getBoundingClientRect();
  const column = table.parentElement.getBoundingClientRect();
  return {broken, fits: box.left >= column.left - 1 && box.right <= column.right + 1};
}"""


# Window widths where the tables are tables (cards below 720 px): a tablet, the narrowest
# content column before the table of contents shows, and the desktop windows.
TABLE_WIDTHS = (768, 1000, 1220, *(w.width for w in WINDOWS if w.name in ("desktop", "laptop", "wide")))


@pytest.mark.parametrize("language", ["", "es/"], ids=["en", "es"])
def test_who_keeps_what_fits_a_desktop_column_without_breaking_words(browser: Any, site_url: str,
                                                                     language: str) -> None:
    """In every language (Spanish words are longer), at every table width, no table runs past its column."""
    context = browser.new_context(viewport={"width": TABLE_WIDTHS[0], "height": 800})
    page = context.new_page()
    page.goto(site_url + language + "who-keeps-what/", wait_until="load")
    tables = page.locator("table.ppr-matrix-table")
    assert tables.count() >= 3
    problems = {}
    for width in TABLE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for i in range(tables.count()):
            found = tables.nth(i).evaluate(WORDS_SPLIT)
            if found["broken"] or not found["fits"]:
                problems[(width, tables.nth(i).get_attribute("id"))] = found
    context.close()
    assert not problems, problems


def test_a_who_keeps_what_table_too_wide_for_its_column_scrolls_in_its_own_box(browser: Any, site_url: str) -> None:
    """A library with more categories in a group: the table scrolls sideways, never under the table of contents."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url + "es/who-keeps-what/", wait_until="load")
    table = page.locator("table.ppr-matrix-table").first
    found = table.evaluate("""table => {
      table.style.minWidth = '1500px';  // as wide as a table of twenty categories
      const box = table.parentElement, column = document.querySelector('.md-content__inner');
      const toc = document.querySelector('.md-sidebar--secondary').getBoundingClientRect();
      return {scrolls: box.scrollWidth > box.clientWidth,
              inColumn: box.getBoundingClientRect().right <= column.getBoundingClientRect().right + 1,
              clearOfToc: box.getBoundingClientRect().right <= toc.left + 1};
    }""")
    link = table.locator("tbody th a").first
    link.focus()
    focused = page.evaluate("() => document.activeElement.closest('.ppr-matrix-scroll') !== null")
    context.close()
    assert found == {"scrolls": True, "inColumn": True, "clearOfToc": True}
    assert focused  # its links keep the box reachable from the keyboard


def test_who_keeps_what_reads_as_cards_on_a_phone(menu_pages: dict[str, Any], site_url: str) -> None:
    """Each service a card of 'kind of data: answer' lines; Chromium still reads rows, row headers and cells."""
    page = menu_pages["phone"]
    _open(page, site_url + "who-keeps-what/")
    row = page.locator("table.ppr-matrix-table tbody tr").first
    cells = row.evaluate("""row => Array.from(row.querySelectorAll('td')).map(td => ({
        label: getComputedStyle(td, '::before').content,
        fits: td.getBoundingClientRect().right <= document.scrollingElement.clientWidth}))""")
    headers = page.locator("table.ppr-matrix-table").first.locator("thead th").all_text_contents()
    assert [c["label"] for c in cells] == [f'"{h.strip()}: "' for h in headers[1:]]
    assert all(c["fits"] for c in cells), cells
    cdp = page.context.new_cdp_session(page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    roles = [n.get("role", {}).get("value") for n in tree if not n.get("ignored")]
    vendors = page.locator("table.ppr-matrix-table").first.locator("tbody tr").count()
    assert roles.count("table") == page.locator("table.ppr-matrix-table").count()
    assert roles.count("rowheader") >= vendors and roles.count("cell") >= vendors * (len(headers) - 1)
    cdp.detach()
