"""Staff words for schema errors, carried by the schemas: ``x-message`` names an entry of
``schema/messages.json``, which gives the message, the fix and examples per keyword."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any


@cache
def messages() -> dict[str, Any]:
    """The staff messages the schemas name with ``x-message`` (``schema/messages.json``)."""
    text = resources.files("generator").joinpath("schema/messages.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def schema_message(subschema: Any, keyword: str) -> dict[str, Any] | None:
    """The message a subschema carries for ``keyword``, through its ``x-message`` name; None if none."""
    name = subschema.get("x-message") if isinstance(subschema, dict) else None
    entry = messages().get(name, {}) if isinstance(name, str) else {}
    found = entry.get(keyword) if isinstance(entry, dict) else None
    return found if isinstance(found, dict) else None


def words_for(written: dict[str, Any], instance: Any, pattern: str) -> tuple[str, str]:
    """The message and fix for ``instance``: the schema's words, or a refinement its ``details`` names."""
    text = str(instance)
    message = str(written["message"]).replace("{value}", repr(short(text)))
    fix = str(written.get("fix", ""))
    refine = DETAILS.get(str(written.get("details", "")))
    found = refine(text, pattern) if refine is not None else None
    return found if found is not None else (message, fix)


def _web_address(text: str, pattern: str) -> tuple[str, str] | None:
    shown = f"{short(text)!r} is not an https:// address"
    if text.lower().startswith("http://"):
        return f"{shown} (http:// is not secure)", "use the secure address: https://" + short(text[len("http://"):])
    if any(ch.isspace() for ch in text):
        return f"{shown} (it contains a space)", "remove the spaces (copy the address from the browser's address bar)"
    if text.lower().startswith(("javascript:", "data:", "vbscript:", "file:", "mailto:")):
        return f"{shown} (only web pages can be linked)", \
            "copy the page's address, starting with https://, from the browser's address bar"
    return None


def _plain_text(text: str, pattern: str) -> tuple[str, str] | None:
    # Ask the rule's own pattern which characters it refuses: '<' and '>' with what follows them
    # (a lenient rule allows 'age < 13'), any other character alone.
    if not pattern:
        return None
    if any(ch in "<>" and not re.search(pattern, text[i:i + 2]) for i, ch in enumerate(text)):
        allowed = " ('<' or '>' before a space or a digit, as in 'age < 13', is fine)" \
            if re.search(pattern, "age < 13") else ""
        return "contains < or >: HTML is not allowed here", \
            f"write plain words only; the site formats the text itself{allowed}"
    refused = [ch for ch in text if ch not in "<>" and not re.search(pattern, ch)]
    if "\t" in refused:
        return "contains a tab character", "replace the tab with a space (the site cannot show tabs)"
    if refused:
        return f"contains a control character (U+{ord(refused[0]):04X})", "remove it (retype the text around it)"
    return None


def _id(text: str, pattern: str) -> tuple[str, str] | None:
    if text.lower() != text and pattern and re.search(pattern, text.lower()):  # lower case alone would do
        return f"{short(text)!r} is not a valid id", f"use lower case: {text.lower()!r}"
    return None


DETAILS: dict[str, Callable[[str, str], tuple[str, str] | None]] = {
    "web_address": _web_address, "plain_text": _plain_text, "id": _id}
"""Refinements a message in ``schema/messages.json`` can name with ``details``: they look at the value
(and the subschema's pattern, to name the character it refuses)."""


def short(value: Any, limit: int = 60) -> str:
    """``value`` as text, cut to ``limit`` characters with an ellipsis (absurdly long values stay readable)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
