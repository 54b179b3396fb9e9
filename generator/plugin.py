"""The MkDocs adapter: validate the registry, add its pages in memory, embed the chart.

Everything real happens in the core modules; this file only maps MkDocs events
onto them, so the core can serve another site generator later.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator import redirects
from generator.markup import valid_html
from generator.model import Registry
from generator.policies import CHART_MARKER, Policy, load_policies
from generator.problems import Problem
from generator.publish import meta_policy
from generator.registry import load_registry
from generator.render import CHART_PAGE, MATRIX_MARKER, Renderer, vendor_page
from generator.settings import read_settings
from generator.siteurl import SITE_URL_ENV, SiteUrlError, normalize_site_url

_H1 = re.compile(r"^# .*$", re.M)
REQUIRED_EXTENSIONS = ("attr_list", "admonition")


class RegistryConfig(base.Config):
    """Options of the ``privacy-registry`` plugin in mkdocs.yml."""

    vendors_dir = c.Type(str, default="vendors")
    overrides_dir = c.Type(str, default="site_overrides")
    # Old address inside the site -> the page (source file) it now leads to.
    redirects = c.Type(dict, default={})
    # Paths on the same host, outside the site, that the web server should send to
    # site_url (e.g. an old spelling); used by `privacy-registry publish-config`.
    host_redirects = c.ListOfItems(c.Type(str), default=[])
    # State the Content-Security-Policy in each page too (<meta http-equiv>), for hosts
    # such as GitHub Pages that cannot send headers. Never while `mkdocs serve` runs:
    # its live reload is an inline script.
    csp_meta = c.Type(bool, default=True)


def _abort(problems: list[Problem], what: str = "the registry") -> PluginError:
    lines = "\n".join(p.text() for p in problems)
    return PluginError(f"{what} has {len(problems)} problem(s):\n{lines}")


@contextmanager
def template_errors() -> Iterator[None]:
    """Turn a broken page template (often an override in site_overrides/) into a one-line build error."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or 'a template'}:{exc.lineno}"
        raise PluginError(f"{where}: template syntax: {exc.message} (fix the template, or remove the override "
                          "to use the built-in one)") from None
    except jinja2.TemplateError as exc:
        raise PluginError(f"a page template failed: {exc} (check the templates in site_overrides/privacy_registry/)"
                          ) from None


class PrivacyRegistryPlugin(BasePlugin[RegistryConfig]):
    """Adds the chart, vendor pages and glossary to an MkDocs site."""

    def __init__(self) -> None:
        self.renderer: Renderer | None = None
        self.policies: dict[str, Policy] = {}
        self.redirects: list[redirects.Redirect] = []
        self.files: Files | None = None
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a build or a live preview."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Resolved: `mkdocs build -f mkdocs.yml` gives a relative path, docs_dir an absolute one.
        root = Path(os.path.abspath(config.config_file_path)).parent
        _settings, setting_problems = read_settings(root / Path(config.config_file_path).name, root)
        if setting_problems:
            raise _abort(setting_problems, "mkdocs.yml")
        if self.config.csp_meta and self.command != "serve":
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
        loaded = load_registry(root / self.config.vendors_dir, root)
        policies, policy_problems = load_policies(Path(config.docs_dir), root)
        problems = loaded.problems + policy_problems
        if problems or loaded.registry is None:
            raise _abort(problems)
        docs = Path(os.path.abspath(config.docs_dir))
        self.policies = {(root / p.path).relative_to(docs).as_posix(): p
                         for p in policies if (root / p.path).is_relative_to(docs)}
        self.renderer = Renderer(loaded.registry, root / self.config.overrides_dir, policies=self.policies,
                                 site_name=config.site_name, author=config.site_author,
                                 use_directory_urls=config.use_directory_urls)
        bad = [k for k, v in self.config.redirects.items() if not isinstance(k, str) or not isinstance(v, str)]
        if bad:
            raise PluginError(f"privacy-registry redirects: {bad[0]!r} must map an old address to a page, e.g. "
                              "'old-page/': services/index.md")
        self.redirects, errors = redirects.plan(self.config.redirects, loaded.registry)
        if errors:
            raise PluginError("the redirects are not valid:\n" + "\n".join(errors))
        if config.nav:
            config.nav = self._expand_nav(config.nav, loaded.registry)
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        return config

    @staticmethod
    def _expand_nav(nav: list[Any], registry: Registry) -> list[Any]:
        """Turn the nav entry for the chart into a section listing every active vendor."""
        out: list[Any] = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1:
                (title, value), = item.items()
                if value == CHART_PAGE:
                    vendors = [{html.escape(v.name): vendor_page(v.id)} for v in registry.active]
                    item = {title: [CHART_PAGE, *vendors]}
                elif isinstance(value, list):
                    item = {title: PrivacyRegistryPlugin._expand_nav(value, registry)}
            out.append(item)
        return out

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        with template_errors():
            pages = self.renderer.pages()
        for src_uri, content in pages.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"policies/{src_uri} would be replaced by a generated page; rename or remove it")
            files.append(File.generated(config, src_uri, content=content))
        for src_uri, text in self.renderer.files(config.site_url).items():
            files.append(File.generated(config, src_uri, content=text))
        self._check_redirects(files)
        self.files = files
        return files

    def _check_redirects(self, files: Files) -> None:
        """Each redirect leads to a page that exists and never hides a real file."""
        taken = {f.dest_uri: f for f in files}
        errors = []
        for r in self.redirects:
            target = files.get_file_from_path(r.target.split("#", 1)[0])
            if target is None or not target.is_documentation_page():
                errors.append(f"{r.origin}: leads to {r.target}, which is not a page of the site")
            if r.output in taken:
                errors.append(f"{r.origin}: the old address {r.source} is a live page ({taken[r.output].src_uri}); "
                              "remove the redirect")
        if errors:
            raise PluginError("the redirects are not valid:\n" + "\n".join(errors))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write one small HTML page per old address (no script: it satisfies the site's CSP)."""
        assert self.renderer is not None and self.files is not None
        for r in self.redirects:
            page_path, _, fragment = r.target.partition("#")
            target = self.files.get_file_from_path(page_path)
            assert target is not None
            href = redirects.relative_href(target.url, r.output) + (f"#{fragment}" if fragment else "")
            title = target.page.title if target.page is not None and target.page.title else target.url
            favicon = config.theme.get("favicon")
            text = redirects.render(
                self.renderer.env, href=href, title=str(title), site_name=config.site_name,
                favicon=redirects.relative_href(str(favicon), r.output) if favicon else None,
                lang=config.theme.get("language") or "en",
                canonical=urljoin(config.site_url, target.url) if config.site_url else None)
            out = Path(config.site_dir) / r.output
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        with template_errors():
            return self._page_markdown(markdown, page, files)

    def _page_markdown(self, markdown: str, page: Page, files: Files) -> str:
        assert self.renderer is not None
        policy = self.policies.get(page.file.src_uri)
        if policy is not None and (policy.policy_number or policy.approved_by or policy.revisions):
            facts = self.renderer.policy_facts(policy, page.file.src_uri)
            match = _H1.search(markdown)
            at = match.end() if match else 0
            markdown = f"{markdown[:at]}\n\n{facts}\n{markdown[at:]}"
        def href(target: str) -> str:
            file = files.get_file_from_path(target)
            if file is None:  # pragma: no cover - every target is generated in on_files
                raise PluginError(f"the chart links to {target}, which is not part of the site")
            return get_relative_url(file.url, page.file.url)

        if CHART_MARKER in markdown:
            markdown = markdown.replace(CHART_MARKER, self.renderer.chart(page.file.src_uri, href), 1)
        if MATRIX_MARKER in markdown:
            markdown = markdown.replace(MATRIX_MARKER, self.renderer.matrix(page.file.src_uri, href), 1)
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return valid_html(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return valid_html(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(os.path.abspath(config.config_file_path)).parent
        server.watch(str(root / self.config.vendors_dir))
        server.watch(str(root / self.config.overrides_dir))
        return server
