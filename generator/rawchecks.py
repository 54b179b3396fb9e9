"""Checks that read a file's raw data, valid against its schema or not.

They let ``check`` report a file's schema problems and its meaning problems (an
unknown category, a future date, curly quotes) together, in one run.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

from generator.problems import Problem
from generator.yamlsrc import Document

# The earliest date each kind of file may give. No library offered its patrons an online
# third-party service, with a privacy policy at a web address, before 1990 (the web itself
# dates from 1991); library privacy policies date from the 1970s (the American Library
# Association's first policy on the confidentiality of library records is of 1971). An earlier
# date is a mistyped year (0001-01-01, 1901 for 2019), which the page would publish as written.
EARLIEST_RECORD = dt.date(1990, 1, 1)  # vendor records and the vocabulary
EARLIEST_POLICY = dt.date(1950, 1, 1)  # policy pages' front matter
_TOO_EARLY = {EARLIEST_RECORD: "no library offered its patrons an online service then",
              EARLIEST_POLICY: "library privacy policies date from the 1970s"}


def date_problem(value: str, today: dt.date, earliest: dt.date = EARLIEST_RECORD) -> tuple[str, str] | None:
    """What is wrong with a real date ``value`` (YYYY-MM-DD) staff wrote: in the future, or absurdly early."""
    day = dt.date.fromisoformat(value)
    if day > today:
        return f"{value} is in the future", f"use a date on or before {today.isoformat()}"
    if day < earliest:
        return (f"{value} is before {earliest.year}: {_TOO_EARLY.get(earliest, 'no such date is plausible')}",
                "check the year, and write the day it happened as YYYY-MM-DD")
    return None


def out_of_order(doc: Document, file: str, key: str, reported: Iterable[Problem] = ()) -> list[Problem]:
    """Dated entries (``changes``, ``revisions``) listed oldest first: each entry dated before the one above it.

    The page and the change log sort them anyway; an entry out of order in the file is most often a
    mistyped year (2016 for 2026), and a new entry belongs at the end, where the next editor looks.
    A date already ``reported`` (in the future, too early) is not reported again.
    """
    taken = {p.field for p in reported if p.file == file}
    entries = doc.data.get(key) if isinstance(doc.data, dict) else None
    dates = [(i, e.get("date")) for i, e in enumerate(entries if isinstance(entries, list) else ())
             if isinstance(e, dict)]
    out = []
    for (j, before), (i, date) in itertools.pairwise(dates):
        if isinstance(before, str) and isinstance(date, str) and date < before and f"{key}[{i}].date" not in taken:
            line, col = doc.position((key, i, "date"))
            above = doc.position((key, j, "date"))[0]
            out.append(Problem(file, line, col, f"{key}[{i}].date",
                               f"{date} is earlier than the entry above it ({before}, line {above}); "
                               "entries are listed oldest first",
                               "check the year; if the date is right, move this entry up to its place in "
                               "date order: the newest entry goes at the end"))
    return out


def corrected_too_early(doc: Document, file: str, key: str, noun: str = "entry") -> list[Problem]:
    """Entries of ``key`` (``changes``, ``revisions``) whose ``corrected:`` day is before their own date."""
    entries = doc.data.get(key) if isinstance(doc.data, dict) else None
    out = []
    for i, entry in enumerate(entries if isinstance(entries, list) else ()):
        day, corrected = (entry.get("date"), entry.get("corrected")) if isinstance(entry, dict) else (None, None)
        if isinstance(day, str) and isinstance(corrected, str) and corrected < day:
            line, col = doc.position((key, i, "corrected"))
            out.append(Problem(file, line, col, f"{key}[{i}].corrected",
                               f"{corrected} is before the {noun}'s own date ({day})",
                               "write the day the words were corrected"))
    return out


# Words the tools write for staff to replace, never to publish. Defined here, once: 'privacy-registry
# diff' suggests REVISION_PLACEHOLDER as a policy's new revision entry, and the new-vendor scaffold
# ('privacy-registry new') shows the other three as examples of optional fields. Pasted as they
# are, patrons would read them on the pages, in the change log and in the feed (in English even on
# another language's page), so check refuses each wherever staff write text.
REVISION_PLACEHOLDER = "Revised: say in plain words what changed for patrons."
SCAFFOLD_EXAMPLES = {
    "how_to_avoid": "How a patron can use it without giving the data.",
    "how_to_delete": "How a patron can have the vendor delete their data.",
    "note": "Anything else a patron should know.",
}
PLACEHOLDERS = {" ".join(REVISION_PLACEHOLDER.casefold().split()).rstrip("."): "the draft "
                "'privacy-registry diff' suggests for staff to reword",
                **{" ".join(text.casefold().split()).rstrip("."): "the example the new-vendor file gives for "
                   "this field" for text in SCAFFOLD_EXAMPLES.values()}}
# Fill-in marks: a whole value of these, or one written in capitals within a text.
FILL_IN = re.compile(r"\b(?:TODO|TBD|FIXME|FILL IN|TO WRITE|XXX)\b")
FILL_IN_WORDS = {"todo", "tbd", "fixme", "fill in", "to write", "xxx", "placeholder", "lorem ipsum", "n/a"}
# The fields whose values patrons read as words (ids, addresses, dates and answers are checked by
# their own rules): vendor records, the vocabulary and policy front matter alike.
TEXT_KEYS = frozenset({"name", "service", "retention", "how_to_avoid", "how_to_delete", "note", "summary",
                       "description", "quote", "title", "label", "approved_by"})


def placeholders(doc: Document, file: str) -> list[Problem]:
    """Text that is still a placeholder: a suggestion of the tools, a fill-in mark, or no words at all."""
    out = []
    for path, value in _strings(doc.data, ()):
        if not path or path[-1] not in TEXT_KEYS or not value.strip():
            continue  # an empty text has its own message
        found = _placeholder(value, path)
        if found is not None:
            line, col = doc.position(path)
            out.append(Problem(file, line, col, dotted(path), *found))
    return out


def is_placeholder(value: str) -> bool:
    """Whether check refuses ``value`` as a placeholder in a text patrons read."""
    return _placeholder(value, ("summary",)) is not None


def _placeholder(value: str, path: tuple[str | int, ...]) -> tuple[str, str] | None:
    flat = " ".join(value.casefold().split())
    where = next((w for text, w in PLACEHOLDERS.items() if text in flat), None)
    if where is not None:
        shown = "the page, the change log and the feed" if path[-1] == "summary" else "the page"
        return (f"{_short(value.strip())!r} is {where}, not words for patrons; {shown} would publish it as it is",
                "write what is true, in plain words a patron understands, in the page's own language"
                + (", or remove the line" if "new-vendor" in where else ""))
    if flat.strip(" .!?…") in FILL_IN_WORDS or FILL_IN.search(value):
        mark = FILL_IN.search(value)
        return (f"still holds the fill-in mark {mark.group(0) if mark else value.strip()!r}",
                "write the words patrons should read, or remove the line if the field is optional")
    if not any(ch.isalnum() for ch in value):
        return (f"has no words, only {_short(value.strip())!r}",
                "write the words patrons should read, or remove the line if the field is optional")
    return None


def _strings(data: Any, path: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


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
    """Unknown categories, a category in both lists and impossible dates (in the future, or before
    ``EARLIEST_RECORD``) of a vendor file whatever its other problems; ``taken``: fields already
    reported (not reported twice)."""
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
    sources = _value(data, ("sources",))
    dated += [("sources", i, "checked") for i in range(len(sources) if isinstance(sources, list) else 0)]
    for path in dated:
        value = _value(data, path)
        if not isinstance(value, str) or dotted(path) in taken:
            continue
        try:
            found = date_problem(value, today)
        except ValueError:
            continue
        if found is not None:
            line, col = doc.position(path)
            out.append(Problem(file, line, col, dotted(path), *found))
    return out


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
