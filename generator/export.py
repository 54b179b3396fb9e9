"""Generated pages are ordinary files: the whole docs folder of the site, ready for any engine.

:func:`generate` returns every file the site is built from, as ``path -> bytes``:
the policy pages (with their facts block and the chart filled in), the generated
pages (chart, vendor pages, who-keeps-what, glossary, change log), the feed, the
downloads and one plain HTML page per redirected old address. :func:`write` makes
a folder hold exactly those files. The MkDocs plugin builds from such a folder
(a staging copy it points ``docs_dir`` at) and ``privacy-registry export`` writes
one for any other Markdown site generator, so both take the same path: generate,
then build. No engine's plugin API is involved in making the pages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import yaml

from generator import nav, redirects
from generator.addresses import dest_path, file_url, is_page, relative_url
from generator.model import Registry
from generator.policies import CHART_MARKER, Policy
from generator.render import CHART_PAGE, CONTACT_MARKER, MATRIX_MARKER, STATUTE_MARKER, Renderer, vendor_page
from generator.terms import LibraryTerms
from generator.watchsnapshot import SNAPSHOTS_DIR
from generator.watchstatus import load as load_policy_watch
from generator.yamlsrc import plain_load

_H1 = re.compile(r"^# .*$", re.M)
MARKERS = (CHART_MARKER, MATRIX_MARKER, CONTACT_MARKER, STATUTE_MARKER)  # what the registry fills in on a page
# MkDocs' own front matter pattern (mkdocs.utils.meta), so a page splits where MkDocs splits it.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


CHART_INLINE_MAX = 100  # the default of Site.chart_inline_max and of the plugin's option


class ExportError(Exception):
    """The pages cannot be generated; the message says what to fix."""


@dataclass(frozen=True)
class Site:
    """What the site generator's configuration says that the generated files depend on."""

    name: str
    url: str | None = None
    author: str | None = None
    use_directory_urls: bool = True
    language: str = "en"
    favicon: str | None = None
    nav: list[Any] | None = None  # already expanded (generator.nav.expand)
    chart_inline_max: int = CHART_INLINE_MAX  # above this many services a policy page links to the chart instead
    review_months: int = 12  # a vendor page older than this says it may be out of date
    library: LibraryTerms | None = None  # the library's terms (the plugin's 'library' option)


@contextmanager
def template_errors() -> Iterator[None]:
    """Turn a broken page template (often an override in site_overrides/) into a one-line error."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or 'a template'}:{exc.lineno}"
        raise ExportError(f"{where}: template syntax: {exc.message} (fix the template, or remove the override "
                          "to use the built-in one)") from None
    except jinja2.TemplateError as exc:
        raise ExportError(f"a page template failed: {exc} (check the templates in site_overrides/privacy_registry/)"
                          ) from None


def read_docs(docs: Path) -> dict[str, bytes]:
    """Every file under ``docs`` (hidden files and folders apart, as MkDocs leaves them out)."""
    out: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(docs, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            if not name.startswith("."):
                out[(base / name).relative_to(docs).as_posix()] = (base / name).read_bytes()
    return out


def split_page(text: str) -> tuple[str, str]:
    """A page's front matter (with its fences) and its Markdown body, split as MkDocs splits them."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return "", text
    try:
        data = plain_load(match.group(1))
    except yaml.YAMLError:
        return "", text
    return (match.group(0), text[match.end():].lstrip("\n")) if isinstance(data, dict) else ("", text)


def _text(raw: bytes) -> str:
    # As MkDocs reads a page: UTF-8 with an optional byte-order mark, universal newlines.
    return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


class _Pages:
    """Fills in one site's pages: facts blocks, chart and who-keeps-what table."""

    def __init__(self, renderer: Renderer, policies: Mapping[str, Policy], site: Site, names: set[str]) -> None:
        self.renderer, self.policies, self.site, self.names = renderer, policies, site, names

    def fill(self, src_uri: str, text: str) -> str | None:
        """The page with everything the registry adds, or None when it adds nothing."""
        policy = self.policies.get(src_uri)
        facts = policy is not None and bool(policy.policy_number or policy.approved_by or policy.revisions)
        if not facts and not any(marker in text for marker in MARKERS):
            return None
        front, markdown = split_page(text)
        if facts:
            assert policy is not None
            block = self.renderer.policy_facts(policy, src_uri)
            match = _H1.search(markdown)
            at = match.end() if match else 0
            markdown = f"{markdown[:at]}\n\n{block}\n{markdown[at:]}"
        here = file_url(src_uri, self.site.use_directory_urls)

        def href(target: str) -> str:
            if target not in self.names:
                raise ExportError(f"the chart links to {target}, which is not part of the site")
            return relative_url(file_url(target, self.site.use_directory_urls), here)

        if CHART_MARKER in markdown:
            # Only the chart's own page lists every service once the registry is large.
            whole = src_uri == CHART_PAGE or len(self.renderer.registry.active) <= self.site.chart_inline_max
            chart = self.renderer.chart if whole else self.renderer.chart_link
            markdown = markdown.replace(CHART_MARKER, chart(src_uri, href), 1)
        if MATRIX_MARKER in markdown:
            markdown = markdown.replace(MATRIX_MARKER, self.renderer.matrix(src_uri, href), 1)
        for marker, fill in ((CONTACT_MARKER, self.renderer.contact), (STATUTE_MARKER, self.renderer.statute)):
            if marker in markdown:
                markdown = markdown.replace(marker, fill(), 1)
        return front + markdown


@dataclass(frozen=True)
class Output:
    """The docs folder of a site: every file, and which of them the registry made."""

    files: dict[str, bytes]  # path inside the folder -> content; the docs folder's own files first
    generated: tuple[str, ...]  # the pages and files made from the registry, in the order they were made


def make_renderer(registry: Registry, policies: list[Policy], docs: Path, root: Path, site: Site,
                  overrides: Path | None = None, today: dt.date | None = None) -> tuple[Renderer, dict[str, Policy]]:
    """The renderer of ``site``'s generated pages, and its policy pages by source path (in ``docs``)."""
    by_page = {(root / p.path).relative_to(docs).as_posix(): p
               for p in policies if (root / p.path).is_relative_to(docs)}
    return Renderer(registry, overrides, policies=by_page, site_name=site.name,
                    author=site.author, use_directory_urls=site.use_directory_urls,
                    policy_watch=load_policy_watch(root / SNAPSHOTS_DIR, registry.vendors),
                    review_months=site.review_months, library=site.library, lang=site.language,
                    today=today), by_page


def generate(registry: Registry, policies: list[Policy], docs: Path, root: Path, site: Site,
             plan: list[redirects.Redirect], overrides: Path | None = None, *,
             sources: dict[str, bytes] | None = None, today: dt.date | None = None,
             vendor_pages: Callable[[], Mapping[str, str]] | None = None) -> Output:
    """Every file of the site's docs folder, in ``site.language``. Raises :class:`ExportError`.

    ``docs``: the policy pages (docs_dir); ``plan``: the redirected old addresses;
    ``overrides``: the folder whose ``privacy_registry/`` templates replace the built-in ones;
    ``sources``: the docs folder's files when already read (default: read ``docs``);
    ``today``: the day the pages are made (default: today); ``vendor_pages``: gives the vendor
    pages (:meth:`Renderer.vendor_pages`) made elsewhere meanwhile; called once every other
    generated page and file is made.
    """
    shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.as_posix()
    renderer, by_page = make_renderer(registry, policies, docs, root, site, overrides, today)
    sources = read_docs(docs) if sources is None else sources
    with template_errors():
        pages = renderer.pages(vendors=vendor_pages is None)
        files = renderer.files(site.url)
        if vendor_pages is not None:  # the empty vendor pages, in their places
            elsewhere = vendor_pages()
            pages.update({path: elsewhere[path] for path in map(vendor_page, (v.id for v in registry.vendors))})
        made = {path: text.encode("utf-8") for path, text in {**pages, **files}.items()}
        for path in made:
            if path in sources:
                raise ExportError(f"{shown}/{path} would be replaced by a generated page; rename or remove it")
        out = {**sources, **made}
        filler = _Pages(renderer, by_page, site, set(out))
        for path, raw in out.items():
            if is_page(path):
                filled = filler.fill(path, _text(raw))
                if filled is not None:
                    out[path] = filled.encode("utf-8")
        moved = _redirect_pages(plan, out, renderer.env, site)
    return Output({**out, **moved}, (*made, *moved))


def _redirect_pages(plan: list[redirects.Redirect], files: Mapping[str, bytes], env: jinja2.Environment,
                    site: Site) -> dict[str, bytes]:
    """One small HTML page per old address (no script: it satisfies the site's CSP)."""
    taken = {dest_path(path, site.use_directory_urls): path for path in files}
    errors = []
    for r in plan:
        target = r.target.split("#", 1)[0]
        if target not in files or not is_page(target):
            errors.append(f"{r.origin}: leads to {r.target}, which is not a page of the site")
        if r.output in taken:
            errors.append(f"{r.origin}: the old address {r.source} is a live page ({taken[r.output]}); "
                          "remove the redirect")
    if errors:
        raise ExportError("the redirects are not valid:\n" + "\n".join(errors))
    titles = nav.titles(site.nav)
    out: dict[str, bytes] = {}
    for r in plan:
        page_path, _, fragment = r.target.partition("#")
        url = file_url(page_path, site.use_directory_urls)
        text = redirects.render(
            env, href=relative_url(url or "./", r.output) + (f"#{fragment}" if fragment else ""),
            title=titles.get(page_path) or page_title(page_path, _text(files[page_path])),
            site_name=site.name, lang=site.language,
            favicon=relative_url(site.favicon, r.output) if site.favicon else None,
            canonical=urljoin(site.url, url) if site.url else None)
        out[r.output] = text.encode("utf-8")
    return out


def page_title(src_uri: str, text: str) -> str:
    """A page's title as MkDocs gives it outside the nav: front matter, first heading, or file name."""
    front, markdown = split_page(text)
    if front:
        meta = plain_load(_FRONT_MATTER.match(front).group(1))  # type: ignore[union-attr]
        if "title" in meta:
            return str(meta["title"])
    first = markdown.lstrip().split("\n", 1)[0]
    if first.startswith("# "):
        return first[2:].strip().rstrip("#").strip()
    if src_uri in ("index.md", "README.md"):
        return "Home"
    name = Path(src_uri).stem
    title = ("index" if name == "README" else name).replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def write(files: Mapping[str, bytes], dest: Path, *, prune: bool = True) -> None:
    """Make ``dest`` hold exactly ``files``; files whose content is unchanged are not touched.

    ``prune=False``: write ``files`` and leave every other file of ``dest`` as it is.
    """
    # os functions on strings: a site build writes thousands of files here (with pathlib and a
    # mkdir for each file, 1.1 to 1.3 s for 4,030 files, against 0.6 to 0.7 s).
    root = os.fspath(dest)
    os.makedirs(root, exist_ok=True)
    fresh = not os.listdir(root)  # nothing to compare with, nothing to remove
    folders = {root}
    for path, content in files.items():
        target = os.path.join(root, path)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        if not fresh:
            if os.path.isfile(target) and not os.path.islink(target):
                with open(target, "rb") as old:
                    if old.read() == content:
                        continue
                os.unlink(target)  # a new file: never write through a hard link
            elif os.path.islink(target):
                os.unlink(target)
            elif os.path.isdir(target):
                shutil.rmtree(target)
        with open(target, "wb") as new:
            new.write(content)
    if fresh or not prune:
        return
    wanted = {os.path.normpath(os.path.join(root, path)) for path in files}
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            if os.path.normpath(os.path.join(dirpath, name)) not in wanted:
                os.unlink(os.path.join(dirpath, name))
        if dirpath != root and not os.listdir(dirpath):
            os.rmdir(dirpath)
