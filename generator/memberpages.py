"""One page per member library of a consortium, listing the services it offers, and their index.

Plain pages with no script: the chart on each member page is the chart of the
services that member offers, so patrons can "filter" by their library by
following a link.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING

from generator.model import Member

if TYPE_CHECKING:
    from generator.render import Renderer

MEMBERS_DIR = "members"
MEMBERS_PAGE = f"{MEMBERS_DIR}/index.md"


def member_page(member_id: str) -> str:
    """The source path of a member library's page."""
    return f"{MEMBERS_DIR}/{member_id}.md"


def member_pages(renderer: Renderer) -> dict[str, str]:
    """The member index and one page per member library (none when the registry lists no members)."""
    registry = renderer.registry
    if not registry.members:
        return {}
    counts = {m.id: len(registry.offered_by(m.id)) for m in registry.members}
    out = {MEMBERS_PAGE: renderer.render_page("members.md.j2", MEMBERS_PAGE, counts=counts)}
    for member in registry.members:
        out[member_page(member.id)] = _member(renderer, member)
    return out


def _member(renderer: Renderer, member: Member) -> str:
    page = member_page(member.id)
    offered = tuple(v for v in renderer.registry.vendors if v.offered_by(member.id))
    narrowed = copy.copy(renderer)
    narrowed.registry = dataclasses.replace(renderer.registry, vendors=offered)
    chart = narrowed.chart(page, caption_id="ppr-chart") if narrowed.registry.active else ""
    return renderer.render_page("member.md.j2", page, member=member, chart=chart, offered=narrowed.registry.active)
