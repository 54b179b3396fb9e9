"""Compare two versions of one vendor record, field by field, by meaning.

The fields compared are every property of ``schema/vendor.schema.json`` (and any other
key either version holds), so a field added to the schema is reported without a change
here. Which of them are data-collection changes (a new dated entry needed) is declared
once, in :data:`COLLECTION_FIELDS`; every other field is shown for information.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from generator.difftypes import FieldChange, Kind
from generator.model import Vocabulary
from generator.yamlsrc import Document

KINDS = {"always": "always kept", "opt_in": "kept only if the patron opts in", "not_kept": "recorded as not kept",
         "always_one_of": "always kept, as one of several",
         "opt_in_one_of": "kept if the patron opts in, as one of several"}
# The data-collection fields, in report order, with the words for them. "data" (the categories)
# and "retired" have wordings of their own; "changes" is the history itself (see history.py).
COLLECTION_FIELDS: dict[str, tuple[Kind, str]] = {
    "data": ("record", "what is kept"),
    "retention": ("retention", "how long the data is kept"),
    "privacy_policy": ("privacy_policy", "the privacy-policy address"),
    "sources": ("record", "where the facts come from"),
    "sign_in": ("record", "how patrons sign in"),
    "identifiers_shared": ("record", "what the library passes to the vendor"),
    "retention_period": ("record", "the retention period"),
    "retention_by_category": ("record", "retention by kind of data"),
    "advertising_or_tracking": ("record", "advertising or tracking"),
    "sells_or_shares": ("record", "selling or sharing data"),
    "children": ("record", "children's data"),
    "how_to_avoid": ("record", "how to use it without giving the data"),
    "how_to_delete": ("record", "how to have data deleted"),
    "deletion_contact": ("record", "where to ask for deletion"),
    "library_itself": ("record", "whether this is the library's own record"),
    "retired": ("retired", "retirement"),
}
HISTORY_FIELD = "changes"
# What an absent field means, where it is not "nothing".
DEFAULTS: dict[str, Any] = {"privacy_policy_verified": False}  # left out: not confirmed
CATEGORY_LISTS = ("always", "opt_in", "not_kept", "one_of")
ANSWER = "#/$defs/answer"
SHORT_VALUE = 40  # a value this short (an answer, a period, an address) is named in the change's words


@functools.cache
def _schema_properties() -> dict[str, Any]:
    text = resources.files("generator").joinpath("schema/vendor.schema.json").read_text("utf-8")
    properties: dict[str, Any] = json.loads(text)["properties"]
    return properties


def schema_fields() -> tuple[str, ...]:
    """The top-level fields of a vendor record, in the schema's order."""
    return tuple(_schema_properties())


@functools.cache
def answer_fields() -> frozenset[str]:
    """The fields answered yes, no or unknown (the schema's ``answer``)."""
    return frozenset(k for k, v in _schema_properties().items() if v.get("$ref") == ANSWER)


def info_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Every field that is neither data collection nor history: the schema's, then any other key either side has."""
    known = schema_fields()
    extra = sorted((set(old) | set(new)) - set(known))
    return [k for k in (*known, *extra) if k not in COLLECTION_FIELDS and k != HISTORY_FIELD]


def text(value: Any) -> str | None:
    """A scalar's meaning as text: whitespace folded, None stays None."""
    return None if value is None else " ".join(str(value).split())


def _folded(value: Any) -> Any:
    """``value`` with the whitespace inside every text folded, as YAML line folding leaves the meaning alone."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_folded(v) for v in value]
    if isinstance(value, dict):
        return {k: _folded(v) for k, v in value.items()}
    return value


def canonical(key: str, value: Any) -> str | None:
    """A structured field's meaning as canonical text; for sources only kind, address and checked date count."""
    if value is None:
        return None
    value = _folded(value)
    if key == "sources" and isinstance(value, list):
        value = sorted((str(s.get("kind")), str(s.get("address")), str(s.get("checked")))
                       for s in value if isinstance(s, dict))
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = sorted(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)  # the loader gives only JSON's types


def _block(data: dict[str, Any]) -> dict[str, Any]:
    block = data.get("data")
    return block if isinstance(block, dict) else {}


def kinds(data: dict[str, Any], renamed: dict[str, str] | None = None) -> dict[str, str]:
    """category id -> its state: 'always', 'opt_in', 'not_kept', or '<kept>_one_of' (always wins a clash).

    ``renamed`` maps a category's former id to its id now (a declared rename is no change).
    """
    found: dict[str, str] = {}
    block = _block(data)
    groups = block.get("one_of")
    for group in groups if isinstance(groups, list) else []:
        cats = group.get("categories") if isinstance(group, dict) else None
        for cat in cats if isinstance(cats, list) else []:
            kept = group.get("kept")
            state = f"{kept}_one_of" if kept in ("always", "opt_in") else "always"
            found[(renamed or {}).get(str(cat), str(cat))] = state
    for kind in ("not_kept", "opt_in", "always"):
        values = block.get(kind)
        for cat in values if isinstance(values, list) else []:
            found[(renamed or {}).get(str(cat), str(cat))] = kind
    return found


def _label(vocabulary: Vocabulary, cat: str) -> str:
    """The category's label as it reads inside a sentence ("Email address" -> "email address")."""
    label = vocabulary.label(cat) if cat in vocabulary.by_id else cat
    if len(label) > 1 and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def _category_line(doc: Document, data: dict[str, Any], cat: str) -> int:
    block = _block(data)
    for kind in ("always", "opt_in"):
        values = block.get(kind)
        if isinstance(values, list) and cat in values:
            return doc.position(("data", kind, values.index(cat)))[0]
    return doc.key_position(("data",))[0]


def _category_change(cat: str, was: str | None, now: str | None, label: str, line: int) -> FieldChange | None:
    """How one category's state changed, in words; None when it did not."""
    if was == now:
        return None
    if was is None and now == "not_kept":
        return FieldChange("category_moved", "data.not_kept", f"{label} is now recorded as not kept (was not known)",
                           None, f"{cat} (not_kept)", line)
    if now is None and was == "not_kept":
        return FieldChange("category_moved", "data.not_kept", f"{label} is no longer recorded as not kept "
                           "(now not known)", f"{cat} (not_kept)", None, line)
    if was is None:
        assert now is not None
        return FieldChange("category_added", f"data.{now}", f"now keeps {label} ({KINDS[now]})", None,
                           f"{cat} ({now})", line)
    if now is None:
        # Taken off the lists means "not known", never "not kept" (that is not_kept): say no more than that.
        return FieldChange("category_removed", f"data.{was}",
                           f"is no longer recorded as keeping {label} (was {KINDS[was]}; now not known)",
                           f"{cat} ({was})", None, line)
    return FieldChange("category_moved", f"data.{now}", f"{label} is now {KINDS[now]} (was {KINDS[was]})",
                       f"{cat} ({was})", f"{cat} ({now})", line)


def _categories(work: Document, old: dict[str, Any], new: dict[str, Any], vocabulary: Vocabulary,
                renamed: dict[str, str] | None) -> list[FieldChange]:
    """Categories added, removed or moved, then any other part of the data block."""
    out: list[FieldChange] = []
    was, now = kinds(old, renamed), kinds(new, renamed)
    for cat in sorted(set(was) | set(now)):
        found = _category_change(cat, was.get(cat), now.get(cat), _label(vocabulary, cat),
                                 _category_line(work, new, cat))
        if found is not None:
            out.append(found)
    before_block, after_block = _block(old), _block(new)
    for key in sorted((set(before_block) | set(after_block)) - set(CATEGORY_LISTS)):
        out += _generic(work, f"data.{key}", ("data", key), before_block.get(key), after_block.get(key),
                        "record", f"data.{key}", collection=True)
    return out


def _verb(before: str | None, after: str | None) -> str:
    return "added" if before is None else "removed" if after is None else "changed"


def _scalar(value: Any, answer: bool = False) -> str | None:
    if isinstance(value, bool):  # YAML reads an unquoted yes / no as true / false
        return ("yes" if value else "no") if answer else str(value).lower()
    return text(value)


def _generic(work: Document, name: str, path: tuple[str, ...], old: Any, new: Any, kind: Kind, words: str,
             collection: bool) -> list[FieldChange]:
    """One field compared by its meaning; an information field's text reads "<field> changed"."""
    default = DEFAULTS.get(name)
    old, new = (default if old is None else old), (default if new is None else new)
    structured = isinstance(old, dict | list) or isinstance(new, dict | list)
    if structured:
        before, after = canonical(name, old), canonical(name, new)
    else:
        answer = name in answer_fields()
        before, after = _scalar(old, answer), _scalar(new, answer)
    if before == after:
        return []
    present = _present(work.data, path)
    line = 0 if not present else work.key_position(path)[0] if structured else work.position(path)[0]
    if not collection:
        wording = f"{words} changed"
    elif kind != "record" or structured or any(v is not None and len(v) > SHORT_VALUE for v in (before, after)):
        wording = f"{words} {_verb(before, after)}"  # the report shows a retention or address change's values
    elif name in answer_fields():  # left out means unknown
        wording = f"{words} changed from {before or 'unknown'} to {after or 'unknown'}"
    elif before is None:
        wording = f"{words} added ({after})"
    elif after is None:
        wording = f"{words} removed (was {before})"
    else:
        wording = f"{words} changed from {before} to {after}"  # "yes" to "no": which way it went
    return [FieldChange(kind, name, wording, before, after, line, collection=collection)]


def _present(data: Any, path: tuple[str, ...]) -> bool:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def _retired(work: Document, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    before, after = text(old.get("retired")), text(new.get("retired"))
    if before == after:
        return []
    if after is None:
        return [FieldChange("unretired", "retired", "offered again (no longer retired)", before)]  # no line: gone
    line = work.position(("retired",))[0]
    if before is None:
        return [FieldChange("retired", "retired", f"retired on {after}", None, after, line)]
    return [FieldChange("retired", "retired", f"retirement date changed to {after}", before, after, line)]


def compare(base: Document, work: Document, vocabulary: Vocabulary,
            renamed: dict[str, str] | None = None) -> list[FieldChange]:
    """Every difference in meaning between two versions of a vendor record (history apart)."""
    old: dict[str, Any] = base.data
    new: dict[str, Any] = work.data
    out = _categories(work, old, new, vocabulary, renamed)  # "data", first of COLLECTION_FIELDS
    for key, (kind, words) in COLLECTION_FIELDS.items():
        if key == "retired":
            out += _retired(work, old, new)
        elif key != "data":
            out += _generic(work, key, (key,), old.get(key), new.get(key), kind, words, collection=True)
    for key in info_fields(old, new):
        out += _generic(work, key, (key,), old.get(key), new.get(key), "field", key, collection=False)
    return out
