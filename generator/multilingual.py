"""The docs folder of a site in several languages: each language generated, then laid side by side.

The site's default language is generated as before. Every other language is
generated from the same registry with that language's catalog and translations,
from the policy pages written in it (``index.es.md`` beside ``index.md``), and
its files are written beside the default ones with the language in their names
(``services/index.es.md``, ``feed.es.xml``): the "suffix" layout that
mkdocs-static-i18n builds at ``/es/``. A page nobody has written in a language is
left to the i18n plugin, which shows the default one there (``check`` warns).

The languages do not depend on each other. From :data:`PARALLEL_FROM` vendors, on
a machine with a core to spare, the other languages are generated in worker
processes (:mod:`generator.workers`) while this one generates the default language; the files are the same
either way, and a problem found in a worker is raised here as it would have been.

A site build needs the other languages only once the default one is built
(mkdocs-static-i18n builds them after it): :func:`start` with ``defer=True`` returns
as soon as the default language is generated, with every file named, and the
workers' files arrive through :meth:`Generation.rest` while MkDocs builds the default
language on the other core. From :data:`SHARE_FROM` vendors such a build also hands the
default language's vendor pages to the worker first, while it makes the other pages (a
site in one language too). ``PRIVACY_REGISTRY_WORKERS=0`` starts no worker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path

from generator import export, redirects, workers
from generator.i18n import Languages, localized_path, split_language
from generator.model import Registry
from generator.policies import Policy


def _relative(path: str, docs: Path, root: Path) -> str | None:
    shown = docs.relative_to(root) if docs.is_relative_to(root) else docs
    return Path(path).relative_to(shown).as_posix() if Path(path).is_relative_to(shown) else None


def generate(registry: Registry, policies: list[Policy], docs: Path, root: Path, site: export.Site,
             plan: list[redirects.Redirect], languages: Languages, overrides: Path | None = None, *,
             parallel: bool | None = None) -> export.Output:
    """Every file of the docs folder, in every language. Raises :class:`generator.export.ExportError`.

    ``parallel``: generate the other languages in processes of their own while this one generates
    the default language (None: when the registry is large enough to gain, and a core is free).
    """
    with start(registry, policies, docs, root, site, plan, languages, overrides, parallel=parallel) as generation:
        return generation.output()


def start(registry: Registry, policies: list[Policy], docs: Path, root: Path, site: export.Site,
          plan: list[redirects.Redirect], languages: Languages, overrides: Path | None = None, *,
          parallel: bool | None = None, defer: bool = False) -> Generation:
    """Generate the default language, and the others here or in worker processes; see :class:`Generation`.

    ``defer``: return without waiting for the workers (None for ``parallel`` then means: whenever a
    core is free, at any size, since the workers run while the site generator builds the default
    language). Raises :class:`generator.export.ExportError` for a problem found so far.
    """
    others = languages.others
    today = dt.date.today()
    sources = export.read_docs(docs)
    own: dict[str, dict[str, bytes]] = {lang: {} for lang in others}  # language -> plain path -> content
    plain_sources: dict[str, bytes] = {}
    for path, raw in sources.items():
        plain, lang = split_language(path, others)
        (own[lang] if lang else plain_sources)[plain if lang else path] = raw
    by_lang: dict[str | None, list[Policy]] = {}
    for policy in policies:
        where = _relative(policy.path, docs, root)
        lang = split_language(where, others)[1] if where else None
        by_lang.setdefault(lang, []).append(policy)
    jobs: dict[str, _Job] = {}
    for lang in others:
        translated = {}
        for policy in by_lang.get(lang, []):
            plain = split_language(policy.path, others)[0]
            translated[plain] = dataclasses.replace(policy, path=plain)
        merged = [translated.pop(p.path, p) for p in by_lang.get(None, [])] + list(translated.values())
        # The theme's files (the favicon) stay at the site root, one folder above this language's pages.
        lang_site = dataclasses.replace(
            site, language=lang, name=languages.site_name(lang, site.name),
            url=f"{site.url.rstrip('/')}/{lang}/" if site.url else None,
            favicon=posixpath.join("..", site.favicon) if site.favicon else None)
        jobs[lang] = _Job(registry, merged, docs, root, lang_site, plan, overrides, {**plain_sources, **own[lang]},
                          today)
    default_site = dataclasses.replace(site, language=languages.default)
    default = _Job(registry, by_lang.get(None, []), docs, root, default_site, plan, overrides, plain_sources, today)
    if os.environ.get(WORKERS_ENV, "").strip() == "0":
        parallel = False
    elif parallel is None:
        parallel = (defer or len(registry.vendors) >= PARALLEL_FROM) and workers.free_cores() > 1
    # A site build of a large registry also hands the default language's vendor pages to a worker while
    # this process makes its other pages; the other languages' workers start after it (one per core).
    share = defer and parallel and len(registry.vendors) >= SHARE_FROM
    pending = workers.Workers({**jobs, **({VENDOR_PAGES: default.vendor_pages()} if share else {})}, parallel)
    try:
        if share:
            pending.begin([VENDOR_PAGES])
            out = default.run(vendor_pages=lambda: _pages(pending.result(VENDOR_PAGES)))
            pending.begin(list(jobs))
        else:
            pending.begin(list(jobs))
            out = default.run()
        generation = Generation(out, own, pending)
        for lang in others:
            if defer and lang in pending.running:
                generation.expect(lang)
            else:  # waited for now, or generated here
                generation.add(lang, _output(pending.result(lang)))
    except BaseException:
        pending.close()
        raise
    return generation


class Generation:
    """A docs folder in every language: the default language's files, and the others' as they come.

    ``files`` names every file of the folder; the files a worker is still generating are empty
    there, and ``waiting`` names them. :meth:`rest` waits for the workers and gives those files.
    """

    def __init__(self, default: export.Output, own: dict[str, dict[str, bytes]], languages: workers.Workers) -> None:
        self.files = dict(default.files)
        self.generated = list(default.generated)
        self._default_generated = default.generated
        self._own = own
        self._languages = languages
        self._waiting: dict[str, list[str]] = {}  # language -> its paths still to come

    def expect(self, lang: str) -> None:
        """Name ``lang``'s files now (empty until :meth:`rest`): every language makes the same ones."""
        self._waiting[lang] = [*self._default_generated, *self._own[lang]]
        for path in self._waiting[lang]:
            self.files[localized_path(path, lang)] = b""
        self.generated.extend(localized_path(path, lang) for path in self._default_generated)

    @property
    def waiting(self) -> frozenset[str]:
        """The files still to come (their paths in the folder)."""
        return frozenset(localized_path(path, lang) for lang, paths in self._waiting.items() for path in paths)

    def add(self, lang: str, sub: export.Output) -> None:
        """Lay ``lang``'s files beside the default language's."""
        for path in (*sub.generated, *self._own[lang]):
            self.files[localized_path(path, lang)] = sub.files[path]
            if path in sub.generated:
                self.generated.append(localized_path(path, lang))

    def rest(self) -> dict[str, bytes]:
        """The files :attr:`waiting` names, once their workers are done (or made here if one failed).

        Raises :class:`generator.export.ExportError` for a problem in those languages.
        """
        out: dict[str, bytes] = {}
        try:
            for lang, paths in list(self._waiting.items()):
                sub = _output(self._languages.result(lang))
                if sub.generated != self._default_generated:  # every language makes the same files
                    raise RuntimeError(f"the {lang!r} files are not the default language's: "
                                       f"{sorted(set(sub.generated) ^ set(self._default_generated))[:5]}")
                for path in paths:
                    out[localized_path(path, lang)] = self.files[localized_path(path, lang)] = sub.files[path]
                del self._waiting[lang]
        finally:
            self.close()
        return out

    def output(self) -> export.Output:
        """Every file, once every language is done."""
        self.rest()
        return export.Output(self.files, tuple(self.generated))

    def close(self) -> None:
        """Stop any worker still running (the build stopped) and remove its folder."""
        self._languages.close()

    def __enter__(self) -> Generation:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# When every file is needed at once (privacy-registry export, or start without defer): a worker process
# takes about 0.3 s to start, import the generator and read its job, so it pays only once a language
# takes longer than that to generate. Measured in real builds of a two-language site on a 2-core
# machine (generation only, median of four): at 200 vendors both ways took 0.6 s; at 300 vendors
# 0.8 s in parallel against 1.5 s one after the other; at 2,000 vendors, in five paired builds,
# 3.6 to 4.9 s against 6.3 to 9.9 s.
PARALLEL_FROM = 300
# From this many vendors a site build also hands the default language's vendor pages to a worker (see start).
# In process, on a quiet machine: at 2,000 vendors the default language took 2.4 to 2.7 s against 3.5 to
# 4.8 s; at 500 vendors 0.82 to 1.23 s against 0.79 to 1.18 s (the build waited 0.2 to 0.5 s for the worker).
SHARE_FROM = 1000


@dataclasses.dataclass(frozen=True)
class _Job:
    """One language's files to generate: what :func:`generator.export.generate` needs, sent to a worker whole."""

    registry: Registry
    policies: list[Policy]
    docs: Path
    root: Path
    site: export.Site
    plan: list[redirects.Redirect]
    overrides: Path | None
    sources: dict[str, bytes]
    today: dt.date  # one day for every process, so a build around midnight agrees with itself

    def run(self, vendor_pages: Callable[[], Mapping[str, str]] | None = None) -> export.Output:
        return export.generate(self.registry, self.policies, self.docs, self.root, self.site, self.plan,
                               self.overrides, sources=self.sources, today=self.today, vendor_pages=vendor_pages)

    def vendor_pages(self) -> _VendorPages:
        return _VendorPages(self)


@dataclasses.dataclass(frozen=True)
class _VendorPages:
    """One language's vendor pages (:meth:`generator.render.Renderer.vendor_pages`), for a worker."""

    job: _Job

    def run(self) -> dict[str, str]:
        job = self.job
        renderer, _ = export.make_renderer(job.registry, job.policies, job.docs, job.root, job.site,
                                           job.overrides, job.today)
        with export.template_errors():
            return renderer.vendor_pages()


WORKERS_ENV = "PRIVACY_REGISTRY_WORKERS"  # "0": generate every language in this process
VENDOR_PAGES = "vendor-pages"  # the job of the default language's vendor pages (not a language code)


def _output(result: object) -> export.Output:
    """A language's files, from its job."""
    assert isinstance(result, export.Output)
    return result


def _pages(result: object) -> dict[str, str]:
    """Vendor pages, from :class:`_VendorPages`."""
    assert isinstance(result, dict)
    return result
