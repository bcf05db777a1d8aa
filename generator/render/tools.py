"""Render the reader's tools: the matchmaker, the approach x barrier matrix, and the print packs."""

from __future__ import annotations

import json
from typing import Callable

from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.memo import Memo
from generator.content.ranking import approach_facts
from generator.content.urls import url_href
from generator.render import parts
from generator.render.entries import (
    KIT_URI, Page, approach_core, barrier_cards_uri, entry_uri, facts_line, front_matter, href, md_link, md_text, summary_of, title_of,
)
from generator.render.lists import TIME_CHOICES, attr, checkboxes, html_link
from generator.render.packmarks import placeholder
from generator.render.rawblocks import raw_block
from generator.render.search import LUNR_URI, SEARCH_PAGE
from generator.render.search_index import META_URI


def json_for_script(value) -> str:
    """JSON that is safe inside a <script> element: no '</script>' or '<!--' can close or confuse it."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def approaches_for_script(col: Collection, record: Callable[[Entry], dict], depends_on: Callable[[Entry], tuple],
                          memo: Memo | None = None) -> str:
    """Every approach's `record` as a JSON array that is safe inside a <script> (see json_for_script).

    With a `memo` (kept by `mkdocs serve`), an approach's JSON is made again only when the approach or what
    `depends_on(approach)` names has changed: encoding every approach was a twentieth of a rebuild at 5,000 entries.
    """
    def text(approach: Entry) -> str:
        return json_for_script(record(approach))

    return "[" + ",".join(text(a) if memo is None else memo.recall(depends_on(a), lambda: text(a))
                          for a in col.approaches.values()) + "]"


def matchmaker_record(uri: str, approach: Entry, col: Collection) -> dict:
    """An approach's ranking facts (generator/content/ranking.py), with what a result shows."""
    uses = col.approach_uses.get(approach.slug, [])
    return {**approach_facts(approach, len(uses)), "url": url_href(uri, entry_uri(approach)),
            "summary": summary_of(approach), "facts": facts_line(approach, col),
            "placeNames": [title_of(u.place) for u in uses]}


def render_matchmaker(col: Collection, memo: Memo | None = None) -> Page:
    uri = "matchmaker.md"
    barrier_titles = {b.slug: title_of(b) for b in col.barriers.values()}
    lines = [
        "# Matchmaker", "",
        "Tell us what you are facing, how many people will take part and how much time you have. The matchmaker "
        "ranks the approaches that fit and says why each one does.", "{ .kb-summary }", "",
        *raw_block([  # a line of JSON per approach would cost Python-Markdown's HTML parser more than the rest
            '<form class="kb-filters" id="kb-matchmaker" hidden aria-label="Matchmaker">',
            *checkboxes("barrier", "What are you facing?", list(barrier_titles.items())),
            '<div class="kb-filters__row">',
            '<div class="kb-field"><label for="kb-mm-people">People taking part</label>'
            '<input type="number" id="kb-mm-people" name="people" min="1" max="10000" inputmode="numeric"></div>',
            '<div class="kb-field"><label for="kb-mm-time">Time you have</label><select id="kb-mm-time" name="time">'
            '<option value="">Any</option>',
            *[f'<option value="{minutes}">{attr(label)}</option>' for minutes, label in TIME_CHOICES],
            "</select></div></div>",
            "</form>",
            '<p class="kb-count" id="kb-mm-count" role="status"></p>',
            f'<ol class="kb-list kb-ranked" id="kb-mm-results" data-kb-kit="{url_href(uri, KIT_URI)}"></ol>',
            '<script type="application/json" id="kb-mm-data">' + approaches_for_script(
                col, lambda a: matchmaker_record(uri, a, col),
                lambda a: ("matchmaker", uri, a, tuple(use.place for use in col.approach_uses.get(a.slug, []))),
                memo) + "</script>",
            f'<script type="application/json" id="kb-mm-barriers">{json_for_script(barrier_titles)}</script>',
        ]),
        '<div class="kb-nojs" markdown>',
        "",
        "The matchmaker needs JavaScript. Without it, start from what you are facing:",
        "",
        *[f"- {md_link(uri, b)} ({len(col.barrier_approaches.get(b.slug, []))} approaches)" for b in col.barriers.values()],
        "",
        "</div>", "",
    ]
    content = front_matter(title="Matchmaker", description="Find approaches that fit your barrier, group size and "
                           "time.")
    return Page(uri, content + "\n".join(lines), in_nav=True)


def render_search_page(col: Collection) -> Page:
    """/search/?q=...: a results page that can be shared and bookmarked. The header's and the home page's search
    boxes lead here. kb.js reads the index (generator/render/search.py) and lists the results in the page; without
    JavaScript the page offers the ways in that need none."""
    uri = SEARCH_PAGE
    lines = [
        "# Search", "",
        *raw_block([
            f'<form class="kb-search-form" id="kb-search" action="./" method="get" role="search" '
            f'data-kb-index="{url_href(uri, META_URI)}">',
            '<label for="kb-search-q">Describe your problem, or name an approach, a person or a place</label>',
            '<div class="kb-search-form__row"><input type="search" id="kb-search-q" name="q" autocomplete="off" '
            'placeholder="e.g. partners don\'t trust each other">',
            '<button type="submit" class="md-button md-button--primary">Search</button></div></form>',
            '<p class="kb-count" id="kb-search-status" role="status"></p>',
            '<ol class="kb-list kb-ranked kb-search-results" id="kb-search-results"></ol>',
            f'<script src="{url_href(uri, LUNR_URI)}"></script>',
        ]), "",
        '<div class="kb-nojs" markdown>', "",
        "Search needs JavaScript, which is off in this browser. Every page is still a click or two away:", "",
        f"- [What are you facing?]({href(uri, 'barriers/index.md')}): the {len(col.barriers)} barriers, each with "
        "the approaches that help",
        f"- [All {len(col.approaches)} approaches]({href(uri, 'approaches/index.md')}), A to Z",
        f"- [Themes]({href(uri, 'themes/index.md')}) and [places]({href(uri, 'places/index.md')})", "",
        "</div>", "",
    ]
    content = front_matter(title="Search", description="Search the approaches, barriers, places and themes.",
                           hide=["navigation", "toc"])
    return Page(uri, content + "\n".join(lines))


def short_label(barrier: Entry) -> str:
    """The barrier's `short_title`, or its title: column headings must be short for 13 to fit on a laptop."""
    return str(barrier.fields.get("short_title") or title_of(barrier))


def _matrix_heading(uri: str, barrier: Entry) -> str:
    """A column heading that shows the short label and names the barrier in full to assistive technology.

    The accessible name starts with the visible label, so a speech-input user can say what they see (WCAG 2.5.3).
    """
    full = "" if short_label(barrier) == title_of(barrier) else (
        f'<span class="kb-visually-hidden"> ({attr(title_of(barrier))})</span>')
    href = attr(url_href(uri, entry_uri(barrier)))
    return f'<th scope="col"><a href="{href}">{attr(short_label(barrier))}{full}</a></th>'


def _matrix_table(uri: str, col: Collection) -> list[str]:
    """The grid for wide screens: its header row and approach column stay in view while it scrolls (kb.css)."""
    barriers = list(col.barriers.values())
    rows = []
    for approach in col.approaches.values():
        helps = set(approach.fields.get("barriers") or [])
        cells = "".join(
            '<td class="kb-yes"><span aria-hidden="true">●</span><span class="kb-visually-hidden">Helps</span></td>'
            if b.slug in helps else "<td></td>" for b in barriers)
        rows.append(f'<tr><th scope="row">{html_link(uri, approach)}</th>{cells}</tr>')
    return [
        '<div class="kb-matrix" role="region" aria-labelledby="kb-matrix-caption" tabindex="0">',
        '<table class="kb-matrix__table"><caption id="kb-matrix-caption">Approaches (rows) and the barriers they '
        'help with (columns)</caption>',
        f'<thead><tr><th scope="col">Approach</th>{"".join(_matrix_heading(uri, b) for b in barriers)}</tr></thead>',
        "<tbody>", *rows, "</tbody></table></div>"]


def _matrix_by_barrier(uri: str, col: Collection) -> list[str]:
    """The same facts for phones, where 13 columns cannot fit: each barrier, then the approaches that help.

    Both views are in the HTML and kb.css shows one, so this works without JavaScript; the hidden one is
    `display: none`, which also hides it from screen readers.
    """
    lines = ['<div class="kb-matrix-list">']
    for barrier in col.barriers.values():
        helpers = col.barrier_approaches.get(barrier.slug, [])
        lines += [f"<h2>{html_link(uri, barrier)} ({len(helpers)})</h2>",
                  "<ul>", *[f"<li>{html_link(uri, a)}</li>" for a in helpers], "</ul>"]
    return lines + ["</div>"]


def render_matrix(col: Collection) -> Page:
    uri = "matrix.md"
    lines = [
        "# Which approaches help with which barriers", "",
        f"Which of the {len(col.approaches)} approaches help with each of the {len(col.barriers)} barriers. On a wide "
        "screen they are a table: each row is an approach, each column a barrier, and a dot means the approach "
        "helps with that barrier. On a narrow screen, each barrier lists the approaches that help.", "",
        *raw_block([*_matrix_table(uri, col), *_matrix_by_barrier(uri, col)]),
    ]
    content = front_matter(title="Matrix", description="Which approaches help with which barriers, in one table.",
                           hide=["navigation", "toc"])
    return Page(uri, content + "\n".join(lines), in_nav=True)


def _pack(uri: str, title: str, intro: str, approaches: list[Entry], col: Collection,
          marks: dict[str, str] | None, cards: str, nav: list[str] | None = None) -> Page:
    """A pack of `approaches`: each as its placeholder in `marks` (by slug), or without the plugin as Markdown."""
    lines = [f"# {md_text(title)}", "", intro, "{ .kb-summary }", "", *(raw_block(nav) if nav else []),
             '<p class="kb-print-hint"><button type="button" class="md-button" data-kb-print hidden>Print this pack'
             f'</button> Each approach starts on a new A4 page. Or <a href="{attr(url_href(uri, cards))}">print them as '
             "cards</a>: one A4 page each, to take into a room.</p>", ""]
    for approach in approaches:
        if marks is not None:
            lines += [marks[approach.slug], ""]
        else:
            lines += ['<section class="kb-pack-item" markdown>', "", *approach_core(approach, col, uri, level=2),
                      "</section>", ""]
    content = front_matter(title=title, description=intro, hide=["navigation", "toc"])
    return Page(uri, content + "\n".join(lines), is_pack=marks is not None)


def render_print_packs(col: Collection, approach_pages: dict[str, Page] | None = None,
                       size: int = parts.PART_SIZE) -> list[Page]:
    """One printable pack per barrier, and one with the whole collection, in parts of `size` approaches
    (generator/render/parts.py).

    Given the approaches' pages (by src_uri), a pack holds placeholders that the MkDocs plugin fills with
    those pages' converted HTML (generator/adapter/packs.py); without them, it carries the approaches' Markdown, for
    engines without the plugin.
    """
    marks = None  # each approach's placeholder, made once for all the packs that show it
    if approach_pages is not None:
        marks = {approach.slug: placeholder(entry_uri(approach), approach_pages[entry_uri(approach)].content)
                 for approach in col.approaches.values()}
    whole = parts.cut(list(col.approaches.values()), "print/index.md", "print/all", size)
    pages = [_pack(part.uri, parts.title("All approaches, for printing", part),
                   f"Every approach in the collection ({len(col.approaches)}), ready to print.", part.items, col,
                   marks, "cards/index.md", parts.parts_nav(part, whole, "Parts of the pack"))
             for part in whole]
    for barrier in col.barriers.values():
        helpers = col.barrier_approaches.get(barrier.slug, [])
        pages.append(_pack(f"print/{barrier.slug}.md", f"Print pack: {title_of(barrier)}",
                           f"The {len(helpers)} approaches that help with this barrier, ready to print.", helpers,
                           col, marks, barrier_cards_uri(barrier)))
    return pages
