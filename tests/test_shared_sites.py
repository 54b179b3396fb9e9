"""The sites the session builds once are shared read-only: a test that writes into one is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import read_only


def _write(page: Path, how: str) -> None:
    if how == "change":
        page.write_text("edited chart", "utf-8")
    elif how == "add":
        page.with_name("index.html.bak").write_text("chart", "utf-8")
    else:
        page.unlink()


@pytest.mark.parametrize("write", ["change", "add", "remove"])
def test_a_write_into_a_shared_site_fails_the_session(tmp_path: Path, write: str) -> None:
    site = tmp_path / "site"
    (site / "services").mkdir(parents=True)
    (site / "index.html").write_text("home", "utf-8")
    (site / "services" / "index.html").write_text("chart", "utf-8")
    with pytest.raises(AssertionError, match=r"wrote into the shared site .*services/index\.html"), read_only(site):
        _write(site / "services" / "index.html", write)

def test_reading_a_shared_site_is_fine(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("home", "utf-8")
    with read_only(tmp_path):
        assert (tmp_path / "index.html").read_text("utf-8") == "home"
