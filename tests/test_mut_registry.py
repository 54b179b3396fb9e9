"""What staff notice from the registry loader and its cross-checks, tested in process.

generator/registry.py, registryfiles.py and crosschecks.py; the mutation tests' own cases (see `make mutation`).
"""
