"""Benchmark the registry at consortium scale and write BENCHMARKS.md.

Usage: ``python bench/run.py [--sizes 20,200,2000] [--runs 5] [--out BENCHMARKS.md]``
(``make bench``; ``make bench BENCH_SIZES=20`` for a quick run).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import export, gitrepo, machine, report, sitesize, synth  # noqa: E402
from bench.measure import Command, Series, measure  # noqa: E402
from generator.i18n import languages_of  # noqa: E402
from generator.settings import read_config  # noqa: E402

DEFAULT_SIZES = (20, 200, 2000)
MEASUREMENTS = ("check", "build", "diff", "startup")
LARGE = 1000  # from this many vendors on, builds run fewer times (each takes a minute or more)
NO_CACHE = "PRIVACY_REGISTRY_NO_CACHE"  # generator.templating.DISABLE_CACHE
VENDOR_SCHEMA = ROOT / "generator" / "schema" / "vendor.schema.json"
HOOKTIMES = ROOT / "bench" / "hooktimes.py"  # runs mkdocs, noting the plugin's own time in each build


def _tool(name: str) -> str:
    """A console script of this interpreter's environment (the venv), else from PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"bench: {name} is not installed; run 'make install-test' first")
    return found


def _sizes(text: str) -> list[int]:
    sizes = [int(part) for part in re.split(r"[,\s]+", text.strip()) if part]
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are positive whole numbers, e.g. 20,200,2000")
    return sizes


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def diff_available(env: dict[str, str]) -> bool:
    """Whether this checkout's ``privacy-registry`` has a ``diff`` command."""
    result = subprocess.run([_tool("privacy-registry"), "diff", "--help"], env=env, capture_output=True, check=False)
    return result.returncode == 0


def bench_size(size: int, work: Path, env: dict[str, str], runs: int, build_runs: int, warmup: bool,
               with_diff: bool, only: set[str]) -> report.SizeResult:
    """Generate a registry of ``size`` vendors and measure check, build and diff on it (those in ``only``)."""
    pr = _tool("privacy-registry")
    base = work / f"vendors-{size}"
    project = synth.write_project(base / "project", size, ROOT)
    vendor_files = sorted(p.relative_to(project).as_posix() for p in (project / "vendors").glob("*.yaml")
                          if not p.name.startswith("_"))

    result = report.SizeResult(size)
    if "check" in only:
        _log(f"{size:,} vendors: check against check-jsonschema, {runs} run(s)")
        result.check, result.check_jsonschema = measure([
            Command("privacy-registry check", [pr, "check"], project),
            Command("check-jsonschema", [_tool("check-jsonschema"), "--schemafile", str(VENDOR_SCHEMA),
                                         *vendor_files], project),
        ], env, runs, warmup)

    if "build" in only:
        result.build_plugin, result.build_plain, result.build_cold, result.site, result.plugin_handlers = _builds(
            size, base, project, env, build_runs, warmup)
    if with_diff and "diff" in only:
        repo = synth.write_project(base / "repo", size, ROOT)
        gitrepo.make_repo(repo)
        _log(f"{size:,} vendors: diff --base HEAD with {gitrepo.CHANGED} changed vendors, {runs} run(s)")
        # Exit 1 is the command's answer when an entry is missing; both 0 and 1 are a finished run.
        result.diff, = measure([Command("privacy-registry diff --base HEAD", [pr, "diff", "--base", "HEAD"], repo,
                                        ok_status=(0, 1))], env, runs, warmup)
    return result


def _builds(size: int, base: Path, project: Path, env: dict[str, str], build_runs: int,
            warmup: bool) -> tuple[Series, Series, Series | None, sitesize.SiteSize | None, list[float]]:
    mkdocs = _tool("mkdocs")
    plain_config = export.export(project, base / "plain")
    _log(f"{size:,} vendors: site build with the plugin against plain Markdown, {build_runs} run(s)")
    hooks = base / "plugin-handlers.txt"  # bench/hooktimes.py adds a line per plugin build
    hooks.unlink(missing_ok=True)
    builds = [
        Command("mkdocs build with the plugin",
                [sys.executable, str(HOOKTIMES), str(hooks), "build", "--strict", "--clean",
                 "--site-dir", str(base / "site-plugin")], project),
        Command("mkdocs build of plain Markdown",
                [mkdocs, "build", "--strict", "--clean", "--config-file", str(plain_config),
                 "--site-dir", str(base / "site-plain")], plain_config.parent),
    ]
    if size < LARGE:  # what a first build (e.g. in CI) pays to compile the page templates
        builds.append(Command("mkdocs build with the plugin, no template cache",
                              [mkdocs, "build", "--strict", "--clean", "--site-dir", str(base / "site-plugin")],
                              project, extra_env={NO_CACHE: "1"}))
    plugin, plain, *cold = measure(builds, env, build_runs, warmup and size < LARGE)
    # One line per plugin build, the untimed warm-up first; none kept unless every timed build wrote one.
    handlers = [float(line) for line in hooks.read_text("utf-8").split()] if hooks.is_file() else []
    timed = len(plugin.samples)
    handlers = handlers[-timed:] if timed and len(handlers) >= timed else []
    others = languages_of(read_config(project / "mkdocs.yml")).others
    built = sitesize.measure_site(base / "site-plugin", others) if plugin.ok else None
    for site in ("site-plugin", "site-plain"):
        shutil.rmtree(base / site, ignore_errors=True)
    return plugin, plain, (cold[0] if cold else None), built, handlers


def _importtime(argv: list[str], env: dict[str, str]) -> list[tuple[str, int, int]]:
    """``(module, own µs, cumulative µs)`` for every import ``python -X importtime`` reports."""
    result = subprocess.run([sys.executable, "-X", "importtime", *argv], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)", line)
        if match:
            rows.append((match[3], int(match[1]), int(match[2])))
    return rows


def import_profile(env: dict[str, str]) -> tuple[float, bool, bool, list[tuple[str, float]]]:
    """What ``privacy-registry check`` imports beyond the bare interpreter.

    Returns the total import time in ms, whether MkDocs and jsonschema were imported,
    and the heaviest packages (cumulative ms, each including what it imports in turn).
    """
    bare = {name for name, _, _ in _importtime(["-c", "pass"], env)}
    rows = [r for r in _importtime(["-m", "generator", "check"], env) if r[0] not in bare]
    total = sum(own for _, own, _ in rows) / 1000
    mkdocs = any(name == "mkdocs" or name.startswith("mkdocs.") for name, _, _ in rows)
    packages: dict[str, float] = {}
    for name, _, cumulative in rows:
        if "." not in name or name.startswith("generator."):
            packages[name] = max(packages.get(name, 0.0), cumulative / 1000)
    heaviest = sorted(packages.items(), key=lambda kv: -kv[1])[:10]
    jsonschema = any(name == "jsonschema" for name, _, _ in rows)
    return total, mkdocs, jsonschema, heaviest


def bench_startup(env: dict[str, str], runs: int, warmup: bool) -> report.StartupResult:
    """``privacy-registry check`` on the real registry against the bare interpreter."""
    _log(f"start-up on the real registry, {runs} run(s)")
    python, check = measure([
        Command("python -c pass", [sys.executable, "-c", "pass"], ROOT),
        Command("privacy-registry check (14 vendors)", [_tool("privacy-registry"), "check"], ROOT),
    ], env, runs, warmup)
    total, mkdocs, jsonschema, heaviest = import_profile(env)
    return report.StartupResult(python, check, total, mkdocs, jsonschema, heaviest)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; write the Markdown report; 0 when every command ran."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES),
                        help="registry sizes, e.g. 20,200,2000 (default)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--build-runs", type=int, default=None,
                        help=f"timed runs of each site build below {LARGE:,} vendors (default: twice --runs, less one)")
    parser.add_argument("--large-build-runs", type=int, default=3,
                        help=f"timed runs of each site build from {LARGE:,} vendors on (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md",
                        help="the Markdown report, or a folder to write BENCHMARKS.md into")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw runs as JSON here")
    parser.add_argument("--work", type=Path, default=None, help="keep the generated projects in this folder")
    parser.add_argument("--only", type=lambda text: set(re.split(r"[,\s]+", text.strip())),
                        default=set(MEASUREMENTS), help="measure only some of: " + ",".join(MEASUREMENTS))
    parser.add_argument("--no-warmup", dest="warmup", action="store_false", help="skip the untimed first runs")
    args = parser.parse_args(argv)
    # A site build's ratio is a few hundredths from its goal, and the two builds' medians moved by up to 0.1
    # between full runs of five: site builds of small registries, a few seconds each, run about twice as often.
    small_build_runs = args.build_runs if args.build_runs is not None else 2 * args.runs - 1
    if args.runs < 1 or args.large_build_runs < 1 or small_build_runs < 1:
        parser.error("--runs, --build-runs and --large-build-runs must be at least 1")
    if not args.only <= set(MEASUREMENTS):
        parser.error("--only takes " + ", ".join(MEASUREMENTS))

    out: Path = args.out / "BENCHMARKS.md" if args.out.is_dir() or not args.out.suffix else args.out
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # Measure what staff's repeated runs cost: Python keeps compiled modules (__pycache__), as it
    # does unless told not to. With PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images set
    # it) every run would compile the project's own modules from source, and only those, since
    # installed packages come with their bytecode.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    load_before = machine.load_average()
    work = args.work or Path(tempfile.mkdtemp(prefix="privacy-registry-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    with_diff = diff_available(env)
    startup: report.StartupResult | None = None
    if not with_diff:
        _log("diff command not available: the diff measurement is skipped")
    results: list[report.SizeResult] = []
    try:
        if "startup" in args.only:
            startup = bench_startup(env, max(args.runs, 10), args.warmup)
        for size in sorted(set(args.sizes)):
            build_runs = min(args.runs, args.large_build_runs) if size >= LARGE else small_build_runs
            results.append(bench_size(size, work, env, args.runs, build_runs, args.warmup, with_diff, args.only))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    large = [s for s in args.sizes if s >= LARGE]
    small = [s for s in args.sizes if s < LARGE]
    runs_text = f"{args.runs} of each command" + (
        f"; {small_build_runs} of each site build at {', '.join(f'{s:,}' for s in small)} vendors"
        if small and small_build_runs != args.runs and "build" in args.only else "") + (
        f"; {min(args.runs, args.large_build_runs)} of each site build at {', '.join(f'{s:,}' for s in large)} vendors"
        " (no warm-up run)" if large else "") + (f"; start-up {max(args.runs, 10)}")
    notes_file = ROOT / "bench" / "NOTES.md"
    notes = notes_file.read_text("utf-8") if notes_file.exists() else ""
    text = report.render(machine.describe(), load_before, machine.load_average(), results, startup,
                         {"text": runs_text}, notes, elapsed, diff_available=with_diff)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, "utf-8")
    if args.json:
        args.json.write_text(json.dumps({"results": [asdict(r) for r in results],
                                         "startup": asdict(startup) if startup else None}, indent=1), "utf-8")
    _log(f"wrote {out} in {elapsed / 60:.1f} min")
    failed = [s for r in results for s in (r.check, r.check_jsonschema, r.build_plugin, r.build_plain, r.diff,
                                           r.build_cold)
              if s is not None and not s.ok]
    failed += [s for s in ((startup.python, startup.check) if startup else ()) if not s.ok]
    for series in failed:
        print(f"bench: {series.label} failed:\n{series.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
