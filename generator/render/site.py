"""Every page of the site, assembled from the renderers: entry pages, list pages and the reader's tools."""

from __future__ import annotations

from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.memo import Memo
from generator.render.cards import render_card_pages
from generator.render.entries import Page, PageExtras, render_entry
from generator.render.kit import kit_script, render_kit_page
from generator.render.lists import (
    render_approach_index, render_barrier_index, render_home, render_place_index, render_theme_pages,
)
from generator.render.tools import render_matchmaker, render_matrix, render_print_packs, render_search_page
from generator.render.worksheets import render_worksheet_pages


def render_site(col: Collection, extras: PageExtras | None = None, recent: list[Entry] | None = None,
                markdown_packs: bool = False, memo: Memo | None = None) -> list[Page]:
    """`markdown_packs`: see render_print_packs (the MkDocs plugin fills the packs in; other engines cannot).

    With a `memo` (kept by `mkdocs serve` between rebuilds), an entry's page is rendered again only if the
    entry, an entry it shows (`Collection.shown_on_page_of`) or its date changed: the loader's memo gives
    an unchanged file the same Entry object, so the objects themselves are the key.
    """
    extras = extras or PageExtras()
    pages = [render_home(col, recent), render_approach_index(col, memo), render_barrier_index(col),
             render_place_index(col), render_matchmaker(col, memo), render_matrix(col), render_search_page(col)]
    pages += render_theme_pages(col, memo) + render_worksheet_pages(col)
    pages += render_card_pages(col, extras.site_url, memo)
    if memo is None:
        entry_pages = [render_entry(entry, col, extras) for entry in col.entries()]
    else:
        entry_pages = [memo.recall(("page", entry, col.shown_on_page_of(entry), extras.dates.get(entry.path),
                                    extras.repo_url, extras.site_url), lambda: render_entry(entry, col, extras))
                       for entry in col.entries()]
    pages += render_print_packs(col, None if markdown_packs else {page.src_uri: page for page in entry_pages})
    pages += [render_kit_page(col, pages, memo), kit_script()]  # after the other pages: it links the cards among them
    return pages + entry_pages
