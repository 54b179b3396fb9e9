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


def _as_dict(p: Problem) -> dict[str, object]:
    return {"file": p.file, "line": p.line, "column": p.col, "field": p.field, "message": p.message, "hint": p.hint}


def _warning_title(w: Problem) -> str:
    """The annotation title of a warning: a missing translation, a record due for review, or another gap."""
    if "translations" in w.field or w.field == "(page)":
        return "Translation missing"
    if w.field == "privacy_policy":
        return "Address not confirmed"
    return "Review due" if w.field == "last_reviewed" else "Warning"


def report(problems: Iterable[Problem], fmt: str, out: TextIO, checked: int = 0,
           warnings: Iterable[Problem] = ()) -> None:
    """Write ``problems`` (and ``warnings``, which never fail a check) to ``out`` in format ``fmt``."""
    problems, warnings = list(problems), list(warnings)
    if fmt == "json":
        payload = {
            "ok": not problems,
            "files_checked": checked,
            "problems": [_as_dict(p) for p in problems],
            "warnings": [_as_dict(w) for w in warnings],
        }
        out.write(json.dumps(payload, indent=2) + "\n")
        return
    if fmt == "github":
        for p in problems:
            out.write(github_annotation(p) + "\n")
        for w in warnings:
            out.write(github_annotation(w, "warning", _warning_title(w)) + "\n")
    else:
        for p in problems:
            out.write(p.text() + "\n")
        for w in warnings:
            out.write(w.text().replace(f" {w.field}: ", f" {w.field}: warning: ", 1) + "\n")
        if warnings:
            out.write(f"{len(warnings)} warning(s): worth a look, but they do not fail the check.\n")
    if problems:
        out.write(f"{len(problems)} problem(s) in {len({p.file for p in problems})} file(s); nothing was changed.\n")
    else:
        out.write(f"ok: {checked} file(s) checked, no problems.\n")
