"""Command line: `python -m benchmarks [--sizes N,N,...] [--large] [--runs N] [--output PAGE|-]`, in the repository."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
import time
from pathlib import Path

import click

from benchmarks import BenchError
from benchmarks.measure import Profile, Result, measure_real, measure_size
from benchmarks.report import (
    build_table, describe_revision, evaluate_targets, reader_table, render_report, search_table, targets_table,
    update_report,
    where_the_time_goes,
)

DEFAULT_SIZES = (100, 500)
LARGE_SIZES = (2000, 5000)
DEFAULT_OUTPUT = "docs/benchmarks.md"  # a site page: mkdocs.yml's nav must list it, or the strict build fails


def _sizes(ctx, param, value: str | None) -> list[int] | None:
    try:
        sizes = [int(part) for part in value.split(",")] if value else None
    except ValueError:
        raise click.BadParameter("give sizes as whole numbers separated by commas, e.g. 100,500") from None
    if sizes is not None and any(size < 10 for size in sizes):
        raise click.BadParameter("each size must be at least 10 approaches")
    return sizes


@click.command()
@click.option("--sizes", callback=_sizes, metavar="N,N,...",
              help="Collection sizes (approaches) to measure. Default: 100,500 (with --large also 2000,5000).")
@click.option("--large", is_flag=True, help="Also measure 2,000 and 5,000 approaches (several minutes each).")
@click.option("--runs", type=click.IntRange(min=1), default=3, show_default=True,
              help="Runs per figure below 2,000 approaches; the median is reported (the edit loop too).")
@click.option("--large-runs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Runs per figure at 2,000 approaches and more.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the synthetic collections.")
@click.option("--edit-loop/--no-edit-loop", default=True, show_default=True,
              help="Time edits under `mkdocs serve` and `mkdocs serve --dirty`.")
@click.option("--browser/--no-browser", default=True, show_default=True,
              help="Measure a reader's visit and searches in Chromium (needs Playwright).")
@click.option("--profile-size", type=int, default=500, show_default=True,
              help="Profile one build at this size (if measured) to show where the time goes; 0 for none.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Page whose benchmark section is rewritten, relative to --root (default docs/benchmarks.md); "
                   "'-' only prints.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              help="The repository, whose mkdocs.yml, docs/, overrides/ and collection are measured.")
def main(sizes: list[int] | None, large: bool, runs: int, large_runs: int, seed: int, edit_loop: bool,
         browser: bool, profile_size: int, output: Path | None, root: Path) -> None:
    """Measure check, build, page sizes and the edit loop on synthetic collections; compare with the targets."""
    chosen = sorted(set(sizes or [*DEFAULT_SIZES, *(LARGE_SIZES if large else ())]))
    root = root.resolve()
    command = (f"python -m benchmarks --sizes {','.join(map(str, chosen))} --runs {runs} "
               f"--large-runs {large_runs} --seed {seed}" + ("" if edit_loop else " --no-edit-loop")
               + ("" if browser else " --no-browser"))
    try:
        printed, report = run(root, chosen, runs, large_runs, seed, edit_loop=edit_loop, browser=browser,
                              profile_size=profile_size or None, command=command)
    except BenchError as error:
        raise click.ClickException(str(error)) from None
    click.echo(printed)
    if output is None or str(output) != "-":
        path = root / (output or DEFAULT_OUTPUT)
        update_report(path, report)
        click.echo(f"wrote {os.path.relpath(path)}", err=True)


def run(repo: Path, sizes: list[int], runs: int, large_runs: int, seed: int, *, edit_loop: bool,
        browser: bool, profile_size: int | None, command: str) -> tuple[str, str]:
    """Measure everything; return (the tables to print, the whole report)."""
    started = datetime.datetime.now()
    clock = time.perf_counter()
    load_start = os.getloadavg()[0]
    results: list[Result] = []
    found: Profile | None = None
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as scratch_name:
        scratch = Path(scratch_name)
        results.append(measure_real(repo, runs, scratch, browser))
        for size in sizes:
            result, profile = measure_size(
                repo, size, large_runs if size >= min(LARGE_SIZES) else runs, seed, scratch,
                edit_loop=edit_loop, browser=browser, profile=size == profile_size)
            results.append(result)
            found = profile or found
            shutil.rmtree(scratch / f"n{size}-plain-site", ignore_errors=True)
    report = render_report(results, found, command=command, started=started, seconds=time.perf_counter() - clock,
                           load=(load_start, os.getloadavg()[0]), revision=describe_revision(repo))
    printed = "\n\n".join([targets_table(evaluate_targets(results)), build_table(results), reader_table(results),
                           search_table(results)]
                          + ([where_the_time_goes(results, found)] if found else []))
    return printed, report


if __name__ == "__main__":
    main(prog_name="python -m benchmarks")
