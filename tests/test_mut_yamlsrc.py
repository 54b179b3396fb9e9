"""What staff notice from the loader (generator/yamlsrc.py), tested in process.

The mutation tests' own cases (see `make mutation`).
"""
