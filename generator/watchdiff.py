"""Compare two copies of a policy's text: the sections that changed, and the sentences.

The text is cut into sections at its Markdown headings; a section is known by
its heading, under its parent headings. Each section's paragraphs, list items
and table rows are split into sentences (sentencex, Wikimedia's rule-based
segmenter), and the old and new sentences are matched in order (difflib), so
a changed paragraph shows as the sentences removed and the sentences added.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import sentencex

TOP = "(before the first heading)"
_HEADING = re.compile(r"^(#{1,6}) (.*)$")
_MARK = re.compile(r"^(?:[-*+] |\d+[.)] )")


@dataclass(frozen=True)
class SectionChange:
    """The sentences removed from and added to one section (``heading`` is its path, ``>`` between levels)."""

    heading: str
    status: str  # changed | added | removed
    removed: tuple[str, ...]
    added: tuple[str, ...]


def sentences(block: str) -> list[str]:
    """The sentences of one paragraph, list item or table row, whitespace-trimmed."""
    block = _MARK.sub("", block.strip())
    if block.startswith("|"):
        cells = [c.strip() for c in block.strip("|").split("|")]
        if all(set(c) <= set("-: ") for c in cells):
            return []  # a table's separator row
        return [" | ".join(cells)]
    return [s.strip() for s in sentencex.segment("en", block) if s.strip()]


def sections(text: str) -> dict[str, list[str]]:
    """Heading path -> that section's sentences, in order of the text."""
    out: dict[str, list[str]] = {}
    path: list[tuple[int, str]] = []
    current = TOP
    for block in text.split("\n"):
        if not block.strip():
            continue
        heading = _HEADING.match(block)
        if heading:
            level = len(heading.group(1))
            path = [p for p in path if p[0] < level] + [(level, heading.group(2).strip())]
            current = " > ".join(title for _, title in path)
            key, n = current, 2
            while key in out:  # the same heading twice: keep both apart
                key, n = f"{current} ({n})", n + 1
            current = key
            out[current] = []
            continue
        out.setdefault(current, []).extend(sentences(block))
    return out


def compare(old: str, new: str) -> list[SectionChange]:
    """What changed from ``old`` to ``new``, section by section, in the new text's order."""
    before, after = sections(old), sections(new)
    changes = []
    for heading in [*after, *(h for h in before if h not in after)]:
        was, now = before.get(heading), after.get(heading)
        if was is None:
            changes.append(SectionChange(heading, "added", (), tuple(now or ())))
        elif now is None:
            changes.append(SectionChange(heading, "removed", tuple(was), ()))
        elif was != now:
            removed: list[str] = []
            added: list[str] = []
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
                if op in ("replace", "delete"):
                    removed.extend(was[i1:i2])
                if op in ("replace", "insert"):
                    added.extend(now[j1:j2])
            moved = set(removed) & set(added)  # a sentence moved within the section is not a change
            removed = [s for s in removed if s not in moved]
            added = [s for s in added if s not in moved]
            if removed or added:
                changes.append(SectionChange(heading, "changed", tuple(removed), tuple(added)))
    return changes
