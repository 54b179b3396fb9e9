"""Synthetic registries for the benchmark, made from the project's real vocabulary.

Everything is drawn from one seeded random generator, so a given size always
produces byte-identical files: two runs of ``make bench`` measure the same input.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SEED = 20261122
PROJECT_PARTS = ("mkdocs.yml", "policies", "site_overrides")
CATEGORIES_FILE = "_categories.yaml"

_SYLLABLES = ("ar", "bel", "cor", "dan", "el", "fin", "gra", "hol", "is", "jun", "kel", "lum", "mar", "nor",
              "ob", "pel", "quin", "ros", "sol", "tor", "ul", "ven", "wil", "xan", "yor", "zen")
_SUFFIXES = ("Books", "Learning", "Media", "Press", "Stream", "Reader", "Academy", "Library", "Films",
             "Audio", "Kids", "Research", "Tutor", "Music", "Comics", "Languages", "Maps", "News")
_SERVICES = (
    "Borrowing eBooks and audiobooks", "Streaming films and documentaries", "Online courses and video lessons",
    "Live homework help with a tutor", "Newspaper and magazine archives", "Research databases for students",
    "Language learning lessons", "Streaming music albums", "Comics and graphic novels to read online",
    "Picture books read aloud for children", "Genealogy records and family history",
    "Practice tests for school and job exams", "Car and home repair manuals", "Sheet music and music lessons",
)
_WORDS = ("the service", "keeps", "your account", "for as long as", "you use it", "and deletes it",
          "after", "months", "when you ask", "library staff", "can remove", "a patron", "may choose",
          "to sign in", "with a library card", "only", "without", "an email address", "reading history",
          "the app", "settings", "page", "turn off", "recording", "in the", "of the", "on request")
_CHANGE_SUMMARIES = (
    "Listed in the library system's third-party services chart.",
    "The vendor updated its privacy policy; the record was checked against it.",
    "Now keeps {cat} whenever the service is used.",
    "No longer keeps {cat}.",
    "Keeps {cat} only if the patron chooses to give it.",
    "The privacy policy moved to a new address.",
    "Retention period confirmed with the vendor.",
)


@dataclass
class SyntheticVendor:
    """One generated vendor record before it is written out."""

    id: str
    name: str
    service: str
    always: list[str]
    opt_in: list[str]
    changes: list[tuple[str, str]]
    verified: bool = True
    retention: str | None = None
    how_to_avoid: str | None = None
    note: str | None = None
    retired: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def vocabulary_ids(categories_file: Path) -> list[str]:
    """The category ids of the real vocabulary, in file order."""
    data = yaml.safe_load(categories_file.read_text("utf-8"))
    return [c["id"] for c in data["categories"]]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def make_vendors(count: int, categories: list[str], seed: int = SEED) -> list[SyntheticVendor]:
    """``count`` realistic vendor records; every category is used by at least one vendor."""
    rng = random.Random(f"{seed}:{count}")
    vendors: list[SyntheticVendor] = []
    seen_names: set[str] = set()
    for index in range(count):
        while True:
            stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            name = f"{stem} {rng.choice(_SUFFIXES)}"
            if name.casefold() not in seen_names:
                seen_names.add(name.casefold())
                break
        vendor_id = name.lower().replace(" ", "-")
        picked = rng.sample(categories, rng.randint(0, min(8, len(categories))))
        split = rng.randint(0, len(picked)) if picked else 0
        always, opt_in = picked[:split], picked[split:][:4]
        first = _date(rng, dt.date(2015, 1, 1), dt.date(2023, 12, 31))
        dates = sorted({first, *(_date(rng, first, dt.date(2025, 12, 31)) for _ in range(rng.randint(0, 5)))})
        changes = []
        for i, day in enumerate(dates):
            summary = _CHANGE_SUMMARIES[0] if i == 0 else rng.choice(_CHANGE_SUMMARIES[1:])
            changes.append((day.isoformat(), summary.format(cat=rng.choice(categories).replace("_", " "))))
        vendor = SyntheticVendor(
            id=vendor_id, name=name, service=rng.choice(_SERVICES), always=always, opt_in=opt_in,
            changes=changes, verified=rng.random() > 0.15,
            retention=_sentence(rng, rng.randint(6, 14)) if rng.random() < 0.5 else None,
            how_to_avoid=_sentence(rng, rng.randint(10, 30)) if rng.random() < 0.6 else None,
            note=_sentence(rng, rng.randint(10, 40)) if rng.random() < 0.4 else None,
        )
        if index > 0 and rng.random() < 0.03:
            vendor.retired = dates[-1].isoformat()
            vendor.changes[-1] = (vendor.retired, "No longer offered by the library.")
        vendors.append(vendor)
    # The checker reports a category no vendor uses, so make sure each one is used.
    used = {c for v in vendors for c in v.always + v.opt_in}
    for i, category in enumerate(c for c in categories if c not in used):
        vendors[i % len(vendors)].always.append(category)
    return vendors


def _folded(key: str, text: str) -> str:
    lines = textwrap.wrap(text, 88)
    return f"{key}: >-\n" + "".join(f"  {line}\n" for line in lines)


def vendor_yaml(vendor: SyntheticVendor) -> str:
    """The vendor as staff write it: schema comment, block style, folded long text, bare dates."""
    slug = vendor.id.replace("-", "")
    out = [
        "# yaml-language-server: $schema=../generator/schema/vendor.schema.json\n",
        f"name: {vendor.name}\n",
        f"service: {vendor.service}\n",
        f"website: https://www.{slug}.example/\n",
        f"privacy_policy: https://www.{slug}.example/legal/privacy\n",
    ]
    out.append(f"privacy_policy_verified: {'true' if vendor.verified else 'false'}\n")
    out.append("data:\n")
    out.append(f"  always: [{', '.join(vendor.always)}]\n")
    out.append(f"  opt_in: [{', '.join(vendor.opt_in)}]\n")
    for key in ("retention", "how_to_avoid", "note"):
        value = getattr(vendor, key)
        if value:
            out.append(_folded(key, value))
    # Every fact needs a source: the vendor's policy, read the day the vendor was listed.
    out.append(f"sources:\n  - kind: privacy_policy\n    address: https://www.{slug}.example/legal/privacy\n"
               f"    checked: {vendor.changes[0][0]}\n")
    out.append(f"last_reviewed: {vendor.changes[-1][0]}\n")
    if vendor.retired:
        out.append(f"retired: {vendor.retired}\n")
    out.append("changes:\n")
    for day, summary in vendor.changes:
        out.append(f"  - date: {day}\n    summary: {summary}\n")
    return "".join(out)


def write_project(dest: Path, size: int, repo_root: Path, seed: int = SEED) -> Path:
    """A project folder with the repository's site parts and ``size`` synthetic vendors."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = repo_root / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    vendors_dir = dest / "vendors"
    vendors_dir.mkdir()
    shutil.copy2(repo_root / "vendors" / CATEGORIES_FILE, vendors_dir / CATEGORIES_FILE)
    for vendor in make_vendors(size, vocabulary_ids(vendors_dir / CATEGORIES_FILE), seed):
        (vendors_dir / f"{vendor.id}.yaml").write_text(vendor_yaml(vendor), "utf-8")
    return dest


def changed_vendor_yaml(text: str, categories: list[str], day: str = "2026-01-15") -> str:
    """One vendor's file after a data-collection change staff would make, with its dated entry."""
    data = yaml.safe_load(text)
    listed = set(data["data"]["always"]) | set(data["data"]["opt_in"])
    new = next((c for c in categories if c not in listed), None)
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith("  always: [") and new is not None:
            items = data["data"]["always"] + [new]
            line = f"  always: [{', '.join(items)}]\n"
        elif line.startswith("last_reviewed:"):
            line = f"last_reviewed: {day}\n"
        out.append(line)
    what = new.replace("_", " ") if new else "nothing new"
    out.append(f"  - date: {day}\n    summary: Now keeps {what} whenever the service is used.\n")
    return "".join(out)
