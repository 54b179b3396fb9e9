"""Reading mkdocs.yml as MkDocs does, and what staff read when a setting is wrong.

In-process calls of :func:`generator.settings.read_settings` on small projects in a temporary folder:
each problem names the file, line, column, option and fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.settings import Settings, read_config, read_settings


def _project(tmp_path: Path, config: str, folders: tuple[str, ...] = ("vendors", "site_overrides")) -> Path:
    for folder in folders:
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    return tmp_path / "mkdocs.yml"


def _problems(config_file: Path) -> list[tuple[str, str, str]]:
    settings, problems = read_settings(config_file)
    assert settings is None or not problems
    return [(f"{p.file}:{p.line}:{p.col}", p.field, f"{p.message} | {p.hint}") for p in problems]


@pytest.mark.parametrize(("option", "value", "folders", "expected"), [
    ("vendors_dir", "vendorz", ("vendors",), "the registry folder 'vendorz' does not exist | did you mean 'vendors'?"),
    ("vendors_dir", "registry", ("vendors",),
     "the registry folder 'registry' does not exist | create the folder registry/ beside mkdocs.yml, or fix the path"),
    ("overrides_dir", "site_overides", ("vendors", "site_overrides"),
     "the overrides folder 'site_overides' does not exist | did you mean 'site_overrides'?"),
])
def test_a_missing_folder_is_named_with_the_nearest_one(tmp_path: Path, option: str, value: str,
                                                        folders: tuple[str, ...], expected: str) -> None:
    """A misspelt folder gets the folder staff probably meant; a new one, how to create it."""
    config = _project(tmp_path, f"site_name: Privacy\nplugins:\n  - privacy-registry:\n      {option}: {value}\n",
                      folders)
    assert _problems(config) == [("mkdocs.yml:4:20" if option == "vendors_dir" else "mkdocs.yml:4:22",
                                  f"plugins[0].privacy-registry.{option}", expected)]


def test_hidden_folders_and_files_are_never_suggested(tmp_path: Path) -> None:
    """``.vendors`` (hidden) and a file called ``vendorz`` are not folders staff mean."""
    config = _project(tmp_path, "plugins:\n  - privacy-registry:\n      vendors_dir: vendorx\n", (".vendorz",))
    (tmp_path / "vendorz").write_text("not a folder\n")
    assert _problems(config) == [("mkdocs.yml:3:20", "plugins[0].privacy-registry.vendors_dir",
                                  "the registry folder 'vendorx' does not exist | create the folder vendorx/ beside "
                                  "mkdocs.yml, or fix the path")]


def test_a_consortiums_missing_registry_is_named(tmp_path: Path) -> None:
    """A member site pointing at a consortium registry that is not there is told which setting to fix."""
    config = _project(tmp_path, "plugins:\n  - privacy-registry:\n      consortium:\n        member: smalltown\n"
                      "        registry: ../shared\n")
    found = _problems(config)
    assert found == [("mkdocs.yml:5:19", "plugins[0].privacy-registry.consortium.registry",
                      "the consortium's registry folder '../shared' does not exist | create the folder ../shared/ "
                      "beside mkdocs.yml, or fix the path")]


def test_the_default_overrides_folder_may_be_missing(tmp_path: Path) -> None:
    """Only a folder staff name must exist: a project without site_overrides/ is fine by default."""
    config = _project(tmp_path, "plugins:\n  - privacy-registry\n", ("vendors",))
    settings, problems = read_settings(config)
    assert problems == [] and settings == Settings()


def test_site_settings_are_read_beside_the_plugins(tmp_path: Path) -> None:
    """``docs_dir`` and ``site_url`` come from the site's settings; a blank site_url is no address."""
    config = _project(tmp_path, "site_url: https://library.example/privacy/\ndocs_dir: pages\nplugins:\n"
                      "  privacy-registry:\n    review_months: 6\n")
    settings, problems = read_settings(config)
    assert problems == [] and settings is not None
    assert (settings.docs_dir, settings.site_url, settings.review_months) == \
        ("pages", "https://library.example/privacy/", 6)
    config.write_text("site_url: '  '\ndocs_dir:\nplugins:\n  - privacy-registry\n", "utf-8")
    settings, _ = read_settings(config)
    assert settings is not None and (settings.site_url, settings.docs_dir) == (None, "docs")


@pytest.mark.parametrize(("text", "expected"), [
    ("- a list\n", [("mkdocs.yml:1:1", "(top level)",
                     "must be a set of settings (site_name: ..., plugins: ...) | ")]),
    ("site_name: [unclosed\n", [("mkdocs.yml:2:1", "site_name", "YAML syntax: did not find expected ',' or ']' "
                                 "(while parsing a flow sequence) | a bracket is not closed: end the list with ']' on "
                                 "the same line (or '}' for '{')")]),
    ("site_name: Privacy\nplugins:\n  - search\n  - privacy-regsitry:\n      vendors_dir: vendors\n",
     [("mkdocs.yml:4:5", "plugins[1].privacy-regsitry", "'privacy-regsitry' is not a known plugin | did you mean "
       "'privacy-registry'?")]),
    ("site_name: Privacy\nplugins:\n  - search\n  - privacy-registy\n",
     [("mkdocs.yml:4:5", "plugins[1].privacy-registy", "'privacy-registy' is not a known plugin | did you mean "
       "'privacy-registry'?")]),
    # Not close enough to suggest; a list inside the list is no plugin at all.
    ("site_name: Privacy\nplugins:\n  - [search]\n  - privacy\n",
     [("mkdocs.yml:2:1", "plugins", "the privacy-registry plugin is not enabled, so no registry pages are built | "
       "add '- privacy-registry' under 'plugins:'")]),
    ("site_name: Privacy\n", [("mkdocs.yml:1:1", "plugins", "the privacy-registry plugin is not enabled, so no "
                               "registry pages are built | add '- privacy-registry' under 'plugins:'")]),
    ("site_name: Privacy\nplugins:\n  - search\n", [("mkdocs.yml:2:1", "plugins", "the privacy-registry plugin is "
                                                     "not enabled, so no registry pages are built | add "
                                                     "'- privacy-registry' under 'plugins:'")]),
])
def test_a_configuration_without_the_plugin_says_so(tmp_path: Path, text: str,
                                                    expected: list[tuple[str, str, str]]) -> None:
    """Not a set of settings, broken YAML, or no plugin: one problem, at the place to fix."""
    config = _project(tmp_path, text)
    assert _problems(config) == expected
    if "[unclosed" in text:
        assert read_config(config) == {}


def test_an_unreadable_configuration_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """A mkdocs.yml saved in another encoding: one problem at the file, no settings, no traceback."""
    (tmp_path / "mkdocs.yml").write_bytes(b"site_name: Biblioth\xe8que\n")
    settings, problems = read_settings(tmp_path / "mkdocs.yml")
    assert settings is None
    assert len(problems) == 1 and problems[0].file == "mkdocs.yml" and problems[0].field == "(file)"
    assert (problems[0].line, problems[0].col) == (1, 20)
    assert "UTF-8" in problems[0].message + problems[0].hint
    assert read_config(tmp_path / "mkdocs.yml") == {}


def test_no_configuration_means_the_defaults(tmp_path: Path) -> None:
    """A folder with no mkdocs.yml has nothing to build: the defaults, no problem."""
    assert read_settings(tmp_path / "mkdocs.yml") == (Settings(), [])
    assert read_config(tmp_path / "mkdocs.yml") == {}


def test_read_config_gives_every_value_merged_and_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other plugins' settings (the languages) are read with INHERIT merged and !ENV resolved."""
    monkeypatch.setenv("PPR_TEST_NAME", "From the environment")
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme: {name: material}\nextra: {a: 1}\n", "utf-8")
    config = _project(tmp_path, "INHERIT: base.yml\nsite_name: !ENV PPR_TEST_NAME\nextra: {b: 2}\n")
    assert read_config(config) == {"site_name": "From the environment", "theme": {"name": "material"},
                                   "extra": {"a": 1, "b": 2}}
    config.write_text("- not\n- settings\n", "utf-8")
    assert read_config(config) == {}
    config.write_text("", "utf-8")
    assert read_config(config) == {}


@pytest.mark.parametrize(("block", "expected"), [
    ("  - privacy-registry: vendors\n", [("mkdocs.yml:3:23", "plugins[0].privacy-registry",
                                          "is text; the plugin's options must be a set of fields | write the options "
                                          "indented under it, e.g. 'vendors_dir: vendors'")]),
    ("  - privacy-registry:\n      review_months: many\n",
     [("mkdocs.yml:4:22", "plugins[0].privacy-registry.review_months", "is text; a whole number is expected | ")]),
    ("  search: {}\n  privacy-registry:\n    review_months: many\n",  # the mapping form
     [("mkdocs.yml:5:20", "plugins.privacy-registry.review_months", "is text; a whole number is expected | ")]),
    ("  - privacy-registry:\n      vendors_dir: yes\n",
     [("mkdocs.yml:4:20", "plugins[0].privacy-registry.vendors_dir",
       "YAML reads yes as true/false, but text is expected | put it in quotes: 'yes'")]),
    ("  - privacy-registry:\n      review_monhts: 3\n",
     [("mkdocs.yml:4:7", "plugins[0].privacy-registry.review_monhts",
       "is not a known field | did you mean 'review_months'?")]),
    ("  - search\n  - privacy-registry:\n      csp_meta: maybe\n      chart_inline_max: 10\n",
     [("mkdocs.yml:5:17", "plugins[1].privacy-registry.csp_meta", "is text; true or false is expected | "
       "write true or false, without quotes")]),
])
def test_a_wrong_option_is_named_where_it_is_written(tmp_path: Path, block: str,
                                                     expected: list[tuple[str, str, str]]) -> None:
    """Options that are not a set of fields, or of the wrong type: the line and column in mkdocs.yml."""
    config = _project(tmp_path, "site_name: Privacy\nplugins:\n" + block)
    assert _problems(config) == expected


def test_options_wrong_everywhere_stop_at_the_limit_with_a_note_at_the_options(tmp_path: Path) -> None:
    """Fifty problems in the plugin's options end the check with a note placed at the options, not at the
    file's first line, and named after them."""
    options = "".join(f"      z{n:02d}: 1\n" for n in range(52))
    config = _project(tmp_path, "site_name: Privacy\nplugins:\n  - search\n  - privacy-registry:\n" + options)
    problems = _problems(config)
    assert problems[0] == ("mkdocs.yml:5:7", "plugins[1].privacy-registry",
                           "checking stopped after 50 problems in this file | fix these and run the check again")
    assert len(problems) == 51 and problems[1][1] == "plugins[1].privacy-registry.z00"


def test_the_plugin_named_without_options_is_where_its_default_folder_is_reported(tmp_path: Path) -> None:
    """'- privacy-registry' alone uses the default folders: a missing one is reported at that line."""
    config = _project(tmp_path, "site_name: Privacy\nplugins:\n  - search\n  - privacy-registry\n", folders=())
    assert _problems(config) == [("mkdocs.yml:4:5", "plugins[1].privacy-registry.vendors_dir",
                                  "the registry folder 'vendors' does not exist | create the folder vendors/ beside "
                                  "mkdocs.yml, or fix the path")]


@pytest.mark.parametrize(("base", "expected"), [
    ("plugins:\n  - search\n  - privacy-registy\n",
     ("base.yml:3:5", "plugins[1].privacy-registy", "'privacy-registy' is not a known plugin | did you mean "
      "'privacy-registry'?")),
    ("plugins:\n  - search\n  - privacy-regsitry:\n      vendors_dir: vendors\n",
     ("base.yml:3:5", "plugins[1].privacy-regsitry", "'privacy-regsitry' is not a known plugin | did you mean "
      "'privacy-registry'?")),
    ("plugins:\n  - search\n", ("base.yml:1:1", "plugins", "the privacy-registry plugin is not enabled, so no "
                                "registry pages are built | add '- privacy-registry' under 'plugins:'")),
    ("plugins:\n  - search\n  - privacy-registry\n",
     ("base.yml:3:5", "plugins[1].privacy-registry.vendors_dir", "the registry folder 'vendors' does not exist | "
      "create the folder vendors/ beside mkdocs.yml, or fix the path")),
])
def test_a_plugin_problem_in_an_inherited_file_is_reported_in_that_file(tmp_path: Path, base: str,
                                                                        expected: tuple[str, str, str]) -> None:
    """With INHERIT, a misspelt, missing or bare plugin entry written in the parent file is reported there."""
    config = _project(tmp_path, "INHERIT: base.yml\nsite_name: Privacy\n", folders=())
    (tmp_path / "base.yml").write_text(base, "utf-8")
    assert _problems(config) == [expected]


HINT = "give the path of the base configuration, relative to this file"


@pytest.mark.parametrize(("config", "base", "expected"), [
    ("INHERIT: base.yml\nsite_name: Privacy\n", None,
     ("mkdocs.yml:1:10", "INHERIT", f"the inherited file 'base.yml' does not exist | {HINT}")),
    ("site_name: Privacy\nINHERIT: mkdocs.yml\n", None,
     ("mkdocs.yml:2:10", "INHERIT", f"'mkdocs.yml' inherits itself | {HINT}")),
    ("INHERIT: base.yml\n", "INHERIT: mkdocs.yml\n",
     ("base.yml:1:10", "INHERIT", f"'mkdocs.yml' inherits this file in turn: the INHERIT chain goes round in a circle"
                                  f" | {HINT}")),
    ("INHERIT: base.yml\nsite_name: Privacy\n", "- a list\n",
     ("base.yml:1:1", "(top level)", "must be a set of settings (site_name: ..., plugins: ...) | ")),
    ("INHERIT: base.yml\nsite_name: Privacy\n", "site_name: [oops\n",
     ("base.yml:2:1", "site_name", "YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence) | "
                                   "a bracket is not closed: end the list with ']' on the same line (or '}' for '{')")),
])
def test_a_broken_inherit_chain_is_reported_in_the_file_to_fix(tmp_path: Path, config: str, base: str | None,
                                                               expected: tuple[str, str, str]) -> None:
    """A missing or circular INHERIT, or broken YAML in the inherited file, is reported where it is written."""
    config_file = _project(tmp_path, config)
    if base is not None:
        (tmp_path / "base.yml").write_text(base, "utf-8")
    assert _problems(config_file) == [expected]
    assert read_config(config_file) == {}


def test_an_empty_configuration_has_no_plugin(tmp_path: Path) -> None:
    """An empty mkdocs.yml is a configuration without the plugin, not an unreadable one."""
    assert _problems(_project(tmp_path, "")) == [
        ("mkdocs.yml:1:1", "plugins", "the privacy-registry plugin is not enabled, so no registry pages are built | "
                                      "add '- privacy-registry' under 'plugins:'")]


def test_a_configuration_the_system_refuses_to_read_is_one_problem(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A mkdocs.yml the user may not read (another account's file; root can read anything, so the refusal is
    made here by hand): one problem at the file with the system's reason, no traceback."""
    import generator.settings

    def refuse(path: Path, **_: object) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(generator.settings, "read_source", refuse)
    config = _project(tmp_path, "site_name: Privacy\n")
    assert _problems(config) == [("mkdocs.yml:1:1", "(file)", "cannot be read: Permission denied | ")]
    assert read_config(config) == {}
