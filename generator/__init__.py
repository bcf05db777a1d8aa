"""The knowledge base's site generator: a framework-free core (load -> validate -> link -> render)
with two thin adapters, the command line (`cli.py`) and the MkDocs plugin (`plugin.py`)."""
