"""Print problems as text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from generator.problems import Problem

FORMATS = ("text", "json", "github")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, level: str = "error", title: str = "Registry problem") -> str:
    """One ``::error file=...,line=...::message`` workflow command."""
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line:
        props += [f"line={problem.line}", f"col={problem.col}"]
    props.append(f"title={_escape_property(title)}")
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    if problem.hint:
        message += f" ({problem.hint})"
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def report(problems: Iterable[Problem], fmt: str, out: TextIO, checked: int = 0) -> None:
    """Write ``problems`` to ``out`` in format ``fmt``."""
    problems = list(problems)
    if fmt == "json":
        payload = {
            "ok": not problems,
            "files_checked": checked,
            "problems": [
                {"file": p.file, "line": p.line, "column": p.col, "field": p.field,
                 "message": p.message, "hint": p.hint}
                for p in problems
            ],
        }
        out.write(json.dumps(payload, indent=2) + "\n")
        return
    if fmt == "github":
        for p in problems:
            out.write(github_annotation(p) + "\n")
    else:
        for p in problems:
            out.write(p.text() + "\n")
    if problems:
        out.write(f"{len(problems)} problem(s) in {len({p.file for p in problems})} file(s); nothing was changed.\n")
    else:
        out.write(f"ok: {checked} file(s) checked, no problems.\n")
