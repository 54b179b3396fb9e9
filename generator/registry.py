"""Load the whole registry: every vendor file and the vocabulary, all problems at once."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import rawchecks, schema
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
from generator.recordchecks import category_uses as _category_uses
from generator.recordchecks import record_checks
from generator.yamlsrc import Document, YamlError, decode, load, read_source

CATEGORIES_FILE = "_categories.yaml"
VENDOR_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Loaded:
    """The outcome of loading: the registry when clean, the problems, and the sources."""

    registry: Registry | None
    problems: list[Problem]
    documents: dict[str, Document] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # worth a look, never a reason to stop


def read_document(path: Path, display: str, problems: list[Problem]) -> Document | None:
    """Read and parse one YAML file; on failure add a problem and return None."""
    try:
        doc = load(decode(read_source(path, within=path.parent.parent)))
    except YamlError as exc:
        problems.append(Problem(display, exc.line or 1, exc.col or 1, schema.dotted(exc.path) or "(file)",
                                exc.message, exc.hint))
        return None
    except OSError as exc:
        problems.append(Problem(display, 1, 1, "(file)", f"cannot be read: {exc.strerror or exc}",
                                "check that it is a file and that it may be read"))
        return None
    if doc.data is None:
        problems.append(Problem(display, 1, 1, "(file)", "the file is empty (or holds only comments)",
                                "fill in the fields (name, service, website, privacy_policy, data, last_reviewed, "
                                "changes): copy another vendor file, or run "
                                "'privacy-registry new \"Name\"'; or delete it"))
        return None
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        problems.append(Problem(display, line, col, "(top level)",
                                f"is {schema.describe(doc.data)}; the file must be a set of fields",
                                "write one 'field: value' per line, starting with 'name: ...', with no '-' "
                                "or quotes in front"))
        return None
    return doc


def vendor_files(vendors_dir: Path) -> list[Path]:
    """The vendor files of a registry folder, sorted by id."""
    return sorted(p for p in vendors_dir.iterdir()
                  if p.suffix in (".yaml", ".yml") and not p.name.startswith(("_", ".")))


def misnamed_files(vendors_dir: Path) -> list[tuple[Path, str, str]]:
    """Files in the registry folder that look meant as vendor files but are not named ``<id>.yaml``.

    Returns ``(path, message, hint)`` for each: YAML files in a subfolder or named with a
    leading ``_`` (other than the vocabulary) are never read, so each is reported. Hidden
    files other than a bare ``.yaml`` or ``.yml``, and README files, are left alone.
    """
    out = _skipped_files(vendors_dir)
    for path in sorted(vendors_dir.iterdir()):
        name = path.name
        lower = name.lower()
        if name.startswith("_") or lower.startswith("readme") or not path.is_file():
            continue
        if lower in (".yaml", ".yml"):
            out.append((path, "the file name has no vendor id before the extension",
                        "rename it to <id>.yaml, e.g. overdrive.yaml"))
            continue
        if name.startswith("."):
            continue
        stem = name.partition(".")[0]
        if name.endswith(".yaml"):
            vendor_id = name[: -len(".yaml")]
        elif lower.endswith((".yaml", ".yml")) or ".yaml." in lower or ".yml." in lower:
            out.append((path, "vendor files are named <id>.yaml; this one is not read",
                        _rename_hint(vendors_dir, stem)))
            continue
        else:
            continue
        if not VENDOR_ID.match(vendor_id):
            out.append((path, f"{_short(vendor_id)!r} is not a valid vendor id (the file name is the id: "
                        "lower-case letters, digits and single hyphens)",
                        _rename_hint(vendors_dir, vendor_id)))
    return out


def _skipped_files(vendors_dir: Path) -> list[tuple[Path, str, str]]:
    """YAML files the loader would silently skip: ``_name.yaml`` and anything in a subfolder."""
    out = []
    for path in sorted(vendors_dir.iterdir()):
        if path.name.startswith("_") and path.name not in (CATEGORIES_FILE, MEMBERS_FILE) \
                and path.suffix in (".yaml", ".yml") and path.is_file():
            name = path.name.lstrip("_")
            out.append((path, "files whose name starts with '_' are not read as vendors (only the vocabulary, "
                        f"{CATEGORIES_FILE}, and a consortium's member list, {MEMBERS_FILE}, are)",
                        f"if it is a vendor, rename it to {_suggest_id(Path(name).stem)}"
                        ".yaml; otherwise move it out of the vendors folder"))
    for folder, dirs, files in os.walk(vendors_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if Path(folder) == vendors_dir:
            continue
        for name in sorted(files):
            if name.lower().endswith((".yaml", ".yml")) and not name.startswith("."):
                path = Path(folder) / name
                out.append((path, f"is in a subfolder of {vendors_dir.name}/, where files are not read",
                            f"move it to {vendors_dir.name}/{_suggest_id(path.stem)}.yaml (one file per vendor, "
                            "directly in the folder), or out of the vendors folder"))
    return out


def _rename_hint(vendors_dir: Path, name: str) -> str:
    """Suggest a free file name: a lower-case, hyphenated form of ``name``."""
    base = _suggest_id(name)
    if not (vendors_dir / f"{base}.yaml").exists():
        return f"rename the file to {base}.yaml"
    free = next(f"{base}-{n}" for n in range(2, 1000) if not (vendors_dir / f"{base}-{n}.yaml").exists())
    return f"rename the file, e.g. to {free}.yaml ({base}.yaml already exists: is this a copy of it?)"


def _suggest_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-") or "vendor-name"


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


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
            problems.extend(vocab_problems)
            if not vocab_problems:
                vocabulary = _vocabulary(vdoc, show(vocab_path), problems)

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
        found = found or _blank_text(doc, display)
        found += rawchecks.curly_quotes(doc, display)
        if not found:
            vendors.append(_vendor(vendor_id, display, doc.data))
            problems.extend(_vendor_dates(vendors[-1], doc, today))
            problems.extend(record_checks(vendors[-1], doc))
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
        problems.extend(_cross_checks(vendors, vocabulary, docs, show(vocab_path), complete))
        if complete and vendors:  # an empty registry (a new site) has nothing to compare
            warnings = _unused_categories(vendors, vocabulary, docs.get(show(vocab_path)), show(vocab_path))
    members_display = show(vendors_dir / MEMBERS_FILE)
    members, member_problems = load_members(vendors_dir, members_display)
    problems += member_problems
    if not member_problems:
        problems += member_checks(vendors, docs, members, members_display)
    problems = sorted(set(problems))
    registry = None
    if not problems and vocabulary is not None:
        registry = Registry(vocabulary, tuple(sorted(vendors, key=lambda v: v.name.casefold())), members)
    return Loaded(registry, problems, docs, warnings)


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
        privacy_policy_verified=data.get("privacy_policy_verified", True),
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


TEXT_FIELDS = ("name", "service", "retention", "how_to_avoid", "how_to_delete", "note")


def _blank_text(doc: Document, display: str) -> list[Problem]:
    """Text fields holding only spaces (the schema counts them as written)."""
    paths: list[tuple[str | int, ...]] = [(key,) for key in TEXT_FIELDS if key in doc.data]
    paths += [("changes", i, "summary") for i in range(len(doc.data["changes"]))]
    for i, source in enumerate(doc.data.get("sources", ())):
        paths += [("sources", i, key) for key in ("description", "quote") if key in source]
    paths += [("retention_by_category", i, "retention") for i in range(len(doc.data.get("retention_by_category", ())))]
    if "note" in doc.data.get("children", {}):
        paths.append(("children", "note"))
    out = []
    for path in paths:
        value = doc.data
        for part in path:
            value = value[part]
        if not value.strip():
            line, col = doc.position(path)
            out.append(Problem(display, line, col, schema.dotted(path), "is blank",
                               "write some words, or remove the field if it is optional"))
    return out


def _vendor_dates(vendor: Vendor, doc: Document, today: dt.date) -> list[Problem]:
    out = []
    dated: list[tuple[tuple[str | int, ...], str]] = []
    if vendor.last_reviewed:
        dated.append((("last_reviewed",), vendor.last_reviewed))
    dated += [(("changes", i, "date"), c.date) for i, c in enumerate(vendor.changes)]
    dated += [(("changes", i, "corrected"), c.corrected) for i, c in enumerate(vendor.changes) if c.corrected]
    if vendor.retired:
        dated.append((("retired",), vendor.retired))
    for i, c in enumerate(vendor.changes):
        if c.corrected and c.corrected < c.date:
            line, col = doc.position(("changes", i, "corrected"))
            out.append(Problem(vendor.source, line, col, f"changes[{i}].corrected",
                               f"{c.corrected} is before the entry's own date ({c.date})",
                               "write the day the words were corrected"))
    dated += [(("sources", i, "checked"), s.checked) for i, s in enumerate(vendor.sources)]
    for path, value in dated:
        if dt.date.fromisoformat(value) > today:
            line, col = doc.position(path)
            out.append(Problem(vendor.source, line, col, schema.dotted(path),
                               f"{value} is in the future", f"use a date on or before {today.isoformat()}"))
    return out


def suggest_category(word: str, vocabulary: Vocabulary) -> str:
    """A hint naming the closest known category ids (aliases count too)."""
    renamed = next((c.id for c in vocabulary.categories if word in c.former_ids), None)
    if renamed:
        return f"the category was renamed: write {renamed!r}"
    names = {c.id: c.id for c in vocabulary.categories}
    for c in vocabulary.categories:
        for alias in c.aliases:
            names[alias.replace(" ", "_").lower()] = c.id
    close = difflib.get_close_matches(word.lower().replace(" ", "_").replace("-", "_"), list(names), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(names[c] for c in close))
    if ids:
        return "did you mean " + " or ".join(repr(i) for i in ids) + "?"
    return "see vendors/_categories.yaml for the known categories"


def _cross_checks(vendors: list[Vendor], vocabulary: Vocabulary, docs: dict[str, Document], vocab_display: str,
                  complete: bool) -> list[Problem]:
    out: list[Problem] = []
    used: set[str] = set()
    names: dict[str, Vendor] = {}
    for vendor in vendors:
        doc = docs[vendor.source]
        for path, cat_id in _category_uses(doc.data):
            if path[1] != "not_kept" and path[0] == "data":
                used.add(cat_id)
            if cat_id not in vocabulary.by_id:
                line, col = doc.position(path)
                out.append(Problem(vendor.source, line, col, schema.dotted(path),
                                   f"{cat_id!r} is not a known category", suggest_category(cat_id, vocabulary)))
        key = " ".join(vendor.name.casefold().split())
        if key in names:
            other = names[key]
            for this, that in ((vendor, other), (other, vendor)):
                line, col = docs[this.source].position(("name",))
                out.append(Problem(this.source, line, col, "name",
                                   f"{this.name!r} is also the name of {that.source}",
                                   "give each service a distinct name, or delete the duplicate file"))
        else:
            names[key] = vendor
    out.extend(_former_id_checks(vendors, docs))
    return out


def _unused_categories(vendors: list[Vendor], vocabulary: Vocabulary, vdoc: Document | None,
                       vocab_display: str) -> list[Problem]:
    """Warnings (not errors) for categories no vendor keeps: a library that starts from the shared
    vocabulary with few vendors, or none yet (``privacy-registry init``), is not wrong."""
    used = {c for v in vendors for c in (*v.always, *v.opt_in)}
    out = []
    for i, cat in enumerate(vocabulary.categories if vdoc is not None else ()):
        if cat.id not in used:
            line, col = vdoc.position(("categories", i, "id"))  # type: ignore[union-attr]
            out.append(Problem(vocab_display, line, col, f"categories[{i}].id",
                               f"the category {cat.id!r} is not used by any vendor",
                               "remove it, or list it in the vendor that keeps it"))
    return out


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


def _former_id_checks(vendors: list[Vendor], docs: dict[str, Document]) -> list[Problem]:
    """An old id redirects to exactly one live vendor and is never a live id itself."""
    out: list[Problem] = []
    live = {v.id: v for v in vendors}
    claimed: dict[str, Vendor] = {}
    for vendor in vendors:
        doc = docs[vendor.source]
        for i, old in enumerate(vendor.former_ids):
            line, col = doc.position(("former_ids", i))
            where = f"former_ids[{i}]"
            if old == vendor.id:
                out.append(Problem(vendor.source, line, col, where, f"{old!r} is this vendor's own id",
                                   "list only the ids the file had before it was renamed"))
            elif old in live:
                out.append(Problem(vendor.source, line, col, where,
                                   f"{old!r} is still the id of {live[old].source}; its address cannot redirect",
                                   f"remove {old!r} from former_ids, or rename or remove {live[old].source}"))
            elif old in claimed:
                out.append(Problem(vendor.source, line, col, where,
                                   f"{old!r} is also a former id of {claimed[old].source}",
                                   "an old address can redirect to one vendor only; keep it in one file"))
            else:
                claimed[old] = vendor
    return out
