"""Property-based and fuzz tests of the loader and renderer (hypothesis).

- Any valid registry written with ``yaml.safe_dump`` loads back into the same model and renders.
- Any mutation of a real file (flipped bytes, truncation, inserted YAML tokens) gives clean
  problems, never an exception.
- ``diff`` of any valid registry against itself is empty.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diff import Sides, compare, new_entries, vendor_diff
from generator.model import Category, Change, Group, Registry, Source, Vendor, Vocabulary
from generator.policies import read_policy
from generator.problems import Problem
from generator.rawchecks import is_placeholder
from generator.registry import CATEGORIES_FILE, load_registry
from generator.render import Renderer, vendor_page
from generator.settings import read_settings
from generator.yamlsrc import YamlError, decode, load
from tests.conftest import ROOT, examples

TODAY = dt.date(2026, 1, 1)
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\s*[(\[:]")
FAST = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
vendor_ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
words = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="<>"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() != "" and not MARKDOWN_LINK.search(s)
         and not is_placeholder(s)  # '...', 'TODO': refused on purpose ("write the words patrons should read")
         # a value wrapped whole in Word's curly quotes is refused on purpose ("use straight quotes")
         and not (len(s.strip()) > 2 and s.strip()[0] in "“‘„‚" and s.strip()[-1] in "”’“‘"))
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY).map(dt.date.isoformat)
urls = st.builds(lambda host, path: f"https://{host}.example/{path}",
                 st.from_regex(r"[a-z0-9]{1,12}(\.[a-z0-9]{1,8})?", fullmatch=True),
                 st.from_regex(r"[A-Za-z0-9_./?=&%-]{0,30}", fullmatch=True))


@st.composite
def registries(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A valid vocabulary document and vendor documents (id -> fields)."""
    group_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    category_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    vocab = {
        "groups": [{"id": g, "label": draw(words)} for g in group_ids],
        "categories": [{"id": c, "label": draw(words), "description": draw(words),
                        "group": draw(st.sampled_from(group_ids))} for c in category_ids],
    }
    ids_ = draw(st.lists(vendor_ids, min_size=1, max_size=5, unique=True))
    names = draw(st.lists(words, min_size=len(ids_), max_size=len(ids_),
                          unique_by=lambda s: " ".join(s.casefold().split())))
    vendors: dict[str, dict[str, Any]] = {}
    for vid, name in zip(ids_, names, strict=True):
        always = draw(st.lists(st.sampled_from(category_ids), unique=True, max_size=len(category_ids)))
        rest = [c for c in category_ids if c not in always]
        opt_in = draw(st.lists(st.sampled_from(rest), unique=True, max_size=len(rest))) if rest else []
        record: dict[str, Any] = {
            "name": name, "service": draw(words), "website": draw(urls), "privacy_policy": draw(urls),
            "data": {"always": always, "opt_in": opt_in}, "last_reviewed": draw(dates),
            "sources": [{"kind": "privacy_policy", "address": draw(urls), "checked": draw(dates)}],  # facts need one
            # oldest first, as check asks
            "changes": [{"date": day, "summary": draw(words)}
                        for day in sorted(draw(st.lists(dates, min_size=1, max_size=3)))],
        }
        for optional in ("retention", "how_to_avoid", "note"):
            if draw(st.booleans()):
                record[optional] = draw(words)
        if draw(st.booleans()):
            record["privacy_policy_verified"] = draw(st.booleans())
        if draw(st.booleans()):  # on or after the first entry, with an entry of its own that day
            record["retired"] = max(draw(dates), record["changes"][0]["date"])
            record["changes"].append({"date": record["retired"], "summary": draw(words)})
            record["changes"].sort(key=lambda c: c["date"])
        vendors[vid] = record
    used = {c for v in vendors.values() for c in v["data"]["always"] + v["data"]["opt_in"]}
    first = vendors[ids_[0]]["data"]
    first["always"] += [c for c in category_ids if c not in used]  # every category must be used
    return vocab, vendors


def _expected(vocab: dict[str, Any], vendors: dict[str, dict[str, Any]]) -> Registry:
    vocabulary = Vocabulary(
        tuple(Group(g["id"], g["label"]) for g in vocab["groups"]),
        tuple(Category(c["id"], c["label"], c["description"], c["group"]) for c in vocab["categories"]))
    models = [Vendor(
        id=vid, name=v["name"].strip(), service=v["service"].strip(), website=v["website"],
        privacy_policy=v["privacy_policy"], always=tuple(v["data"]["always"]), opt_in=tuple(v["data"]["opt_in"]),
        last_reviewed=v["last_reviewed"], changes=tuple(Change(c["date"], c["summary"].strip()) for c in v["changes"]),
        source=f"vendors/{vid}.yaml", privacy_policy_verified=v.get("privacy_policy_verified") is True,
        retention=v.get("retention"), how_to_avoid=v.get("how_to_avoid"), note=v.get("note"),
        retired=v.get("retired"), sources=tuple(Source(s["kind"], s["checked"], s["address"]) for s in v["sources"]))
        for vid, v in vendors.items()]
    return Registry(vocabulary, tuple(sorted(models, key=lambda m: m.name.casefold())))


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@SLOW
@given(registries(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_valid_registry_round_trips_and_renders(generated: tuple[dict[str, Any], dict[str, dict[str, Any]]],
                                                newline: str, bom: bool) -> None:
    vocab, vendors = generated
    with _folder() as root:
        folder = root / "vendors"
        folder.mkdir()
        for name, data in [(CATEGORIES_FILE, vocab), *((f"{vid}.yaml", v) for vid, v in vendors.items())]:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).replace("\n", newline)
            (folder / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        loaded = load_registry(folder, root, today=TODAY)
    assert loaded.problems == []
    assert loaded.registry == _expected(vocab, vendors)
    pages = Renderer(loaded.registry).pages()
    assert all(vendor_page(vid) in pages for vid in vendors)
    assert all(f"{{ #{c['id']} }}" in pages["glossary.md"] for c in vocab["categories"])


# -- fuzzing: mutations of real files never raise -------------------------------------------------

TOKENS = [b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!python/object/apply:os.system ", b"!x ",
          b"<<: ", b"\t", b"---\n", b"...\n", b'"', b"'", b"|", b">", b"# ", b"%YAML 1.1\n", b"? ", b"\x00",
          b"\xff", b"\r", b"\xef\xbb\xbf", b"\n  ", b"\n", b"~", b"yes", b"2022-02-30", b"9" * 5000, b"[" * 80,
          b"- " * 80, b"<script>", b"](javascript:x)", b"\xe2\x80\xae", b"\\", b"%", b"@", b"`", b",", b"="]
SOURCES = sorted((ROOT / "vendors").glob("*.yaml")) + sorted((ROOT / "policies").glob("*.md")) + [ROOT / "mkdocs.yml"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, bytes]:
    """A real project file with a few random edits."""
    source = draw(st.sampled_from(SOURCES))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif data:
            del data[at:at + draw(st.integers(1, 40))]
    return source, bytes(data)


def _clean(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p, Problem)
        assert p.file and p.message and isinstance(p.line, int) and isinstance(p.col, int)
        assert "Traceback" not in p.text()


@FAST
@given(mutated())
def test_mutated_file_gives_clean_problems_never_an_exception(case: tuple[Path, bytes]) -> None:
    source, data = case
    with _folder() as root:
        if source.suffix == ".md":
            page = root / "policies" / source.name
            page.parent.mkdir()
            page.write_bytes(data)
            policy, problems = read_policy(page, f"policies/{source.name}", TODAY)
            _clean(problems)
            assert (policy is None) == bool(problems)
        elif source.name == "mkdocs.yml":
            shutil.copytree(ROOT / "vendors", root / "vendors")
            (root / "mkdocs.yml").write_bytes(data)
            found, problems = read_settings(root / "mkdocs.yml", root)
            _clean(problems)
            assert (found is None) == bool(problems)
        else:
            folder = root / "vendors"
            shutil.copytree(ROOT / "vendors", folder)
            (folder / source.name).write_bytes(data)
            loaded = load_registry(folder, root, today=TODAY)
            _clean(loaded.problems)
            assert (loaded.registry is None) == bool(loaded.problems)
            if loaded.registry is not None:
                Renderer(loaded.registry).pages()


@FAST
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_parse_or_raise_yaml_error(data: bytes) -> None:
    try:
        load(decode(data))
    except YamlError as exc:
        assert exc.message and exc.line >= 0 and exc.col >= 0


# -- diff: a registry compared with itself ---------------------------------------------------------

@SLOW
@given(registries(), st.booleans())
def test_diff_of_a_registry_against_itself_is_empty(generated: tuple[dict[str, Any], dict[str, dict[str, Any]]],
                                                    reread: bool) -> None:
    """Same records (read twice, or the very same parse) -> no change, nothing to review, nothing fails."""
    vocab, vendors = generated
    vocabulary = _expected(vocab, vendors).vocabulary
    for vid, data in vendors.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        base = load(text)
        work = load(text) if reread else base
        assert compare(base, work, vocabulary) == []
        assert new_entries(base.data, work.data) == []
        result = vendor_diff(Sides(vid, f"vendors/{vid}.yaml", base, work), vocabulary, TODAY)
        assert result.status == "unchanged" and result.ok and result.changes == ()
