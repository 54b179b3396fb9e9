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
    """Files in the registry folder that look meant as vendor files but are not named ``<id>.yaml``.

    Returns ``(path, message, hint)`` for each: YAML files in a subfolder or named with a
    leading ``_`` (other than the vocabulary) are never read, so each is reported. Hidden
    files other than a bare ``.yaml`` or ``.yml``, and README files, are left alone.
    """
    out = _skipped_files(vendors_dir)
    for path in sorted(vendors_dir.iterdir()):
        name = path.name
        lower = name.lower()
        if name.startswith("_") or lower.startswith("readme") or not path.is_file():
            continue
        if lower in (".yaml", ".yml"):
            out.append((path, "the file name has no vendor id before the extension",
                        "rename it to <id>.yaml, e.g. overdrive.yaml"))
            continue
        if name.startswith("."):
            continue
        stem = name.partition(".")[0]
        if name.endswith(".yaml"):
            vendor_id = name[: -len(".yaml")]
        elif lower.endswith((".yaml", ".yml")) or ".yaml." in lower or ".yml." in lower:
            out.append((path, "vendor files are named <id>.yaml; this one is not read",
                        _rename_hint(vendors_dir, stem)))
            continue
        else:
            continue
        if not VENDOR_ID.match(vendor_id):
            out.append((path, f"{_short(vendor_id)!r} is not a valid vendor id (the file name is the id: "
                        "lower-case letters, digits and single hyphens)",
                        _rename_hint(vendors_dir, vendor_id)))
    return out


def _skipped_files(vendors_dir: Path) -> list[tuple[Path, str, str]]:
    """YAML files the loader would silently skip: ``_name.yaml`` and anything in a subfolder."""
    out = []
    for path in sorted(vendors_dir.iterdir()):
        if path.name.startswith("_") and path.name not in (CATEGORIES_FILE, MEMBERS_FILE) \
                and path.suffix in (".yaml", ".yml") and path.is_file():
            out.append((path, "files whose name starts with '_' are not read as vendors (only the vocabulary, "
                        f"{CATEGORIES_FILE}, and a consortium's member list, {MEMBERS_FILE}, are)",
                        f"if it is a vendor, rename it to {_suggest_id(path.stem)}"
                        ".yaml; otherwise move it out of the vendors folder"))
    for folder, dirs, files in os.walk(vendors_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if Path(folder) == vendors_dir:
            continue
        for name in sorted(files):
            if name.lower().endswith((".yaml", ".yml")) and not name.startswith("."):
                path = Path(folder) / name
                out.append((path, f"is in a subfolder of {vendors_dir.name}/, where files are not read",
                            f"move it to {vendors_dir.name}/{_suggest_id(path.stem)}.yaml (one file per vendor, "
                            "directly in the folder), or out of the vendors folder"))
    return out


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


