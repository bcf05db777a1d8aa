"""Facilitation cards: one A4 page per approach to take into a room, and decks of them.

A card is what a facilitator needs on the day: what the approach is for, who and how long, the steps with their
minutes, what to watch out for, the source, and a QR code that opens the full page. It is condensed from the
entry to fit one A4 page at a readable size (10 pt at the least): each point keeps its first sentence, within
a character budget, and a card that had to leave text out says so and points to the page.

- `/cards/<slug>/`: one card, linked from the approach's page;
- `/cards/`: the deck, a contents page then every card, grouped under the barrier each approach names first;
- `/print/<barrier>/cards/`: the cards of a barrier's print pack. It links to each card, and kb.js brings the
  cards into the page to print them together; copying every card into 13 more pages would make the build and
  the site grow with barriers times approaches.

The QR code is made at build time as inline SVG by segno (a well-kept, dependency-free QR library), so a
card needs no script and no request to print. It encodes the page's absolute address, so it needs the site's
address (`site_url`); without one the card prints the page's path instead of a code.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Callable

import segno

from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.memo import Memo
from generator.content.steps import Step, plain, section_points, session_steps
from generator.content.urls import page_url, url_href
from generator.render import parts
from generator.render.entries import (
    Page, barrier_cards_uri, card_uri, entry_uri, facts_line, front_matter, md_text, source_line, summary_of, title_of,
)
from generator.render.rawblocks import raw_block

DECK_URI = "cards/index.md"
SUMMARY_CHARACTERS = 200
# A card's text must fit one A4 page at 10.5 pt: about 2,700 characters in Chromium, measured on every approach
# (the fullest real card, 2,100 characters, fills 78% of the page). A card is condensed with the first of these
# limits that keeps it within CARD_CHARACTERS; tests/render/test_cards_browser.py prints the fullest cards and counts
# their PDF pages.
CARD_CHARACTERS = 2400


@dataclass(frozen=True)
class Limits:
    steps: int
    step_characters: int
    points: int
    point_characters: int


LIMITS = (Limits(8, 230, 4, 170), Limits(8, 150, 3, 120), Limits(6, 100, 2, 90))
_SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)])[.!?](?=\s+[A-Z])")


def _escape(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


@dataclass
class _Budget:
    """Cuts text to fit a card, counts what it keeps, and remembers whether anything was left out."""

    limits: Limits
    shortened: bool = False
    used: int = 0

    def cut(self, text: str, limit: int) -> str:
        """As many whole sentences of `text` as fit in `limit` characters (at least the first, cut at a word)."""
        sentences = [part.strip() for part in _SENTENCE_END_RE.split(text)]
        kept = sentences[0]
        for sentence in sentences[1:]:
            if len(kept) + 2 + len(sentence) > limit:
                self.shortened = True
                break
            kept = f"{kept}. {sentence}"
        text = kept if kept.endswith((".", "!", "?", ":")) or len(sentences) == 1 else kept + "."
        if len(text) > limit:
            self.shortened = True
            text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        self.used += len(text)
        return text

    def take(self, items: list, limit: int) -> list:
        if len(items) > limit:
            self.shortened = True
        return items[:limit]


def _minutes_text(step: Step) -> str:
    if step.minutes is None:
        return ""
    low, high = step.minutes
    return f"{low} min" if low == high else f"{low}–{high} min"


def _step_item(step: Step, budget: _Budget) -> str:
    lead = f"<strong>{_escape(step.lead)}</strong> " if step.lead else ""
    timing = f'<span class="kb-card__minutes">{_minutes_text(step)}</span> ' if step.minutes else ""
    budget.used += len(step.lead) + 8
    text = budget.cut(step.text, budget.limits.step_characters) if step.text else ""
    if step.points:
        budget.shortened = True  # sub-points stay on the page: a card keeps to one line of steps each
    return f"<li>{timing}{lead}{_escape(text)}</li>"


def _points(title: str, points: list[str], budget: _Budget) -> list[str]:
    if not points:
        return []
    items = [f"<li>{_escape(budget.cut(point, budget.limits.point_characters))}</li>"
             for point in budget.take(points, budget.limits.points)]
    return [f'<section class="kb-card__part"><h3>{_escape(title)}</h3><ul>', *items, "</ul></section>"]


def qr_code(address: str) -> segno.QRCode:
    """The card's QR code for `address`, with a fixed mask.

    Any of the eight masks makes a valid code: a scanner reads which one from the code itself. Letting segno
    score all eight for the "best" took 4.6 of every 5.6 ms per code, a fifth of a 5,000-entry build. Codes
    with this mask decode at the card's scale (tests/render/test_cards.py), and the browser test decodes
    printed cards.
    """
    return segno.make(address, error="m", mask=4)


@functools.lru_cache(maxsize=20_000)  # `mkdocs serve` renders every card again; the codes do not change
def qr_svg(address: str, label: str) -> str:
    """An inline SVG QR code for `address`, named for assistive technology as what it opens."""
    return qr_code(address).svg_inline(scale=3, border=2, title=label, svgclass="kb-card__qr-code", lineclass=None,
                                       omitsize=False)


def card_html(approach: Entry, col: Collection, from_uri: str, site_url: str | None, level: int = 1) -> str:
    """One approach's card as HTML, with links relative to the page at `from_uri`: condensed with the first
    `LIMITS` that keep it within CARD_CHARACTERS (the last one whatever it keeps)."""
    for limits in LIMITS:
        card, used = _card(approach, col, from_uri, site_url, level, limits)
        if used <= CARD_CHARACTERS:
            break
    return card


def _card(approach: Entry, col: Collection, from_uri: str, site_url: str | None, level: int,
          limits: Limits) -> tuple[str, int]:
    budget = _Budget(limits)
    f = approach.fields
    page = page_url(entry_uri(approach))
    address = f"{site_url.rstrip('/')}/{page}" if site_url else None
    steps = budget.take(session_steps(approach), limits.steps)
    materials = [str(m) for m in f.get("materials") or []]
    sources = [s for s in f.get("sources") or [] if isinstance(s, dict)]
    source = plain(source_line(sources[0])) if sources else ""
    link = url_href(from_uri, entry_uri(approach))
    heading = f"h{level}"
    parts = [
        f'<article class="kb-card" id="card-{approach.slug}" aria-labelledby="card-{approach.slug}-title">',
        f'<header class="kb-card__head"><{heading} id="card-{approach.slug}-title">{_escape(title_of(approach))}'
        f"</{heading}>",
        f'<p class="kb-card__summary">{_escape(budget.cut(summary_of(approach), SUMMARY_CHARACTERS))}</p>',
        f'<p class="kb-card__facts">{_escape(facts_line(approach, col))}</p></header>',
        *_points("When to use it", section_points(approach, "When to use it"), budget),
    ]
    if steps:
        parts += ['<section class="kb-card__part kb-card__steps"><h3>Steps</h3><ol>',
                  *[_step_item(step, budget) for step in steps], "</ol></section>"]
    if materials:
        parts += [f'<p class="kb-card__materials"><strong>Materials:</strong> {_escape("; ".join(materials))}</p>']
    parts += _points("Watch out for", section_points(approach, "Watch out for"), budget)
    qr = (f'<div class="kb-card__qr">{qr_svg(address, f"QR code: opens {address}")}</div>' if address else "")
    more = (f'<p class="kb-card__more">Shortened to fit the card: the full text is on the page, '
            f'<a href="{_escape(link)}">{_escape(address or page)}</a>.</p>' if budget.shortened else "")
    parts += [f'<footer class="kb-card__foot">{qr}<div class="kb-card__foot-text">',
              f'<p class="kb-card__address"><a href="{_escape(link)}">{_escape(address or page)}</a></p>',
              f'<p class="kb-card__source">Source: {_escape(source)}</p>' if source else "",
              more, "</div></footer></article>"]
    return "\n".join(part for part in parts if part), budget.used + len(facts_line(approach, col)) + len(source)


def _print_button(what: str) -> str:
    return (f'<p class="kb-print-hint"><button type="button" class="md-button" data-kb-print hidden>Print {what}'
            "</button> Each card prints on one A4 page.</p>")


def render_card_page(approach: Entry, col: Collection, site_url: str | None, card: str) -> Page:
    uri = card_uri(approach)
    lines = [
        *raw_block([
            f'<p class="kb-card-tools"><a href="{_escape(url_href(uri, entry_uri(approach)))}">Back to the full page'
            "</a></p>",
            _print_button("this card"),
            card,
        ]),
    ]
    content = front_matter(title=f"Card: {title_of(approach)}", description=summary_of(approach),
                           hide=["navigation", "toc"])
    return Page(uri, content + "\n".join(lines))


def deck_order(col: Collection) -> list[tuple[Entry, list[Entry]]]:
    """Each barrier with the approaches that name it first, in the ranking model's order (link.py)."""
    return [(barrier, [a for a in col.barrier_approaches.get(barrier.slug, [])
                       if (a.fields.get("barriers") or [None])[0] == barrier.slug])
            for barrier in col.barriers.values()]


def render_deck(col: Collection, card_in: Callable[[Entry, str], str], size: int = parts.PART_SIZE) -> list[Page]:
    """Every card, after a contents page, grouped by the barrier each approach names first; in parts of `size`
    cards (generator/render/parts.py), numbered through the whole deck. `card_in(approach, uri)` is the
    approach's card as shown on the page at `uri`."""
    in_order = [(barrier, approach) for barrier, approaches in deck_order(col) for approach in approaches]
    intro = (f"A card for each of the {len(col.approaches)} approaches, to print and take into a room: one A4 page "
             "each, grouped by the barrier each helps with most.")
    whole = parts.cut(in_order, DECK_URI, "cards/deck", size)
    return [_deck_part(part, whole, card_in, intro) for part in whole]


def _deck_part(part: parts.Part, whole: list[parts.Part], card_in: Callable[[Entry, str], str], intro: str) -> Page:
    contents, cards, group = [], [], None
    for number, (barrier, approach) in enumerate(part.items, part.start):
        if barrier is not group:
            contents += [*(["</ol></li>"] if group else []), f"<li>{_escape(title_of(barrier))}<ol>"]
            group = barrier
        contents.append(f'<li value="{number}"><a href="#card-{approach.slug}">{_escape(title_of(approach))}'
                        "</a></li>")
        cards.append(card_in(approach, part.uri))
    if group:
        contents.append("</ol></li>")
    title = parts.title("Facilitation cards", part)
    lines = [f"# {title}", "", intro, "{ .kb-summary }", "",
             *raw_block([*parts.parts_nav(part, whole, "Parts of the deck"), _print_button("the deck"),
                         '<nav class="kb-deck-contents" aria-label="Cards in this deck"><h2>Contents</h2><ol>',
                         *contents, "</ol></nav>", '<div class="kb-deck">', *cards, "</div>"])]
    content = front_matter(title=title, description=intro, hide=["navigation", "toc"])
    return Page(part.uri, content + "\n".join(lines), in_nav=part.number == 1)


def render_barrier_deck(barrier: Entry, col: Collection) -> Page:
    """A barrier's cards: links to each, which kb.js replaces with the cards themselves for printing."""
    uri = barrier_cards_uri(barrier)
    helpers = col.barrier_approaches.get(barrier.slug, [])
    intro = f"The {len(helpers)} approaches that help with this barrier, one card each."
    links = [f'<li><a href="{_escape(url_href(uri, card_uri(a)))}" data-kb-card>{_escape(title_of(a))}</a></li>'
             for a in helpers]
    lines = [f"# Cards: {md_text(title_of(barrier))}", "", intro, "{ .kb-summary }", "",
             *raw_block([_print_button("these cards"), '<ol class="kb-card-links" data-kb-cards>', *links, "</ol>"])]
    content = front_matter(title=f"Cards: {title_of(barrier)}", description=intro, hide=["navigation", "toc"])
    return Page(uri, content + "\n".join(lines))


def render_card_pages(col: Collection, site_url: str | None = None, memo: Memo | None = None) -> list[Page]:
    """A card for every approach, the whole deck, and each barrier's deck.

    With a `memo` (kept by `mkdocs serve`), a card is made again only when its approach, or an entry the card
    shows something of, changed: condensing a body takes a parse, and the deck holds every card.
    """
    def recall(key, make):
        return make() if memo is None else memo.recall(key, make)

    own, pages, keys = {}, [], {}
    for approach in col.approaches.values():
        key = keys[approach.slug] = (approach, col.shown_on_page_of(approach), site_url)
        own[approach.slug] = recall(("card", *key), lambda: card_html(approach, col, card_uri(approach), site_url))
        pages.append(recall(("card page", *key), lambda: render_card_page(approach, col, site_url, own[approach.slug])))

    def card_in_deck(approach: Entry, uri: str) -> str:
        return recall(("card in deck", *keys[approach.slug], uri),
                      lambda: card_html(approach, col, uri, site_url, level=2))
    pages += render_deck(col, card_in_deck)
    return pages + [render_barrier_deck(barrier, col) for barrier in col.barriers.values()]
