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
processes while this one generates the default language; the files are the same
either way, and a problem found in a worker is raised here as it would have been.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import posixpath
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator import export, redirects
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
    others = languages.others
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
        jobs[lang] = _Job(registry, merged, docs, root, lang_site, plan, overrides, {**plain_sources, **own[lang]})
    default_site = dataclasses.replace(site, language=languages.default)
    default = _Job(registry, by_lang.get(None, []), docs, root, default_site, plan, overrides, plain_sources)
    if parallel is None:
        parallel = len(registry.vendors) >= PARALLEL_FROM and _free_cores() > 1
    with _Languages(jobs, parallel) as pending:
        out = default.run()
        files = dict(out.files)
        generated = list(out.generated)
        for lang in others:
            sub = pending.result(lang)
            for path in (*sub.generated, *own[lang]):
                files[localized_path(path, lang)] = sub.files[path]
                if path in sub.generated:
                    generated.append(localized_path(path, lang))
    return export.Output(files, tuple(generated))


# A worker process takes about 0.25 s to start and import the generator, so it pays only once a
# language takes longer than that to generate. Measured in real builds of a two-language site on a
# 2-core machine (median of four): at 200 vendors both ways took 0.6 s; at 300 vendors 0.8 s in
# parallel against 1.5 s one after the other; at 2,000 vendors 3.9 s against 5.7 s.
PARALLEL_FROM = 300


def _free_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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

    def run(self) -> export.Output:
        return export.generate(self.registry, self.policies, self.docs, self.root, self.site, self.plan,
                               self.overrides, sources=self.sources)


class _Languages:
    """The other languages' files: generated in worker processes meanwhile, or here when asked for."""

    def __init__(self, jobs: dict[str, _Job], parallel: bool) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[str, Future[export.Output]] = {}
        if not parallel or not jobs:
            return
        workers = max(1, min(len(jobs), _free_cores() - 1))
        try:
            # "spawn": a fresh interpreter, safe beside the threads of `mkdocs serve` on every platform.
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            self.futures = {lang: self.pool.submit(job.run) for lang, job in jobs.items()}
        except (OSError, NotImplementedError, BrokenProcessPool):  # no processes here: one after the other
            self.futures = {}

    def result(self, lang: str) -> export.Output:
        future = self.futures.get(lang)
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:  # the worker could not start or was killed: generate it here
                pass
        return self.jobs[lang].run()

    def __enter__(self) -> _Languages:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
