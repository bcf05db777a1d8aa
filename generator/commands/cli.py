"""Command line: `python -m generator check [--format text|github] [PATH...]`.

Exit status: 0 when the content is clean, 1 when it has problems, 2 when the command was
used wrongly (click's own convention for usage errors).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.content.load import kind_of
from generator.content.model import KIND_BY_NAME, KINDS
from generator.pipeline import check as run_check


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
    only = set(_entry_paths(paths, root)) if paths else None
    result = run_check(root, only)
    for problem in result.problems:
        click.echo(problem.as_github_annotation() if output_format == "github" else str(problem))
    files = len({p.path for p in result.problems})
    scope = f"{len(only)} of {result.entry_count} entries" if only is not None else f"{result.entry_count} entries"
    if result.problems:
        click.echo(f"Checked {scope}: {len(result.problems)} problem(s) in {files} file(s).", err=True)
        sys.exit(1)
    click.echo(f"Checked {scope}: no problems.", err=True)


def _entry_paths(paths: tuple[Path, ...], root: Path) -> list[str]:
    """PATHS given on the command line, as entry paths relative to `root`; anything else is a usage error."""
    entries = []
    for path in paths:
        try:
            rel = path.resolve().relative_to(root).as_posix()
        except ValueError:
            raise click.UsageError(f"{path} is not inside {root}") from None
        if kind_of(rel) is None or not rel.endswith(".md"):
            raise click.UsageError(f"{path} is not an entry in approaches/, barriers/ or places/")
        entries.append(rel)
    return entries


@main.command()
def schema() -> None:
    """Rewrite generator/publish/schema/*.json from the content model."""
    from generator.publish.schemas import write_schemas

    for path in write_schemas():
        click.echo(f"wrote {path}")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              help="The repository folder that holds mkdocs.yml, docs/ and the content folders.")
def emit(directory: Path, root: Path) -> None:
    """Write the generated Markdown tree and a plugin-free mkdocs.yml to DIRECTORY.

    Any MkDocs-compatible engine then builds the site: `mkdocs build -f DIRECTORY/mkdocs.yml`.
    DIRECTORY must be new, empty, or an earlier emit (which is replaced).
    """
    from generator.commands.emit import EmitError, emit as run_emit

    try:
        pages, problems = run_emit(root.resolve(), directory)
    except EmitError as error:
        raise click.UsageError(str(error)) from None
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} content problem(s): nothing was written.", err=True)
        sys.exit(1)
    click.echo(f"Wrote {len(pages)} generated pages, docs/ and mkdocs.yml to {directory}.", err=True)


ROOT_OPTION = click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
                           help="The repository folder that holds approaches/, barriers/ and places/.")


@main.command()
@click.argument("kind", type=click.Choice([kind.name for kind in KINDS]))
@click.argument("title")
@ROOT_OPTION
def new(kind: str, title: str, root: Path) -> None:
    """Start a new entry: write <folder>/<slug>.md with every field listed and explained.

    KIND is approach, barrier or place; TITLE is its name, e.g. "Six Thinking Hats".
    """
    from generator.commands.scaffold import EntryExists, scaffold

    root = root.resolve()
    if not title.strip():
        raise click.UsageError('give the entry\'s title, e.g. "Six Thinking Hats"')
    if not any((root / k.folder).is_dir() for k in KINDS):
        raise click.UsageError(f"{root} has no approaches/, barriers/ or places/ folder: run this in the "
                               "repository, or pass --root")
    try:
        made = scaffold(root, KIND_BY_NAME[kind], title)
    except EntryExists as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    shown = os.path.relpath(made.path)
    root_arg = "" if root == Path.cwd().resolve() else f" --root {os.path.relpath(root)}"
    body = "under each heading" if KIND_BY_NAME[kind].body_headings else "after the closing ---"
    click.echo(f"Wrote {shown}. Next:\n"
               f'  1. Edit it: fill in every "" and [], and write the body {body}.\n'
               f"  2. Check it: {_this_python()} -m generator check {shown}{root_arg}\n"
               f"  3. See it: bash .ci/serve, then open {made.rel_path[:-len('.md')]}/ on the site it serves.")


def _this_python() -> str:
    """This Python as a contributor can type it here: `.venv/bin/python` in the repository, else `python`."""
    relative = os.path.relpath(sys.executable)
    return "python" if relative.startswith("..") else relative


@main.command()
@ROOT_OPTION
def forms(root: Path) -> None:
    """Rewrite the GitHub issue forms in .github/ISSUE_TEMPLATE/ from the content and mkdocs.yml."""
    from generator.commands.forms import SiteConfigError, write_forms

    try:
        written = write_forms(root.resolve())
    except SiteConfigError as error:
        click.echo(str(error.problem))
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {os.path.relpath(path)}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--changed-since", metavar="REV",
              help="Also check every entry added or changed since REV (e.g. origin/main), found with git.")
@click.option("--online", is_flag=True, help="Also ask each server whether the address answers.")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text",
              help="text: path:line: field: message. github: GitHub Actions annotations.")
@ROOT_OPTION
def urls(paths: tuple[Path, ...], changed_since: str | None, online: bool, output_format: str, root: Path) -> None:
    """Check that the web addresses in entries are well-formed (and, with --online, answer).

    Checks PATHS and the entries changed since REV; with neither, every entry.
    """
    from generator.commands.urlcheck import changed_entries, check_urls

    root = root.resolve()
    entries = _entry_paths(paths, root)
    if not paths and changed_since is None:  # like `check`: no paths means every entry
        entries = [f"{kind.folder}/{path.name}" for kind in KINDS for path in sorted((root / kind.folder).glob("*.md"))]
    if changed_since:
        try:
            entries += changed_entries(root, changed_since)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
    entries = sorted(set(entries))
    problems = check_urls(root, entries, online=online)
    for problem in problems:
        click.echo(problem.as_github_annotation() if output_format == "github" else str(problem))
    how = "answering and well-formed" if online else "well-formed"
    click.echo(f"Checked the web addresses in {len(entries)} entries ({how}): {len(problems)} problem(s).", err=True)
    sys.exit(1 if problems else 0)


@main.command()
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@ROOT_OPTION
def verify(site_dir: Path, root: Path) -> None:
    """Prove the built site in SITE_DIR lost nothing: every entry's page, search entry and index link,
    and every link in the generated pages. Reads site_url, repo_url and use_directory_urls from mkdocs.yml."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from generator.adapter.completeness import verify_site
    from generator.pipeline import build_pages

    root = root.resolve()
    site_url, repo_url, directory_urls = None, None, True
    if (root / "mkdocs.yml").is_file():
        try:
            config = load_config(str(root / "mkdocs.yml"))
        except ConfigurationError as error:
            raise click.UsageError(f"mkdocs.yml: {error}") from None
        site_url, repo_url, directory_urls = config.site_url, config.repo_url, config.use_directory_urls
    pages, problems = build_pages(root, site_url, repo_url)  # the pages the plugin generated
    problems = problems or verify_site(site_dir, pages, directory_urls)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{site_dir}: {len(problems)} problem(s).", err=True)
        sys.exit(1)
    click.echo(f"{site_dir}: all {len(pages)} generated pages and files are there, searchable, listed and "
               "linked correctly.", err=True)
