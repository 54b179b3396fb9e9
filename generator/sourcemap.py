"""Map link problems in the built site back to the Markdown line staff wrote.

Two sources: the warnings of a strict MkDocs build ("Doc file 'x.md' contains a
link ..."), and linkchecker's findings in a built page made from a policy page.
Both become problems at ``policies/<page>.md:LINE:COL``, so a pull request gets
its annotation on the line to fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.changelog import page_url
from generator.problems import Problem

_DOC_LINK = re.compile(r"^(WARNING|ERROR|INFO)\s+-\s+Doc file '(?P<file>[^']+)' contains (?P<what>[a-z ]*?)link "
                       r"'(?P<link>[^']*)', (?:but )?(?P<why>.*?)\.?$", re.M)
_LEVEL_LINE = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<message>.+)$", re.M)
_NAV = re.compile(r"A reference to '(?P<ref>[^']+)' is included in the 'nav' configuration")


def _line_col(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


def find_link(text: str, link: str, nth: int = 0) -> tuple[int, int] | None:
    """Line and column where ``link`` is written as a link target in Markdown (or raw HTML)."""
    if not link:
        return None
    patterns = [re.escape(f"]({link}"), re.escape(f"]: {link}"), re.escape(f'href="{link}"'),
                re.escape(f"<{link}>")]
    hits = sorted({m.start() + m.group(0).find(link) for p in patterns for m in re.finditer(p, text)})
    if not hits:
        hits = [m.start() for m in re.finditer(re.escape(link), text)]
    if not hits:
        return None
    return _line_col(text, hits[min(nth, len(hits) - 1)])


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError:
        return ""


def build_problems(output: str, docs: Path, root: Path, config: Path) -> list[Problem]:
    """The strict build's warnings as problems on the lines staff wrote (others on mkdocs.yml)."""
    out: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    linked: set[str] = set()
    for match in _DOC_LINK.finditer(output):
        if match.group(1) == "INFO":
            continue
        linked.add(match.group(0))
        page, link, why = match.group("file"), match.group("link"), match.group("why")
        if match.group("what").strip() not in ("", "a"):  # "an unrecognized relative link ..., it was left as is"
            why = f"it is {match.group('what').strip()} link, which the strict build refuses"
        source = docs / page
        shown = _show(source, root)
        nth = seen.get((page, link), 0)
        seen[(page, link)] = nth + 1
        line, col = find_link(_read(source), link, nth) or (0, 0)
        hint = ("link to a heading that exists on that page; its anchor is the heading in lower case, "
                "with hyphens" if "anchor" in why else
                "link to another page by its file, relative to this one: name.md for a policy page, "
                "services/index.md, glossary.md or changes.md for the generated pages")
        out.append(Problem(shown, line, col, "", f"the link '{link}' is broken: {why}", hint))
    config_text = _read(config)
    for match in _LEVEL_LINE.finditer(output):
        if match.group(0) in linked:
            continue
        message = match.group("message").strip()
        nav = _NAV.search(message)
        where = find_link(config_text, nav.group("ref")) if nav else None
        line, col = where or (0, 0)
        out.append(Problem(_show(config, root), line, col, "", f"the site build stopped: {message}", ""))
    return out


def policy_sources(docs: Path, use_directory_urls: bool = True) -> dict[str, Path]:
    """Built page (``x/index.html``) -> the policy page it was made from."""
    out = {}
    for path in sorted(docs.rglob("*.md")):
        url = page_url(path.relative_to(docs).as_posix(), use_directory_urls)
        out[url + "index.html" if url.endswith("/") or url == "" else url] = path
    return out


def _show(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def source_line(page: str, url: str, sources: dict[str, Path], root: Path) -> tuple[str, int, int] | None:
    """Where the link ``url`` found in built ``page`` (relative to the site) is written in its policy page."""
    source = sources.get(page)
    if source is None:
        return None
    text = _read(source)
    candidates = [url]
    stem, _, fragment = url.partition("#")
    bare = stem.rstrip("/")
    while bare.startswith(("../", "./")):
        bare = bare.split("/", 1)[1]
    if bare:
        md = (bare.removesuffix("/index.html").removesuffix(".html") or "index") + ".md"
        candidates += [md + (f"#{fragment}" if fragment else ""), md]
    elif fragment:
        candidates.append(f"#{fragment}")
    for candidate in candidates:
        found = find_link(text, candidate)
        if found:
            return _show(source, root), found[0], found[1]
    return _show(source, root), 0, 0
