"""The YAML loader: positions, strings for dates, and what it refuses."""

from __future__ import annotations

import pytest

from generator.yamlsrc import YamlError, decode, load


def test_dates_stay_strings_and_positions_are_kept() -> None:
    doc = load("name: OverDrive\nlast_reviewed: 2022-01-03\ndata:\n  always: [email, holds]\n")
    assert doc.data["last_reviewed"] == "2022-01-03"
    assert doc.position(("data", "always", 1)) == (4, 19)
    assert doc.key_position(("last_reviewed",)) == (2, 1)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: &x 1\nb: *x\n", "anchors and aliases", 2),
        ("a: 1\na: 2\n", "the key 'a' appears twice (first on line 1)", 2),
        ("a: !!python/object/apply:os.system [echo]\n", "the tag '!!python/object/apply:os.system' is not allowed", 1),
        ("base: {a: 1}\nother:\n  <<: {a: 2}\n", "merge keys (<<) are not allowed", 3),
        ("a: [1, 2\n", "YAML syntax", 2),
        ("a:\n\t- b\n", "a tab is used for indentation", 2),
    ],
)
def test_loader_refuses_with_a_clear_message(text: str, message: str, line: int) -> None:
    with pytest.raises(YamlError) as caught:
        load(text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    doc = load(decode(b"\xef\xbb\xbfname: X\r\nservice: Y\r\n"))
    assert doc.data == {"name": "X", "service": "Y"}


def test_non_utf8_bytes_are_refused_with_their_position() -> None:
    with pytest.raises(YamlError) as caught:
        decode(b"name: ok\nservice: caf\xe9\n")
    assert "not UTF-8" in caught.value.message
    assert (caught.value.line, caught.value.col) == (2, 13)
