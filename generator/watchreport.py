"""Print a ``watch`` report as text (a terminal), Markdown (a pull-request body) or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TextIO

from generator.diffreport import md
from generator.watchrun import PROBLEMS, VendorResult

WORDS = {"new": "first copy saved", "unchanged": "unchanged", "changed": "CHANGED", "blocked": "turned the robot away",
         "failed": "could not be fetched", "unreadable": "could not read"}
MARKDOWN_LIMIT = 60_000  # a pull-request body holds 65,536 characters


def _counts(results: list[VendorResult]) -> dict[str, int]:
    counts = {"vendors": len(results), "changed": 0, "new": 0, "unchanged": 0, "problem": 0}
    for r in results:
        counts[r.status] += 1
    return counts


def summary(results: list[VendorResult]) -> str:
    """One line: how many vendors changed, were saved for the first time, or could not be compared."""
    c = _counts(results)
    return (f"{c['vendors']} vendor(s) compared: {c['changed']} changed, {c['unchanged']} unchanged, "
            f"{c['new']} first copies saved, {c['problem']} could not be compared (old copies kept).")


def _text(results: list[VendorResult], out: TextIO) -> None:
    for r in results:
        for s in r.sources:
            if s.status in ("unchanged", "new"):
                out.write(f"{r.file}: {s.url}: {WORDS[s.status]}\n")
            elif s.status in PROBLEMS:
                out.write(f"{r.file}: {s.url}: {WORDS[s.status]}: {s.detail.removeprefix('could not read: ')}; "
                          f"the saved copy in {r.snapshot_file} is kept\n")
        if r.status != "changed":
            continue
        out.write(f"\n{r.file}: {r.name}'s policy CHANGED; new text saved in {r.snapshot_file}\n")
        for s in r.sources:
            for sec in s.sections:
                out.write(f"  {s.url}\n  section {sec.heading!r} ({sec.status}):\n")
                out.writelines(f"    - {sentence}\n" for sentence in sec.removed)
                out.writelines(f"    + {sentence}\n" for sentence in sec.added)
        out.write("  review in the record:\n")
        for f in r.review:
            where = f"{r.file}:{f.line}" if f.line else r.file
            out.write(f"    {where}: {f.field}: {f.why}\n")
        out.write("\n")
    out.write(summary(results) + "\n")


def _markdown(results: list[VendorResult]) -> str:
    changed = [r for r in results if r.status == "changed"]
    lines = ["## Vendor privacy policies: weekly comparison", "", summary(results), ""]
    if changed:
        lines += ["Each vendor below rewrote its policy. Read the change in the files of `snapshots/`, then update "
                  "the vendor file named here in this same pull request (and add a dated entry to `changes:` if "
                  "what the service keeps changed).", ""]
    for r in changed:
        lines += [f"### {md(r.name)}: review `{r.file}`", ""]
        for s in r.sources:
            for sec in s.sections:
                lines += [f"**Section: {md(sec.heading)}** ({sec.status}) at <{s.url}>", ""]
                lines += [f"- Removed: {md(sentence)}" for sentence in sec.removed]
                lines += [f"- Added: {md(sentence)}" for sentence in sec.added]
                lines.append("")
        lines += [f"Fields of `{r.file}` to review:", ""]
        for f in r.review:
            where = f" (line {f.line})" if f.line else ""
            lines.append(f"- `{f.field}`{where}: {md(f.why)}")
        lines.append("")
    problems = [(r, s) for r in results for s in r.sources if s.status in PROBLEMS]
    if problems:
        lines += ["### Could not be compared (the saved copies are kept)", "",
                  "| Vendor file | Address | What happened |", "|---|---|---|"]
        lines += [f"| `{r.file}` | <{s.url}> | {md(WORDS[s.status])}: {md(s.detail.removeprefix('could not read: '))} |"
                  for r, s in problems]
        lines.append("")
    new = [(r, s) for r in results for s in r.sources if s.status == "new"]
    if new:
        lines += ["### First copies saved", ""] + [f"- `{r.snapshot_file}`: <{s.url}>" for r, s in new] + [""]
    text = "\n".join(lines)
    if len(text) > MARKDOWN_LIMIT:
        cut = text.rfind("\n", 0, MARKDOWN_LIMIT)
        text = text[:cut] + "\n\n(The report is cut short here; run `privacy-registry watch` for all of it.)\n"
    return text


def write(results: list[VendorResult], fmt: str, out: TextIO) -> None:
    """Print the report in ``fmt`` (``text``, ``markdown`` or ``json``)."""
    if fmt == "json":
        payload = {"changed": any(r.status == "changed" for r in results), "summary": _counts(results),
                   "vendors": [{"id": r.id, "name": r.name, "file": r.file, "snapshot": r.snapshot_file,
                                "status": r.status, "sources": [asdict(s) for s in r.sources],
                                "review": [asdict(f) for f in r.review]} for r in results]}
        out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "markdown":
        out.write(_markdown(results))
    else:
        _text(results, out)
