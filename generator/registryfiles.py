"""The registry folder's files: which are vendor records, which are skipped and why, each read safely."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

from generator import schema
from generator.members import MEMBERS_FILE
from generator.problems import Problem
from generator.yamlsrc import Document, YamlError, decode, load, read_source

CATEGORIES_FILE = "_categories.yaml"
VENDOR_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_document(path: Path, display: str, problems: list[Problem]) -> Document | None:
    """Read and parse one YAML file; on failure add a problem and return None."""
    try:
        doc = load(decode(read_source(path, within=path.parent.parent)))
    except YamlError as exc:
        problems.append(Problem(display, exc.line, exc.col, schema.dotted(exc.path) or "(file)",
                                exc.message, exc.hint))
        return None
    except OSError as exc:
        problems.append(Problem(display, 1, 1, "(file)", f"cannot be read: {exc.strerror or exc}",
                                "check that it is a file and that it may be read"))
        return None
    if doc.data is None:
        problems.append(Problem(display, 1, 1, "(file)", "the file is empty (or holds only comments)",
                                "fill in the fields (name, service, website, privacy_policy, data, last_reviewed, "
                                "changes): copy another vendor file, or run "
                                "'privacy-registry new \"Name\"'; or delete it"))
        return None
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        problems.append(Problem(display, line, col, "(top level)",
                                f"is {schema.describe(doc.data)}; the file must be a set of fields",
                                "write one 'field: value' per line, starting with 'name: ...', with no '-' "
                                "or quotes in front"))
        return None
    return doc


def vendor_files(vendors_dir: Path) -> list[Path]:
    """The vendor files of a registry folder, sorted by id."""
    return sorted(p for p in vendors_dir.iterdir() if p.suffix == ".yaml" and not p.name.startswith(("_", ".")))


def misnamed_files(vendors_dir: Path) -> list[tuple[Path, str, str]]:
    """Every file in the registry folder that is not read as a record, with why and what to do.

    Returns ``(path, message, hint)`` for each: a file not named ``<id>.yaml`` (``.yml``,
    ``.yaml.txt``, no extension, another kind of file), a ``_name.yaml`` other than the
    vocabulary and the member list, and anything in a subfolder. A vendor record saved under
    another name would otherwise be left out of the site without a word. Left alone: README
    files (the folder's notes for staff) and hidden files (``.gitkeep``, an editor's or the
    system's own), except a bare ``.yaml`` or ``.yml``, which is a record without its id.
    """
    out = _skipped_files(vendors_dir)
    for path in sorted(vendors_dir.iterdir()):
        name = path.name
        lower = name.lower()
        if name.startswith("_") or lower.startswith("readme") or path.is_dir():
            continue
        if lower in (".yaml", ".yml"):
            out.append((path, "the file name has no vendor id before the extension",
                        "rename it to <id>.yaml, e.g. overdrive.yaml"))
            continue
        if name.startswith("."):
            continue
        stem = name.partition(".")[0]
        if not name.endswith(".yaml"):
            hint = _rename_hint(vendors_dir, stem)
            if not _yaml_like(name):
                hint = f"if it is a vendor record, {hint}; anything else belongs outside the {vendors_dir.name} folder"
            out.append((path, "vendor files are named <id>.yaml; this one is not read", hint))
            continue
        vendor_id = name[: -len(".yaml")]
        if not VENDOR_ID.match(vendor_id):
            out.append((path, f"{_short(vendor_id)!r} is not a valid vendor id (the file name is the id: "
                        "lower-case letters, digits and single hyphens)",
                        _rename_hint(vendors_dir, vendor_id)))
    return out


def _skipped_files(vendors_dir: Path) -> list[tuple[Path, str, str]]:
    """Files the loader would silently skip: ``_name`` files and anything in a subfolder."""
    out = []
    for path in sorted(vendors_dir.iterdir()):
        if path.name.startswith("_") and path.name not in (CATEGORIES_FILE, MEMBERS_FILE) and not path.is_dir():
            out.append((path, "files whose name starts with '_' are not read as vendors (only the vocabulary, "
                        f"{CATEGORIES_FILE}, and a consortium's member list, {MEMBERS_FILE}, are)",
                        f"if it is a vendor, rename it to {_suggest_id(path.name.partition('.')[0])}"
                        ".yaml; otherwise move it out of the vendors folder"))
    for folder, dirs, files in os.walk(vendors_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if Path(folder) == vendors_dir:
            continue
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().startswith("readme"):
                path = Path(folder) / name
                move = f"{vendors_dir.name}/{_suggest_id(name.partition('.')[0])}.yaml"
                out.append((path, f"is in a subfolder of {vendors_dir.name}/, where files are not read",
                            f"move it to {move} (one file per vendor, directly in the folder), or out of the "
                            "vendors folder" if _yaml_like(name) else
                            f"if it is a vendor record, move it to {move}; anything else belongs outside the "
                            f"{vendors_dir.name} folder"))
    return out


def _yaml_like(name: str) -> bool:
    """``x.yml``, ``x.yaml.txt``: a YAML file by its name, whatever else it ends in."""
    lower = name.lower()
    return lower.endswith((".yaml", ".yml")) or ".yaml." in lower or ".yml." in lower


def _rename_hint(vendors_dir: Path, name: str) -> str:
    """Suggest a free file name: a lower-case, hyphenated form of ``name``."""
    base = _suggest_id(name)
    if not (vendors_dir / f"{base}.yaml").exists():
        return f"rename the file to {base}.yaml"
    free = next(f"{base}-{n}" for n in itertools.count(2) if not (vendors_dir / f"{base}-{n}.yaml").exists())
    return f"rename the file, e.g. to {free}.yaml ({base}.yaml already exists: is this a copy of it?)"


def _suggest_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-") or "vendor-name"


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


