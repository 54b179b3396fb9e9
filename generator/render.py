"""Render the registry to Markdown pages (chart, vendor pages, glossary).

The pages are plain Markdown with HTML blocks, so any Markdown site generator
can use them; ``export`` writes them as files, which the MkDocs plugin and
``privacy-registry export`` both build from. Templates are looked up first in
``<overrides>/privacy_registry/`` so a site can replace any of them.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

from markupsafe import Markup

from generator import downloads, i18n, review, wording
from generator.addresses import relative_url
from generator.changelog import CHANGES_PAGE, FEED_FILE, LogEntry, entries, newest_date, page_url
from generator.localize import localize
from generator.memberpages import MEMBERS_PAGE, member_page, member_pages
from generator.model import Registry, Vendor
from generator.policies import Policy
from generator.templating import environment
from generator.terms import LibraryTerms
from generator.watchstatus import PolicyWatch

SERVICES_DIR = "services"
CHART_PAGE = f"{SERVICES_DIR}/index.md"
GLOSSARY_PAGE = "glossary.md"
MATRIX_PAGE = "who-keeps-what.md"
# Where the who-keeps-what table goes in its page; the site generator fills it in, like the chart.
MATRIX_MARKER = "<!-- privacy-registry:who-keeps-what -->"
# Where a policy page shows the library's privacy contact and its state's confidentiality law.
CONTACT_MARKER = "<!-- privacy-registry:contact -->"
STATUTE_MARKER = "<!-- privacy-registry:statute -->"
# The vocabulary group behind the chart's "keeps what you read" filter, when the vocabulary has it.
READING_GROUP = "reading"
def _build_day() -> str:
    """The day of the build (``SOURCE_DATE_EPOCH`` when set): a feed needs a date even before any record has one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()
    return day.isoformat()


def vendor_page(vendor_id: str) -> str:
    """The source path of a vendor's page."""
    return f"{SERVICES_DIR}/{vendor_id}.md"


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one source page to another (MkDocs resolves and checks it)."""
    return relative_url(to_page, from_page)


class Renderer:
    """Renders every generated page of one registry."""

    def __init__(self, registry: Registry, overrides: Path | None = None, *,
                 policies: Mapping[str, Policy] | None = None, site_name: str = "Patron privacy",
                 author: str | None = None, use_directory_urls: bool = True,
                 policy_watch: Mapping[str, PolicyWatch] | None = None, review_months: int = 12,
                 today: dt.date | None = None, library: LibraryTerms | None = None,
                 lang: str = i18n.SOURCE_LANGUAGE, source_lang: str = i18n.SOURCE_LANGUAGE) -> None:
        self.lang = lang
        self.registry = localize(registry, lang, source_lang)
        self.policy_watch = dict(policy_watch or {})  # vendor id -> what `watch` last found (snapshots/)
        self.library = (library or LibraryTerms(author or site_name)).localized(lang, source_lang)
        self.catalog = i18n.translations(lang, overrides)
        self.env = environment(overrides, lang, source_lang)
        self.policies = dict(policies or {})  # source path -> policy, for the change log
        self.site_name = site_name
        self.author = author or site_name
        self.use_directory_urls = use_directory_urls
        self.review_months = review_months
        self.today = today or dt.date.today()

    def _context(self, page: str) -> dict[str, object]:
        link: Callable[[str], str] = lambda target: relative(page, target)  # noqa: E731
        return {
            "registry": self.registry,
            "library": self.library,
            "vocabulary": self.registry.vocabulary,
            "link": link,
            "vendor_page": vendor_page,
            "chart_page": CHART_PAGE,
            "glossary_page": GLOSSARY_PAGE,
            "changes_page": CHANGES_PAGE,
            "feed_file": FEED_FILE,
            "matrix_page": MATRIX_PAGE,
            "members_page": MEMBERS_PAGE,
            "member_page": member_page,
            "groups_of": self.groups_of,
            "policy_title": self.policy_title,
            "keeping_group": self.keeping_group,
            "reading_group": next((g for g in self.registry.vocabulary.groups if g.id == READING_GROUP), None),
        }

    def policy_title(self, page: str | None) -> str | None:
        """The title of the policy page at source path ``page`` (in this renderer's language), if known."""
        policy = self.policies.get(page) if page else None
        return policy.title if policy else None

    def groups_of(self, vendor: Vendor) -> list[str]:
        """The vocabulary groups of everything a vendor keeps, always or opt-in, in vocabulary order."""
        kept = {self.registry.vocabulary.by_id[c].group for c in (*vendor.always, *vendor.opt_in)}
        return [g.id for g in self.registry.vocabulary.groups if g.id in kept]

    def keeping_group(self, group_id: str) -> set[str]:
        """Ids of active vendors that keep anything in a vocabulary group, always or opt-in."""
        return {v.id for v in self.registry.active if group_id in self.groups_of(v)}

    def chart(self, page: str, href: Callable[[str], str] | None = None, caption_id: str = "ppr-chart") -> Markup:
        """The chart as an HTML block shown on ``page``; already escaped.

        ``href`` maps a generated page's source path to its address from ``page``;
        the default is a relative ``.md`` link, right for plain Markdown output.
        """
        href = href or (lambda target: relative(page, target))
        return Markup(self._fill("chart.html.j2", **self._context(page), href=href, caption_id=caption_id))

    def chart_link(self, page: str, href: Callable[[str], str] | None = None) -> Markup:
        """What a page other than the chart shows in the chart's place when the registry is large."""
        href = href or (lambda target: relative(page, target))
        return Markup(self._fill("chart_link.html.j2", **self._context(page), href=href))

    def matrix(self, page: str, href: Callable[[str], str] | None = None) -> Markup:
        """The who-keeps-what table as an HTML block shown on ``page``; already escaped.

        ``href`` works as for :meth:`chart`.
        """
        href = href or (lambda target: relative(page, target))
        return Markup(self._fill("who_keeps_what.html.j2", **self._context(page), href=href))

    def pages(self, vendors: bool = True) -> dict[str, str]:
        """Every generated page: source path -> Markdown.

        ``vendors=False``: the vendor pages are named but left empty, for :meth:`vendor_pages`
        made elsewhere (a worker process) to fill in.
        """
        out = {CHART_PAGE: self._render("services.md.j2", CHART_PAGE)}
        out.update(self.vendor_pages() if vendors else {vendor_page(v.id): "" for v in self.registry.vendors})
        out[GLOSSARY_PAGE] = self._render("glossary.md.j2", GLOSSARY_PAGE)
        out[MATRIX_PAGE] = self._render("who_keeps_what.md.j2", MATRIX_PAGE)
        out[CHANGES_PAGE] = self._render("changes.md.j2", CHANGES_PAGE, entries=self.log())
        out.update(member_pages(self))
        return out

    def vendor_pages(self) -> dict[str, str]:
        """Every vendor's page: source path -> Markdown."""
        return {vendor_page(vendor.id): self.vendor(vendor) for vendor in self.registry.vendors}

    def log(self) -> list[LogEntry]:
        """The change log: vendor changes and policy revisions, newest first."""
        # A glossary change is listed under the glossary's title, in the page's language.
        return entries(self.registry, self.policies, vendor_page("{id}"), GLOSSARY_PAGE,
                       self.catalog.gettext("Glossary of patron data"))

    def files(self, site_url: str | None = None) -> dict[str, str]:
        """Generated files that are not pages (feeds, downloads): site path -> text."""
        return {FEED_FILE: self.feed(site_url), **downloads.files(self.registry, site_url)}

    def feed(self, site_url: str | None = None) -> str:
        """The change log as an Atom feed. Links are absolute when ``site_url`` is known."""
        base = (site_url.rstrip("/") + "/") if site_url else ""

        def url(src_uri: str) -> str:
            return base + (src_uri if src_uri == FEED_FILE else page_url(src_uri, self.use_directory_urls))

        log = self.log()
        named = uuid.uuid5(uuid.NAMESPACE_URL, f"privacy-registry:feed:{self.site_name}")
        feed_id = url(FEED_FILE) if base else f"urn:uuid:{named}"
        return self._fill(
            "feed.xml.j2", entries=log, url=url, feed_id=feed_id, site_name=self.site_name, author=self.author,
            updated=max(e.updated for e in log) if log else (newest_date(self.registry, self.policies) or _build_day()),
            feed_file=FEED_FILE, changes_page=CHANGES_PAGE)

    def vendor(self, vendor: Vendor) -> str:
        """One vendor's page."""
        return self._render("vendor.md.j2", vendor_page(vendor.id), vendor=vendor,
                            watch=self.policy_watch.get(vendor.id),
                            review_due=review.due(vendor, self.today, self.review_months),
                            review_months=self.review_months)

    def policy_facts(self, policy: object, page: str | None = None) -> str:
        """The facts block shown under a policy page's title (``page``: its source path, for links)."""
        changes_link = relative(page, CHANGES_PAGE) if page else ""
        return self._fill("policy_facts.md.j2", policy=policy, changes_link=changes_link)

    def contact(self) -> str:
        """The library's privacy contact as Markdown, for the home page (empty when none is set)."""
        return self._fill("contact.md.j2", library=self.library)

    def statute(self) -> str:
        """The sentence naming the state's confidentiality law, as Markdown (empty when none is set)."""
        return self._fill("statute.md.j2", library=self.library)

    def render_page(self, template: str, page: str, **extra: object) -> str:
        """Render one page template shown at source path ``page`` with the usual context."""
        return self._render(template, page, **extra)

    def _render(self, template: str, page: str, **extra: object) -> str:
        return self._fill(template, **self._context(page), **extra)

    def _fill(self, template: str, **context: object) -> str:
        """Render one template, with the shared phrases (``generator.wording``) in this renderer's language."""
        with wording.speaking(self.catalog, self.lang):
            return self.env.get_template(template).render(**context)
