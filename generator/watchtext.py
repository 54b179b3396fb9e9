"""A policy page's readable text, normalised so that only a real rewrite counts as a change.

trafilatura finds the main content of the page (it drops navigation, headers,
footers, cookie banners and sidebars) and gives it as Markdown with headings
kept. The text is then normalised: Unicode NFC, typographic quotes and dashes
made plain, whitespace inside a block collapsed (so re-wrapping is not a
change), one blank line between blocks, links and images left out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import trafilatura

MIN_WORDS = 120  # a real privacy policy runs to hundreds of words; less is a challenge or a script-only page
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u00a0": " ", "\u200b": None, "\ufeff": None})
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(#{1,6}\s|[-*+]\s|\d+[.)]\s|\|)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Extracted:
    """The readable text of one page, or why it could not be read."""

    text: str
    readable: bool
    detail: str = ""

    @property
    def sha256(self) -> str:
        """The hash recorded in the snapshot header."""
        return digest(self.text)


def digest(text: str) -> str:
    """The SHA-256 of normalised text, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize(markdown: str) -> str:
    """Collapse whitespace and typography so re-wrapping and spacing are never changes."""
    text = unicodedata.normalize("NFC", markdown).translate(_PLAIN).replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[str] = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in raw.split("\n") if line.strip()]
        if not lines:
            continue
        if any(_ITEM.match(line) for line in lines):
            # Headings, list items and table rows stay one per line; a wrapped list item's
            # continuation joins its item, and each line's spaces collapse.
            joined: list[str] = []
            open_item = False
            for line in lines:
                heading = _HEADING.match(line)
                if heading:
                    joined.append(f"{heading.group(1)} {heading.group(2)}")
                elif open_item and not _ITEM.match(line):
                    joined[-1] += " " + line
                else:
                    joined.append(line)
                open_item = not heading and not line.startswith("|")
            blocks.append("\n".join(" ".join(line.split()) for line in joined))
        else:
            blocks.append(" ".join(" ".join(lines).split()))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def extract(html: bytes, url: str, min_words: int = MIN_WORDS) -> Extracted:
    """The main text of ``html`` as normalised Markdown; unreadable when empty or suspiciously short."""
    markdown = trafilatura.extract(
        html, url=url, output_format="markdown", include_formatting=True, include_tables=True,
        include_comments=False, include_links=False, include_images=False, favor_precision=True,
        with_metadata=False, deduplicate=False)
    text = normalize(markdown or "")
    words = len(_WORD.findall(text))
    if not text:
        return Extracted("", False, "the page has no readable text (it may need JavaScript, or be a robot "
                                    "check); open it in a browser")
    if words < min_words:
        return Extracted(text, False, f"the page's readable text is suspiciously short ({words} words; a policy "
                                      f"has at least {min_words}): it may need JavaScript, or be a robot check; "
                                      "open it in a browser")
    return Extracted(text, True)
