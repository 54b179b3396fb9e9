"""``privacy-registry init DIR --name "Library name"``: write a complete, working site for a new library.

The site passes ``check`` and a strict build at once: an empty registry with the
shared vocabulary and one commented example, a home page and a privacy-policy
skeleton whose sections tell staff what to write (``check`` warns about each one
until it is written), the theme overrides, the JSON Schemas of the files staff edit
(``schema/``, named on each file's first line for editors), the GitHub workflows
(the registry's own checks), a Makefile and README with the same two commands as
this project, and CONTRIBUTING.md: the registry's staff guide, rendered from the
same template with the new site's names, files and examples.

The vocabulary and the theme overrides are copied from the registry's source
folder, which the new site's Makefile also installs the registry from
(``REGISTRY``), pinned by that folder's constraints.txt.
Nothing is ever overwritten; a folder that is not empty is refused unless
``--force`` is given, and then only missing files are written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, TextIO

import jinja2

from generator.commands import new
from generator.registry import CATEGORIES_FILE
from generator.settings import Settings
from generator.templating import md

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "init"
SCHEMAS = Path(__file__).resolve().parent.parent / "schema"
# The JSON Schemas of the files staff edit, copied into the new site (``schema/``) so that the
# first line of each vendor file, and editors, find them there.
EDITED_SCHEMAS = ("vendor", "categories", "members")
SCHEMA_DIR = new.SCHEMA_HOMES[-1]
_MODELINE = re.compile(r"\A(?:# yaml-language-server: \$schema=\S*\n)?")
SOURCE = Path(__file__).resolve().parents[2]  # the registry's source folder (an editable install)
NEEDED_FROM_SOURCE = ("pyproject.toml", "constraints.txt", "site_overrides", f"vendors/{CATEGORIES_FILE}")
_BAD_NAME = re.compile(r"[<>\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
EXAMPLE_NAME = "Example Service"
# The staff guide's whole-file examples (guide/<name>.yaml.j2): one service's record after each task.
GUIDE_EXAMPLES = ("changed", "retired", "corrected", "policy")
GUIDE_CHANGED = "Lingo Academy now keeps the mobile phone number whenever it is used, and its policy moved"


class InitError(Exception):
    """The site cannot be written; ``code`` is the exit status (1 refused, 2 usage)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _registry_path(dest: Path, source: Path) -> str:
    """How the new site's Makefile names the registry: relative when the site is inside it."""
    return os.path.relpath(source, dest) if dest.is_relative_to(source) else str(source)


def environment() -> jinja2.Environment:
    """The templates of a new site; ``|yaml`` quotes a value for YAML, readably (no ``\\u0026`` for ``&``)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


def guide(env: jinja2.Environment, name: str) -> dict[str, Any]:
    """What the staff guide (CONTRIBUTING.md.j2) says of the new site: its own files, terms and examples.

    The registry's own CONTRIBUTING.md is the same template with the WLS site's values
    (tests/test_staff_guide.py), so the two guides differ only where the sites do.
    """
    schema = f"../{SCHEMA_DIR}/vendor.schema.json"
    examples = {kind: env.get_template(f"guide/{kind}.yaml.j2").render(name=name, schema=schema)
                for kind in GUIDE_EXAMPLES}
    return {"site_of": name, "schema": schema, "policy_file": "privacy-policy.md",
            "own_policy_page": "privacy-policy.md",
            "review_months": Settings().review_months, "statute": None, "language": None,
            "examples": {**examples, "changed_intro": GUIDE_CHANGED},
            "test_comment": "make site, then check every link and anchor"}


def plan(dest: Path, name: str, source: Path = SOURCE, today: dt.date | None = None) -> dict[str, str | Path]:
    """Every file of the new site: relative path -> its text, or the source file to copy."""
    env = environment()
    context = {"name": name, "name_md": md(name), "registry": _registry_path(dest, source)}
    files: dict[str, str | Path] = {
        "mkdocs.yml": env.get_template("mkdocs.yml.j2").render(context),
        "README.md": env.get_template("README.md.j2").render(context),
        "Makefile": env.get_template("Makefile.j2").render(context),
        "policies/index.md": env.get_template("index.md.j2").render(context),
        "policies/privacy-policy.md": env.get_template("privacy-policy.md.j2").render(context),
        ".gitignore": (TEMPLATES / "gitignore").read_text("utf-8"),
        "CONTRIBUTING.md": env.get_template("CONTRIBUTING.md.j2").render(guide(env, name)),
        f"vendors/{CATEGORIES_FILE}": _modeline(source / "vendors" / CATEGORIES_FILE, "categories"),
        "vendors/README.md": _example(source / "vendors", today or dt.date.today()),
        ".vscode/settings.json": (TEMPLATES / "vscode-settings.json").read_text("utf-8"),
        ".pre-commit-config.yaml": (TEMPLATES / "pre-commit-config.yaml").read_text("utf-8"),
    }
    for schema in EDITED_SCHEMAS:
        files[f"{SCHEMA_DIR}/{schema}.schema.json"] = SCHEMAS / f"{schema}.schema.json"
    pins = {"{{ registry_repository }}": "FILL-IN-OWNER/patron-privacy-registry", "{{ registry_ref }}": _commit(source)}
    for workflow in sorted((TEMPLATES / "workflows").glob("*.yml.j2")):
        text = workflow.read_text("utf-8")  # GitHub's own ${{ }} expressions: no Jinja here
        for placeholder, value in pins.items():
            text = text.replace(placeholder, value)
        files[f".github/workflows/{workflow.name.removesuffix('.j2')}"] = text
    overrides = source / "site_overrides"
    for path in sorted(p for p in overrides.rglob("*") if p.is_file()):
        files[f"site_overrides/{path.relative_to(overrides).as_posix()}"] = path
    return files


def _commit(source: Path) -> str:
    """The registry's current commit, which the new site's workflows pin (``main`` outside a git checkout)."""
    try:
        result = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=30, check=False)
    except OSError:
        return "main"
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", commit) else "main"


def _modeline(path: Path, schema: str) -> str:
    """A registry file's text, its first line naming the schema where the new site keeps it."""
    line = f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema}.schema.json\n"
    return _MODELINE.sub(lambda _: line, path.read_text("utf-8"), count=1)


def _example(vendors_dir: Path, today: dt.date) -> str:
    """vendors/README.md: what the folder holds, and ``privacy-registry new``'s scaffold as an example."""
    _, text = new.scaffold(vendors_dir, EXAMPLE_NAME, today, f"../{SCHEMA_DIR}/vendor.schema.json")
    return ("# Vendor files\n\nOne YAML file per third-party service, named `<id>.yaml` (the id is permanent), and\n"
            "`_categories.yaml`, the kinds of patron data a file may name. To add a service, run\n"
            "`privacy-registry new \"Service name\"` in the site's folder, or copy the example below into\n"
            "`vendors/<id>.yaml` and fill in every field.\n\n```yaml\n" + text + "```\n")


def write(dest: Path, name: str, force: bool = False, source: Path = SOURCE) -> tuple[list[str], list[str]]:
    """Write the site into ``dest``; return the files written and the ones kept as they were."""
    name = " ".join(name.split())
    if not name or len(name) > 120 or _BAD_NAME.search(name):
        raise InitError("give the library's name as patrons know it (at most 120 characters, no < or >), "
                        "e.g. --name \"The Westport Library\"", 2)
    missing = [part for part in NEEDED_FROM_SOURCE if not (source / part).exists()]
    if missing:
        raise InitError(f"the registry's source folder ({source}) is not here, so {', '.join(missing)} cannot be "
                        "copied; install the registry from its source folder (pip install -e PATH)", 2)
    if dest.exists() and not dest.is_dir():
        raise InitError(f"{dest} is a file, not a folder; nothing was written")
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise InitError(f"{dest} is not empty; nothing was written (choose an empty or new folder, or add "
                        "--force to add only the files that are missing; existing files are never overwritten)")
    files = plan(dest.resolve() if dest.exists() else dest.absolute(), name, source)
    written, kept = [], []
    for rel, content in files.items():
        target = dest / rel
        if target.exists():
            kept.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            with content.open("rb") as src, target.open("xb") as out:
                shutil.copyfileobj(src, out)
        else:
            with target.open("x", encoding="utf-8") as handle:
                handle.write(content)
        written.append(rel)
    return written, kept


def run(dest: Path, name: str, force: bool = False, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Write the site and print the next steps; 0 written, 1 refused, 2 unusable arguments."""
    try:
        written, kept = write(dest, name, force)
    except InitError as exc:
        err.write(f"privacy-registry init: {exc}\n")
        return exc.code
    except OSError as exc:
        err.write(f"privacy-registry init: cannot write {dest}: {exc.strerror or exc}\n")
        return 2
    out.write(f"Created the patron privacy site of {' '.join(name.split())} in {dest} ({len(written)} files).\n")
    if kept:
        out.write(f"Kept {len(kept)} file(s) that were already there: {', '.join(kept)}\n")
    out.write(
        "\nNext steps:\n"
        f"  1. In {dest}/mkdocs.yml, set site_url and the library's privacy contact (lines marked FILL IN).\n"
        "  2. Write policies/privacy-policy.md: each section says what to write.\n"
        "  3. Add each third-party service: privacy-registry new \"Service name\" (run in the site's folder).\n"
        f"  4. Run 'make site' in {dest}; 'privacy-registry check' lists what is still to fill in.\n"
    )
    return 0
