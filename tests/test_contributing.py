"""The vendor file CONTRIBUTING.md tells staff to paste must pass the check as written."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

from tests.conftest import ROOT, run_cli


def test_the_add_a_vendor_example_passes_check(project: Path) -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    match = re.search(r"```yaml\n(   # yaml-language-server.*?)```", guide, re.S)
    assert match, "the 'Add a vendor' example is missing"
    # Staff put today's date; the example's date may be later than the test machine's clock.
    example = re.sub(r"\d{4}-\d{2}-\d{2}", dt.date.today().isoformat(), textwrap.dedent(match.group(1)))
    (project / "vendors" / "lingo-academy.yaml").write_text(example, "utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
