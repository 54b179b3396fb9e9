"""The words staff read for a value that breaks a rule, refined by what the value itself shows.

``schemawords`` turns a schema's ``x-message`` entry into a message and a fix; the refinements
look at the value (an http:// address, a tab, an upper-case id) and at the rule's own pattern.
"""

from __future__ import annotations

import json

import pytest

from generator.schema import schema_text
from generator.schemawords import DETAILS, messages, schema_message, short, words_for

VENDOR = json.loads(schema_text("vendor"))
TEXT_RULE = VENDOR["$defs"]["text"]["pattern"]
URL_RULE = VENDOR["$defs"]["https_url"]["pattern"]
STRICT_TEXT_RULE = r"^[^<>\u0000-\u001f]*$"  # a rule that refuses every < and >
ID_RULE = r"^[a-z][a-z0-9_]*$"


@pytest.mark.parametrize(("value", "message", "fix"), [
    ("http://example.org/privacy", "'http://example.org/privacy' is not an https:// address (http:// is not secure)",
     "use the secure address: https://example.org/privacy"),
    ("HTTP://Example.org", "'HTTP://Example.org' is not an https:// address (http:// is not secure)",
     "use the secure address: https://Example.org"),
    ("https://example.org/a page", "'https://example.org/a page' is not an https:// address (it contains a space)",
     "remove the spaces (copy the address from the browser's address bar)"),
    ("https://example.org/a\tpage", "'https://example.org/a\\tpage' is not an https:// address (it contains a space)",
     "remove the spaces (copy the address from the browser's address bar)"),
    *[(f"{scheme}x", f"'{scheme}x' is not an https:// address (only web pages can be linked)",
       "copy the page's address, starting with https://, from the browser's address bar")
      for scheme in ("javascript:", "JavaScript:", "data:", "vbscript:", "file:", "mailto:")],
    ("www.example.org", "'www.example.org' is not an https:// address",
     "write the full address starting with https://, as shown in the browser's address bar"),
])
def test_a_wrong_web_address_says_what_is_wrong_with_it(value: str, message: str, fix: str) -> None:
    """http://, a space, a script or mail link each get their own reason; anything else the rule's words."""
    written = schema_message(VENDOR["$defs"]["https_url"], "pattern")
    assert written is not None
    assert words_for(written, value, URL_RULE) == (message, fix)


def test_a_long_http_address_is_shortened_in_the_fix() -> None:
    """An absurdly long address is cut in the fix, as in the message, so the report stays readable."""
    long = "http://example.org/" + "a" * 100
    message, fix = DETAILS["web_address"](long, URL_RULE)  # type: ignore[misc]
    assert fix == "use the secure address: https://" + short(long[len("http://"):])
    assert fix.endswith("…") and len(fix) == len("use the secure address: https://") + 60
    assert message == f"{short(long)!r} is not an https:// address (http:// is not secure)"


@pytest.mark.parametrize(("value", "rule", "expected"), [
    ("<b>bold</b>", TEXT_RULE, ("contains < or >: HTML is not allowed here",
                                "write plain words only; the site formats the text itself ('<' or '>' before a space "
                                "or a digit, as in 'age < 13', is fine)")),
    ("a<script>", TEXT_RULE, ("contains < or >: HTML is not allowed here",
                              "write plain words only; the site formats the text itself ('<' or '>' before a space "
                              "or a digit, as in 'age < 13', is fine)")),
    ("age < 13", STRICT_TEXT_RULE, ("contains < or >: HTML is not allowed here",
                                    "write plain words only; the site formats the text itself")),
    ("ends with <", TEXT_RULE, ("contains < or >: HTML is not allowed here",
                                "write plain words only; the site formats the text itself ('<' or '>' before a space "
                                "or a digit, as in 'age < 13', is fine)")),
    ("a\tb", r"^[^\t]*$", ("contains a tab character", "replace the tab with a space (the site cannot show tabs)")),
    ("bell\u0007 and tab\t", STRICT_TEXT_RULE,
     ("contains a tab character", "replace the tab with a space (the site cannot show tabs)")),
    ("bell\u0007", TEXT_RULE, ("contains a control character (U+0007)", "remove it (retype the text around it)")),
    ("age < \u0007", TEXT_RULE, ("contains a control character (U+0007)", "remove it (retype the text around it)")),
    ("x\u202ey", TEXT_RULE, ("contains an invisible character, U+202E (right-to-left override)",
                             "retype the text around it to remove it; it cannot be seen, and it breaks search and "
                             "reading aloud")),
    ("x\ufeffy", TEXT_RULE, ("contains an invisible character, U+FEFF (zero width no-break space)",
                             "retype the text around it to remove it; it cannot be seen, and it breaks search and "
                             "reading aloud")),
])
def test_plain_text_names_the_character_its_rule_refuses(value: str, rule: str, expected: tuple[str, str]) -> None:
    """HTML, a tab or another control character: the rule's own pattern decides, and the message says which."""
    assert DETAILS["plain_text"](value, rule) == expected


@pytest.mark.parametrize(("value", "rule"), [("age < 13", TEXT_RULE), ("anything", ""), ("fine words", TEXT_RULE)])
def test_plain_text_leaves_the_rules_own_words_when_nothing_is_refused(value: str, rule: str) -> None:
    """Text the rule accepts character by character (or no rule) gets no refinement."""
    assert DETAILS["plain_text"](value, rule) is None


@pytest.mark.parametrize(("value", "rule", "expected"), [
    ("Email", ID_RULE, ("'Email' is not a valid id", "use lower case: 'email'")),
    ("CHECKOUT_HISTORY", ID_RULE, ("'CHECKOUT_HISTORY' is not a valid id", "use lower case: 'checkout_history'")),
    ("E-mail", ID_RULE, None),  # lower case alone would not do
    ("email", ID_RULE, None),
    ("Email", "", None),
])
def test_an_id_in_capitals_is_given_in_lower_case(value: str, rule: str, expected: tuple[str, str] | None) -> None:
    """Only when lower case alone makes the id valid is that the fix."""
    assert DETAILS["id"](value, rule) == expected


def test_words_for_puts_the_value_in_the_message() -> None:
    """``{value}`` is the value as written, quoted and shortened; a missing fix is empty."""
    written = {"message": "{value} is not a real date", "fix": "write YYYY-MM-DD"}
    assert words_for(written, "01/03/2022", "") == ("'01/03/2022' is not a real date", "write YYYY-MM-DD")
    assert words_for({"message": "is wrong"}, "x", "") == ("is wrong", "")
    assert words_for({"message": "{value}", "details": "no-such-refinement"}, "y" * 80, "") == \
        (repr("y" * 59 + "…"), "")
    assert words_for({"message": "{value}"}, 2022, "") == ("'2022'", "")


def test_schema_message_finds_the_entry_a_rule_names() -> None:
    """A rule names its words with ``x-message``; anything else has none."""
    assert schema_message({"x-message": "date"}, "pattern") == messages()["date"]["pattern"]
    assert schema_message({"x-message": "date"}, "maxLength") is None
    assert schema_message({"x-message": "no-such-entry"}, "pattern") is None
    assert schema_message({"x-message": 3}, "pattern") is None
    assert schema_message({"pattern": "x"}, "pattern") is None
    assert schema_message(True, "pattern") is None
    assert schema_message({"x-message": "$comment"}, "pattern") is None


@pytest.mark.parametrize(("length", "shown"), [(59, 59), (60, 60), (61, 60), (500, 60)])
def test_long_values_are_cut_with_an_ellipsis(length: int, shown: int) -> None:
    """Up to 60 characters are shown whole; longer values end in an ellipsis at 60."""
    text = short("z" * length)
    assert len(text) == shown
    assert text.endswith("…") == (length > 60)
    assert short("abcdef", limit=4) == "abc…"


WEB_ADDRESS = messages()["web_address"]["pattern"]
CATEGORY_ID = messages()["category_id"]["pattern"]


@pytest.mark.parametrize(("written", "value", "rule", "expected"), [
    # an id whose only fault is a non-breaking space copied with it: the character is named, not '\xa0'
    (CATEGORY_ID, "\u00a0online_activity", ID_RULE, (
        "'online_activity' has an invisible character at the start: U+00A0 (no-break space)",
        "delete it: retype 'online_activity' by hand; such characters come with text copied from a web page or a "
        "document")),
    (CATEGORY_ID, "email\u200b", ID_RULE, ("'email' has an invisible character at the end: U+200B (zero width "
                                           "space)", "delete it: retype 'email' by hand; such characters come with "
                                           "text copied from a web page or a document")),
    (WEB_ADDRESS, "https://exa\ufeffmple.org/", URL_RULE, (
        "'https://example.org/' has an invisible character after 'https://exa': U+FEFF (zero width no-break space)",
        "delete it: retype 'https://example.org/' by hand; such characters come with text copied from a web page "
        "or a document")),
    # wrong for another reason too: the message shows where the invisible character is, never a Python escape
    (CATEGORY_ID, "\u00a0Online activity", ID_RULE, ("'[U+00A0]Online activity' is not a valid id",
                                                     CATEGORY_ID["fix"])),
])
def test_an_invisible_character_is_named_in_words(written: dict[str, str], value: str, rule: str,
                                                  expected: tuple[str, str]) -> None:
    assert words_for(written, value, rule) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("HTTPS://WWW.EXAMPLE.COM/", ("'HTTPS://WWW.EXAMPLE.COM/' starts with HTTPS:// in capital letters",
                                  "write https:// in small letters: https://WWW.EXAMPLE.COM/")),
    ("Https://example.com/p", ("'Https://example.com/p' starts with Https:// in capital letters",
                               "write https:// in small letters: https://example.com/p")),
    # an internationalized host: its ASCII form is what the site links (look-alike letters stay visible)
    ("https://例え.jp/", ("'https://例え.jp/' has letters beyond A to Z in its host name (例え.jp)",
                         "write the host in its ASCII form, as the browser's address bar gives it: "
                         "https://xn--r8jz45g.jp/")),
    ("https://оverdrive.com/privacy", ("'https://оverdrive.com/privacy' has letters beyond A to Z in its host name "
                                       "(оverdrive.com)", "write the host in its ASCII form, as the browser's "
                                       "address bar gives it: https://xn--verdrive-mbh.com/privacy")),
    ("https://example.org/café", None),  # the path may have any letter: the rule itself takes it
])
def test_a_web_address_in_capitals_or_with_a_foreign_host_is_told_how_to_write_it(
        value: str, expected: tuple[str, str] | None) -> None:
    assert DETAILS["web_address"](value, URL_RULE) == expected
