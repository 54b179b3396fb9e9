"""The Jinja environment the generated pages are written with: escaping filters and compiled-code cache.

Every registry value reaches a page through one HTML escaper, markupsafe's (the one
Jinja's autoescape uses), in one of three places: ``md`` for Markdown text (Markdown
punctuation backslashed first), ``text`` for text inside an HTML block, autoescape for
attributes (``oneline`` only flattens the whitespace). Compiled templates are kept
between builds by Jinja's own ``FileSystemBytecodeCache`` (its private per-user
folder), with one entry per template *and* per environment setup: see
:func:`fingerprint`. ``PRIVACY_REGISTRY_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from markupsafe import Markup

from generator import i18n, wording

TEMPLATE_DIR = "privacy_registry"
DISABLE_CACHE = "PRIVACY_REGISTRY_NO_CACHE"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^])")


def md(text: object) -> Markup:
    """Escape data for a Markdown context: Markdown punctuation, then HTML, with autoescape's escaper.

    Punctuation comes first, so the ``#`` of an entity such as ``&#39;`` is never escaped.
    Newlines collapse to spaces so data can never start a new block.
    """
    return Markup.escape(_MD_SPECIAL.sub(r"\\\1", oneline(text)))


def oneline(text: object) -> str:
    """Data for an HTML block or an attribute: whitespace collapsed to single spaces.

    A blank line would end a raw HTML block and let the rest be read as Markdown;
    the result is plain ``str``, so autoescape still applies.
    """
    return " ".join(str(text).split())


def in_language(text: Markup, lang: str | None, page_lang: str) -> Markup:
    """Escaped ``text`` marked with its language (``<span lang="en">``) when that is not the page's."""
    if lang is None or lang == page_lang:
        return text
    return Markup('<span lang="{}">{}</span>').format(lang, text)


@jinja2.pass_environment
def _md(env: jinja2.Environment, text: object, in_source: bool = False) -> Markup:
    # Registry text that fell back to English on a Spanish page says so; ``in_source``:
    # plain text is known to be in the records' own language (a vendor's change summary).
    lang = text.lang if isinstance(text, i18n.Localized) else (env.globals["source_lang"] if in_source else None)
    return in_language(md(text), lang, env.globals["lang"])  # type: ignore[arg-type]


@jinja2.pass_environment
def _text(env: jinja2.Environment, text: object, in_source: bool = True) -> Markup:
    """Text in an HTML block (never an attribute), marked with its language when not the page's.

    Plain text is taken to be registry text, in the records' own language; ``in_source=False``
    for text a template helper already wrote in the page's language.
    """
    lang = text.lang if isinstance(text, i18n.Localized) else (env.globals["source_lang"] if in_source else None)
    return in_language(Markup.escape(oneline(text)), lang, env.globals["lang"])  # type: ignore[arg-type]


def long_date(value: str, lang: str = i18n.SOURCE_LANGUAGE) -> str:
    """``2022-01-03`` -> ``January 3, 2022`` (or ``3 de enero de 2022`` in ``lang="es"``)."""
    return i18n.long_date(value, lang)


@jinja2.pass_environment
def _long_date(env: jinja2.Environment, value: str) -> str:
    return long_date(value, env.globals["lang"])  # type: ignore[arg-type]


def safe_url(url: str) -> str:
    """Only https: addresses ever leave the registry as links."""
    if not url.startswith("https://"):
        raise ValueError(f"refusing to render a non-https link: {url!r}")
    return url


def contact_url(value: str) -> str:
    """An https: page, or an email address as a mailto: link; anything else is refused."""
    if re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+", value):  # no ':' or '/': never a web address
        return "mailto:" + value
    return safe_url(value)


def direct_gettext(translations: gettext.NullTranslations) -> Callable[..., Markup]:
    """``_()`` and ``gettext`` for templates: what Jinja's new-style gettext returns with autoescape on.

    The translated text is taken as markup and the variables are escaped into it (``%`` is
    formatted even without variables, as Jinja does). Jinja's own ``_()`` reaches the catalog
    through ``Context.call`` three times (the i18n extension's alias, its new-style wrapper, the
    catalog), which was about a quarter of a vendor page's rendering: 2,000 vendor pages took
    3.2 s in English and 3.0 s in Spanish, 2.1 s and 2.3 s this way, byte-for-byte the same.
    Every environment here has autoescape on (:func:`environment`).
    """
    lookup = translations.gettext

    def translate(message: str, /, **variables: object) -> Markup:
        return Markup(lookup(message)) % variables

    return translate


def _name(value: object) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


def fingerprint(env: jinja2.Environment, name: str | None = None) -> str:
    """Everything besides the source of template ``name`` that changes the code Jinja compiles from it.

    Autoescape (as it answers for ``name``, when it is a function such as
    ``select_autoescape``) decides whether output is escaped in the compiled code itself; the
    syntax settings, extensions (i18n adds tags), ``finalize``, the undefined type and
    how each filter and test is called (``pass_environment``) are compiled in too.
    """
    filters = (f"{n}:{getattr(f, 'jinja_pass_arg', '')}" for n, f in sorted(env.filters.items()))
    tests = (f"{n}:{getattr(f, 'jinja_pass_arg', '')}" for n, f in sorted(env.tests.items()))
    autoescape = repr(env.autoescape(name) if callable(env.autoescape) else env.autoescape)
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
              env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
              env.keep_trailing_newline, env.optimized, env.is_async)
    parts = (jinja2.__version__, autoescape, repr(syntax), _name(env.finalize), _name(env.undefined),
             *sorted(env.extensions), *filters, *tests)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, keyed on the environment's setup as well as the template, and never a failure.

    The key is taken when the template is loaded, from the environment loading it,
    so an environment changed after it was made (``env.autoescape = False``) never
    reuses code compiled under other settings.
    """

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        """The cache entry for ``name`` compiled by ``environment`` as it is now."""
        return super().get_bucket(environment, f"{fingerprint(environment, name)}/{name}", filename, source)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store the compiled template; a full or read-only disk leaves it uncached."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache() -> BytecodeCache | None:
    """The cache to give an environment, or None (turned off, or no safe private folder)."""
    if os.environ.get(DISABLE_CACHE):
        return None
    try:
        return BytecodeCache()
    except (OSError, RuntimeError):  # Jinja refuses a cache folder someone else could write
        return None


def environment(overrides: Path | None = None, lang: str = i18n.SOURCE_LANGUAGE,
                source_lang: str = i18n.SOURCE_LANGUAGE) -> jinja2.Environment:
    """A Jinja environment over the package templates, overridable from ``overrides``, writing in ``lang``
    (the records being written in ``source_lang``).

    Template text marked for translation (``{% trans %}``, ``_()``) comes from the
    language's message catalog (see :mod:`generator.i18n`).
    """
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and (overrides / TEMPLATE_DIR).is_dir():
        loaders.append(jinja2.FileSystemLoader(str(overrides / TEMPLATE_DIR)))
    loaders.append(jinja2.PackageLoader("generator", f"templates/{TEMPLATE_DIR}"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),
        extensions=["jinja2.ext.i18n"],
        # One environment renders one build: a template edited during a live preview is read by the
        # next build's environment, so no stat of every template on every page (about 3% of the work).
        auto_reload=False,
    )
    translations = i18n.translations(lang, overrides)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = direct_gettext(translations)
    env.globals["lang"] = lang
    env.globals["source_lang"] = source_lang
    env.filters["md"] = _md
    env.filters["text"] = _text
    env.filters["oneline"] = oneline
    env.filters["long_date"] = _long_date
    env.filters["safe_url"] = safe_url
    env.filters["contact_url"] = contact_url
    env.globals.update(wording.filters())
    env.filters["lower_first"] = wording.lower_first
    env.filters["upper_first"] = wording.upper_first
    return env
