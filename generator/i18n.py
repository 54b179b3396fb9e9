"""Languages of the patron site: which ones, their message catalogs and their dates.

The words the templates write are gettext messages (Jinja's i18n extension);
their translations are ``.po`` catalogs read with Babel, so a library adds a
language with a catalog and a line of configuration, never with code. The
package ships ``generator/locale/<lang>/LC_MESSAGES/messages.po``; a catalog at
the same place under the site's overrides folder (``site_overrides/locale/...``)
is merged over it, so a library can reword any message or add a language.
Dates are written by Babel in each language's long form ("3 de enero de 2022").
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

# The language the templates and the registry are written in.
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).parent / "locale"
# The mkdocs-static-i18n plugin's name in mkdocs.yml: its `languages` list is the site's languages.
I18N_PLUGIN = "i18n"


class Localized(str):
    """Text that knows its language: a translation, or the original where none was written."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Localized:
        """``Localized("Nombre", "es")``."""
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        """Copies (``copy.deepcopy``, ``dataclasses.asdict``) keep the language."""
        return str(self), self.lang


def language_of(text: object, default: str) -> str:
    """The language ``text`` is written in (``default`` for plain text)."""
    return text.lang if isinstance(text, Localized) else default


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default one (at the site root) and the others (under /<code>/)."""

    default: str = SOURCE_LANGUAGE
    others: tuple[str, ...] = ()
    # (language, site name) for languages whose i18n entry gives the site another name.
    site_names: tuple[tuple[str, str], ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        """Every language, the default first."""
        return (self.default, *self.others)

    def site_name(self, lang: str, default: str) -> str:
        """The site's name in ``lang`` (``default`` when the configuration gives none)."""
        return dict(self.site_names).get(lang, default)


def site_languages(config_file: Path) -> Languages:
    """The languages ``mkdocs.yml`` builds (its ``i18n`` plugin), or the source language alone.

    Read by :mod:`generator.settings` as MkDocs reads the file (``INHERIT``, ``!ENV``);
    a project's commands take them from its settings (``Settings.languages``).
    """
    from generator.settings import read_config  # settings imports this module

    return languages_of(read_config(config_file))


def i18n_options(config: Any) -> dict[str, Any] | None:
    """The ``i18n`` plugin's options in a configuration (either ``plugins:`` form), the mapping itself."""
    plugins = config.get("plugins") if isinstance(config, dict) else None
    options = None
    if isinstance(plugins, dict):
        options = plugins.get(I18N_PLUGIN)
    elif isinstance(plugins, list):
        options = next((item[I18N_PLUGIN] for item in plugins if isinstance(item, dict) and I18N_PLUGIN in item),
                       None)
    return options if isinstance(options, dict) else None


def languages_of(config: Any) -> Languages:
    """The languages a configuration's ``i18n`` plugin builds, or the source language alone.

    MkDocs and the i18n plugin validate the list themselves when they build; this
    only reads it, so a malformed entry is skipped here rather than reported twice.
    """
    options = i18n_options(config)
    entries = options.get("languages") if options is not None else None
    if not isinstance(entries, list):
        return Languages()
    built = [e for e in entries if isinstance(e, dict) and e.get("locale") and e.get("build", True) is not False]
    codes = [(str(e["locale"]), bool(e.get("default"))) for e in built]
    default = next((code for code, is_default in codes if is_default), SOURCE_LANGUAGE)
    names = tuple((str(e["locale"]), str(e["site_name"])) for e in built if isinstance(e.get("site_name"), str))
    return Languages(default, tuple(code for code, _ in codes if code != default), names)


def catalog_paths(lang: str, overrides: Path | None = None) -> list[Path]:
    """The ``.po`` catalogs of ``lang`` that exist: the package's, then the site's."""
    relative = Path(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"
    found = [LOCALE_DIR / relative]
    if overrides is not None:
        found.append(overrides / "locale" / relative)
    return [p for p in found if p.is_file()]


@functools.cache
def _read_catalog(path: Path, mtime: float, lang: str) -> bytes:
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as gettext would
    return buffer.getvalue()


def translations(lang: str, overrides: Path | None = None) -> gettext.NullTranslations:
    """The gettext translations of ``lang`` (none for the source language or a language without a catalog)."""
    merged: Translations | None = None
    for path in catalog_paths(lang, overrides):
        loaded = Translations(io.BytesIO(_read_catalog(path, path.stat().st_mtime, lang)), domain=DOMAIN)
        merged = loaded if merged is None else merged.merge(loaded)
    return merged if merged is not None else gettext.NullTranslations()


def has_catalog(lang: str, overrides: Path | None = None) -> bool:
    """True when a message catalog exists for ``lang`` (the source language needs none)."""
    return lang == SOURCE_LANGUAGE or bool(catalog_paths(lang, overrides))


def known_language(lang: str) -> bool:
    """True when Babel knows how to write dates in ``lang``."""
    try:
        Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


@functools.lru_cache(maxsize=4096)  # a registry repeats its dates on every page that lists them
def long_date(value: str, lang: str = SOURCE_LANGUAGE) -> str:
    """``2022-01-03`` -> ``January 3, 2022`` (en), ``3 de enero de 2022`` (es)."""
    return format_date(dt.date.fromisoformat(value), format="long", locale=lang.replace("-", "_"))


def localized_path(path: str, lang: str) -> str:
    """Where a file's ``lang`` version lives beside it: ``services/index.md`` -> ``services/index.es.md``.

    This is mkdocs-static-i18n's "suffix" layout, which builds it at ``es/services/``.
    """
    folder, _, name = path.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    named = f"{stem}.{lang}.{ext}" if dot and stem else f"{name}.{lang}"
    return f"{folder}/{named}" if folder else named


def split_language(path: str, languages: tuple[str, ...]) -> tuple[str, str | None]:
    """``index.es.md`` -> ``("index.md", "es")`` when ``es`` is in ``languages``; else ``(path, None)``."""
    folder, _, name = path.rpartition("/")
    parts = name.split(".")
    if len(parts) >= 3 and parts[-2] in languages:
        plain = ".".join([*parts[:-2], parts[-1]])
        return (f"{folder}/{plain}" if folder else plain), parts[-2]
    return path, None


def alternates(entries: list[dict[str, Any]], site_url: str | None) -> list[dict[str, str]]:
    """The i18n plugin's language links (``extra.alternate``), each made relative to the site root.

    The plugin writes a language's home page as an absolute path (``/privacy/es/``);
    relative to the root (``es/``) it works wherever the site is served.
    """
    base = urlsplit(site_url).path if site_url else "/"
    out = []
    for entry in entries:
        link = str(entry.get("link", ""))
        if link.startswith(base) and not link.startswith("//"):
            link = link[len(base):]
        elif link.startswith("/") and not link.startswith("//"):
            link = link.lstrip("/")
        out.append({"name": str(entry.get("name", "")), "lang": str(entry.get("lang", "")), "link": link or "./"})
    return out
