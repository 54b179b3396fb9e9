"""The MkDocs adapter: validate the registry, generate the site's files, point MkDocs at them.

Everything real happens in the core modules; this file only maps MkDocs events
onto them. The pages are generated as ordinary files (``generator.export``) into a
staging folder that merges the policy pages with the generated ones, and MkDocs
builds that folder as its ``docs_dir``: the same path ``privacy-registry export``
gives any other site generator, and one other plugins (mkdocs-static-i18n) can read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.base import BaseConfigOption, LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator import export, multilingual, nav, redirects, scratch
from generator.consortium import load_site_registry
from generator.i18n import alternates, translations
from generator.i18n_search import LanguageFiles, drop_search_entries
from generator.markup import valid_html
from generator.model import Registry
from generator.policies import Policy, load_policies
from generator.problems import Problem
from generator.publish import meta_policy
from generator.registry import Loaded
from generator.render import CHART_PAGE, vendor_page
from generator.settings import OPTIONS, Settings, read_settings
from generator.siteurl import SITE_URL_ENV, SiteUrlError, normalize_site_url
from generator.terms import LibraryTerms

REQUIRED_EXTENSIONS = ("attr_list", "admonition")


class _Given(BaseConfigOption[Any]):
    """An option MkDocs passes on as written: ``generator.settings`` reads and checks every option,
    with the line and the fix, so MkDocs only needs to know the names."""


# (project folder, docs folder) -> the registry and policy pages ``privacy-registry build`` loaded and
# checked before starting the site generator in the same process (generator.buildrun).
_PRELOADED: dict[tuple[Path, Path], tuple[Loaded, list[Policy]]] = {}


def preload(root: Path, docs: Path, loaded: Loaded, policies: list[Policy]) -> None:
    """Build ``root``'s site from an already checked registry and policies instead of loading them again."""
    _PRELOADED[(root.resolve(), docs.resolve())] = (loaded, policies)


def _abort(problems: list[Problem], what: str = "the registry") -> PluginError:
    lines = "\n".join(p.text() for p in problems)
    return PluginError(f"{what} has {len(problems)} problem(s):\n{lines}")


class PrivacyRegistryPlugin(BasePlugin[LegacyConfig]):
    """Adds the chart, vendor pages and glossary to an MkDocs site."""

    config_scheme = tuple((name, _Given()) for name in OPTIONS)

    def __init__(self) -> None:
        self.command = "build"
        self.source_docs: Path | None = None  # the project's docs_dir (policies/)
        self.staging = scratch.Staging()  # the docs folder MkDocs builds: policies + generated files
        self.generated: tuple[str, ...] = ()
        self.vendor_pages: set[str] = set()  # reached from the chart, not listed in the menu
        self.vendors_section: Section | None = None
        self.home_alternates: list[dict[str, Any]] = []
        self.library: LibraryTerms | None = None  # the library's terms (the 'library' option), once configured
        self.settings = Settings()  # the project's settings (generator.settings), read in on_config
        self.language_files = LanguageFiles()  # each language's own search index, 404 page and sitemap
        self.configured: MkDocsConfig | None = None  # the config whose pages are in the staging folder
        self.languages: multilingual.Generation | None = None  # the other languages, while workers make them

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a build or a live preview."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.configured is config:
            # mkdocs-static-i18n builds each further language again with this same config object: the
            # staging folder already holds every language's pages, generated from the same files
            # moments ago. Generating them again cost about a tenth of a 200-vendor build.
            return config
        # Resolved: `mkdocs build -f mkdocs.yml` gives a relative path, docs_dir an absolute one.
        root = Path(os.path.abspath(config.config_file_path)).parent
        settings, setting_problems = read_settings(root / Path(config.config_file_path).name, root)
        if settings is None:
            raise _abort(setting_problems, "mkdocs.yml")
        self.settings = settings
        if settings.csp_meta and self.command != "serve":
            config.extra["ppr_csp_meta"] = meta_policy()
        override = os.environ.get(SITE_URL_ENV, "").strip()
        try:
            if override:
                config.site_url = normalize_site_url(override)
            elif config.site_url:
                config.site_url = normalize_site_url(config.site_url)
        except SiteUrlError as exc:
            source = SITE_URL_ENV if override else "site_url in mkdocs.yml"
            raise PluginError(f"{source}: {exc}") from None
        self.source_docs = Path(os.path.abspath(config.docs_dir))
        preloaded = _PRELOADED.get((root.resolve(), self.source_docs.resolve()))
        policy_problems: list[Problem] = []
        if preloaded is not None:  # privacy-registry build has checked them in this process already
            loaded, policies = preloaded
        else:
            loaded = load_site_registry(root, settings)
            policies, policy_problems = load_policies(self.source_docs, root)
        problems = loaded.problems + policy_problems
        if problems or loaded.registry is None:
            raise _abort(problems)
        bad = [k for k, v in settings.redirects.items() if not isinstance(k, str) or not isinstance(v, str)]
        if bad:
            raise PluginError(f"privacy-registry redirects: {bad[0]!r} must map an old address to a page, e.g. "
                              "'old-page/': services/index.md")
        plan, errors = redirects.plan(settings.redirects, loaded.registry)
        if errors:
            raise PluginError("the redirects are not valid:\n" + "\n".join(errors))
        if config.nav:
            config.nav = self._expand_nav(config.nav, loaded.registry)
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        library = LibraryTerms.from_option(settings.library, config.site_author or config.site_name)
        self.library = library
        # The footer partial shows the privacy contact on every page (in each language: on_pre_build).
        config.extra["ppr_library"] = library.as_extra()
        favicon = config.theme.get("favicon")
        site = export.Site(library=library, name=config.site_name, url=config.site_url, author=config.site_author,
                           use_directory_urls=config.use_directory_urls, language=config.theme.get("language") or "en",
                           favicon=str(favicon) if favicon else None, nav=config.nav,
                           chart_inline_max=settings.chart_inline_max,
                           review_months=settings.review_months)
        self._stop_languages()  # a live preview's earlier build that stopped half way
        try:
            # The other languages' pages are needed once this language is built (mkdocs-static-i18n
            # builds them after it, on_post_build): workers generate them meanwhile, on a free core.
            generation = multilingual.start(loaded.registry, policies, self.source_docs, root, site, plan,
                                            self.settings.languages, overrides=root / settings.overrides_dir,
                                            defer=True)
        except export.ExportError as exc:
            raise PluginError(str(exc)) from None
        self.languages = generation
        # Each other language's files will be about as large as the default language's.
        default_size = sum(len(content) for content in generation.files.values())
        staging = self.staging.write(generation.files, default_size * (1 + len(self.settings.languages.others)))
        self.vendor_pages = {vendor_page(v.id) for v in loaded.registry.vendors}
        self.generated = tuple(generation.generated)
        config.docs_dir = str(staging)
        self.configured = config
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The docs folder's own files first, then the generated ones in the order they were made.

        MkDocs lists a folder's files by name; the sitemap and the search index list pages
        in this order, which keeps them as they were when the pages were added in memory.
        """
        made = {path: i for i, path in enumerate(self.generated)}
        for file in files:
            # Vendor pages are reached from the chart, not from the menu: listing every vendor
            # on every page would make each page grow with the registry.
            if file.src_uri in self.vendor_pages:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return Files(sorted(files, key=lambda f: made.get(f.src_uri, -1)))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Place vendor pages under the chart without listing them: their breadcrumbs lead back to it.

        The section is not part of the menu; it only gives each vendor page an ancestor.
        """
        chart = files.get_file_from_path(CHART_PAGE)
        if chart is None or chart.page is None:
            return nav
        self.vendors_section = Section(title="", children=[chart.page])
        for src_uri in self.vendor_pages:
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None and file.page.parent is None:
                file.page.parent = self.vendors_section
        return nav

    @staticmethod
    def _expand_nav(nav_items: list[Any], registry: Registry) -> list[Any]:
        """The nav with the registry's pages filled in (``generator.nav.expand``, shared with ``export``)."""
        return nav.expand(nav_items, registry)

    def _finish_languages(self) -> None:
        """Write the other languages' files into the staging folder, once their workers are done."""
        generation, self.languages = self.languages, None
        if generation is None:
            return
        try:
            rest = generation.rest()  # stops its workers, whatever happens
        except export.ExportError as exc:
            raise PluginError(str(exc)) from None
        if rest:
            self.staging.add(rest)

    def _stop_languages(self) -> None:
        """Stop the workers of a build that will not need their pages (it stopped, or starts again)."""
        generation, self.languages = self.languages, None
        if generation is not None:
            generation.close()

    @event_priority(-90)  # after the search plugin, before the i18n plugin builds the next language
    def _keep_language_files(self, *, config: MkDocsConfig) -> None:
        """Each language keeps its own 404 page, sitemap and search index (``generator.i18n_search``): the
        i18n plugin builds every language into one folder, and merges the search indexes into one. The
        next language's pages are written first."""
        self._finish_languages()
        root = config.extra.get("ppr_lang_root", "")
        site = Path(config.site_dir)
        if self.settings.languages.others:
            self.language_files.keep_index(site, config.theme.get("language") or self.settings.languages.default, root)
            drop_search_entries(config.plugins)
        self.language_files.keep_pages(site, root)

    @event_priority(-110)  # after the i18n plugin has built every language and merged their indexes
    def _write_search_indexes(self, *, config: MkDocsConfig) -> None:
        """Each language's search index at its root: search/ and es/search/."""
        self.language_files.write(Path(config.site_dir))

    on_post_build = CombinedEvent(_keep_language_files, _write_search_indexes)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Note the language this build writes (the i18n plugin builds once per language)."""
        languages = self.settings.languages
        lang = config.theme.get("language") or languages.default
        # Where this language's pages start, from the site root: "" or "es/" (for the feed link).
        config.extra["ppr_lang_root"] = "" if lang == languages.default else f"{lang}/"
        if self.library is not None:
            config.extra["ppr_library"] = self.library.extra_for(lang, languages.default)
        self.home_alternates = [dict(a) for a in config.extra.get("alternate") or []]

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Name the vendor pages' section after the chart, once every page has read its title; the
        theme overrides' own words (``_("...")``) come from this language's catalog."""
        chart = files.get_file_from_path(CHART_PAGE)
        if self.vendors_section is not None and chart is not None and chart.page is not None:
            self.vendors_section.title = chart.page.title or ""
        root = Path(config.config_file_path).resolve().parent
        lang = config.theme.get("language") or self.settings.languages.default
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(translations(lang, root / self.settings.overrides_dir),  # type: ignore[attr-defined]
                                         newstyle=True)
        return env

    @event_priority(-100)  # after the i18n plugin has pointed the alternates at this page's versions
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> TemplateContext:
        """The language switch's links, relative to the site root so they work at any address."""
        # The i18n plugin sets the page's links as an attribute of extra, which templates read first.
        config.extra["ppr_alternates"] = alternates(getattr(config.extra, "alternate", None) or [], config.site_url)
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        """The 404 page (served at any address) switches to each language's home page."""
        if template_name == "404.html" and self.home_alternates:
            config.extra["ppr_alternates"] = alternates(self.home_alternates, config.site_url)
            extra: Any = config.extra  # the i18n plugin keeps the links as an attribute, which templates read first
            extra.alternate = [dict(a) for a in self.home_alternates]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return valid_html(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return valid_html(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(os.path.abspath(config.config_file_path)).parent
        if self.staging.path is not None:
            server.unwatch(str(self.staging.path))  # rewritten by every build; the sources below are what change
        if self.source_docs is not None:
            server.watch(str(self.source_docs))
        server.watch(str(root / self.settings.vendors_dir))
        server.watch(str(root / self.settings.overrides_dir))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the workers of a build that stopped."""
        self._stop_languages()

    def on_shutdown(self) -> None:
        """Remove the staging folder."""
        self._stop_languages()
        self.staging.remove()
