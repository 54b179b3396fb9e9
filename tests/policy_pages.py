"""Vendor privacy-policy pages for the ``watch`` tests, written for them (not any vendor's words).

Each page has what real policy pages carry around the policy: a site header
with navigation, a cookie banner, and a footer with the date the page was built.
"""

from __future__ import annotations

import html

SECTIONS = {
    "Information we collect": [
        "When you sign in through your library, we receive your library card number from the library. "
        "We record the titles you borrow and the pages you reach so that you can continue where you stopped.",
        "If you create an account with us, we also ask for your email address. Giving it is optional.",
    ],
    "How we use information": [
        "We use this information to lend you titles, to remember your place and to answer your questions. "
        "We do not show you advertising based on what you read.",
        "Our staff may look at usage counts that name no person, to decide which titles to offer.",
    ],
    "How long we keep your information": [
        "We keep your borrowing history for 90 days after a loan ends. After that, it is deleted.",
        "Account details stay until you close the account, and are removed within 30 days after that.",
    ],
    "Your choices": [
        "You can turn off the reading history in the settings of the app. "
        "You can ask us to delete your account by writing to our support team.",
        "Parents of young readers can ask us what we hold about their child, and we will answer within a month.",
    ],
}


def policy_page(name: str, *, footer_date: str = "2026-11-01", nav: tuple[str, ...] = ("Home", "Titles", "Help"),
                banner: str = "This site uses cookies to remember your settings. Choose Accept to allow them.",
                wrap: bool = False, sections: dict[str, list[str]] | None = None) -> bytes:
    """A whole policy page for the vendor ``name``; ``wrap`` re-flows the paragraphs as an editor might."""
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             f"<title>{html.escape(name)} privacy policy</title></head><body>",
             "<header><nav class='site-nav'><ul>",
             *(f"<li><a href='/{html.escape(item.lower())}'>{html.escape(item)}</a></li>" for item in nav),
             "</ul></nav></header>",
             f"<div id='cookie-consent' class='cookie-banner'><p>{html.escape(banner)}</p>"
             "<button>Accept</button></div>",
             f"<main><article><h1>{html.escape(name)} privacy policy</h1>"]
    for heading, paragraphs in (sections or SECTIONS).items():
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        for paragraph in paragraphs:
            text = html.escape(paragraph)
            if wrap:
                text = text.replace(". ", ".  ").replace(", ", ",\n      ")
            parts.append(f"<p>{text}</p>")
    parts += ["</article></main>",
              f"<footer><p>Copyright 2026 the vendor. This page was generated on {footer_date}.</p>"
              "<nav><a href='/terms'>Terms</a> <a href='/accessibility'>Accessibility</a></nav></footer>",
              "</body></html>"]
    return "\n".join(parts).encode("utf-8")


SCRIPT_ONLY = (b"<!doctype html><html><head><title>Privacy</title></head><body><div id='root'></div>"
               b"<noscript>You need to enable JavaScript to run this app.</noscript>"
               b"<script src='/app.js'></script></body></html>")
CHALLENGE = (b"<!doctype html><html><head><title>Just a moment...</title></head><body><main>"
             b"<h1>Checking your browser before accessing the site.</h1><p>This will take a few seconds.</p>"
             b"</main></body></html>")
