"""The session plan, /kit/: a facilitator strings approaches and breaks into a timed plan that lives in its address.

The address holds the whole plan (`/kit/?a=trust-and-agreement:60,break:15,world-cafe:90&start=09:30&length=180`),
so a plan is shared by sending a link and no server keeps anything. This module writes the page: the form that
`generator/render/assets/kit.js` brings to life, every approach's data for it as JSON (what the plan shows and what its
printed agenda lists: the steps under "How to use it", generator/content/steps.py, and the materials), and, for readers
without JavaScript, what the page does and a list of the approaches.

The script ships with the generator, as lunr.js does for search, rather than from docs/: the page links to it
from its content, and the build's completeness check needs that link to resolve in every site the plugin
builds, including those whose docs/ holds only their own pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.memo import Memo
from generator.content.ranking import approach_facts
from generator.content.steps import session_steps
from generator.content.urls import url_href
from generator.render.entries import Page, entry_uri, front_matter, summary_of
from generator.render.lists import attr, html_link
from generator.render.rawblocks import raw_block
from generator.render.tools import approaches_for_script

KIT_PAGE = "kit.md"
KIT_SCRIPT = "assets/kit.js"  # loaded by this page alone, after kb.js
_KIT_JS = Path(__file__).parent / "assets" / "kit.js"


def card_uri(approach: Entry) -> str:
    """Where an approach's printable card page lives (the cards module renders it)."""
    return f"cards/{approach.slug}.md"


def kit_record(uri: str, approach: Entry, col: Collection) -> dict:
    """What the plan needs to know about one approach, as plain data for the page's JSON.

    The facts come from the ranking model (`approach_facts`), so kit.js can ask `KB.fitOf` whether the minutes
    a reader gives are enough. `card` is always written, though the card page may not be built: kit.js fetches
    it for printing and prints without it when it is missing.
    """
    facts = approach_facts(approach, len(col.approach_uses.get(approach.slug, [])))
    record = {
        **facts,
        "url": url_href(uri, entry_uri(approach)),
        "card": url_href(uri, card_uri(approach)),
        "steps": [{"lead": s.lead, "text": s.text, "points": list(s.points),
                   "minutes": list(s.minutes) if s.minutes else None} for s in session_steps(approach)],
    }
    materials = approach.fields.get("materials")
    if isinstance(materials, list) and materials:
        record["materials"] = [str(m) for m in materials]
    return record


def _kit_json(uri: str, col: Collection, memo: Memo | None) -> str:
    """Every approach's kit_record as JSON for the page; a record reads the approach and its number of uses,
    nothing else."""
    return approaches_for_script(col, lambda a: kit_record(uri, a, col),
                                 lambda a: ("kit", uri, a, len(col.approach_uses.get(a.slug, []))), memo)


def _app() -> list[str]:
    """The plan's form, hidden until kit.js shows it: it cannot work without the script.

    Native controls throughout (inputs, a select, buttons), each with a visible label, so the keyboard and
    screen readers need nothing special. kit.js fills the list, the agenda and the cards.
    """
    return [
        '<div class="kb-kit" id="kb-kit" hidden>',
        '<div class="kb-kit-notice" id="kb-kit-notice" role="alert" hidden></div>',
        '<form class="kb-filters kb-kit-settings" id="kb-kit-settings" aria-label="When and how long">',
        '<div class="kb-filters__row">',
        '<div class="kb-field"><label for="kb-kit-start">Start time</label>'
        '<input type="time" id="kb-kit-start" name="start"></div>',
        '<div class="kb-field"><label for="kb-kit-length">Session length (minutes)</label>'
        '<input type="number" id="kb-kit-length" name="length" min="1" max="1440" inputmode="numeric"></div>',
        "</div></form>",
        '<p class="kb-count kb-kit-total" id="kb-kit-total"></p>',
        '<h2 id="kb-kit-plan-heading">Your plan</h2>',
        '<ol class="kb-list kb-kit-items" id="kb-kit-items" aria-labelledby="kb-kit-plan-heading"></ol>',
        '<p class="kb-kit-empty" id="kb-kit-empty" hidden>Your plan is empty. Add an approach or a break below, or '
        "use \u201cAdd to a session\u201d on an approach\u2019s page.</p>",
        '<div class="kb-filters kb-kit-add">',
        '<form id="kb-kit-add-approach" class="kb-kit-add__group" aria-labelledby="kb-kit-add-heading">',
        '<h2 id="kb-kit-add-heading">Add an approach</h2>',
        '<div class="kb-filters__row">',
        '<div class="kb-field"><label for="kb-kit-find">Find by name</label>'
        '<input type="search" id="kb-kit-find" autocomplete="off" aria-describedby="kb-kit-find-count"></div>',
        '<div class="kb-field"><label for="kb-kit-approach">Approach</label>'
        '<select id="kb-kit-approach"></select></div>',
        '<button type="submit" class="md-button md-button--primary">Add to the plan</button>',
        "</div>",
        '<p class="kb-kit-hint" id="kb-kit-find-count"></p>',
        "</form>",
        '<form id="kb-kit-add-break" class="kb-kit-add__group" aria-labelledby="kb-kit-break-heading">',
        '<h2 id="kb-kit-break-heading">Add a break</h2>',
        '<div class="kb-filters__row">',
        '<div class="kb-field"><label for="kb-kit-break">Break (minutes)</label>'
        '<input type="number" id="kb-kit-break" min="1" max="1440" value="15" inputmode="numeric"></div>',
        '<button type="submit" class="md-button">Add a break</button>',
        "</div></form>",
        "</div>",
        '<h2 id="kb-kit-share-heading">Share or print</h2>',
        '<div class="kb-kit-share">',
        '<div class="kb-field kb-kit-share__field"><label for="kb-kit-link">Link to this plan</label>'
        '<input type="text" id="kb-kit-link" readonly></div>',
        '<button type="button" class="md-button md-button--primary" id="kb-kit-copy">Copy link</button>',
        '<button type="button" class="md-button" data-kb-print hidden>Print the agenda</button>',
        '<button type="button" class="md-button" id="kb-kit-clear">Start a new plan</button>',
        "</div>",
        '<p class="kb-kit-hint">Your browser keeps the plan you last had open here, on this device only, so that '
        "\u201cAdd to a session\u201d on an approach\u2019s page adds to it. Nothing is sent anywhere.</p>",
        '<p class="kb-kit-status" id="kb-kit-status" role="status"></p>',
        "</div>",
        '<section class="kb-kit-agenda" id="kb-kit-agenda" aria-label="Agenda for printing"></section>',
        '<section class="kb-kit-cards" id="kb-kit-cards" aria-label="Cards for printing"></section>',
    ]


def _without_script(uri: str, col: Collection, pages: Iterable[Page]) -> list[str]:
    """What the page offers with JavaScript off: what it does, and every approach to start from.

    Written as HTML that the plugin keeps away from Markdown (render/rawblocks.py): with a line per approach,
    converting it was most of every `mkdocs serve` rebuild at 2,000 entries. A card is linked only when its page
    is among `pages`: the build refuses links to pages that do not exist.
    """
    built = {page.src_uri for page in pages}
    items = []
    for approach in col.approaches.values():
        card = card_uri(approach)
        card_link = f' (<a href="{attr(url_href(uri, card))}">card</a>)' if card in built else ""
        items.append(f"<li>{html_link(uri, approach)}{card_link}: {attr(summary_of(approach))}</li>")
    return raw_block(['<div class="kb-nojs">',
                      "<p>The session plan needs JavaScript, which is off in this browser. With it, you put "
                      "approaches and breaks in order, give each its minutes and a start time, and get a timed agenda "
                      "with each approach\u2019s steps to print and a link to share. Each approach\u2019s page says "
                      "how to run it:</p>", "<ul>", *items, "</ul>", "</div>"])


def render_kit_page(col: Collection, pages: Iterable[Page] = (), memo: Memo | None = None) -> Page:
    """/kit/: the session plan. `pages` are the site's other pages, to link the cards that exist (see above); a
    `memo` (kept by `mkdocs serve`) spares encoding unchanged approaches' data again."""
    uri = KIT_PAGE
    lines = [
        "# Session plan", "",
        "Put approaches and breaks in order, give each its minutes, and see the clock times against the time you "
        "have. The plan lives in this page's address: copy the link to share it, or print it as a facilitator's "
        "agenda with each approach's steps and materials.", "{ .kb-summary .kb-kit-intro }", "",
        *raw_block([
            *_app(),
            f'<script type="application/json" id="kb-kit-data">{_kit_json(uri, col, memo)}</script>',
            f'<script src="{url_href(uri, KIT_SCRIPT)}"></script>',
        ]),
        *_without_script(uri, col, pages),
    ]
    content = front_matter(title="Session plan", description="Plan a session from the approaches: timed, "
                           "shared by its link, printed as an agenda.", hide=["toc"])
    return Page(uri, content + "\n".join(lines), in_nav=True)


def kit_script() -> Page:
    """The page's script (generator/render/assets/kit.js), as a file of the site."""
    return Page(KIT_SCRIPT, _KIT_JS.read_text(encoding="utf-8"))
