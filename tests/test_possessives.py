"""A vendor's name ending in s takes a bare apostrophe: "NOVEL Databases' privacy policy"."""

from __future__ import annotations

from generator.model import Source, Vendor
from generator.wording import none_found, source_name


def vendor(name: str) -> Vendor:
    return Vendor("x", name, "Reading", "https://x.example/", "https://x.example/privacy", (), (), None, (),
                  "vendors/x.yaml")


def test_names_ending_in_s_take_a_bare_apostrophe() -> None:
    policy, answer = Source("privacy_policy", "2024-01-01"), Source("vendor_answer", "2024-01-01")
    assert source_name(policy, vendor("NOVEL Databases")) == "NOVEL Databases' privacy policy"
    assert source_name(answer, vendor("NOVEL Databases")) == "NOVEL Databases' answer to the library"
    assert source_name(policy, vendor("Tutor.com")) == "Tutor.com's privacy policy"
    assert source_name(answer, vendor("WLS")) == "WLS's answer to the library", "an initialism keeps 's"
    assert none_found(policy, vendor("NOVEL Databases"), "January 3, 2022") == (
        "The library's review of NOVEL Databases' privacy policy on January 3, 2022 found no patron data kept.")
    assert none_found(policy, vendor("Hoopla"), "January 3, 2022").startswith("The library's review of Hoopla's")
