"""Summarise mutmut's results per core module: killed/total, % killed, and the survivors by function.

Run by ``make mutation`` after ``mutmut run``; reads ``mutmut results --all true`` and writes Markdown.
Mutants listed in scripts/mutation_equivalent.txt (name, then a one-line reason) are equivalent to
the original code (no test can tell them apart): they are listed with their reason and left out of
the percentage.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

KEY = re.compile(r"^\s*(?P<name>(?P<module>[\w.]+?)\.x(?:_|ǁ)(?P<function>.+?)__mutmut_\d+): (?P<status>.+)$")
DETECTED = {"killed", "timeout", "caught by type check"}
EQUIVALENT_FILE = Path(__file__).with_name("mutation_equivalent.txt")


def equivalent() -> dict[str, str]:
    """Mutant name -> why it cannot be killed."""
    if not EQUIVALENT_FILE.is_file():
        return {}
    out = {}
    for line in EQUIVALENT_FILE.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.strip().partition(" ")
            out[name] = reason.strip()
    return out


def report(lines: list[str], known: dict[str, str]) -> tuple[str, bool]:
    """The Markdown report, and whether any module is under 85%."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, Counter[str]] = defaultdict(Counter)
    skipped: list[str] = []
    for line in lines:
        found = KEY.match(line)
        if not found:
            continue
        module, status, name = found["module"], found["status"], found["name"]
        if name in known:
            counts[module]["equivalent"] += 1
            skipped.append(f"- `{name}`: {known[name]}")
            continue
        if status == "not checked":
            counts[module]["not checked"] += 1
            continue
        counts[module]["total"] += 1
        if status in DETECTED:
            counts[module]["killed"] += 1
        else:
            survivors[module][f"{found['function'].replace('ǁ', '.')} ({status})"] += 1
    out = ["# Mutation testing (mutmut)", "", "| Module | Killed / total | % killed | Equivalent | Not checked |",
           "|---|---|---|---|---|"]
    low = False
    for module in sorted(counts):
        c = counts[module]
        share = f"{100 * c['killed'] / c['total']:.1f}%" if c["total"] else "not run"
        low = low or (bool(c["total"]) and 100 * c["killed"] < 85 * c["total"])
        out.append(f"| `{module}` | {c['killed']} / {c['total']} | {share} | {c['equivalent']} | "
                   f"{c['not checked']} |")
    for module in sorted(survivors):
        out += ["", f"## Survivors in `{module}`", ""]
        out += [f"- {function}: {n}" for function, n in sorted(survivors[module].items())]
    if skipped:
        out += ["", "## Equivalent mutants (left out of the percentage)", "", *skipped]
    return "\n".join(out) + "\n", low


def main() -> int:
    """Print or write the report; exit 1 when a module is under 85% killed (with --strict)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="write the report here (default: print it)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a module is under 85%% killed")
    args = parser.parse_args()
    mutmut = Path(sys.executable).with_name("mutmut")
    result = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        return 2
    text, low = report(result.stdout.splitlines(), equivalent())
    if args.out:
        args.out.write_text(text, "utf-8")
    sys.stdout.write(text.split("\n## ", 1)[0] + (f"\n(survivors: {args.out})\n" if args.out else ""))
    return 1 if low and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
