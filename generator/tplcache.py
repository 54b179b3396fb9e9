"""Keep compiled page templates between builds, in the user's own cache folder.

Compiling the Jinja templates is most of what the plugin adds to a small site's
build (tens of milliseconds for a build of well under a second), and the result
only changes when a template does. Jinja can store the compiled code; this cache
keeps it in ``$XDG_CACHE_HOME/privacy-registry/templates`` (``~/.cache/...``),
in a folder only the user can read or write, and

- never unpickles anything: an entry is used only when it starts with exactly the
  bytes Jinja would write for this template's current source (its checksum);
- treats any problem (no home folder, read-only disk, a damaged entry) as a miss,
  so a build never fails because of the cache.

``PRIVACY_REGISTRY_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import stat
import tempfile
from pathlib import Path

from jinja2 import Environment
from jinja2 import __version__ as jinja_version
from jinja2.bccache import Bucket, BytecodeCache, bc_magic

DISABLE = "PRIVACY_REGISTRY_NO_CACHE"


def cache_dir() -> Path | None:
    """The private folder for compiled templates, created if needed; None when unsafe or unavailable."""
    if os.environ.get(DISABLE) or not hasattr(os, "getuid"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = Path(base) / "privacy-registry" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None  # a symlink, someone else's folder, or readable by others: do not trust it
    return folder


class TemplateCache(BytecodeCache):
    """A Jinja bytecode cache in ``folder`` that fails soft and never unpickles."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.salt = ""  # see fingerprint(): set once the environment is complete

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """One entry per template and per environment setup that compiles it differently."""
        return super().get_cache_key(self.salt + name, filename)

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from the cache when the entry matches the template's current source."""
        header = bc_magic + pickle.dumps(bucket.checksum, 2)
        try:
            data = self._path(bucket).read_bytes()
            if data.startswith(header):
                bucket.code = marshal.loads(data[len(header):])
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store the compiled template; written whole (temporary file, then rename) or not at all."""
        temporary = None
        try:
            data = bucket.bytecode_to_string()
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self._path(bucket))
        except (OSError, TypeError, ValueError):
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def fingerprint(env: Environment) -> str:
    """What decides the code Jinja compiles from a template, besides its source.

    A filter that takes the environment (``pass_environment``) is called differently
    in the compiled code, and extensions (i18n) add tags: code compiled under another
    setup must not be reused.
    """
    filters = (f"{name}:{getattr(f, 'jinja_pass_arg', '')}" for name, f in sorted(env.filters.items()))
    tests = (f"{name}:{getattr(f, 'jinja_pass_arg', '')}" for name, f in sorted(env.tests.items()))
    return "|".join((jinja_version, *sorted(env.extensions), *filters, *tests)) + "|"


def template_cache() -> TemplateCache | None:
    """The cache to give a Jinja environment, or None to compile every time."""
    folder = cache_dir()
    return TemplateCache(folder) if folder is not None else None
