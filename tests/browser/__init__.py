"""Tests of the built site as a patron's browser gets it.

A package, so its conftest.py never shadows tests/conftest.py.
"""
