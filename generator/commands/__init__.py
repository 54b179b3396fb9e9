"""One module per command; each exposes ``run(...) -> int`` (0 clean, 1 problems, 2 usage)."""
