"""``privacy-registry new "Vendor name"``: scaffold ``vendors/<id>.yaml``, never overwriting.

The new file explains every field in comments and lists the known data
categories. The fields only staff can know (what the service is, its home page
and its privacy policy) are left empty, so ``check`` points at them until they
are filled in: a scaffold never passes as a finished record by accident.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import jinja2

from generator import schema
from generator.project import Project
from generator.registry import CATEGORIES_FILE, VENDOR_ID
from generator.templating import TEMPLATE_DIR
from generator.yamlsrc import YamlError, decode, load, read_source

# Letters that do not decompose into an ASCII letter plus an accent.
_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
                                "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "&": " and "})
# Where a project keeps the JSON Schemas that editors read: this repository's own, and the
# copy ``init`` writes into a new library's site. The first found is named in a new file; a
# project inside a copy of this repository (the examples) shares that copy's schemas.
SCHEMA_HOMES = ("generator/schema", "schema")
_NAME_RULE = re.compile(json.loads(schema.schema_text("vendor"))["properties"]["name"]["pattern"])


class NewVendorError(Exception):
    """The vendor cannot be created; the message says why and what to do.

    ``code`` is the exit status: 1 when the registry refuses the name, 2 when the name is unusable.
    """

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class _Group:
    label: str
    categories: list[dict[str, str]]


def slugify(name: str) -> str:
    """A vendor id from a display name: lower-case ASCII letters, digits and single hyphens.

    ``"Café Bücher & Co."`` -> ``"cafe-bucher-and-co"``.
    """
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATE))
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _read_yaml(path: Path) -> Any:
    try:
        return load(decode(read_source(path, within=path.parent))).data
    except (YamlError, OSError):
        return None


def _existing_names(vendors_dir: Path) -> dict[str, str]:
    """Display names of existing vendor files, case-folded -> file name (unreadable files are skipped)."""
    names: dict[str, str] = {}
    for path in sorted(vendors_dir.glob("*.y*ml")):
        if path.name.startswith("_"):
            continue
        data = _read_yaml(path)
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            names[data["name"].strip().casefold()] = path.name
    return names


def _groups(vendors_dir: Path) -> list[_Group]:
    data = _read_yaml(vendors_dir / CATEGORIES_FILE)
    if not isinstance(data, dict) or list(schema.validator("categories").iter_errors(data)):
        raise NewVendorError(f"{vendors_dir.name}/{CATEGORIES_FILE} has problems; run 'privacy-registry check' "
                             "and fix them first")
    return [_Group(g["label"], [c for c in data["categories"] if c["group"] == g["id"]]) for g in data["groups"]]


def schema_reference(root: Path, vendors_dir: Path, name: str = "vendor") -> str | None:
    """The schema ``name`` as a file in ``vendors_dir`` names it (relative), or None when the project has none.

    Editors resolve the ``yaml-language-server`` line against the file itself, so a path to a
    schema that is not in the project would silently give no completion at all.
    """
    candidates = [root / home for home in SCHEMA_HOMES] + [folder / SCHEMA_HOMES[0] for folder in root.parents]
    for folder in candidates:
        path = folder / f"{name}.schema.json"
        if path.is_file():
            return Path(os.path.relpath(path, vendors_dir)).as_posix()
    return None


def scaffold(vendors_dir: Path, name: str, today: dt.date, schema: str | None = None) -> tuple[Path, str]:
    """The path and text of a new vendor file, after every refusal rule has passed.

    ``schema`` is the vendor schema's path relative to ``vendors_dir``, named on the file's first
    line for editors; None leaves that line out.
    """
    name = " ".join(name.split())
    if not name:
        raise NewVendorError("give the service's name, e.g. privacy-registry new \"OverDrive\"", 2)
    if not _NAME_RULE.match(name) or len(name) > 120:
        raise NewVendorError(f"{name!r} cannot be a service name: use at most 120 characters and no < or >", 2)
    vendor_id = slugify(name)
    if not VENDOR_ID.match(vendor_id):
        raise NewVendorError(f"{name!r} has no letters or digits to make a file name from; "
                             "use the name patrons know, in Latin letters", 2)
    if not vendors_dir.is_dir():
        raise NewVendorError(f"there is no {vendors_dir.name}/ folder here; run the command in the project folder "
                             "or pass --root", 2)
    for suffix in (".yaml", ".yml"):
        existing = vendors_dir / f"{vendor_id}{suffix}"
        if existing.exists():
            raise NewVendorError(f"{vendors_dir.name}/{existing.name} already exists; edit that file instead "
                                 "(nothing was written)")
    squashed = vendor_id.replace("-", "")
    for other in sorted(vendors_dir.glob("*.y*ml")):
        if not other.name.startswith("_") and other.stem.replace("-", "") == squashed:
            raise NewVendorError(f"{vendors_dir.name}/{other.name} is almost the same id as {vendor_id!r}; "
                                 "edit that file if it is the same service, or choose a more distinct name "
                                 "(nothing was written)")
    taken = _existing_names(vendors_dir).get(name.casefold())
    if taken is not None:
        raise NewVendorError(f"{vendors_dir.name}/{taken} already uses the name {name!r}; edit that file, "
                             "or give the new service a distinct name (nothing was written)")
    groups = _groups(vendors_dir)
    width = max((len(c["id"]) for g in groups for c in g.categories), default=0)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", f"templates/{TEMPLATE_DIR}"),
        autoescape=False,  # YAML, not HTML: the name is quoted with json.dumps below
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    text = env.get_template("new_vendor.yaml.j2").render(
        name=name, name_yaml=json.dumps(name, ensure_ascii=False), vendor_id=vendor_id,
        today=today.isoformat(), groups=groups, width=width, schema=schema,
    )
    return vendors_dir / f"{vendor_id}.yaml", text


def run(project: Project, name: str, out: TextIO | None = None, err: TextIO | None = None,
        today: dt.date | None = None) -> int:
    """Write the scaffold and print the next steps; 0 written, 1 refused, 2 unusable name."""
    out, err = out or sys.stdout, err or sys.stderr  # looked up per call, so redirected output is honoured
    try:
        path, text = scaffold(project.vendors, name, today or dt.date.today(),
                              schema_reference(project.root, project.vendors))
    except NewVendorError as exc:
        err.write(f"privacy-registry new: {exc}\n")
        return exc.code
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never replace a file made meanwhile
            handle.write(text)
    except FileExistsError:
        err.write(f"privacy-registry new: {project.vendors.name}/{path.name} already exists; nothing was written\n")
        return 1
    shown = path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)
    out.write(
        f"Created {shown}\n\n"
        "Next steps:\n"
        f"  1. Open {shown} and fill in the lines marked FILL IN: service, website, privacy_policy.\n"
        "  2. List the data the service keeps under data: always and opt_in (category ids are listed in the file).\n"
        "  3. Run 'privacy-registry check' until it reports no problems.\n"
        "  4. Run 'make site' to preview, then open a pull request; see CONTRIBUTING.md.\n"
    )
    return 0
