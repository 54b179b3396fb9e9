"""Checks that read a file's raw data, valid against its schema or not.

They let ``check`` report a file's schema problems and its meaning problems (an
unknown category, a future date, curly quotes) together, in one run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from generator.problems import Problem
from generator.yamlsrc import Document

# Word's typographic quotes (guillemets are ordinary punctuation in Spanish and French text).
OPENING = "“‘„‚"
CLOSING = "”’“‘"


def dotted(path: tuple[str | int, ...]) -> str:
    """``('data', 'always', 2)`` -> ``data.always[2]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def curly_quotes(doc: Document, file: str) -> list[Problem]:
    """Values wrapped whole in typographic quotes (Word's), which would be published as part of the text."""
    out = []
    for path, raw in doc.raw_scalars.items():
        text = raw.strip()
        if len(text) > 2 and text[0] in OPENING and text[-1] in CLOSING:
            line, col = doc.position(path)
            inner = text[1:-1].replace('"', '\\"')
            out.append(Problem(file, line, col, dotted(path) or "(file)",
                               f"is wrapped in curly quotes ({text[0]}…{text[-1]}), which would be published as "
                               "part of the text", f'use straight quotes: "{_short(inner)}", or none'))
    return out


def _value(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def vendor_checks(doc: Document, file: str, known: Callable[[str], bool], hint: Callable[[str], str],
                  today: dt.date, taken: set[str]) -> list[Problem]:
    """Unknown categories, a category in both lists and future dates of a vendor file whatever its
    other problems; ``taken``: fields already reported (not reported twice)."""
    out = []
    data = doc.data
    lists = {kind: _value(data, ("data", kind)) for kind in ("always", "opt_in")}
    for kind, values in lists.items():
        for i, cat in enumerate(values if isinstance(values, list) else ()):
            field = f"data.{kind}[{i}]"
            if isinstance(cat, str) and field not in taken and not known(cat):
                line, col = doc.position(("data", kind, i))
                out.append(Problem(file, line, col, field, f"{cat!r} is not a known category", hint(cat)))
    always, opt_in = lists["always"], lists["opt_in"]
    if isinstance(always, list) and isinstance(opt_in, list):
        for i, cat in enumerate(opt_in):
            if isinstance(cat, str) and cat in always and f"data.opt_in[{i}]" not in taken:
                line, col = doc.position(("data", "opt_in", i))
                out.append(Problem(file, line, col, f"data.opt_in[{i}]",
                                   f"{cat!r} is listed both as always kept and as opt-in",
                                   "keep it in one list: 'always' if the service keeps it whenever it is used"))
    dated: list[tuple[str | int, ...]] = [("last_reviewed",), ("retired",)]
    changes = _value(data, ("changes",))
    dated += [("changes", i, key) for i in range(len(changes) if isinstance(changes, list) else 0)
              for key in ("date", "corrected")]
    for path in dated:
        value = _value(data, path)
        if not isinstance(value, str) or dotted(path) in taken:
            continue
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            continue
        if day > today:
            line, col = doc.position(path)
            out.append(Problem(file, line, col, dotted(path), f"{value} is in the future",
                               f"use a date on or before {today.isoformat()}"))
    return out


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
