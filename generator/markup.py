"""Repairs to theme markup that no template override can reach.

Material for MkDocs 9.8 writes its drawer and search toggles as
``<input type="checkbox" ... autocomplete="off">`` directly in ``base.html``,
outside any block or partial. HTML allows ``autocomplete`` only on text-like
inputs, so the Nu Html Checker rejects every page. The only template fix would
be a full copy of ``base.html``, which hard-codes the hashed names of
Material's CSS and JavaScript bundles and would silently break on the next
Material release; dropping the attribute from the built page is the smaller,
safer repair. Everything else is fixed in ``site_overrides/``.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^<>]*?\btype="checkbox"[^<>]*?)\s+autocomplete="[^"<>]*"')


def valid_html(page: str) -> str:
    """``page`` with ``autocomplete`` removed from checkbox inputs, where HTML does not allow it."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page)

