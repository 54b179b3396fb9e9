"""Run outside a project, or pointed at a folder that is not one, every command says so plainly.

It names the folder it looked in, says that no mkdocs.yml was found there, and how to point
at the site (--root, or run the command in the site's folder); it never reports the
registry folder as missing, writes nothing, and exits 2 (a usage error).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT, run_cli

COMMANDS = [("check",), ("check", "--format", "json"), ("build",), ("new", "Lingo Academy"), ("diff", "--base", "HEAD"),
            ("export", "exported"), ("publish-config",), ("linkcheck",), ("watch",)]


def test_check_with_a_root_that_does_not_exist(tmp_path: Path) -> None:
    """The reviewer's case, run as staff would: a mistyped --root."""
    nowhere = tmp_path / "no-such-site"
    result = run_cli("check", "--root", str(nowhere), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"privacy-registry check: no project at {nowhere}: that folder does not exist. ")
    assert "Give --root the site's folder (the one that holds mkdocs.yml)" in result.stderr
    assert "run the command in that folder" in result.stderr
    assert "registry folder" not in result.stderr and "Traceback" not in result.stderr
    assert not nowhere.exists()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_run_outside_a_project_says_where_it_looked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: tuple[str, ...],
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert main(list(command)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"privacy-registry {command[0]}: no project found: neither {folder} nor any folder above it "
                          "holds mkdocs.yml"), err
    assert "Run the command in the site's folder" in err and "--root DIR" in err
    assert 'privacy-registry init DIR --name "Library name"' in err
    assert "registry folder does not exist" not in err
    assert list(folder.iterdir()) == [], "nothing is written"


def test_a_folder_holding_sites_names_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run from the folder that holds the sites (a common slip), the message names the way in."""
    for name in ("millbrook", "ardsley"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    assert main(["check", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"no project at {tmp_path}: it holds no mkdocs.yml. " in err
    assert f"Below it, ardsley/ and millbrook/ each hold a site (--root {tmp_path / 'ardsley'})." in err


def test_root_given_the_configuration_file_instead_of_its_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(ROOT / "mkdocs.yml")]) == 2
    assert capsys.readouterr().err == f"privacy-registry check: --root takes the site's folder, not its mkdocs.yml: " \
                                      f"--root {ROOT}\n"


def test_a_pull_request_run_shows_it_as_the_steps_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "github", "--root", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out.startswith(f"::error title=privacy-registry check::no project at {tmp_path}: it holds no mkdocs.yml. ")
    assert err.startswith("privacy-registry check: no project at ")


def test_a_project_is_still_found_from_a_folder_inside_it(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project / "vendors")
    assert main(["check"]) == 0
    assert "no problems" in capsys.readouterr().out
