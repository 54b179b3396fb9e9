"""Load the whole registry: every vendor file and the vocabulary, all problems at once."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import rawchecks, schema
from generator.crosschecks import TEXT_FIELDS as TEXT_FIELDS
from generator.crosschecks import (
    blank_text,
    cross_checks,
    suggest_category,
    unused_categories,
    vendor_dates,
    vocabulary_dates,
)
from generator.members import MEMBERS_FILE, load_members, member_checks, member_ids
from generator.model import (
    UNKNOWN,
    Category,
    CategoryRetention,
    Change,
    Children,
    Group,
    OneOf,
    Registry,
    Source,
    Vendor,
    Vocabulary,
)
from generator.problems import Problem
from generator.recordchecks import policy_not_confirmed, record_checks
from generator.registryfiles import CATEGORIES_FILE as CATEGORIES_FILE
from generator.registryfiles import VENDOR_ID as VENDOR_ID
from generator.registryfiles import misnamed_files as misnamed_files
from generator.registryfiles import read_document as read_document
from generator.registryfiles import vendor_files as vendor_files
from generator.yamlsrc import Document


@dataclass
class Loaded:
    """The outcome of loading: the registry when clean, the problems, and the sources."""

    registry: Registry | None
    problems: list[Problem]
    documents: dict[str, Document] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # worth a look, never a reason to stop
    # The records that loaded cleanly, when the registry as a whole has problems: enough to give
    # the warnings about them (review due, translations missing) alongside the errors.
    partial: Registry | None = None


def load_registry(vendors_dir: Path, root: Path | None = None, today: dt.date | None = None, *,
                  vocabulary_file: Path | None = None) -> Loaded:
    """Load, validate and cross-check ``vendors_dir``.

    File names in problems are shown relative to ``root`` (default: the folder's parent).
    ``vocabulary_file``: read the vocabulary from there instead of ``vendors_dir`` (a
    member library's own vendors use its consortium's vocabulary).
    """
    root = root or vendors_dir.parent
    today = today or dt.date.today()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    docs: dict[str, Document] = {}

    def show(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    if not vendors_dir.is_dir():
        return Loaded(None, [Problem(show(vendors_dir), 0, 0, "", "the registry folder does not exist")])
    vocab_path = vocabulary_file or vendors_dir / CATEGORIES_FILE
    vocabulary = None
    if not vocab_path.exists():
        problems.append(Problem(show(vocab_path), 0, 0, "", "the vocabulary of data categories is missing"))
    else:
        vdoc = read_document(vocab_path, show(vocab_path), problems)
        if vdoc is not None:
            docs[show(vocab_path)] = vdoc
            vocab_problems = schema.validate("categories", vdoc, show(vocab_path))
            vocab_problems += rawchecks.curly_quotes(vdoc, show(vocab_path))
            vocab_problems += rawchecks.placeholders(vdoc, show(vocab_path))
            problems.extend(vocab_problems)
            if not vocab_problems:
                vocabulary = _vocabulary(vdoc, show(vocab_path), problems)
                problems.extend(vocabulary_dates(vdoc, show(vocab_path), today))

    vendors: list[Vendor] = []
    invalid: list[tuple[Document, str, set[str]]] = []
    misnamed = {path: (message, hint) for path, message, hint in misnamed_files(vendors_dir)}
    for path, (message, hint) in misnamed.items():
        problems.append(Problem(show(path), 1, 1, "(file name)", message, hint))
    files = vendor_files(vendors_dir)
    for path in files:
        if path in misnamed:
            continue
        display = show(path)
        vendor_id = path.stem
        doc = read_document(path, display, problems)
        if doc is None:
            continue
        docs[display] = doc
        found = schema.validate("vendor", doc, display)
        found = found or blank_text(doc, display)
        found += rawchecks.curly_quotes(doc, display) + rawchecks.placeholders(doc, display)
        if not found:
            vendors.append(_vendor(vendor_id, display, doc.data))
            problems.extend(vendor_dates(vendors[-1], doc, today))
            problems.extend(record_checks(vendors[-1], doc))
            warnings.extend(policy_not_confirmed(vendors[-1], doc))
        else:
            invalid.append((doc, display, {p.field for p in found}))
        problems.extend(found)

    if vocabulary is not None:
        # Report the rest of an invalid file's problems now, not after its schema problems are fixed.
        known = vocabulary.by_id.__contains__
        suggest = functools.partial(suggest_category, vocabulary=vocabulary)
        for doc, display, taken in invalid:
            problems.extend(rawchecks.vendor_checks(doc, display, known, suggest, today, taken))

    if vocabulary is not None:
        # "Unused category" is only meaningful when every vendor file could be read.
        complete = not misnamed and len(vendors) == len(files)
        problems.extend(cross_checks(vendors, vocabulary, docs))
        if complete and vendors:  # an empty registry (a new site) has nothing to compare
            warnings += unused_categories(vendors, vocabulary, docs[show(vocab_path)], show(vocab_path))
    members_display = show(vendors_dir / MEMBERS_FILE)
    members, member_problems = load_members(vendors_dir, members_display)
    problems += member_problems
    if not member_problems:
        problems += member_checks(vendors, docs, members, members_display)
    problems = sorted(set(problems))
    registry = partial = None
    if vocabulary is not None:
        whole = Registry(vocabulary, tuple(sorted(vendors, key=lambda v: v.name.casefold())), members)
        registry, partial = (None, whole) if problems else (whole, None)
    return Loaded(registry, problems, docs, warnings, partial)


def _vocabulary(doc: Document, display: str, problems: list[Problem]) -> Vocabulary:
    data: dict[str, Any] = doc.data
    groups = tuple(Group(g["id"], g["label"], g.get("translations", {})) for g in data["groups"])
    group_ids = {g.id for g in groups}
    seen: set[str] = set()
    categories = []
    for i, c in enumerate(data["categories"]):
        line, col = doc.position(("categories", i, "id"))
        if c["id"] in seen:
            problems.append(Problem(display, line, col, f"categories[{i}].id",
                                    f"the category {c['id']!r} is defined twice", "keep one"))
        seen.add(c["id"])
        for j, old in enumerate(c.get("former_ids", ())):
            if any(other["id"] == old for other in data["categories"]):
                fl, fc = doc.position(("categories", i, "former_ids", j))
                problems.append(Problem(display, fl, fc, f"categories[{i}].former_ids[{j}]",
                                        f"{old!r} is still the id of a category", "list only ids no longer in use"))
        if c["group"] not in group_ids:
            gl, gc = doc.position(("categories", i, "group"))
            close = difflib.get_close_matches(c["group"], sorted(group_ids), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "groups: " + ", ".join(sorted(group_ids))
            problems.append(Problem(display, gl, gc, f"categories[{i}].group",
                                    f"{c['group']!r} is not one of the groups", hint))
        categories.append(Category(c["id"], c["label"], c["description"], c["group"],
                                   tuple(c.get("aliases", ())), c.get("dpv"), tuple(c.get("former_ids", ())),
                                   c.get("translations", {})))
    changes = tuple(Change(e["date"], e["summary"].strip(), e.get("corrected")) for e in data.get("changes", ()))
    return Vocabulary(groups, tuple(categories), changes)


def _vendor(vendor_id: str, display: str, data: dict[str, Any]) -> Vendor:
    block = data["data"]
    one_of = tuple(OneOf(g["kept"], tuple(g["categories"])) for g in block.get("one_of", ()))

    def kept(kind: str) -> tuple[str, ...]:
        extra = [c for g in one_of if g.kept == kind for c in g.categories if c not in block[kind]]
        return tuple(dict.fromkeys([*block[kind], *extra]))

    children = data.get("children", {})
    sign_in, shared = data.get("sign_in", UNKNOWN), data.get("identifiers_shared", UNKNOWN)
    return Vendor(
        id=vendor_id,
        name=data["name"].strip(),
        service=data["service"].strip(),
        website=data["website"],
        privacy_policy=data.get("privacy_policy"),
        always=kept("always"),
        opt_in=kept("opt_in"),
        last_reviewed=data.get("last_reviewed"),
        changes=tuple(Change(c["date"], c["summary"].strip(), c.get("corrected")) for c in data["changes"]),
        source=display,
        privacy_policy_verified=data.get("privacy_policy_verified") is True,  # left out: not confirmed
        retention=data.get("retention"),
        how_to_avoid=data.get("how_to_avoid"),
        note=data.get("note"),
        retired=data.get("retired"),
        former_ids=tuple(data.get("former_ids", ())),
        not_kept=tuple(block.get("not_kept", ())),
        one_of=one_of,
        sources=tuple(Source(s["kind"], s["checked"], s.get("address"), s.get("description"), s.get("quote"))
                      for s in data.get("sources", ())),
        library_policy_page=data.get("library_itself", {}).get("policy_page"),
        sign_in=None if sign_in == UNKNOWN else tuple(sign_in),
        identifiers_shared=None if shared == UNKNOWN else tuple(shared),
        retention_period=data.get("retention_period"),
        retention_by_category=tuple(CategoryRetention(tuple(r["categories"]), r["retention"], r.get("period"))
                                    for r in data.get("retention_by_category", ())),
        advertising_or_tracking=_answer(data.get("advertising_or_tracking")),
        sells_or_shares=_answer(data.get("sells_or_shares")),
        children=Children(_answer(children.get("targets_children")), _answer(children.get("coppa")),
                          children.get("note")),
        how_to_delete=data.get("how_to_delete"),
        deletion_contact=data.get("deletion_contact"),
        members=member_ids(data),
        translations=data.get("translations", {}),
    )


def _answer(value: str | bool | None) -> str:
    """yes / no / unknown; YAML reads unquoted yes and no as true and false."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value or UNKNOWN


def load_vocabulary(path: Path, display: str) -> tuple[Vocabulary | None, list[Problem]]:
    """Read and validate the vocabulary file alone (``diff`` needs it without the vendors)."""
    problems: list[Problem] = []
    doc = read_document(path, display, problems)
    if doc is None:
        return None, problems
    problems = schema.validate("categories", doc, display)
    if problems:
        return None, problems
    vocabulary = _vocabulary(doc, display, problems)
    return (None if problems else vocabulary), problems


