"""Render the pages that list entries: home, the approaches index (with its filter form), barriers, places, themes.

Every list is complete in the HTML, so it reads with JavaScript off; `docs/assets/kb.js` only hides and
shows items, using the data attributes written here.
"""

from __future__ import annotations

import html
import json

from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.memo import Memo
from generator.content.model import APPROACH_TYPE_LABELS, DIFFICULTIES, REGIONS, THEMES
from generator.content.ranking import approach_facts
from generator.content.urls import url_href
from generator.render.englandmap import ATTRIBUTION, MapPlace, render_england_map, render_region_key
from generator.render.entries import (
    KIT_URI, WORKSHEETS, Page, entry_uri, facts_line, front_matter, href, md_link, md_text, summary_of, theme_uri, title_of,
)
from generator.render.rawblocks import raw_block
from generator.render.search import fold

APPROACHES_INDEX = "approaches/index.md"
TIME_CHOICES = ((30, "30 minutes"), (60, "1 hour"), (90, "90 minutes"), (120, "2 hours"), (240, "Half a day"), (480, "A day"),
                (60 * 24 * 3, "Up to three days"))
FEATURED_COUNT = 6


def attr(value) -> str:
    """Text for raw HTML, as an attribute value or as content. Whitespace is collapsed, so that a line break
    in a value cannot end the raw HTML block early in an engine that reads the Markdown."""
    return html.escape(" ".join(str(value).split()), quote=True)


def html_link(from_uri: str, entry: Entry) -> str:
    return f'<a href="{attr(url_href(from_uri, entry_uri(entry)))}">{attr(title_of(entry))}</a>'


def approach_data_attributes(approach: Entry, col: Collection) -> str:
    """What the filters need to know about an approach, as HTML data attributes: `data-rank` holds the facts
    the ranking model sorts by (generator/content/ranking.py), as JSON; `data-text` the words the "Words" box matches,
    folded as search folds them (so "cafe" finds "Café")."""
    f = approach.fields
    data = {
        "slug": approach.slug,
        "rank": json.dumps(approach_facts(approach, len(col.approach_uses.get(approach.slug, []))),
                           ensure_ascii=False, separators=(",", ":")),
        "themes": " ".join(f.get("themes") or []),
        "difficulty": f.get("difficulty", ""),
        "text": fold(" ".join([str(f.get("title", "")), str(f.get("originator", "")), str(f.get("summary", "")),
                               *[str(a) for a in f.get("aliases") or []]])),
    }
    return " ".join(f'data-{key}="{attr(value)}"' for key, value in data.items())


def approach_item(from_uri: str, approach: Entry, col: Collection) -> str:
    details = [d for d in (str(approach.fields.get("originator", "")), facts_line(approach, col)) if d]
    add = attr(f"{url_href(from_uri, KIT_URI)}?add={approach.slug}")
    return (f'<li class="kb-item" {approach_data_attributes(approach, col)}>{html_link(from_uri, approach)}'
            f'<span class="kb-item__meta">{attr(" · ".join(details))}</span>'
            f'<span class="kb-item__summary">{attr(summary_of(approach))}</span>'
            f'<a class="kb-item__add" href="{add}">Add <span class="kb-visually-hidden">{attr(title_of(approach))} '
            "</span>to a session</a></li>")


def approach_list(from_uri: str, approaches: list[Entry], col: Collection, list_id: str | None = None,
                  memo: Memo | None = None) -> list[str]:
    """A list of approaches, written as HTML that the plugin keeps away from Markdown (render/rawblocks.py).

    With a `memo` (kept by `mkdocs serve`), an item is written again only when its approach or its count of
    uses changed: the approaches index and the theme pages list every approach, and writing their items
    took a third of the core's part of a rebuild at 2,000 entries.
    """
    def item(approach: Entry) -> str:
        if memo is None:
            return approach_item(from_uri, approach, col)
        key = ("approach item", from_uri, approach, len(col.approach_uses.get(approach.slug, [])))
        return memo.recall(key, lambda: approach_item(from_uri, approach, col))

    ident = f' id="{list_id}"' if list_id else ""
    return raw_block([f'<ul class="kb-list"{ident}>', *map(item, approaches), "</ul>"])


def checkboxes(name: str, legend: str, options: list[tuple[str, str]]) -> list[str]:
    lines = [f'<fieldset class="kb-filters__group"><legend>{attr(legend)}</legend>']
    for value, label in options:
        ident = f"kb-{name}-{value}"
        lines.append(f'<div class="kb-check"><input type="checkbox" id="{ident}" name="{name}" value="{attr(value)}">'
                     f'<label for="{ident}">{attr(label)}</label></div>')
    lines.append("</fieldset>")
    return lines


def filter_form(col: Collection) -> list[str]:
    """The filter form: hidden until kb.js runs, because without the script it could not filter."""
    lines = ['<form class="kb-filters" id="kb-filters" hidden aria-label="Filter approaches">',
             '<div class="kb-filters__row">',
             '<div class="kb-field"><label for="kb-q">Words</label>'
             '<input type="search" id="kb-q" name="q" autocomplete="off"></div>',
             '<div class="kb-field"><label for="kb-people">People taking part</label>'
             '<input type="number" id="kb-people" name="people" min="1" max="10000" inputmode="numeric"></div>',
             '<div class="kb-field"><label for="kb-time">Time you have</label><select id="kb-time" name="time">'
             '<option value="">Any</option>',
             *[f'<option value="{minutes}">{attr(label)}</option>' for minutes, label in TIME_CHOICES],
             "</select></div>",
             "</div>"]
    lines += checkboxes("barrier", "Helps with", [(b.slug, str(b.fields["title"])) for b in col.barriers.values()])
    lines += checkboxes("type", "What kind", list(APPROACH_TYPE_LABELS.items()))
    lines.append('<details class="kb-filters__more"><summary>More filters: theme, difficulty, evidence</summary>')
    lines += checkboxes("theme", "Theme", [(t.slug, t.title) for t in THEMES])
    lines += checkboxes("difficulty", "Difficulty", [(d, d.capitalize()) for d in DIFFICULTIES])
    lines += checkboxes("used", "Evidence", [("1", "Used in a documented place")])
    lines.append("</details>")
    lines += ['<p class="kb-filters__note">Group size and time match the session of a method, the group exercise '
              "of a model and the first working session of a programme.</p>",
              '<button type="reset" class="md-button">Clear filters</button>',
              "</form>",
              f'<p class="kb-count" id="kb-count" role="status">{len(col.approaches)} approaches</p>',
              '<p class="kb-empty" id="kb-empty" hidden>No approach matches all of these filters. '
              "Try removing one.</p>"]
    return lines


def render_approach_index(col: Collection, memo: Memo | None = None) -> Page:
    uri = APPROACHES_INDEX
    lines = ["# Approaches", "",
             f"{len(col.approaches)} models, methods and tools that help partners lead together. Each says what it "
             "is, when and how to use it, what to watch out for, and where it has been used. "
             "[Print them all](../print/index.md).", "",
             *filter_form(col), "",
             *approach_list(uri, list(col.approaches.values()), col, "kb-results", memo)]
    content = front_matter(title="Approaches", description=f"All {len(col.approaches)} approaches, with filters "
                           "by barrier, theme, group size, time and difficulty.")
    return Page(uri, content + "\n".join(lines), in_nav=True)


def _barrier_cards(from_uri: str, col: Collection) -> list[str]:
    items = []
    for barrier in col.barriers.values():
        count = len(col.barrier_approaches.get(barrier.slug, []))
        items.append(f"-   {md_link(from_uri, barrier)}\n\n    {md_text(summary_of(barrier))} "
                     f"*{count} approaches help.*\n")
    return ['<div class="grid cards" markdown>', "", *items, "</div>", ""]


def render_barrier_index(col: Collection) -> Page:
    uri = "barriers/index.md"
    lines = ["# Barriers", "",
             "The barriers partners in a place most often meet. Each page describes what the barrier looks like, "
             "why it happens and the approaches that help.", "", *_barrier_cards(uri, col)]
    content = front_matter(title="Barriers", description="Barriers to leading together, and what helps.")
    return Page(uri, content + "\n".join(lines), in_nav=True)


def numbered_places(col: Collection) -> list[tuple[int, Entry]]:
    """Every place with its number: by region in the model's order (roughly north to south), and north to south
    within a region, so the numbers on the map run down it region by region. A place without coordinates comes
    last in its region."""
    ordered = sorted(col.places.values(), key=lambda p: (
        REGIONS.index(p.fields["region"]), -p.fields["coordinates"][0] if p.fields.get("coordinates") else 90,
        p.slug))
    return list(enumerate(ordered, start=1))


def place_list(from_uri: str, places: list[tuple[int, Entry]]) -> list[str]:
    """The places under a heading per region, each numbered as on the map: the one list of places on the page."""
    lines = []
    for region in REGIONS:
        in_region = [(number, p) for number, p in places if p.fields.get("region") == region]
        if in_region:
            items = [f"<li>{html_link(from_uri, p)} ({attr(p.fields.get('programme', ''))}): {attr(summary_of(p))}"
                     "</li>" for _, p in in_region]
            lines += [f"### {region}", "", *raw_block([f'<ol class="kb-places" start="{in_region[0][0]}">', *items,
                                                       "</ol>"])]
    return lines


def place_map(uri: str, places: list[tuple[int, Entry]]) -> list[str]:
    """The places with coordinates as numbered markers on a map of England's regions, with a key to the colours."""
    markers = [MapPlace(p.slug, title_of(p), p.fields["region"], url_href(uri, entry_uri(p)), *p.fields["coordinates"],
                        number) for number, p in places if p.fields.get("coordinates")]
    if not markers:
        return []
    return raw_block(['<figure class="kb-map">', render_england_map(markers), render_region_key(),
                      f"<figcaption>{html.escape(ATTRIBUTION)} "
                      '<a href="https://www.naturalearthdata.com/">About Natural Earth</a>.</figcaption>', "</figure>"])


def render_place_index(col: Collection) -> Page:
    uri = "places/index.md"
    used = sum(1 for uses in col.place_uses.values() if uses)
    places = numbered_places(col)
    lines = ["# Places", "",
             f"{len(col.places)} places that took part in Local Vision or Total Place. For {used} of them a source "
             "documents the approaches they used. The numbers on the map are those of the list by region below it.",
             ""]
    lines += place_map(uri, places)
    lines += ["## Places by region", "", *place_list(uri, places)]
    content = front_matter(title="Places", description="Places that used these approaches, on a map and by region.")
    return Page(uri, content + "\n".join(lines), in_nav=True)


def render_theme_pages(col: Collection, memo: Memo | None = None) -> list[Page]:
    index_uri = "themes/index.md"
    lines = ["# Themes", "", "The approaches grouped by what they help you do.", ""]
    pages = []
    for theme in THEMES:
        uri = theme_uri(theme.slug)
        members = col.theme_approaches.get(theme.slug, [])
        lines.append(f"- [{md_text(theme.title)}]({href(index_uri, uri)}) ({len(members)} approaches): "
                     f"{md_text(theme.intro)}")
        body = [f"# {md_text(theme.title)}", "", md_text(theme.intro), "{ .kb-summary }", "",
                f"{len(members)} approaches.", "", *approach_list(uri, members, col, memo=memo)]
        pages.append(Page(uri, front_matter(title=theme.title, description=theme.intro) + "\n".join(body)))
    lines.append("")
    pages.insert(0, Page(index_uri, front_matter(title="Themes", description="Approaches grouped by theme.")
                         + "\n".join(lines), in_nav=True))
    return pages


def featured_approaches(col: Collection) -> list[Entry]:
    """The approaches with the most documented uses in places: the ones with the strongest evidence here."""
    ranked = sorted(col.approaches.values(), key=lambda a: -len(col.approach_uses.get(a.slug, [])))
    return [a for a in ranked if col.approach_uses.get(a.slug)][:FEATURED_COUNT]


def _take_it_into_a_room(uri: str, col: Collection) -> list[str]:
    """What the home page offers for running a session: the cards, and the worksheets the collection has."""
    worksheets = [f"[{md_text(title_of(col.approaches[slug]))}]({href(uri, page)})"
                  for slug, page in WORKSHEETS.items() if slug in col.approaches]
    lines = ["## Take it into a room", "",
             f"- **[Facilitation cards]({href(uri, 'cards/index.md')}):** every approach on one A4 page, with its "
             "steps and timings and a QR code that opens its page. Print one, a barrier's set or the whole deck."]
    if worksheets:
        lines.append(f"- **Worksheets** to fill in on screen or on paper: {' and '.join(worksheets)}.")
    return [*lines, ""]


def render_home(col: Collection, recent: list[Entry] | None = None) -> Page:
    uri = "index.md"
    lines = [
        "# Find an approach for what you are facing", "",
        "Models and methods that help councils, the NHS, police, charities and residents lead together on hard "
        "local issues, with how to run them and where they were used.", "{ .kb-summary }", "",
        '<form class="kb-home-search" action="search/" method="get" role="search">'
        '<label for="kb-home-q">Describe your problem, or name an approach, a person or a place</label>'
        '<input type="search" id="kb-home-q" name="q" placeholder="e.g. partners don\'t trust each other">'
        '<button type="submit" class="md-button md-button--primary">Search</button></form>', "",
        f"**{len(col.approaches)}** [approaches](approaches/index.md) · **{len(col.barriers)}** "
        f"[barriers](barriers/index.md) · **{len(col.places)}** [places](places/index.md) · "
        f"[matchmaker](matchmaker.md) · [matrix](matrix.md)", "",
        "## What are you facing?", "",
        "Facing more than one of these? [Tick them all in the matchmaker](matchmaker.md){ .md-button "
        ".md-button--primary }", "{ .kb-cta }", "",
        *_barrier_cards(uri, col),
        *_take_it_into_a_room(uri, col),
        "## Approaches with documented use in places", "",
        *approach_list(uri, featured_approaches(col), col),
    ]
    if recent:
        lines += ["## Recently added", "", *[f"- {md_link(uri, a)}: {md_text(summary_of(a))}" for a in recent],
                  ""]
    content = front_matter(title="Home", description="Systems leadership approaches, the barriers they help "
                           "overcome and the places that used them.", hide=["navigation", "toc"])
    return Page(uri, content + "\n".join(lines), in_nav=True)
