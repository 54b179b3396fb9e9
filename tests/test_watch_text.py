"""The parts of ``watch`` that decide what counts as a change, and the snapshot file itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.watchdiff import TOP, compare, sections
from generator.watchsnapshot import Snapshot, SnapshotError, Source, parse, read, render, write
from generator.watchtext import normalize

OLD = """# Policy

We keep your name. We keep your email address.

## Sharing

We never sell what you read. We share it with no one.

| Data | Kept |
|---|---|
| Email | 1 year |
"""


def test_rewrapping_spacing_and_typography_normalise_to_the_same_text() -> None:
    messy = ("#   Policy  \r\n\r\n\r\nWe keep your  name.\n   We keep your\temail address.\n\n\n"
             "## Sharing\n\nWe never sell what you read.\u00a0We share it with no one.\n\n"
             "| Data | Kept |\n|---|---|\n| Email | 1 year |\n")
    assert normalize(messy) == normalize(OLD)
    assert normalize("\u201cQuoted\u201d \u2014 it\u2019s") == "\"Quoted\" - it's\n"
    assert normalize("- one\n  continues\n- two\n") == "- one continues\n- two\n"
    assert normalize("## Title\nFirst line\n- item\n") == "## Title\nFirst line\n- item\n"


def test_a_changed_sentence_is_reported_under_its_heading_path() -> None:
    new = OLD.replace("We share it with no one.", "We share it with our partners.")
    (change,) = compare(normalize(OLD), normalize(new))
    assert change.heading == "Policy > Sharing"
    assert change.removed == ("We share it with no one.",)
    assert change.added == ("We share it with our partners.",)


def test_sections_added_removed_and_sentences_moved() -> None:
    old = normalize(OLD)
    new = normalize(OLD.replace("We keep your name. We keep your email address.",
                                "We keep your email address. We keep your name.")
                    + "\n## Children\n\nWe do not knowingly collect data about children.\n")
    changes = compare(old, new)
    assert [(c.heading, c.status) for c in changes] == [("Policy > Children", "added")]
    assert changes[0].added == ("We do not knowingly collect data about children.",)
    gone = compare(old, normalize(OLD.split("## Sharing")[0]))
    assert [(c.heading, c.status) for c in gone] == [("Policy > Sharing", "removed")]
    assert "Email | 1 year" in gone[0].removed


def test_text_before_any_heading_and_a_repeated_heading_stay_apart() -> None:
    found = sections("Intro words.\n\n## Notes\n\nFirst.\n\n## Notes\n\nSecond.\n")
    assert found == {TOP: ["Intro words."], "Notes": ["First."], "Notes (2)": ["Second."]}


def test_a_snapshot_file_reads_back_as_written_with_several_addresses(tmp_path: Path) -> None:
    snapshot = Snapshot("kanopy", (
        Source("https://a.example/privacy", "2026-11-26", "2026-01-05", "a" * 64, "# A\n\nText of A.\n", "2026-06-01"),
        Source("https://b.example/terms", "2026-11-26", "2026-01-05", "b" * 64, "Text of B.\n"),
    ))
    path = write(tmp_path, snapshot)
    assert path == tmp_path / "kanopy.md"
    assert read(tmp_path, "kanopy") == snapshot
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# Saved by `privacy-registry watch`")
    assert "<!-- source: https://b.example/terms -->\n\nText of B.\n" in text
    assert read(tmp_path, "hoopla") is None
    assert [p.name for p in tmp_path.iterdir()] == ["kanopy.md"]  # no temporary file left behind


@pytest.mark.parametrize(("text", "message"), [
    ("no header at all\n", "no '---' header"),
    ("---\nvendor: [\n---\n", "not valid YAML"),
    ("---\nsources: []\n---\n", "no vendor id"),
    ("---\nvendor: x\nsources:\n- url: https://a.example/\n---\n", "needs url, fetched, first_saved and sha256"),
    ("---\nvendor: x\nsources:\n- {url: 'https://a.example/', fetched: '2026-01-01', first_saved: '2026-01-01', "
     "sha256: x}\n---\ntext\n", "the line <!-- source: https://a.example/ --> is missing"),
])
def test_a_damaged_snapshot_names_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(SnapshotError, match="kanopy.md: .*" + message.replace("(", r"\(").replace("[", r"\[")):
        parse(text, "kanopy.md")


def test_render_is_stable() -> None:
    source = Source("https://a.example/", "2026-11-26", "2026-11-26", "c" * 64, "Text.\n")
    assert render(parse(render(Snapshot("x", (source,))))) == render(Snapshot("x", (source,)))
