"""The core run: load -> validate -> link -> render, with every problem gathered on the way.

Both adapters (the CLI and the MkDocs plugin) call these two functions and nothing deeper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.history import file_dates
from generator.content.link import Collection, link
from generator.content.load import load_collection
from generator.content.memo import Memo
from generator.content.problems import Problem
from generator.content.validate import validate_entry
from generator.publish.exports import export_pages
from generator.publish.feed import feed_pages, recent_approaches
from generator.publish.schemas import schema_texts
from generator.render.entries import Page, PageExtras
from generator.render.field_reference import render_field_reference
from generator.render.search import search_files
from generator.render.site import render_site


@dataclass
class Checked:
    collection: Collection
    problems: list[Problem] = field(default_factory=list)
    entry_count: int = 0


def check(root: Path, only: set[str] | None = None, memo: Memo | None = None) -> Checked:
    """Load, validate and link the content under `root`.

    With `only` (paths relative to `root`), every file is still read, so references can be
    resolved, but only problems in those files are reported. A `memo` (kept by `mkdocs serve`
    between rebuilds) spares parsing and validating files that have not changed.
    """
    loaded = load_collection(root, memo)
    problems = list(loaded.problems)
    for entry in loaded.entries:
        if only is None or entry.path in only:
            problems.extend(validate_entry(entry) if memo is None else memo.recall(entry, lambda: validate_entry(entry)))
    collection, link_problems = link(loaded.entries, loaded.claimed, memo)
    problems.extend(link_problems)
    if only is not None:
        problems = [p for p in problems if p.path in only]
    return Checked(collection, sorted(set(problems)), len(loaded.entries))


def build_pages(root: Path, site_url: str | None = None, repo_url: str | None = None,
                markdown_packs: bool = False, memo: Memo | None = None) -> tuple[list[Page], list[Problem]]:
    """Every page of the site, or no pages and the problems that stop the build.

    `site_url` (the site's public address) makes the exports' page URLs absolute and enables the
    Atom feed, which needs absolute addresses. `repo_url` gives approach and place pages
    their "Report a use" link to the repository's issue form. `markdown_packs` is for
    engines without our plugin (see render_print_packs). With a `memo` (kept by `mkdocs serve` between
    rebuilds), unchanged files are not parsed or validated again, and an entry's page is not rendered
    again unless something it shows changed (see render_site).
    """
    try:
        return _pages(root, site_url, repo_url, markdown_packs, memo)
    finally:
        if memo is not None:
            memo.end_run()


def _pages(root: Path, site_url: str | None, repo_url: str | None, markdown_packs: bool,
           memo: Memo | None) -> tuple[list[Page], list[Problem]]:
    checked = check(root, memo=memo)
    if checked.problems:
        return [], checked.problems
    dates = file_dates(root)  # the build's one `git log`
    recent = [entry for entry, _ in recent_approaches(checked.collection, dates)]
    pages = render_site(checked.collection, PageExtras(dates, repo_url, site_url), recent, markdown_packs, memo)
    pages += export_pages(checked.collection, dates, site_url, memo) + feed_pages(checked.collection, dates, site_url)
    pages += search_files(checked.collection, memo)
    pages.append(Page("reference.md", render_field_reference()))  # linked from the footer
    pages += [Page(f"schema/{name}", text) for name, text in schema_texts().items()]
    contributing = root / "CONTRIBUTING.md"
    if contributing.is_file():  # one guide, shown on the site and on GitHub
        pages.append(Page("contributing.md", contributing.read_text(encoding="utf-8"), "CONTRIBUTING.md", True))
    return pages, []
