"""Part of the site generated in a process of its own: ``python -m generator.langworker IN OUT``.

:mod:`generator.workers` starts it for a further language of the site (or for the
default language's vendor pages of a large registry) and goes on with its own work
meanwhile. ``IN`` holds the pickled job (a private file that process has just written),
``OUT`` receives the pickled result. Any failure is an exit status other than 0 with its
traceback on stderr; the caller then does the job itself, so a problem is reported once,
from the process that builds the site.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    job_file, out_file = sys.argv[1:] if argv is None else argv
    job = pickle.loads(Path(job_file).read_bytes())
    Path(out_file).write_bytes(pickle.dumps(job.run(), protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
