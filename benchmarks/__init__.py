"""`python -m benchmarks`: how build time, page size and the edit loop scale with the collection.

Issue 7 sets numeric targets (linear builds, little overhead over plain Material, a fast `check`,
a quick edit loop, small pages). Timings on a shared machine are too noisy for tests, so this
command measures them on synthetic collections of N approaches, prints the figures next to the
targets, and writes them with a description of the machine to a Markdown report (docs/benchmarks.md).

Every measurement runs the real commands in child processes (`python -m generator check`,
`mkdocs build`, `mkdocs serve`) with the repository's own mkdocs.yml, theme overrides and docs,
so the figures include what a contributor waits for: interpreter start, imports and writing files.

It is a tool for working on the repository, not part of the site generator: the `generator` package
never imports it, and it is not shipped with it.

- `collection`: synthetic collections of any size, the same files for the same seed;
- `measure`: the measurements, each in child processes or Chromium;
- `report`: the tables, the verdict on each target, and the report page;
- `__main__`: the command line.
"""


class BenchError(Exception):
    """A step of the benchmark failed; the message says which command and why."""
