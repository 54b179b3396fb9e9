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
import logging
import os
import pickle
import posixpath
import subprocess
import sys
import tempfile
from pathlib import Path

from generator import export, redirects
from generator.i18n import Languages, localized_path, split_language
from generator.model import Registry
from generator.policies import Policy

log = logging.getLogger(__name__)


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


# A worker process takes about 0.3 s to start, import the generator and read its job, so it pays
# only once a language takes longer than that to generate. Measured in real builds of a
# two-language site on a 2-core machine (generation only, median of four): at 200 vendors both
# ways took 0.6 s; at 300 vendors 0.8 s in parallel against 1.5 s one after the other; at 2,000
# vendors, in five paired builds, 3.6 to 4.9 s against 6.3 to 9.9 s.
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


WORKER = "generator.langworker"  # the module a worker process runs


class _Languages:
    """The other languages' files: generated by worker processes meanwhile, or here when asked for.

    Each worker is a fresh interpreter running :mod:`generator.langworker` on a pickled job, not a
    ``multiprocessing`` child: those import the caller's main module again, which runs an unguarded
    build script a second time. A worker that cannot start or fails leaves its language to this
    process, which raises the problem as it would have without workers.
    """

    def __init__(self, jobs: dict[str, _Job], parallel: bool) -> None:
        self.jobs = jobs
        self.workers: dict[str, subprocess.Popen[bytes]] = {}
        self.folder: tempfile.TemporaryDirectory[str] | None = None
        # One worker per spare core (at least one when asked); any further language waits for this process.
        ahead = list(jobs)[:max(1, _free_cores() - 1)] if parallel and sys.executable else []
        if not ahead:
            return
        self.folder = tempfile.TemporaryDirectory(prefix="privacy-registry-languages-")
        folder = Path(self.folder.name)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # the same generator
        for lang in ahead:
            (folder / f"{lang}.job").write_bytes(pickle.dumps(jobs[lang], protocol=pickle.HIGHEST_PROTOCOL))
            try:
                with open(folder / f"{lang}.log", "wb") as messages:
                    self.workers[lang] = subprocess.Popen(
                        # -P: not the current folder first on the path; a project folder may hold anything.
                        [sys.executable, "-P", "-m", WORKER, str(folder / f"{lang}.job"), str(folder / f"{lang}.out")],
                        stdin=subprocess.DEVNULL, stdout=messages, stderr=subprocess.STDOUT, env=env)
            except OSError:  # no process can be started here: one language after the other
                break

    def result(self, lang: str) -> export.Output:
        worker = self.workers.pop(lang, None)
        if worker is not None and self.folder is not None:
            folder = Path(self.folder.name)
            if worker.wait() == 0:
                output: export.Output = pickle.loads((folder / f"{lang}.out").read_bytes())
                return output
            log.debug("the worker for %r failed; generating it here:\n%s", lang,
                      (folder / f"{lang}.log").read_text("utf-8", "replace"))
        return self.jobs[lang].run()

    def __enter__(self) -> _Languages:
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.workers.values():  # only left after a failure here
            worker.kill()
            worker.wait()
        if self.folder is not None:
            self.folder.cleanup()
