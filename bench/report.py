"""Turn measured series into BENCHMARKS.md: machine, five tables, verdicts, notes."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from bench import sitesize
from bench.measure import Series

CHECK_GOAL = 0.5      # privacy-registry check / check-jsonschema at 2,000 vendors
BUILD_GOAL = 1.10     # plugin build / plain Markdown build, every size
DIFF_GOAL = 1.5       # diff at 2,000 vendors / diff at 20 vendors
STARTUP_GOAL = 0.3    # seconds above `python -c pass`
GOAL_SIZE = 2000
LARGE = 1000  # keep in step with bench/run.py
SMALL_SIZE = 20


@dataclass
class SizeResult:
    """Everything measured on one synthetic registry."""

    size: int
    check: Series | None = None  # None: not measured in this run
    check_jsonschema: Series | None = None
    build_plugin: Series | None = None
    build_plain: Series | None = None
    diff: Series | None = None  # also None when the diff command is not available in this checkout
    build_cold: Series | None = None  # the plugin build with the template cache turned off
    site: sitesize.SiteSize | None = None  # what the plugin build wrote
    # Seconds inside the plugin's own event handlers, one per timed plugin build (bench/hooktimes.py).
    plugin_handlers: list[float] = field(default_factory=list)

    def in_build_ratio(self) -> float | None:
        """Median over the plugin builds of each build's time against that time less the plugin's own."""
        if not self.build_plugin or not self.build_plugin.ok or not self.plugin_handlers:
            return None
        runs = zip((s.seconds for s in self.build_plugin.samples), self.plugin_handlers, strict=True)
        return statistics.median(wall / (wall - own) for wall, own in runs if wall > own)


@dataclass
class StartupResult:
    """Start-up on the real registry and what ``check`` imports."""

    python: Series
    check: Series
    import_ms: float
    mkdocs_imported: bool
    jsonschema_imported: bool
    heaviest: list[tuple[str, float]] = field(default_factory=list)


def seconds(series: Series | None) -> str:
    """``1.23 s (1.20–1.31)``: median, then the fastest and slowest run."""
    if series is None:
        return "not run"
    if not series.ok:
        return "failed"
    if len(series.samples) == 1:
        return _s(series.median)
    return f"{_s(series.median)} ({_s(series.low, unit=False)}–{_s(series.high, unit=False)})"


def _s(value: float, unit: bool = True) -> str:
    text = f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return f"{text} s" if unit else text


def ratio(a: Series | None, b: Series | None) -> float | None:
    """Median of ``a`` over median of ``b``, when both ran."""
    if a is None or b is None or not a.ok or not b.ok or b.median == 0:
        return None
    return a.median / b.median


def cpu_ratio(a: Series | None, b: Series | None) -> float | None:
    """Median CPU time of ``a`` over that of ``b`` (less sensitive to other load than wall time)."""
    if a is None or b is None or not a.ok or not b.ok or b.cpu_median == 0:
        return None
    return a.cpu_median / b.cpu_median


def low_ratio(a: Series | None, b: Series | None) -> float | None:
    """Fastest run of ``a`` over the fastest of ``b``: the runs least disturbed by other load."""
    if a is None or b is None or not a.ok or not b.ok or b.low == 0:
        return None
    return a.low / b.low


def _r(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _verdict(value: float | None, goal: float, strict: bool = False) -> str:
    if value is None:
        return "not measured"
    met = value < goal if strict else value <= goal
    if met:
        return "**met**"
    return f"**missed** by {value / goal - 1:.0%}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _errors(results: list[SizeResult], startup: StartupResult | None) -> list[str]:
    out = []
    for r in results:
        for s in (r.check, r.check_jsonschema, r.build_plugin, r.build_plain, r.diff, r.build_cold):
            if s is not None and s.error:
                out.append(f"- {r.size:,} vendors, {s.label}: `{s.error.splitlines()[0]}`")
    if startup:
        for s in (startup.python, startup.check):
            if s.error:
                out.append(f"- start-up, {s.label}: `{s.error.splitlines()[0]}`")
    return out


def render(machine: dict[str, str], load_before: str, load_after: str, results: list[SizeResult],
           startup: StartupResult | None, runs: dict[str, str], notes: str, elapsed: float,
           diff_available: bool = True) -> str:
    """The whole of BENCHMARKS.md."""
    by_size = {r.size: r for r in results}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand: the notes at the end come",
        "from `bench/NOTES.md`. Synthetic registries are generated from the real vocabulary",
        "(`vendors/_categories.yaml`) with a fixed seed, so every run measures the same files.",
        "Times are wall-clock medians with the fastest and slowest run in brackets; the commands",
        "of one comparison run interleaved, after one untimed warm-up run each. Goals are judged on",
        "the medians; the CPU-time and fastest-run ratios are there to read a run on a busy machine.",
        "",
        "## Machine",
        "",
        *_table(["", ""], [[k, v] for k, v in machine.items()]),
        f"| load average at start (1, 5, 15 min) | {load_before} |",
        f"| load average at end | {load_after} |",
        f"| runs | {runs['text']} |",
        f"| benchmark took | {elapsed / 60:.1f} min |",
        "",
    ]
    check_ratio = ratio(by_size[GOAL_SIZE].check, by_size[GOAL_SIZE].check_jsonschema) \
        if GOAL_SIZE in by_size else None
    lines += [
        "## 1. `privacy-registry check` against `check-jsonschema`",
        "",
        "Same vendor files; `check-jsonschema --schemafile generator/schema/vendor.schema.json vendors/*.yaml`.",
        "`privacy-registry check` also validates the vocabulary and the policy pages and cross-checks",
        f"categories and names. Goal: ratio <= {CHECK_GOAL} at {GOAL_SIZE:,} vendors: "
        f"{_verdict(check_ratio, CHECK_GOAL)}.",
        "",
        *_table(["vendors", "privacy-registry check", "check-jsonschema", "ratio", "CPU ratio"],
                [[f"{r.size:,}", seconds(r.check), seconds(r.check_jsonschema),
                  _r(ratio(r.check, r.check_jsonschema)), _r(cpu_ratio(r.check, r.check_jsonschema))]
                 for r in results]),
        "",
    ]
    build_ratios = [ratio(r.build_plugin, r.build_plain) for r in results]
    worst = max((b for b in build_ratios if b is not None), default=None)
    lines += [
        "## 2. Site build: the plugin's overhead",
        "",
        "`mkdocs build --strict` of the project with the plugin, against `mkdocs build --strict` of the same",
        "pages exported as plain Markdown files (what the plugin hands MkDocs, with the chart and policy facts",
        "already in; the same `mkdocs.yml` without the plugin, its nav written out). The plain build does",
        "not run the i18n plugin's duplicate search-entry check (`reconfigure_search: false`), which grows with",
        "the square of the entries; the plugin build leaves it nothing to compare (see `bench/export.py`).",
        f"Goal: ratio <= {BUILD_GOAL:.2f} at every size: {_verdict(worst, BUILD_GOAL)}"
        + (f" (worst {worst:.2f})." if worst is not None else "."),
        "",
        *_table(["vendors", "with the plugin", "plain Markdown", "ratio", "plugin's extra time", "CPU ratio",
                 "fastest-run ratio", "plugin's own handlers", "in-build ratio", "no template cache", "its ratio"],
                [[f"{r.size:,}", seconds(r.build_plugin), seconds(r.build_plain), _r(b),
                  (_s(r.build_plugin.median - r.build_plain.median)
                   if b is not None and r.build_plugin and r.build_plain else "n/a"),
                  _r(cpu_ratio(r.build_plugin, r.build_plain)), _r(low_ratio(r.build_plugin, r.build_plain)),
                  _s(statistics.median(r.plugin_handlers)) if r.plugin_handlers else "n/a", _r(r.in_build_ratio()),
                  seconds(r.build_cold) if r.build_cold else "not run", _r(ratio(r.build_cold, r.build_plain))]
                 for r, b in zip(results, build_ratios, strict=True)]),
        "",
        "\"No template cache\" is the plugin build with `PRIVACY_REGISTRY_NO_CACHE=1`: what a first build on a",
        f"fresh machine (such as a CI runner) pays to compile the page templates; not run from {LARGE:,} vendors on,",
        "where it is lost in the build. The goal is judged on the ordinary (cached) build.",
        "",
        "\"Plugin's own handlers\" is the time each plugin build spent inside the plugin's event handlers",
        "(loading the registry and generating every page included; `bench/hooktimes.py`), median; the",
        "\"in-build ratio\" is each plugin build's time against that time less its handlers', median. It is",
        "measured inside one build, so the machine's drift between one build and the next, which moves the",
        "ratio of two builds' medians, cannot move it; it leaves out anything the plugin costs MkDocs itself",
        "(such as the vendor pages' breadcrumbs), which only the ratio of the two builds shows.",
        "",
    ]
    diffs = [r for r in results if r.diff is not None and r.diff.ok]
    small = by_size.get(SMALL_SIZE)
    big = by_size.get(GOAL_SIZE)
    diff_ratio = ratio(big.diff, small.diff) if small and big else None
    lines += ["## 3. `privacy-registry diff --base HEAD` with 10 changed vendors", ""]
    if not diff_available:
        lines += ["The `diff` command is not available in this checkout (diff command not available);",
                  "this measurement runs once `privacy-registry diff --base REF` exists.", ""]
    elif not any(r.diff is not None for r in results):
        lines += ["Not measured in this run.", ""]
    else:
        lines += [
            "A git repository of the registry; 10 vendors spread over it then gain a category and a dated",
            "`changes` entry in the working tree, as in a pull request.",
            f"Goal: {GOAL_SIZE:,} vendors cost <= {DIFF_GOAL}x {SMALL_SIZE} vendors: "
            f"{_verdict(diff_ratio, DIFF_GOAL)}.",
            "",
            *_table(["vendors", "diff --base", f"ratio to {SMALL_SIZE} vendors"],
                    [[f"{r.size:,}", seconds(r.diff),
                      _r(ratio(r.diff, small.diff) if small else None)] for r in results]),
            "",
        ]
        if not diffs:
            lines += ["Every diff run failed; see the errors below.", ""]
    lines += ["## 4. Start-up on the real registry", ""]
    if startup is not None:
        above = (startup.check.median - startup.python.median) if startup.check.ok and startup.python.ok else None
        lines += [
            f"`privacy-registry check` on the project's own 14 vendors against `python -c pass`. Goal: less than "
            f"{STARTUP_GOAL} s above the interpreter's start: "
            + _verdict(above, STARTUP_GOAL, strict=True) + (f" ({above:.3f} s above)." if above is not None else "."),
            "",
            *_table(["command", "time"], [[startup.python.label, seconds(startup.python)],
                                          [startup.check.label, seconds(startup.check)]]),
            "",
            f"`python -X importtime` of `privacy-registry check`: {startup.import_ms:.0f} ms of imports beyond "
            f"those of `python -c pass`; MkDocs imported: **{'yes' if startup.mkdocs_imported else 'no'}**; "
            f"jsonschema imported: **{'yes' if startup.jsonschema_imported else 'no'}**. "
            "Heaviest imports (cumulative: each includes what it imports):",
            "",
            *_table(["module", "ms"], [[f"`{m}`", f"{ms:.1f}"] for m, ms in startup.heaviest]),
            "",
        ]
    else:
        lines += ["Not measured in this run.", ""]
    sizes = [r.size for r in results]
    memory_rows: list[list[str]] = []
    for label, attribute in (("privacy-registry check", "check"),
                             ("check-jsonschema", "check_jsonschema"),
                             ("mkdocs build with the plugin", "build_plugin"),
                             ("mkdocs build of plain Markdown", "build_plain"),
                             ("privacy-registry diff --base", "diff")):
        row = [label]
        for r in results:
            s: Series | None = getattr(r, attribute)
            row.append(f"{s.peak_mib:.0f}" if s is not None and s.ok else "n/a")
        memory_rows.append(row)
    lines += [
        "## 5. Peak memory",
        "",
        "Highest resident set size of the command and the children it waited for (`wait4`), MiB.",
        "",
        *_table(["command", *(f"{s:,} vendors" for s in sizes)], memory_rows),
        "",
    ]
    if startup is not None:
        lines += [f"Start-up on the real registry: `python -c pass` {startup.python.peak_mib:.0f} MiB, "
                  f"`privacy-registry check` {startup.check.peak_mib:.0f} MiB.", ""]
    lines += sitesize.section({r.size: r.site for r in results if r.site is not None},
                              {r.size: r.build_plugin for r in results})
    errors = _errors(results, startup)
    if errors:
        lines += ["## Errors", "", *errors, ""]
    if notes.strip():
        lines += [notes.strip(), ""]
    return "\n".join(lines)
