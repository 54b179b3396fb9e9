"""Messages for YAML that cannot be read, in words staff act on: the line, the slip, the fix.

Checks that run before the parser (tabs or look-alike spaces used as indentation,
leftover merge-conflict markers) and the reading of the parser's own errors
("could not find expected ':'" after ``name:Brainfuse``).
"""

from __future__ import annotations

import re
from typing import Any

Path = tuple[str | int, ...]
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")


class YamlError(Exception):
    """A problem that stops one file from being read at all."""

    def __init__(self, message: str, line: int, col: int, path: Path = (), hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.path = path
        self.hint = hint


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``index`` in ``text``."""
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


def near(text: str, line: int) -> Path:
    """The top-level field written at or above ``line``, to name where a syntax error is."""
    lines = text.split("\n")[: max(line, 1)]
    for candidate in reversed(lines):
        match = _TOP_KEY.match(candidate)
        if match:
            return (match.group(1),)
    return ()


def syntax_hint(problem: str) -> str:
    """The fix to suggest for one of the parser's messages."""
    if "mapping values are not allowed" in problem:
        return "put a value that contains ': ' in quotes, or check this line's indentation"
    if "could not find expected ':'" in problem or "did not find expected key" in problem:
        return "each line is 'field: value'; check the indentation and quotes here and on the line above"
    if "cannot start any token" in problem:
        return "put the value in quotes"
    if "quotation mark" in problem:
        return "add the closing quotation mark at the end of the value, or remove the opening one"
    if "',' or ']'" in problem or "',' or '}'" in problem:
        return "a bracket is not closed: end the list with ']' on the same line (or '}' for '{')"
    if "expected '-' indicator" in problem:
        return "list items ('- ...') and fields ('field: ...') are mixed at one indentation; line them up"
    return "check the indentation, quotes and brackets on this line and the line above"


def tab_check(text: str) -> None:
    """Refuse a tab used for indentation, where it is written."""
    index = text.find("\t")
    while index != -1:
        start = text.rfind("\n", 0, index) + 1
        before = text[start:index]
        if before.strip(" ") == "" or before.lstrip(" ").startswith("-") and before.strip(" -") == "":
            line, col = line_col(text, index)
            raise YamlError("a tab is used for indentation", line, col, near(text, line),
                            "indent with spaces; most editors have a 'convert tabs to spaces' setting")
        index = text.find("\t", index + 1)


_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.M)
# Spaces that look like spaces but are not YAML indentation (often pasted from Word or a web page).
_ODD_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ODD_INDENT = re.compile(f"^[ {_ODD_SPACES}]*[{_ODD_SPACES}]", re.M)
_NO_SPACE = re.compile(r"^[ ]*(?:- )?([A-Za-z_][A-Za-z0-9_-]*):([^\s/:#'\"])")


def markers_check(text: str) -> None:
    """Leftover merge-conflict markers and look-alike spaces used as indentation."""
    conflict = _CONFLICT.search(text) if "=======" in text or "<<<<<<<" in text or ">>>>>>>" in text else None
    if conflict:
        line, col = line_col(text, conflict.start())
        raise YamlError(f"a merge-conflict marker ('{conflict.group(1)}') was left in the file", line, col,
                        (), "keep the lines you want from both versions and delete the marker "
                        "lines (<<<<<<<, ======= and >>>>>>>)")
    odd = _ODD_INDENT.search(text) if any(space in text for space in _ODD_SPACES) else None
    if odd:
        at = next(i for i in range(odd.start(), odd.end()) if text[i] in _ODD_SPACES)
        line, col = line_col(text, at)
        char = text[at]
        raise YamlError(f"the line is indented with a non-breaking space (U+{ord(char):04X}), not an ordinary "
                        "space", line, col, near(text, line),
                        "delete the spaces at the start of the line and type ordinary spaces (text copied "
                        "from Word or a web page often brings these)")


def missing_space(text: str, upto: int) -> YamlError | None:
    """A ``field:value`` line (no space after the colon) at or above line ``upto``, named as such."""
    lines = text.split("\n")
    for number in range(min(upto, len(lines)), 0, -1):
        match = _NO_SPACE.match(lines[number - 1])
        if match:
            key = match.group(1)
            value = lines[number - 1][match.end(1) + 1:].rstrip()
            path: Path = (key,) if not lines[number - 1].startswith(" ") else near(text, number)
            return YamlError(f"'{_short(key + ':' + value, 40)}' has no space after the colon", number,
                             match.end(1) + 1, path,
                             f"write '{key}: {_short(value, 40)}', with a space after the colon")
    return None



def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
