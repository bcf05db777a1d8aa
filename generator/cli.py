"""Command line: `python -m generator check [--format text|github] [PATH...]`.

Exit status: 0 when the content is clean, 1 when it has problems, 2 when the command was
used wrongly (click's own convention for usage errors).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .load import kind_of
from .pipeline import check as run_check


@click.group()
def main() -> None:
    """Tools for the Art of Change Making knowledge base."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text",
              help="text: path:line: field: message. github: GitHub Actions annotations.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              help="The repository folder that holds approaches/, barriers/ and places/.")
def check(paths: tuple[Path, ...], output_format: str, root: Path) -> None:
    """Check every entry (or only PATHS) and print each problem found."""
    root = root.resolve()
    only = None
    if paths:
        only = set()
        for path in paths:
            try:
                rel = path.resolve().relative_to(root).as_posix()
            except ValueError:
                raise click.UsageError(f"{path} is not inside {root}") from None
            if kind_of(rel) is None or not rel.endswith(".md"):
                raise click.UsageError(f"{path} is not an entry in approaches/, barriers/ or places/")
            only.add(rel)
    result = run_check(root, only)
    for problem in result.problems:
        click.echo(problem.as_github_annotation() if output_format == "github" else str(problem))
    files = len({p.path for p in result.problems})
    scope = f"{len(only)} of {result.entry_count} entries" if only is not None else f"{result.entry_count} entries"
    if result.problems:
        click.echo(f"Checked {scope}: {len(result.problems)} problem(s) in {files} file(s).", err=True)
        sys.exit(1)
    click.echo(f"Checked {scope}: no problems.", err=True)


@main.command()
def schema() -> None:
    """Rewrite generator/schema/*.json from the content model."""
    from .schema_export import write_schemas

    for path in write_schemas():
        click.echo(f"wrote {path}")
