"""What staff notice from the loader (generator/yamlsrc.py), tested in process: the mutation tests' own cases (see `make mutation`)."""
