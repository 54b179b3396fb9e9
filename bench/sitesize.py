"""What a built site weighs, and whether that grows no faster than the registry.

Measured on the site the plugin build leaves behind at each size; the report judges
the 2,000-vendor site against the 200-vendor one from the same run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.measure import Series

BASE_SIZE = 200       # the registry the goals compare against
GOAL_SIZE = 2000
SITE_GOAL = 10.0      # whole site at 2,000 vendors <= 10x the site at 200
PAGE_GOAL_KB = 150    # no policy or vendor page above this, at any size
BUILD_GROWTH_GOAL = 12.0  # build at 2,000 vendors <= 12x the build at 200
# Pages that list every vendor: each may grow with the registry, never faster.
LISTINGS = {"chart": "services/index.html", "who keeps what": "who-keeps-what/index.html",
            "glossary": "glossary/index.html", "change log": "changes/index.html",
            "search index": "search/search_index.json"}
VENDOR_DIR = "services"


@dataclass
class SiteSize:
    """Bytes of one built site: in all, the largest page of each kind, and each listing page."""

    total: int
    files: int
    largest_vendor_page: int
    largest_other_page: int  # policy pages and everything else that is not a listing or a vendor
    listings: dict[str, int]


def measure_site(site: Path, other_languages: tuple[str, ...] = ()) -> SiteSize:
    """Walk a built site folder.

    ``other_languages``: the languages built below the site root (``es/``); their pages are
    sorted as the default language's are (``es/who-keeps-what/`` is a listing, and so on).
    The listing columns give the default language's pages.
    """
    total = files = vendor = other = 0
    listing_paths = set(LISTINGS.values())
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        rel = path.relative_to(site).as_posix()
        lang, _, rest = rel.partition("/")
        if lang in other_languages:
            rel = rest
        if not rel.endswith(".html") or rel in listing_paths:
            continue
        parts = rel.split("/")
        if parts[0] == VENDOR_DIR and len(parts) == 3:
            vendor = max(vendor, size)
        else:
            other = max(other, size)
    listings = {name: (site / rel).stat().st_size if (site / rel).is_file() else 0 for name, rel in LISTINGS.items()}
    return SiteSize(total, files, vendor, other, listings)


def _kb(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024:.0f} KB"


def _growth(big: int, small: int) -> str:
    return f"{big / small:.1f}x" if small else "n/a"


def _verdict(met: bool | None) -> str:
    return "not measured" if met is None else "**met**" if met else "**missed**"


def section(sizes: dict[int, SiteSize], builds: dict[int, Series | None]) -> list[str]:
    """The report's section on site size and build growth, as Markdown lines."""
    lines = ["## 6. Site size and build time as the registry grows", ""]
    if not sizes:
        return [*lines, "Not measured in this run (it comes with the site build).", ""]
    order = sorted(sizes)
    base, goal = sizes.get(BASE_SIZE), sizes.get(GOAL_SIZE)
    site_growth = goal.total / base.total if base and goal else None
    biggest_page = max(max(s.largest_vendor_page, s.largest_other_page) for s in sizes.values())
    listing_growth = {name: goal.listings[name] / base.listings[name] for name in LISTINGS
                      if base and goal and base.listings[name]}
    b0, b1 = builds.get(BASE_SIZE), builds.get(GOAL_SIZE)
    build_growth = b1.median / b0.median if b0 and b1 and b0.ok and b1.ok and b0.median else None
    registry_growth = GOAL_SIZE / BASE_SIZE
    listings_met = all(g <= registry_growth for g in listing_growth.values()) if listing_growth else None
    lines += [
        f"The site the plugin build writes, at each size. Goals, {GOAL_SIZE:,} against {BASE_SIZE} vendors in the "
        "same run: the whole site at most "
        f"{SITE_GOAL:.0f}x ({_verdict(None if site_growth is None else site_growth <= SITE_GOAL)}"
        + (f", {site_growth:.1f}x" if site_growth is not None else "") + "); no policy or vendor page over "
        f"{PAGE_GOAL_KB} KB ({_verdict(biggest_page <= PAGE_GOAL_KB * 1024)}, largest {_kb(biggest_page)}); "
        "the pages that list every vendor growing no faster than the registry, "
        f"{registry_growth:.0f}x ({_verdict(listings_met)}); "
        f"the build at most {BUILD_GROWTH_GOAL:.0f}x ("
        + _verdict(None if build_growth is None else build_growth <= BUILD_GROWTH_GOAL)
        + (f", {build_growth:.1f}x" if build_growth is not None else "") + ").",
        "",
        "| vendors | site | files | largest vendor page | largest other page | "
        + " | ".join(LISTINGS) + " | build with the plugin |",
        "|" + "---|" * (6 + len(LISTINGS)),
    ]
    for n in order:
        s = sizes[n]
        build = builds.get(n)
        lines.append(f"| {n:,} | {_kb(s.total)} | {s.files:,} | {_kb(s.largest_vendor_page)} | "
                     f"{_kb(s.largest_other_page)} | " + " | ".join(_kb(s.listings[k]) for k in LISTINGS)
                     + (f" | {build.median:.2f} s |" if build and build.ok else " | not run |"))
    if base and goal:
        lines.append(f"| growth {BASE_SIZE} to {GOAL_SIZE:,} | {_growth(goal.total, base.total)} | "
                     f"{_growth(goal.files, base.files)} | "
                     f"{_growth(goal.largest_vendor_page, base.largest_vendor_page)} | "
                     f"{_growth(goal.largest_other_page, base.largest_other_page)} | "
                     + " | ".join(_growth(goal.listings[k], base.listings[k]) for k in LISTINGS)
                     + (f" | {build_growth:.1f}x |" if build_growth is not None else " | n/a |"))
    lines.append("")
    return lines
