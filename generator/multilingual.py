"""The docs folder of a site in several languages: each language generated, then laid side by side.

The site's default language is generated as before. Every other language is
generated from the same registry with that language's catalog and translations,
from the policy pages written in it (``index.es.md`` beside ``index.md``), and
its files are written beside the default ones with the language in their names
(``services/index.es.md``, ``feed.es.xml``): the "suffix" layout that
mkdocs-static-i18n builds at ``/es/``. A page nobody has written in a language is
left to the i18n plugin, which shows the default one there (``check`` warns).
"""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

from generator import export, redirects
from generator.i18n import Languages, localized_path, split_language
from generator.model import Registry
from generator.policies import Policy


def _relative(path: str, docs: Path, root: Path) -> str | None:
    shown = docs.relative_to(root) if docs.is_relative_to(root) else docs
    return Path(path).relative_to(shown).as_posix() if Path(path).is_relative_to(shown) else None


def generate(registry: Registry, policies: list[Policy], docs: Path, root: Path, site: export.Site,
             plan: list[redirects.Redirect], languages: Languages, overrides: Path | None = None) -> export.Output:
    """Every file of the docs folder, in every language. Raises :class:`generator.export.ExportError`."""
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
    default_site = dataclasses.replace(site, language=languages.default)
    out = export.generate(registry, by_lang.get(None, []), docs, root, default_site, plan, overrides,
                          sources=plain_sources)
    files = dict(out.files)
    generated = list(out.generated)
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
        sub = export.generate(registry, merged, docs, root, lang_site, plan, overrides,
                              sources={**plain_sources, **own[lang]})
        for path in (*sub.generated, *own[lang]):
            files[localized_path(path, lang)] = sub.files[path]
            if path in sub.generated:
                generated.append(localized_path(path, lang))
    return export.Output(files, tuple(generated))
