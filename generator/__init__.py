"""The knowledge base's site generator: a framework-free core with two thin adapters.

The folders follow the pipeline. Each may import only from those listed before it (tests/test_architecture.py
holds them to it, and to having no import cycles):

- `content/`   the content model: read, validate and link the entries;
- `render/`    the collection as Markdown pages;
- `publish/`   the data published beside the pages: exports, feed, schemas;
- `pipeline`   the core run, load -> validate -> link -> render -> publish, which both adapters call;
- `adapter/`   the MkDocs plugin;
- `commands/`  the command line, `python -m generator`.

docs/architecture.md follows an entry from its file to its page.
"""
