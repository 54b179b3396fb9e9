"""WCAG 2.2 A/AA on every page: axe-core's rules, then the keyboard, as a patron uses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.browsing import AXE_OPTIONS, AXE_RUN, AXE_TAGS, DESKTOP, PHONE, WINDOWS, SiteVisit, format_violations
from tests.browser.conftest import WindowReport

pytestmark = pytest.mark.browser

# What the keyboard lands on: where it is, whether a patron can see it, and whether
# the focus is marked (an outline or a shadow; Chromium's "auto" ring counts).
FOCUSED = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
    && r.top < innerHeight && r.left < innerWidth && s.visibility === 'visible'
    && e.checkVisibility({opacityProperty: true});
  const outline = s.outlineStyle !== 'none' && (s.outlineStyle === 'auto' || parseFloat(s.outlineWidth) >= 2);
  const marked = outline || s.boxShadow !== 'none';
  const name = (e.getAttribute('aria-label') || e.innerText || e.value || e.getAttribute('title') || '')
    .trim().slice(0, 40);
  const index = (window.__controls || []).indexOf(e);
  const what = `${e.tagName.toLowerCase()}.${String(e.className).split(' ').join('.')} "${name}"`;
  return {what, onScreen, marked, index};
}"""

# Every control a patron can see on the page, before any key is pressed.
CONTROLS = """() => {
  const all = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]');
  window.__controls = Array.from(all).filter(e => {
    const r = e.getBoundingClientRect();
    return e.tabIndex >= 0 && !e.disabled && r.width > 0 && r.height > 0
      && e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  });
  return window.__controls.map(e =>
    `${e.tagName.toLowerCase()} "${(e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40)}"`);
}"""

# Material animates focus changes; the tests look at where each animation ends.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"

SKIP_LINK = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  return {cls: String(e.className), href: e.getAttribute('href'), opacity: getComputedStyle(e).opacity,
          onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.right <= innerWidth};
}"""

AFTER_SKIP = """(target) => {
  const t = document.getElementById(target);
  const e = document.activeElement;
  return {targetInContent: !!(t && t.closest('.md-content')),
          followsTarget: !!(t && e && e !== document.body
                            && (t.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)),
          inContentOrFooter: !!(e && e.closest('.md-content, .md-footer')),
          focused: e ? `${e.tagName.toLowerCase()} "${(e.innerText || '').trim().slice(0, 40)}"` : null};
}"""


def test_axe_finds_no_violations_on_any_page(site_visit: SiteVisit) -> None:
    """axe-core with the WCAG 2.0/2.1/2.2 A and AA rules and best practice, on every page."""
    failing = {path: r.violations for path, r in site_visit.reports.items() if r.violations}
    report = "\n".join(f"/{path} ({len(v)} rule(s)):\n{format_violations(v)}" for path, v in failing.items())
    assert not failing, f"axe ({', '.join(AXE_TAGS)}) found violations:\n{report}"
    assert len(site_visit.reports) > 10


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_control_is_reachable_and_visible_on_focus(browser: Any, site_url: str, layout_paths: list[str],
                                                         viewport: dict[str, int]) -> None:
    """Tab through each page: every visible control gets focus, on screen, with a marked focus."""
    context = browser.new_context(viewport=viewport, bypass_csp=True)  # for the NO_MOTION style
    page = context.new_page()
    problems: list[str] = []
    for path in layout_paths:
        page.goto(site_url + path, wait_until="load")
        page.add_style_tag(content=NO_MOTION)
        controls = page.evaluate(CONTROLS)
        reached: set[int] = set()
        seen: list[str] = []
        for _ in range(len(controls) + 20):
            page.keyboard.press("Tab")
            info = page.evaluate(FOCUSED)
            if info is None:
                break
            if seen and info["what"] == seen[0]:
                break
            seen.append(info["what"])
            reached.add(info["index"])
            if not info["onScreen"]:
                problems.append(f"/{path}: focus went to {info['what']}, which is not on screen")
            elif not info["marked"]:
                problems.append(f"/{path}: {info['what']} shows no focus outline")
        missed = [c for i, c in enumerate(controls) if i not in reached]
        if missed:
            problems.append(f"/{path}: Tab never reaches {missed}")
    context.close()
    assert not problems, "\n".join(problems)


def test_skip_link_comes_first_and_moves_focus_to_the_content(browser: Any, site_url: str,
                                                              layout_paths: list[str]) -> None:
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)  # for the NO_MOTION style
    page = context.new_page()
    problems: list[str] = []
    for path in layout_paths:
        page.goto(site_url + path, wait_until="load")
        page.add_style_tag(content=NO_MOTION)
        page.keyboard.press("Tab")
        first = page.evaluate(SKIP_LINK)
        if "md-skip" not in first["cls"] or not (first["href"] or "").startswith("#"):
            problems.append(f"/{path}: the first Tab stop is not a skip link: {first}")
            continue
        if not first["onScreen"] or first["opacity"] != "1":
            problems.append(f"/{path}: the skip link stays hidden when focused: {first}")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        after = page.evaluate(AFTER_SKIP, first["href"][1:])
        if not (after["targetInContent"] and after["followsTarget"] and after["inContentOrFooter"]):
            problems.append(f"/{path}: after the skip link, Tab goes to {after['focused']}, not into the content")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("window", [w.name for w in WINDOWS])
def test_axe_finds_no_violations_at_every_window_size(window_visits: dict[str, dict[str, WindowReport]],
                                                       window: str) -> None:
    """Every page at 1280x720, 1366x768, 1920x1080, 375x667, 320x568 and a desktop zoomed to 200%:
    the menu and search behind buttons, the chart and who-keeps-what as cards, targets of 24 px (WCAG 2.2)."""
    failing = {path: r.violations for path, r in window_visits[window].items() if r.violations}
    report = "\n".join(f"/{path}:\n{format_violations(v)}" for path, v in failing.items())
    size = next(w for w in WINDOWS if w.name == window)
    assert not failing, f"axe found violations at {size.width}x{size.height} (zoom {size.zoom}):\n{report}"


@pytest.mark.parametrize("window", [w.name for w in WINDOWS])
def test_no_page_scrolls_sideways(window_visits: dict[str, dict[str, WindowReport]], window: str) -> None:
    """Down to a 320 px phone, nothing is wider than the window."""
    wide = {path: r.overflow for path, r in window_visits[window].items()
            if r.overflow["scrollWidth"] > r.overflow["clientWidth"]}
    assert not wide, f"pages wider than the {window} window: {wide}"


@pytest.mark.parametrize("window", [w.name for w in WINDOWS])
def test_no_breadcrumb_is_cut_off(window_visits: dict[str, dict[str, WindowReport]], window: str) -> None:
    """Every crumb of a page's breadcrumbs shows whole: a trail too long for a phone's line wraps
    onto the next one (Material's own trail scrolled sideways, and cut a Spanish crumb off at 375 px)."""
    cut = {path: f"{r.overflow['breadcrumbs']} px hidden" for path, r in window_visits[window].items()
           if r.overflow["breadcrumbs"] > 1}
    assert not cut, f"breadcrumbs cut off at the {window} window's edge: {cut}"


def test_axe_finds_no_violations_in_the_open_phone_menu(browser: Any, site_url: str, axe_script: Path) -> None:
    """The menu drawer, opened from a vendor page (its section title sits on a grey band)."""
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(path=str(axe_script))
    page = context.new_page()
    page.goto(site_url + "services/overdrive/", wait_until="load")
    page.click('button.ppr-toggle[data-ppr-for="__drawer"]')
    assert page.is_checked("#__drawer")
    page.wait_for_timeout(300)  # the drawer slides in
    violations = page.evaluate(AXE_RUN, AXE_OPTIONS)["violations"]
    context.close()
    assert not violations, format_violations(violations)


def _tab_to(page: Any, selector: str, limit: int = 15) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def test_keyboard_opens_the_menu_and_search_on_a_phone(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, bypass_csp=True)  # for the NO_MOTION style
    page = context.new_page()
    page.goto(site_url + "services/", wait_until="load")
    page.add_style_tag(content=NO_MOTION)
    assert _tab_to(page, 'button.ppr-toggle[data-ppr-for="__drawer"]'), "Tab never reaches the menu button"
    assert page.get_attribute('button.ppr-toggle[data-ppr-for="__drawer"]', "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    assert page.get_attribute('button.ppr-toggle[data-ppr-for="__drawer"]', "aria-expanded") == "true"
    assert _tab_to(page, ".md-sidebar--primary a.md-nav__link"), "Tab never reaches the open menu's links"
    focused = page.evaluate(FOCUSED)
    assert focused["onScreen"] and focused["marked"], focused

    page.goto(site_url + "services/", wait_until="load")
    page.add_style_tag(content=NO_MOTION)
    assert _tab_to(page, 'button.ppr-toggle[data-ppr-for="__search"]'), "Tab never reaches the search button"
    page.keyboard.press(" ")
    assert page.is_checked("#__search")
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.type("Libby")
    page.locator(".md-search-result__item a").first.wait_for(state="visible")
    context.close()
