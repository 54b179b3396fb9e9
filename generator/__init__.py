"""Patron Privacy Registry: vendor registry in YAML to a patron privacy site."""

__version__ = "0.1.0"
