"""What the YAML loader tells a staff editor: where each value is, and exactly what it refuses and where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.yamlsrc import MAX_BYTES, MAX_DEPTH, YamlError, decode, load, read_source


def refused(text: str, **kwargs: bool) -> YamlError:
    with pytest.raises(YamlError) as caught:
        load(text, **kwargs)
    return caught.value


def test_a_tab_inside_a_value_is_text_not_indentation() -> None:
    doc = load("name: Over\tDrive\nnote: a\tb\nlist:\n  - x\ty\n")
    assert doc.data == {"name": "Over\tDrive", "note": "a\tb", "list": ["x\ty"]}


@pytest.mark.parametrize(("text", "line", "col"), [
    ("a:\n\tb: 1\n", 2, 1),
    ("a:\n  - x\n  -\ty\n", 3, 4),
    ("a: 1\n  \tb: 2\n", 2, 3),
])
def test_a_tab_used_for_indentation_is_refused_where_it_is(text: str, line: int, col: int) -> None:
    error = refused(text)
    assert error.message == "a tab is used for indentation"
    assert (error.line, error.col) == (line, col)
    assert "indent with spaces" in error.hint


def test_every_value_and_key_has_its_line_and_column() -> None:
    doc = load("# c\nname: OverDrive\ndata:\n  always:\n    - holds\n    - email\n  opt_in: [name]\n")
    assert doc.position(()) == (2, 1)
    assert doc.position(("name",)) == (2, 7)
    assert doc.key_position(("data",)) == (3, 1)
    assert doc.position(("data", "always", 1)) == (6, 7)
    assert doc.key_position(("data", "opt_in")) == (7, 3)
    assert doc.position(("data", "opt_in", 0)) == (7, 12)
    assert doc.position(("data", "opt_in", 5)) == (7, 11), "a missing item: its list"
    assert doc.position(("nothing", "here")) == (2, 1), "nothing at all: the document"
    assert doc.key_position(("data", "always", 0)) == (5, 7), "no key: the value"
    assert doc.raw_scalars[("name",)] == "OverDrive"


def test_scalars_read_as_staff_mean_them() -> None:
    doc = load("a: 2022-01-03\nb: 12\nc: 1.5\nd: yes\ne: null\nf: '12'\ng: !!str 12\nh: ! 12\ni: =\nj: ~\n")
    assert doc.data == {"a": "2022-01-03", "b": 12, "c": 1.5, "d": True, "e": None, "f": "12", "g": "12",
                        "h": "12", "i": "=", "j": None}
    assert doc.raw_scalars[("d",)] == "yes"


def test_a_value_that_cannot_be_what_its_tag_says() -> None:
    error = refused("count: !!int many\n")
    assert error.message == "'many' cannot be read as a number"
    assert (error.line, error.col) == (1, 8)
    assert error.hint == "put it in quotes if it is text: 'many'"
    assert refused("on: !!bool maybe\n").message == "'maybe' cannot be read as true or false"


@pytest.mark.parametrize(("text", "message", "line", "col"), [
    ("a: &x 1\nb: *x\n", "anchors and aliases (&x and *x) are not allowed", 2, 4),
    ("a: 1\nb: 2\na: 3\n", "the key 'a' appears twice (first on line 1)", 3, 1),
    ("a: !custom 1\n", "the tag '!custom' is not allowed", 1, 4),
    ("a: !!python/tuple [1]\n", "the tag '!!python/tuple' is not allowed", 1, 4),
    ("a: !!set {x}\n", "the tag '!!set' is not allowed", 1, 4),
    ("x:\n  <<: {a: 1}\n", "merge keys (<<) are not allowed", 2, 3),
    ("? [a, b]\n: 1\n", "a field name must be a plain word", 1, 3),
    ("a: 1\n---\nb: 2\n", "the file holds a second YAML document (a '---' line)", 2, 1),
    ("a: 'open\nb: 2\n", "YAML syntax: a quotation mark opened here is not closed", 1, 4),
    ("a: \x07\n", "contains the control character U+0007", 1, 4),
])
def test_what_is_refused_and_where(text: str, message: str, line: int, col: int) -> None:
    error = refused(text)
    assert error.message == message
    assert (error.line, error.col) == (line, col)
    assert error.hint


def test_a_quoted_merge_key_is_an_ordinary_field() -> None:
    assert load("x:\n  '<<': 1\n").data == {"x": {"<<": 1}}


def test_nesting_deeper_than_the_limit_is_refused_in_both_styles() -> None:
    ok = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert load(f"a: {ok}\n").data["a"] is not None
    flow = refused("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert flow.message == f"lists and fields are nested more than {MAX_DEPTH} levels deep"
    block = "".join("  " * i + "-\n" for i in range(MAX_DEPTH + 2))
    assert refused(block).message == flow.message


def test_files_for_other_tools_are_read_leniently() -> None:
    doc = load("a: &x 1\nb: *x\nc: !ENV HOME\nd: !!python/name:os.getcwd\n", strict=False)
    assert doc.data == {"a": 1, "b": None, "c": "HOME", "d": ""}


def test_decode_normalises_line_ends_and_names_a_bad_byte() -> None:
    assert decode(b"a: 1\r\nb: 2\rc: 3\n") == "a: 1\nb: 2\nc: 3\n"
    assert decode("\ufeffa: é\n".encode()) == "a: é\n"
    with pytest.raises(YamlError) as caught:
        decode("a: é\nb: ü".encode() + b"\xff\n")
    assert caught.value.message == "byte 0xff is not UTF-8 text"
    assert (caught.value.line, caught.value.col) == (2, 5)
    with pytest.raises(YamlError) as caught:
        decode(b"a" * (MAX_BYTES + 1))
    assert caught.value.message.startswith(f"the file is {MAX_BYTES + 1:,} bytes")


def test_read_source_refuses_what_is_not_an_ordinary_small_file(tmp_path: Path) -> None:
    good = tmp_path / "project" / "a.yaml"
    good.parent.mkdir()
    good.write_bytes(b"a: 1\n")
    assert read_source(good, within=good.parent) == b"a: 1\n"
    assert read_source(good, limit=5) == b"a: 1\n"
    with pytest.raises(YamlError, match="the file is 5 bytes; a registry file may be at most 4 bytes"):
        read_source(good, limit=4)
    with pytest.raises(YamlError, match="is not an ordinary file"):
        read_source(tmp_path)
    outside = tmp_path / "secret.yaml"
    outside.write_bytes(b"s: 1\n")
    link = good.parent / "link.yaml"
    os.symlink(outside, link)
    with pytest.raises(YamlError, match="symbolic link to a file outside the project"):
        read_source(link, within=good.parent)
    assert read_source(link) == b"s: 1\n", "without a project folder a link is followed"
    inside = good.parent / "inside.yaml"
    os.symlink(good, inside)
    assert read_source(inside, within=good.parent) == b"a: 1\n"


def test_a_refused_tag_names_the_field_it_is_on() -> None:
    assert refused("data:\n  always: !custom [a]\n").path == ("data", "always")
    assert refused("name: !custom x\n").path == ("name",)


def test_long_keys_are_shortened_in_messages_only_past_sixty_characters() -> None:
    sixty = "k" * 60
    assert refused(f"{sixty}: 1\n{sixty}: 2\n").message == f"the key '{sixty}' appears twice (first on line 1)"
    longer = "k" * 61
    assert refused(f"{longer}: 1\n{longer}: 2\n").message == f"the key '{'k' * 59}…' appears twice (first on line 1)"


def test_read_source_refusals_point_at_the_start_of_the_file_with_a_fix(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    outside = tmp_path / "secret.yaml"
    outside.write_bytes(b"s: 1\n")
    os.symlink(outside, folder / "link.yaml")
    big = folder / "big.yaml"
    big.write_bytes(b"a: 1\n")
    found = []
    for path, kwargs in ((folder / "link.yaml", {"within": folder}), (tmp_path, {}), (big, {"limit": 2})):
        with pytest.raises(YamlError) as caught:
            read_source(path, **kwargs)  # type: ignore[arg-type]
        found.append((caught.value.message, caught.value.line, caught.value.col, caught.value.hint))
    assert found == [
        ("is a symbolic link to a file outside the project", 1, 1, "replace the link with an ordinary file"),
        ("is not an ordinary file", 1, 1, "replace it with an ordinary text file"),
        ("the file is 5 bytes; a registry file may be at most 2 bytes", 1, 1,
         "a vendor record is a few hundred bytes: check the right file was saved here")]
