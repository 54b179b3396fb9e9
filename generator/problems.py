"""A problem found in the registry, with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file: ``path:line:col: field: message``.

    ``line`` and ``col`` are 1-based; 0 means the whole file.
    """

    file: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""

    def text(self) -> str:
        """The one-line form staff read in a terminal."""
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"

