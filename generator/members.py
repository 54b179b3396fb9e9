"""A consortium's member libraries (``vendors/_members.yaml``) and which of them offer each service.

A library system or consortium keeps one registry for all its members. The
member list is part of that registry, so a member library's own site that uses
the registry as its source gets the list with it. A vendor record's
``members:`` names the member libraries that offer the service; without it,
every member does.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from generator import schema
from generator.model import Member, Vendor
from generator.problems import Problem
from generator.yamlsrc import Document, YamlError, decode, load, read_source

MEMBERS_FILE = "_members.yaml"


def load_members(vendors_dir: Path, display: str) -> tuple[tuple[Member, ...], list[Problem]]:
    """The member libraries listed in ``vendors_dir/_members.yaml`` (none when the file is absent)."""
    path = vendors_dir / MEMBERS_FILE
    if not path.exists():
        return (), []
    try:
        doc = load(decode(read_source(path, within=vendors_dir.parent)))
    except YamlError as exc:
        return (), [Problem(display, exc.line, exc.col, schema.dotted(exc.path) or "(file)",
                            exc.message, exc.hint)]
    except OSError as exc:
        return (), [Problem(display, 1, 1, "(file)", f"cannot be read: {exc.strerror or exc}")]
    if doc.data is None:
        return (), [Problem(display, 1, 1, "(file)", "the file is empty (or holds only comments)",
                            "list the member libraries under 'members:' (id and name each), or delete the file")]
    problems = schema.validate("members", doc, display)
    if problems:
        return (), problems
    seen: set[str] = set()
    members = []
    for i, item in enumerate(doc.data["members"]):
        if item["id"] in seen:
            line, col = doc.position(("members", i, "id"))
            problems.append(Problem(display, line, col, f"members[{i}].id",
                                    f"the member library {item['id']!r} is listed twice", "keep one"))
        seen.add(item["id"])
        members.append(Member(item["id"], item["name"].strip(), item.get("website")))
    return (() if problems else tuple(members)), problems


def member_checks(vendors: list[Vendor], docs: dict[str, Document], members: tuple[Member, ...],
                  members_display: str) -> list[Problem]:
    """Every vendor's ``members:`` names member libraries of this registry."""
    known = [m.id for m in members]
    out = []
    for vendor in vendors:
        if vendor.members is None:
            continue
        doc = docs[vendor.source]
        if not members:
            line, col = doc.key_position(("members",))
            out.append(Problem(vendor.source, line, col, "members",
                               f"this registry lists no member libraries ({members_display} is missing)",
                               f"list them in {members_display}, or remove 'members' (every patron is offered it)"))
            continue
        for i, member_id in enumerate(vendor.members):
            if member_id not in known:
                line, col = doc.position(("members", i))
                close = difflib.get_close_matches(member_id, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"add it to {members_display}, or fix the id"
                out.append(Problem(vendor.source, line, col, f"members[{i}]",
                                   f"{member_id!r} is not a member library in {members_display}", hint))
    return out


def member_ids(data: dict[str, Any]) -> tuple[str, ...] | None:
    """A validated vendor record's ``members:`` (None: offered by every member library)."""
    value = data.get("members")
    return None if value is None else tuple(value)
