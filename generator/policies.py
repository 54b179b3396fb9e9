"""Policy pages: read and validate their YAML front matter."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import rawchecks, schema
from generator.model import Change
from generator.problems import Problem
from generator.yamlsrc import MAX_BYTES, Document, YamlError, decode, load, read_source

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)
CHART_MARKER = "<!-- privacy-registry:chart -->"
MAX_PAGE_BYTES = 5_000_000


@dataclass(frozen=True)
class Policy:
    """A policy page's front matter, validated."""

    path: str
    title: str
    policy_number: str | None = None
    approved_by: str | None = None
    approved: str | None = None
    last_reviewed: str | None = None
    revisions: tuple[Change, ...] = ()
    unconfirmed: tuple[str, ...] = ()  # front-matter facts never shown as facts
    # Where each fact is written in the page (line, column): a field's value, "revisions[i]" for a
    # revision's date, "" for the front matter's first line. For messages only; never compared.
    where: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def confirmed(self, key: str) -> str | None:
        """A front-matter fact, or None while it is marked unconfirmed."""
        return None if key in self.unconfirmed else getattr(self, key)

    @classmethod
    def from_meta(cls, path: str, meta: dict[str, Any], doc: Document | None = None) -> Policy:
        """Build from front matter that has passed the policy schema (``doc``: where each fact is written)."""
        where: dict[str, tuple[int, int]] = {}
        if doc is not None:
            where = {key: doc.key_position((key,)) if key == "revisions" else doc.position((key,)) for key in meta}
            where.update({f"revisions[{i}]": doc.position(("revisions", i, "date"))
                          for i in range(len(meta.get("revisions", ())))})
            where[""] = doc.key_position((next(iter(meta)),)) if meta else (2, 1)
        return cls(path, meta["title"], meta.get("policy_number"), meta.get("approved_by"),
                   meta.get("approved"), meta.get("last_reviewed"),
                   tuple(Change(r["date"], r["summary"], r.get("corrected")) for r in meta.get("revisions", ())),
                   tuple(meta.get("unconfirmed", ())), where)


def read_policy(path: Path, display: str, today: dt.date | None = None, *,
                within: Path | None = None) -> tuple[Policy | None, list[Problem]]:
    """Read one policy page's front matter; return it with any problems.

    ``within``: the project folder a symbolically linked page must stay inside.
    """
    today = today or dt.date.today()
    try:
        raw = read_source(path, MAX_PAGE_BYTES, within=within)
        text = decode(raw) if len(raw) <= MAX_BYTES else _decode_page(raw)
    except YamlError as exc:
        return None, [Problem(display, exc.line, exc.col, "(file)", exc.message, exc.hint)]
    except OSError as exc:
        return None, [Problem(display, 1, 1, "(file)", f"cannot be read: {exc.strerror or exc}",
                              "check that it is a file and that it may be read")]
    match = FRONT_MATTER.match(text)
    if not match:
        if re.match(r"-{3}[ \t]*\n", text):
            return None, [Problem(display, 1, 1, "(front matter)", "the front matter is not closed",
                                  "add a line '---' after the last front matter field (title: ...)")]
        return None, [Problem(display, 1, 1, "(front matter)", "the page has no front matter",
                              "start it with a '---' line, 'title: ...', and another '---' line")]
    try:
        doc = load(match.group(1) or "")
    except YamlError as exc:
        # Front matter starts on line 2 of the page.
        return None, [Problem(display, exc.line + 1, exc.col,
                              schema.dotted(exc.path) or "(front matter)", exc.message, exc.hint)]
    if not isinstance(doc.data, dict):
        what = "is empty" if doc.data is None else f"is {schema.describe(doc.data)}"
        return None, [Problem(display, 2, 1, "(front matter)", f"{what}; it must be a set of fields",
                              "write one 'field: value' per line, at least 'title: ...'")]
    doc.positions = {k: (line + 1, col) for k, (line, col) in doc.positions.items()}
    doc.key_positions = {k: (line + 1, col) for k, (line, col) in doc.key_positions.items()}
    problems = schema.validate("policy", doc, display) + rawchecks.curly_quotes(doc, display) \
        + rawchecks.placeholders(doc, display)
    if problems:
        return None, problems
    dated: list[tuple[tuple[str | int, ...], str]] = [
        ((key,), doc.data[key]) for key in ("approved", "last_reviewed") if key in doc.data]
    dated += [(("revisions", i, key), r[key]) for i, r in enumerate(doc.data.get("revisions", ()))
              for key in ("date", "corrected") if key in r]
    for key_path, value in dated:
        found = rawchecks.date_problem(value, today, rawchecks.EARLIEST_POLICY)
        if found is not None:
            line, col = doc.position(key_path)
            problems.append(Problem(display, line, col, schema.dotted(key_path), *found))
    problems += rawchecks.corrected_too_early(doc, display, "revisions", "revision")
    problems += rawchecks.out_of_order(doc, display, "revisions", problems)
    for i, key in enumerate(doc.data.get("unconfirmed", ())):
        if key not in doc.data:
            line, col = doc.position(("unconfirmed", i))
            problems.append(Problem(display, line, col, f"unconfirmed[{i}]",
                                    f"{key!r} is listed as unconfirmed, but the page does not give it",
                                    f"remove {key!r} from unconfirmed, or add the '{key}: ...' line it is about"))
    return (None if problems else Policy.from_meta(display, doc.data, doc)), problems


def _decode_page(raw: bytes) -> str:
    """Decode a page too big for the registry limit: only its front matter is YAML."""
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return decode(raw[:MAX_BYTES])  # reports the first bad byte, with its line


def load_policies(policies_dir: Path, root: Path) -> tuple[list[Policy], list[Problem]]:
    """Every policy page under ``policies_dir`` with its problems."""
    policies, problems = [], []
    for path in sorted(policies_dir.rglob("*.md")):
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        policy, found = read_policy(path, display, within=root)
        problems.extend(found)
        if policy:
            policies.append(policy)
    return policies, problems


# The facts a translated page states as its original does (its words are its own).
SAME_FACTS = ("policy_number", "approved", "last_reviewed", "unconfirmed")


def translation_facts(policies: list[Policy], docs: Path, root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """An error for each fact a translated policy page states otherwise than its original, at its line.

    ``languages``: the site's other languages (``index.es.md`` is the Spanish ``index.md``).
    A translation words the page in its own language; the policy's number, dates, unconfirmed
    facts and the dates of its revisions are facts, and both pages state the same ones.
    """
    from generator.i18n import split_language  # babel: only where a site has pages to compare

    shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.as_posix()
    by_path = {p.path: p for p in policies}
    out: list[Problem] = []
    for page in policies:
        plain, lang = split_language(page.path, languages)
        original = by_path.get(plain)
        if lang is None or original is None or not page.path.startswith(shown + "/"):
            continue
        for name in SAME_FACTS:
            out += _fact_differs(page, original, name)
        out += _revisions_differ(page, original)
    return out


def _fact_differs(page: Policy, original: Policy, name: str) -> list[Problem]:
    mine, theirs = getattr(page, name), getattr(original, name)
    if name == "unconfirmed":
        mine, theirs = ", ".join(sorted(mine)) or None, ", ".join(sorted(theirs)) or None
    if mine == theirs:
        return []
    line, col = page.where.get(name, page.where.get("", (1, 1)))
    there = f"{original.path} (line {original.where.get(name, (0, 0))[0]})"
    if mine is None:
        return [Problem(page.path, line, col, name, f"is not given here, but {there} gives {name}: {theirs}; "
                        "a translation states the same facts as its original",
                        f"add the line '{name}: {_yaml_value(name, theirs)}' to the front matter")]
    if theirs is None:
        return [Problem(page.path, line, col, name, f"{mine} is given here, but {original.path} gives no {name}; "
                        "a translation states the same facts as its original",
                        f"remove the line here, or add '{name}: {_yaml_value(name, mine)}' to {original.path}")]
    return [Problem(page.path, line, col, name, f"is {mine} here but {theirs} in {there}; a translation states "
                    "the same facts as its original",
                    f"make the two pages agree: write {_yaml_value(name, theirs)} here if {original.path} is right")]


def _revisions_differ(page: Policy, original: Policy) -> list[Problem]:
    """A revision here that the original does not have, at its date; one of the original missing here."""
    out = []
    left = [r.date for r in original.revisions]
    for i, revision in enumerate(page.revisions):
        if revision.date in left:
            left.remove(revision.date)
            continue
        line, col = page.where.get(f"revisions[{i}]", (1, 1))
        count = sum(r.date == revision.date for r in original.revisions)
        listed = ", ".join(r.date for r in original.revisions)
        said = f"lists {count} revision{'s' if count > 1 else ''} of {revision.date}, this page more" if count \
            else f"has no revision of {revision.date} (its revisions: {listed})" if original.revisions \
            else "has no revisions"
        out.append(Problem(page.path, line, col, f"revisions[{i}].date",
                           f"{original.path} {said}; a translation lists the same revisions as its original",
                           f"remove this revision here, or add the revision of {revision.date} to {original.path}"))
    line, col = page.where.get("revisions", page.where.get("", (1, 1)))
    for date in left:
        at = next(original.where.get(f"revisions[{i}]", (0, 0))[0]
                  for i, r in enumerate(original.revisions) if r.date == date)
        out.append(Problem(page.path, line, col, "revisions",
                           f"has no revision of {date}, which {original.path} lists (line {at}); a translation lists "
                           "the same revisions as its original",
                           f"add a revision dated {date} here, its summary in the page's own language"))
    return out


def _yaml_value(name: str, value: str) -> str:
    return f"[{value}]" if name == "unconfirmed" else f'"{value}"' if name == "policy_number" else value
