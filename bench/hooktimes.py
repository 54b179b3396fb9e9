"""Run MkDocs and note how long the privacy-registry plugin's own event handlers took in that build.

Usage: ``python bench/hooktimes.py REPORT build --strict ...`` (the arguments of ``mkdocs``).
When the build ends, one line is appended to REPORT: the wall seconds spent inside the
plugin's handlers (loading the registry and generating every page in ``on_config`` included).
Section 2 of BENCHMARKS.md sets each build's time against that time taken out of it: a ratio
from inside one build, which the machine's drift between one build and the next cannot move.
"""

from __future__ import annotations

import atexit
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PLUGIN_PACKAGE = "generator."  # the modules whose handlers are counted


def _timed(method: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    @functools.wraps(method)
    def handler(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start
    return handler


def main() -> None:
    report = Path(sys.argv.pop(1))
    from mkdocs.__main__ import cli
    from mkdocs.plugins import PluginCollection

    spent = [0.0]
    run_event = PluginCollection.run_event
    wrapped: set[int] = set()

    def counting_run_event(self: PluginCollection, name: str, *args: Any, **kwargs: Any) -> Any:
        if id(self) not in wrapped:  # the plugins are loaded by now; wrap ours once
            wrapped.add(id(self))
            for methods in self.events.values():
                for i, method in enumerate(methods):
                    if (getattr(method, "__module__", None) or "").startswith(PLUGIN_PACKAGE):
                        methods[i] = _timed(method, spent)
        return run_event(self, name, *args, **kwargs)

    PluginCollection.run_event = counting_run_event  # type: ignore[method-assign]

    def note() -> None:
        with report.open("a", encoding="utf-8") as out:
            out.write(f"{spent[0]!r}\n")

    atexit.register(note)
    sys.argv[0] = "mkdocs"
    cli()


if __name__ == "__main__":
    main()
