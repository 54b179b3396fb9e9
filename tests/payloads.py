"""Markup payloads, and a registry carrying them in every text field (validation bypassed).

``check`` refuses ``<``, ``>`` and Markdown links, so these can only reach the renderer
if validation were skipped or broken; rendering must make them harmless on its own.
Also used as an MkDocs hook (see ``install_hook``) to feed the real plugin this registry.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.model import Category, Change, Group, Registry, Vocabulary
from generator.policies import Policy

PAYLOADS = (
    "</title><script>alert(1)</script>",
    "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
    "<img src=x onerror=alert(3)>",
    "[click](javascript:alert(4))",
    "![pixel](javascript:alert(5))",
    '" onmouseover="alert(6)',
    "' onfocus='alert(7)' autofocus x='",
    "<javascript:alert(8)> &#60;script&#62;alert(8)&#60;/script&#62;",
    'x {: onclick="alert(9)" } { #id onclick=alert(9) }',
    "line\n\n<script>alert(10)</script>\n# heading\n!!! danger \"x\"\n    <svg onload=alert(10)>",
    "<!-- --><iframe src=javascript:alert(11)></iframe>]]>",
    "{{ 7*7 }} {% raw %} [ref]: javascript:alert(12)",
    "ends the block\n\n[link](javascript:alert(14)) ![img](javascript:alert(14))\n\n<b onclick=alert(14)>",
)
HOSTILE_URL = 'https://payload.example/p?q="><script>alert(13)</script>'


def payload(i: int) -> str:
    """The ``i``-th payload, cycling."""
    return PAYLOADS[i % len(PAYLOADS)]


def hostile_registry(base: Registry) -> Registry:
    """``base`` with a payload in every text field of every vendor and of the vocabulary."""
    vendors = []
    for i, v in enumerate(base.vendors):
        vendors.append(dataclasses.replace(
            v, name=f"{payload(i)} {v.name}", service=payload(i + 1), note=payload(i + 2),
            retention=payload(i + 3), how_to_avoid=payload(i + 4),
            website=HOSTILE_URL, privacy_policy=HOSTILE_URL,
            changes=tuple(Change(c.date, payload(i + 5 + j)) for j, c in enumerate(v.changes))))
    vocab = base.vocabulary
    categories = tuple(Category(c.id, f"{payload(i)} {c.label}", payload(i + 6), c.group, c.aliases, c.dpv)
                       for i, c in enumerate(vocab.categories))
    groups = tuple(Group(g.id, f"{payload(i + 7)} {g.label}") for i, g in enumerate(vocab.groups))
    return Registry(Vocabulary(groups, categories), tuple(vendors))


def hostile_policy(policy: Policy) -> Policy:
    """A policy whose approving body and revision summaries carry payloads."""
    revisions = tuple(Change(r.date, payload(3 + i)) for i, r in enumerate(policy.revisions))
    return dataclasses.replace(policy, title=payload(1), approved_by=payload(0), policy_number=payload(2),
                               revisions=revisions, unconfirmed=())  # shown as facts, so the payloads reach pages


HOOK = '''"""MkDocs hook (test only): feed the real plugin the hostile registry and policies."""
import dataclasses

import generator.plugin as plugin
from tests.payloads import hostile_policy, hostile_registry

_load_registry, _load_policies = plugin.load_site_registry, plugin.load_policies


def _registry(*args, **kwargs):
    loaded = _load_registry(*args, **kwargs)
    return dataclasses.replace(loaded, registry=hostile_registry(loaded.registry))


def _policies(*args, **kwargs):
    policies, problems = _load_policies(*args, **kwargs)
    return [hostile_policy(p) if p.approved_by else p for p in policies], problems


plugin.load_site_registry, plugin.load_policies = _registry, _policies
'''


def install_hook(project: Path) -> None:
    """Make ``project``'s MkDocs build use the hostile registry through the real plugin."""
    (project / "payload_hook.py").write_text(HOOK, "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - payload_hook.py\n", "utf-8")


class MarkupAudit(HTMLParser):
    """Collects every way a payload could have become live markup in a page."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=...>")
            if name in self.URL_ATTRS and value and value.strip().lower().startswith(("javascript:", "vbscript:")):
                self.findings.append(f"<{tag} {name}={value!r}>")
            if name == "autofocus":
                self.findings.append(f"<{tag} autofocus>")
        if tag in ("iframe", "object", "embed"):  # (Material draws its icons with inline <svg>)
            self.findings.append(f"<{tag}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.findings.append("<img src=x>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.findings.append(f"<script>{data[:60]}")


def audit(markup: str) -> list[str]:
    """Live markup found in an HTML document or fragment."""
    parser = MarkupAudit()
    parser.feed(markup)
    parser.close()
    return parser.findings


def strings_in(value: Any) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []
