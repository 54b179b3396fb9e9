"""What staff notice from the loader (generator/yamlsrc.py), tested in process.

The mutation tests' own cases (see `make mutation`).
"""

from __future__ import annotations

import pytest

from generator.yamlsrc import MAX_BYTES, YamlError, decode, load, read_source


def test_text_over_the_size_limit_is_refused_at_its_first_line() -> None:
    """Bytes read from history (not from a file on disk) get the same size limit, message and fix."""
    assert decode(b"#" * MAX_BYTES) == "#" * MAX_BYTES
    with pytest.raises(YamlError) as caught:
        decode(b"#" * (MAX_BYTES + 1))
    assert (caught.value.message, caught.value.line, caught.value.col, caught.value.hint) == (
        "the file is 1,000,001 bytes; a registry file may be at most 1,000,000 bytes", 1, 1,
        "a vendor record is a few hundred bytes: check the right file was saved here")


def test_text_not_in_utf8_names_the_fix() -> None:
    """A file saved in another encoding is told how to save it."""
    with pytest.raises(YamlError) as caught:
        decode(b"name: caf\xe9\n")
    assert caught.value.hint == "save the file with the UTF-8 encoding (retype any character that looks wrong)"


def test_a_file_with_no_fields_points_at_its_first_line() -> None:
    """A problem about a field of a file holding only comments is shown at line 1, column 1."""
    assert load("# nothing yet\n").position(("name",)) == (1, 1)


def test_a_file_that_reports_no_size_is_read_no_further_than_the_limit() -> None:
    """Files under /proc say they hold 0 bytes; reading stops one byte past the limit, so the size check still works."""
    assert len(read_source("/proc/self/maps", limit=10)) == 11


@pytest.mark.parametrize(("text", "message", "at"), [
    ("a: [1, 2\n", "YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence)", (2, 1)),
    ("a: b: c\n", "YAML syntax: mapping values are not allowed in this context", (1, 5)),
])
def test_a_syntax_error_reads_as_the_parser_states_it(text: str, message: str, at: tuple[int, int]) -> None:
    """Staff see the parser's own words for the mistake, with what it was reading when it found it, and where."""
    with pytest.raises(YamlError) as caught:
        load(text)
    assert (caught.value.message, (caught.value.line, caught.value.col)) == (message, at)


@pytest.mark.parametrize("text", ["title: Privacy\nrevisions:\n  - date: 2024-05-01\n", "a: yes\nb: 1.5\nc: ~\n",
                                  "- one\n- {two: 2}\n", "just words\n", ""])
def test_plain_load_reads_as_safe_load_does(text: str) -> None:
    """Front matter read with libyaml gives what yaml.safe_load gives (dates, yes/no, lists, nothing)."""
    import yaml

    from generator.yamlsrc import plain_load
    assert plain_load(text) == yaml.safe_load(text)


@pytest.mark.parametrize(("text", "message", "at", "path", "hint"), [
    ("name: OverDrive\nretention_by_category:\n  - categories:\n      [a, b]: c\n", "a field name must be a plain word",
     (4, 7), ("retention_by_category", 0, "categories"),
     "write 'field: value'; lists and sets of fields cannot be field names"),
    ("name: OverDrive\nchildren:\n  note:\n    <<: {coppa: yes}\n", "merge keys (<<) are not allowed", (4, 5),
     ("children", "note"), "write the fields out in full"),
    ("name: OverDrive\nchildren:\n    coppa: yes\n    coppa: no\n",
     "the key 'coppa' appears twice (first on line 3)", (4, 5), ("children", "coppa"), "keep one of them"),
])
def test_a_field_name_problem_says_where_and_how_to_fix_it(text: str, message: str, at: tuple[int, int],
                                                           path: tuple[str, ...], hint: str) -> None:
    """A list as a field name, a merge key or a repeated field: the field it is in, its line and the fix."""
    with pytest.raises(YamlError) as caught:
        load(text)
    error = caught.value
    assert (error.message, (error.line, error.col), error.path, error.hint) == (message, at, path, hint)


def test_lists_nested_too_deep_are_reported_in_the_outermost_entry() -> None:
    """A file that is only brackets (a pasted payload) names its first entry and the limit."""
    with pytest.raises(YamlError) as caught:
        load("- " + "[" * 60 + "]" * 60 + "\n")
    error = caught.value
    assert (error.message, error.path, error.hint) == (
        "lists and fields are nested more than 50 levels deep", (0,),
        "a vendor record needs at most three levels; check the brackets and indentation")


@pytest.mark.parametrize(("text", "value"), [
    ("a: !!map {b: 1}\n", {"b": 1}), ("a: !!seq [1, 2]\n", [1, 2]), ("a: ! [1]\n", [1]), ("a: ! {b: c}\n", {"b": "c"}),
    ("a: ! 123\n", "123"), ("a: !!str 2024-01-02\n", "2024-01-02"), ("a: !!int '7'\n", 7),
])
def test_yamls_own_tags_read_as_what_they_name(text: str, value: object) -> None:
    """A standard tag on the right kind of value is kept (! alone makes text of a number)."""
    assert load(text).data == {"a": value}


@pytest.mark.parametrize(("text", "shown"), [("a: !!seq {b: 1}\n", "!!seq"), ("a: !!map [1]\n", "!!map")])
def test_a_list_tag_on_fields_or_a_fields_tag_on_a_list_is_refused(text: str, shown: str) -> None:
    with pytest.raises(YamlError) as caught:
        load(text)
    assert (caught.value.message, caught.value.path) == (f"the tag {shown!r} is not allowed", ("a",))


@pytest.mark.parametrize(("text", "message", "path", "hint"), [
    ("name: OverDrive\nchildren:\n  note: !custom x\n", "the tag '!custom' is not allowed", ("children", "note"),
     "remove '!custom': registry files hold only text, numbers, lists and fields"),
    ("name: OverDrive\nchildren:\n  coppa: !!float abc\n", "'abc' cannot be read as a number", ("children", "coppa"),
     "put it in quotes if it is text: 'abc'"),
    ("name: OverDrive\nchildren:\n  coppa: !!bool maybe\n", "'maybe' cannot be read as true or false",
     ("children", "coppa"), "put it in quotes if it is text: 'maybe'"),
    # The second document has no field of its own: it is shown under the last field before it.
    ("name: OverDrive\n---\nname: Libby\n", "the file holds a second YAML document (a '---' line)", ("name",),
     "keep one document: remove the '---' line and anything after it"),
])
def test_a_value_problem_names_the_field_it_is_in(text: str, message: str, path: tuple[str, ...], hint: str) -> None:
    """Below the top level too: the problem is reported at the field, not at the section above it."""
    with pytest.raises(YamlError) as caught:
        load(text)
    assert (caught.value.message, caught.value.path, caught.value.hint) == (message, path, hint)


def test_a_control_character_is_named_with_its_code_and_the_fix() -> None:
    with pytest.raises(YamlError) as caught:
        load("name: OverDrive\nnote: a\x1bb\n")
    error = caught.value
    assert (error.message, (error.line, error.col), error.path, error.hint) == (
        "contains the control character U+001B", (2, 8), ("note",), "remove it (retype the text around it)")


def test_a_whole_file_read_as_one_text_is_a_missing_space_even_without_a_final_newline() -> None:
    """'name:OverDrive' reads as one string; the last line is the one with the missing space."""
    with pytest.raises(YamlError) as caught:
        load("name:OverDrive")
    assert (caught.value.message, caught.value.line) == ("'name:OverDrive' has no space after the colon", 1)


def test_a_colon_inside_a_value_below_a_field_is_text() -> None:
    """Only a file that is one whole text is taken for a missing space: a value may hold 'b:c'."""
    assert load("a:\n  b:c\n").data == {"a": "b:c"}


def test_a_missing_space_below_a_comment_is_found_on_its_own_line() -> None:
    with pytest.raises(YamlError) as caught:
        load("# OverDrive's record\nname:OverDrive\n")
    assert (caught.value.message, caught.value.line) == ("'name:OverDrive' has no space after the colon", 2)
