"""Review cadence and unconfirmed facts: check warns without failing, pages say what is not confirmed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.registry import load_registry
from generator.render import Renderer
from generator.review import cutoff
from tests.conftest import run_cli
from tests.test_changelog import text_of


def _set(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_cutoff_counts_calendar_months() -> None:
    assert cutoff(dt.date(2026, 11, 26), 12) == dt.date(2025, 11, 26)
    assert cutoff(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert cutoff(dt.date(2026, 1, 15), 3) == dt.date(2025, 10, 15)


def test_check_warns_about_records_due_for_review_but_passes(project: Path) -> None:
    today = dt.date.today()
    recent = (today - dt.timedelta(days=30)).isoformat()
    _set(project / "vendors/hoopla.yaml", "\nsources:", f"\nlast_reviewed: {recent}\nsources:")
    _set(project / "vendors/kanopy.yaml", "\nsources:", "\nlast_reviewed: 2023-01-10\nsources:")
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 0, result.stdout
    out = result.stdout
    assert "vendors/hoopla.yaml" not in out
    line = next(n for n, t in enumerate((project / "vendors/kanopy.yaml").read_text().splitlines(), 1)
                if t.startswith("last_reviewed:"))
    assert (f"vendors/kanopy.yaml:{line}:16: last_reviewed: warning: last reviewed 2023-01-10, more than 12 months "
            "ago") in out
    assert f"then set 'last_reviewed: {today.isoformat()}'" in out
    assert "vendors/tutor-com.yaml:2:1: last_reviewed: warning: library staff have never reviewed this record" in out
    assert out.count(": last_reviewed: warning: ") == 13 and "no problems" in out

    github = run_cli("--root", str(project), "check", "--format", "github")
    assert github.returncode == 0
    assert f"::warning file=vendors/kanopy.yaml,line={line},col=16,title=Review due::last_reviewed: " in github.stdout
    assert "::error" not in github.stdout
    report = json.loads(run_cli("--root", str(project), "check", "--format", "json").stdout)
    assert report["ok"] is True and sum(w["field"] == "last_reviewed" for w in report["warnings"]) == 13


def test_the_review_period_is_a_plugin_option(project: Path) -> None:
    _set(project / "vendors/kanopy.yaml", "\nsources:", "\nlast_reviewed: 2023-01-10\nsources:")
    _set(project / "mkdocs.yml", "review_months: 12", "review_months: 120")
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 0 and "vendors/kanopy.yaml" not in result.stdout
    _set(project / "mkdocs.yml", "review_months: 120", "review_months: 0")
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert "review_months" in result.stdout and "mkdocs.yml:" in result.stdout


def test_the_vendor_page_says_when_it_was_reviewed_and_that_it_may_be_out_of_date(project: Path) -> None:
    _set(project / "vendors/kanopy.yaml", "\nsources:", "\nlast_reviewed: 2025-01-10\nsources:")
    registry = load_registry(project / "vendors", project).registry
    assert registry is not None
    kanopy = next(v for v in registry.vendors if v.id == "kanopy")
    hoopla = next(v for v in registry.vendors if v.id == "hoopla")
    old = text_of(Renderer(registry, today=dt.date(2026, 11, 26)).vendor(kanopy))
    assert "Library staff last reviewed this record on January 10, 2025. That was more than 12 months ago, so " \
           "it may be out of date." in old
    fresh = text_of(Renderer(registry, today=dt.date(2025, 6, 1)).vendor(kanopy))
    assert "last reviewed this record on January 10, 2025." in fresh and "out of date" not in fresh
    never = text_of(Renderer(registry, today=dt.date(2025, 6, 1)).vendor(hoopla))
    assert "Library staff have not yet reviewed this record as a whole, so it may be out of date." in never


def test_home_page_agrees_with_the_policy_pages(built_site: Path) -> None:
    home = text_of((built_site / "index.html").read_text("utf-8"))
    assert "hand over your records to anyone else" not in home
    assert "can be passed to the outside companies" in home
    assert "hold history" in home and "your holds" not in home
