"""Staff words for schema errors, carried by the schemas: ``x-message`` names an entry of
``schema/messages.json``, which gives the message, the fix and examples per keyword."""

from __future__ import annotations

import json
import re
import unicodedata
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
    """The message and fix for ``instance``: the schema's words, or a refinement its ``details`` names.

    A value that breaks its rule only by an invisible character (a non-breaking space copied
    with an id, a zero-width space in an address) is told so, naming the character.
    """
    text = str(instance)
    message = str(written["message"]).replace("{value}", quoted(text))
    fix = str(written.get("fix", ""))
    hidden = invisible(text)
    if hidden and pattern and written.get("details") != "plain_text" \
            and re.search(pattern, "".join(ch for ch in text if ch not in hidden)):
        return hidden_character(text)
    refine = DETAILS.get(str(written.get("details", "")))
    found = refine(text, pattern) if refine is not None else None
    return found if found is not None else (message, fix)


def invisible(text: str) -> set[str]:
    """The characters of ``text`` a reader cannot tell apart: controls, format characters (zero-width
    space, byte-order mark, direction marks), line separators and every space but the ordinary one
    (a tab and a line break are seen as space, and named as such where they are not allowed)."""
    return {ch for ch in text if ch not in " \t\n\r" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs")}


def character_name(ch: str) -> str:
    """``U+00A0 (no-break space)``: a character by its code and, where Unicode names it, its name."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} ({name.lower()})" if name else f"U+{ord(ch):04X}"


def quoted(text: str) -> str:
    """``text`` quoted for a message, shortened, with each invisible character shown as ``[U+00A0]``."""
    hidden = invisible(text)
    if not hidden:
        return repr(short(text))
    return "'" + short("".join(f"[U+{ord(ch):04X}]" if ch in hidden else ch for ch in text)) + "'"


def hidden_character(text: str) -> tuple[str, str]:
    """The message for a value whose only fault is an invisible character: which one, and where."""
    hidden = invisible(text)
    at = next(i for i, ch in enumerate(text) if ch in hidden)
    visible = "".join(ch for ch in text if ch not in hidden)
    before = "".join(ch for ch in text[:at] if ch not in hidden)
    where = "at the start" if not before else "at the end" if not text[at:].strip("".join(hidden)) \
        else f"after {short(before[-20:])!r}"
    return (f"{short(visible)!r} has an invisible character {where}: {character_name(text[at])}",
            f"delete it: retype {short(visible)!r} by hand; such characters come with text copied from a web "
            "page or a document")


def _web_address(text: str, pattern: str) -> tuple[str, str] | None:
    shown = f"{short(text)!r} is not an https:// address"
    if text.lower().startswith("http://"):
        return f"{shown} (http:// is not secure)", "use the secure address: https://" + short(text[len("http://"):])
    scheme, sep, rest = text.partition("://")
    if sep and scheme.lower() == "https" and scheme != "https":
        return f"{short(text)!r} starts with {scheme}:// in capital letters", \
            f"write https:// in small letters: https://{short(rest)}"
    host = rest.split("/", 1)[0].split(":", 1)[0]
    if sep and scheme == "https" and not host.isascii():
        return _international(text, host)
    if any(ch.isspace() for ch in text):
        return f"{shown} (it contains a space)", "remove the spaces (copy the address from the browser's address bar)"
    if text.lower().startswith(("javascript:", "data:", "vbscript:", "file:", "mailto:")):
        return f"{shown} (only web pages can be linked)", \
            "copy the page's address, starting with https://, from the browser's address bar"
    return None


def _international(text: str, host: str) -> tuple[str, str]:
    """An address whose host has letters beyond A to Z: the site links only the host's ASCII form.

    Look-alike letters (a Cyrillic 'о' for a Latin 'o') make a host that reads as the vendor's lead
    elsewhere; in its ASCII form (xn--...), which the browser's address bar gives when the address is
    copied, the difference is plain to the reviewer and every tool checks the same host.
    """
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return (f"{short(text)!r} has letters beyond A to Z in its host name",
                "copy the address from the browser's address bar, which gives the host in its ASCII form "
                "(xn--...)")
    return (f"{short(text)!r} has letters beyond A to Z in its host name ({short(host)})",
            f"write the host in its ASCII form, as the browser's address bar gives it: "
            f"{short(text.replace(host, ascii_host, 1))}")


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
    if refused and unicodedata.category(refused[0]) == "Cc":
        return f"contains a control character (U+{ord(refused[0]):04X})", "remove it (retype the text around it)"
    if refused:
        return f"contains an invisible character, {character_name(refused[0])}", \
            "retype the text around it to remove it; it cannot be seen, and it breaks search and reading aloud"
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
