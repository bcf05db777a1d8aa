"""Worksheets for the tools in our sources: Peter Block's trust and agreement matrix, and the GROW conversation.

Each worksheet is one generated page that a reader fills in on screen and prints on one A4 page. What they type
stays in their own browser (local storage; `generator/render/assets/worksheets.js`), never in a cookie or on a server: a
trust map names real colleagues, and the approach itself warns against sharing it.

The pages are complete without JavaScript: they say what the worksheet does and show a blank version to print
and fill in by hand (the empty grid, the groups with space for names; the GROW stages with their prompts and
ruled space). The script reveals the controls and fills the same grid and lists.

The advice on each worksheet comes from its approach's own text (its "How to use it" steps, read by
generator/content/steps.py), so the approach page and its worksheet say the same thing; the prompts here are ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.ranking import approach_facts
from generator.content.steps import session_steps
from generator.content.urls import url_href
from generator.render.entries import WORKSHEETS, Page, entry_uri, front_matter, title_of
from generator.render.lists import attr
from generator.render.rawblocks import raw_block
from generator.render.tools import json_for_script

# The script ships with the generator, as lunr.js does (search.py), so any site the plugin builds has it.
SCRIPT_URI = "assets/worksheets.js"
_SCRIPT = Path(__file__).parent / "assets" / "worksheets.js"
MAX_PEOPLE = 16  # as many names as the grid's busiest cell shows and one A4 page prints
MAX_NAME = 60
MAX_NOTES = 500  # per GROW stage: four full stages still print on one A4 page


# -- Trust and agreement ------------------------------------------------------------------------------------

TRUST = (("high", "High"), ("low", "Low"))
# "Not sure" is a third answer, drawn as a middle band: Block's fence-sitters are people whose position you
# cannot read, not people who half agree, so a point halfway along a scale would misdescribe them.
AGREEMENT = (("disagree", "Disagree"), ("unsure", "Not sure"), ("agree", "Agree"))


@dataclass(frozen=True)
class Group:
    """A cell of the grid: who falls in it (trust, agreement) and the conversation to have with them."""

    slug: str
    name: str
    trust: str
    agreement: str
    blocks: bool = True  # one of Block's five groups; False for the cell the worksheet adds


GROUPS = (  # in Block's order; the grid places each cell by its trust and agreement
    Group("allies", "Allies", "high", "agree"),
    Group("opponents", "Opponents", "high", "disagree"),
    Group("bedfellows", "Bedfellows", "low", "agree"),
    Group("fence-sitters", "Fence-sitters", "low", "unsure"),
    Group("adversaries", "Adversaries", "low", "disagree"),
    Group("ask-first", "Ask first", "high", "unsure", blocks=False),
)
# Block's fence-sitters are low in trust; someone you trust but cannot read is not one of his groups.
ASK_FIRST_ADVICE = ("Ask them plainly where they stand: you trust each other, so the question is safe. Then "
                    "place them as an ally or an opponent.")


def group_advice(approach: Entry) -> dict[str, str]:
    """The conversation the approach suggests for each of Block's groups: the sub-points of its "How to use it"
    steps that start with a group's name ("Allies: confirm the shared aim..."), keyed by the group's slug."""
    names = {group.name.casefold(): group.slug for group in GROUPS if group.blocks}
    advice = {}
    for step in session_steps(approach):
        for point in step.points:
            name, colon, text = point.partition(":")
            if colon and name.strip().casefold() in names and text.strip():
                text = text.strip()
                advice[names[name.strip().casefold()]] = text[0].upper() + text[1:]
    return advice | {"ask-first": ASK_FIRST_ADVICE}


def _group_description(group: Group) -> str:
    trust = dict(TRUST)[group.trust].lower()
    agreement = {"agree": "you agree", "disagree": "you disagree", "unsure": "you cannot tell where they stand"}
    return f"{trust} trust, {agreement[group.agreement]}"


# The grid as an SVG picture: trust up the side (high at the top), agreement along the bottom.
CELL_W, CELL_H, LEFT, TOP, BOTTOM = 200, 150, 64, 8, 52


def _grid_svg() -> list[str]:
    """The empty grid, each cell named; worksheets.js draws each person as a labelled point in their cell (its
    `data-group`) and rewrites the description to say who is where."""
    width, height = LEFT + CELL_W * len(AGREEMENT), TOP + CELL_H * len(TRUST) + BOTTOM
    lines = [f'<svg class="kb-ta-grid" id="kb-ta-grid" viewBox="0 0 {width} {height}" role="img" '
             'aria-labelledby="kb-ta-grid-title kb-ta-grid-desc" xmlns="http://www.w3.org/2000/svg">',
             '<title id="kb-ta-grid-title">The trust and agreement grid</title>',
             '<desc id="kb-ta-grid-desc">Trust runs up the side, from low to high; agreement about the change runs '
             "along the bottom: disagree, not sure, agree. The list of groups below says the same in words.</desc>"]
    for group in GROUPS:
        x = LEFT + CELL_W * [value for value, _ in AGREEMENT].index(group.agreement)
        y = TOP + CELL_H * [value for value, _ in TRUST].index(group.trust)
        extra = "" if group.blocks else " kb-ta-cell--added"
        lines.append(f'<rect class="kb-ta-cell{extra}" data-group="{group.slug}" x="{x}" y="{y}" width="{CELL_W}" '
                     f'height="{CELL_H}"/>')
        lines.append(f'<text class="kb-ta-cell-name" x="{x + 8}" y="{y + 20}">{attr(group.name)}</text>')
    for row, (_, label) in enumerate(TRUST):
        lines.append(f'<text class="kb-ta-tick" x="{LEFT - 8}" y="{TOP + CELL_H * row + CELL_H // 2}" '
                     f'text-anchor="end">{label}</text>')
    for column, (_, label) in enumerate(AGREEMENT):
        lines.append(f'<text class="kb-ta-tick" x="{LEFT + CELL_W * column + CELL_W // 2}" '
                     f'y="{TOP + CELL_H * len(TRUST) + 18}" text-anchor="middle">{label}</text>')
    middle_y = TOP + CELL_H * len(TRUST) // 2
    lines += [f'<text class="kb-ta-axis" x="16" y="{middle_y}" text-anchor="middle" '
              f'transform="rotate(-90 16 {middle_y})">Trust</text>',
              f'<text class="kb-ta-axis" x="{LEFT + CELL_W * len(AGREEMENT) // 2}" y="{height - 8}" '
              'text-anchor="middle">Agreement about the change</text>',
              '<g id="kb-ta-points"></g>', "</svg>"]
    return lines


def _trust_and_agreement(uri: str, approach: Entry, col: Collection) -> Page:
    advice = group_advice(approach)
    approach_link = _approach_link(uri, approach)
    groups = []
    for group in GROUPS:
        text = advice.get(group.slug) or "Step 4 of the approach suggests a conversation for each group."
        source = "" if group.blocks else "; the worksheet’s suggestion, not one of Block’s groups"
        groups += [f'<li class="kb-ta-group kb-ta-group--{group.slug}" data-group="{group.slug}">',
                   f"<h3>{attr(group.name)} <span class=\"kb-ta-group__where\">{attr(_group_description(group))}"
                   f"{attr(source)}</span></h3>",
                   f"<p>{attr(text)}</p>",
                   '<p class="kb-ta-group__names"><span class="kb-ta-group__label">Names:</span> '
                   '<span class="kb-ta-group__people"></span></p>', "</li>"]
    model = {"groups": [{"slug": g.slug, "name": g.name, "trust": g.trust, "agreement": g.agreement} for g in GROUPS],
             "trust": TRUST, "agreement": AGREEMENT}
    return _worksheet_page(uri, "trust-and-agreement", "Trust and agreement worksheet",
                           "Place the people your change needs by trust and agreement, and plan a conversation with "
                           "each.", [
            f'<p class="kb-summary">Map the people whose support your change needs, as in {approach_link}: how far '
            "you trust each other, and how far you agree about the change. Each person falls in one of Peter Block’s "
            "five groups, and each group needs a different conversation.</p>",
            '<p class="kb-ws-about">Agreement has a third answer, <em>Not sure</em>, for people whose position you '
            "cannot read. With low trust they are Block’s fence-sitters. If you trust someone and still cannot "
            "tell, the worksheet suggests you ask them first.</p>",
            *_privacy("What you enter stays in this browser, on this device, and is never sent anywhere. People "
                      "rarely welcome being labelled, so press <strong>Clear</strong> when you finish on a shared "
                      "computer."),
            '<div class="kb-nojs"><p>With JavaScript on, this page lets you add names and place them; it is off in '
            "this browser, so here is a blank worksheet to print: write each name in its cell of the grid and "
            "under its group.</p></div>",
            *_text_field("change", "kb-ta-change", "The change you want, in one sentence"),
            '<section class="kb-ta-editor" aria-labelledby="kb-ta-people-heading" hidden data-kb-reveal>',
            '<h2 id="kb-ta-people-heading">Your people</h2>',
            '<form class="kb-ta-add" id="kb-ta-add" novalidate>',
            '<label for="kb-ta-name">Name of someone who can help or block the change</label>',
            f'<div class="kb-ta-add__row"><input type="text" id="kb-ta-name" maxlength="{MAX_NAME}" '
            'autocomplete="off" aria-describedby="kb-ta-message">'
            '<button type="submit" class="md-button md-button--primary">Add</button></div>',
            "</form>",
            '<p class="kb-ws-message" id="kb-ta-message" role="status"></p>',
            f'<ol class="kb-ta-people" id="kb-ta-people" data-max="{MAX_PEOPLE}"></ol>',
            "</section>",
            '<section class="kb-ta-picture" aria-labelledby="kb-ta-grid-heading">',
            '<h2 id="kb-ta-grid-heading">The grid</h2>',
            # on a phone the picture keeps a readable size and scrolls sideways; the lists below say the same
            '<div class="kb-ta-grid-frame" role="region" aria-labelledby="kb-ta-grid-heading" tabindex="0">',
            *_grid_svg(), "</div>",
            "</section>",
            '<section class="kb-ta-groups" aria-labelledby="kb-ta-groups-heading">',
            '<h2 id="kb-ta-groups-heading">The groups, and the conversation for each</h2>',
            '<ul class="kb-ta-group-list">', *groups, "</ul>",
            '<p class="kb-ta-unplaced" id="kb-ta-unplaced" hidden></p>',
            "</section>",
            f'<script type="application/json" id="kb-ta-model">{json_for_script(model)}</script>',
    ])


def _approach_link(from_uri: str, approach: Entry) -> str:
    return f'<a href="{attr(url_href(from_uri, entry_uri(approach)))}">{attr(title_of(approach))}</a>'


def _privacy(text_html: str) -> list[str]:
    """Where the reader's entries are kept, and a line for messages about keeping them (shown with the script)."""
    return [f'<p class="kb-ws-privacy" hidden data-kb-reveal>{text_html}</p>',
            '<p class="kb-ws-message" data-kb-status role="status"></p>']


def _text_field(name: str, ident: str, label: str) -> list[str]:
    """A one-line field: typed in on screen; on paper its text, or a ruled line to write on."""
    return [f'<div class="kb-field kb-ws-topic"><label for="{ident}">{attr(label)}</label>',
            f'<input type="text" id="{ident}" name="{name}" maxlength="200" autocomplete="off" hidden data-kb-reveal '
            "data-kb-field>",
            f'<p class="kb-ws-printout" data-printout="{name}"></p>',
            '<span class="kb-ws-lines kb-ws-lines--one" aria-hidden="true"></span></div>']


def _actions() -> list[str]:
    return ['<div class="kb-ws-actions" hidden data-kb-reveal><button type="button" class="md-button md-button--primary" '
            'data-kb-print hidden>Print</button> <button type="button" class="md-button" data-kb-clear>Clear</button>'
            "</div>"]


# -- GROW ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    slug: str
    name: str
    prompts: tuple[str, ...]


# Our own prompts, in the spirit of the model: open questions that leave the answer with the person.
STAGES = (
    Stage("goal", "Goal", (
        "What would you like to have by the end of this conversation?",
        "Picture it going well a year from now: what is different, and for whom?",
        "Which part of that is yours to influence?",
        "How will you know you have got there?")),
    Stage("reality", "Reality", (
        "What is happening now? Who is involved, and what does each of them want?",
        "What have you tried so far, and what came of it?",
        "What is getting in the way, and what is helping?",
        "What are you assuming that you have not checked?")),
    Stage("options", "Options", (
        "What could you do? List everything before judging any of it.",
        "What would you try with more time, more money or more nerve?",
        "What would someone you admire do here?",
        "Which options could you combine?")),
    Stage("will", "Will", (
        "Which option will you take?",
        "What is the first step, and when will you take it?",
        "Who needs to know, and who could help?",
        "How will you keep going when it gets hard?")),
)
LOW_COMMITMENT = 6  # a score of 6 or less sends the reader back to Options, as the approach advises


def _stage_steps(approach: Entry) -> dict[str, str]:
    """What the approach's own steps say about each stage, with their timing ("Goal (10 minutes)")."""
    found = {}
    for step in session_steps(approach):
        slug = step.lead.casefold()
        if slug in {stage.slug for stage in STAGES}:
            timing = ""
            if step.minutes:
                low, high = step.minutes
                timing = f"About {low} minutes. " if low == high else f"About {low} to {high} minutes. "
            found[slug] = timing + step.text
    return found


def _stage(uri: str, stage: Stage, step_text: str, col: Collection, approach: Entry) -> list[str]:
    notes_id = f"kb-grow-{stage.slug}"
    lines = [f'<section class="kb-grow-stage" id="{stage.slug}" aria-labelledby="{stage.slug}-heading">',
             f'<h2 id="{stage.slug}-heading"><span class="kb-grow-letter" aria-hidden="true">{stage.name[0]}</span>'
             f"{stage.name}</h2>"]
    if step_text:
        lines.append(f'<p class="kb-grow-step">{attr(step_text)}</p>')
    lines += ['<ul class="kb-grow-prompts">', *[f"<li>{attr(p)}</li>" for p in stage.prompts], "</ul>"]
    if stage.slug == "options":
        lines += _options_finder(uri, col, approach)
    lines += [f'<div class="kb-field kb-ws-notes"><label for="{notes_id}">Your notes: {stage.name.lower()}</label>',
              f'<textarea id="{notes_id}" name="{stage.slug}" rows="4" maxlength="{MAX_NOTES}" hidden data-kb-reveal '
              "data-kb-field></textarea>",
              f'<p class="kb-ws-printout" data-printout="{stage.slug}"></p>',
              '<span class="kb-ws-lines kb-ws-lines--notes" aria-hidden="true"></span></div>']
    if stage.slug == "will":
        lines += ['<div class="kb-field kb-grow-commitment"><label for="kb-grow-commitment">How committed do you '
                  "feel to the first step, from 1 to 10?</label>",
                  f'<select id="kb-grow-commitment" name="commitment" hidden data-kb-reveal data-kb-field '
                  f'data-low="{LOW_COMMITMENT}" aria-describedby="kb-grow-commitment-advice">'
                  '<option value="">Choose</option>',
                  *[f'<option value="{n}">{n}</option>' for n in range(1, 11)], "</select>",
                  '<span class="kb-ws-lines kb-ws-lines--short" aria-hidden="true"></span>',
                  '<p id="kb-grow-commitment-advice" class="kb-ws-message" role="status"></p></div>']
    return lines + ["</section>"]


def _options_finder(uri: str, col: Collection, approach: Entry) -> list[str]:
    """Approaches from this site for the barrier the reader faces, in the ranking model's order (kb.js ranks the
    facts embedded here); without JavaScript, the barrier pages, which list the same approaches in that order."""
    others = [a for a in col.approaches.values() if a.slug != approach.slug]  # not GROW itself
    facts = [{**approach_facts(a, len(col.approach_uses.get(a.slug, []))), "url": url_href(uri, entry_uri(a))}
             for a in others]
    barriers = list(col.barriers.values())
    return [
        '<div class="kb-grow-finder" hidden data-kb-reveal>',
        '<div class="kb-field"><label for="kb-grow-barrier">What are you up against? See approaches that help'
        '</label><select id="kb-grow-barrier" name="barrier" data-kb-field aria-describedby="kb-grow-approaches-status">'
        '<option value="">Choose a barrier</option>',
        *[f'<option value="{attr(b.slug)}">{attr(title_of(b))}</option>' for b in barriers], "</select></div>",
        '<p class="kb-ws-message" id="kb-grow-approaches-status" role="status"></p>',
        '<ol class="kb-list kb-ranked kb-grow-approach-list" id="kb-grow-approach-list"></ol>',
        f'<script type="application/json" id="kb-grow-approaches">{json_for_script(facts)}</script>',
        f'<script type="application/json" id="kb-grow-barriers">'
        f'{json_for_script({b.slug: {"title": title_of(b), "url": url_href(uri, entry_uri(b))} for b in barriers})}'
        "</script>",
        "</div>",
        '<div class="kb-nojs"><p>Approaches on this site for what you are up against: '
        + "; ".join(f'<a href="{attr(url_href(uri, entry_uri(b)))}">{attr(title_of(b))}</a>' for b in barriers)
        + ".</p></div>",
    ]


def _grow(uri: str, approach: Entry, col: Collection) -> Page:
    steps = _stage_steps(approach)
    stage_links = "".join(f'<li><a href="#{s.slug}">{s.name}</a></li>' for s in STAGES)
    return _worksheet_page(uri, "grow", "GROW conversation planner",
                           "Prompts and notes for each stage of a GROW conversation, with approaches for the barrier "
                           "you face.", [
            f'<p class="kb-summary">Plan or follow a coaching conversation with {_approach_link(uri, approach)}: '
            "Goal, Reality, Options, Will. Start at whichever stage you need and go back when something new comes "
            "up; each stage has prompts and space for notes.</p>",
            *_privacy("Your notes stay in this browser, on this device, and are never sent anywhere. Press "
                      "<strong>Clear</strong> when you finish on a shared computer."),
            '<div class="kb-nojs"><p>With JavaScript on, you can type notes here and see approaches for the '
            "barrier you face; it is off in this browser, so here is a blank planner to print and fill in by "
            "hand.</p></div>",
            f'<nav class="kb-grow-nav" aria-label="Stages"><ol>{stage_links}</ol></nav>',
            *_text_field("topic", "kb-grow-topic", "What this conversation is about"),
            '<div class="kb-grow-stages">',
            *[line for stage in STAGES for line in _stage(uri, stage, steps.get(stage.slug, ""), col, approach)],
            "</div>",
    ])


def _worksheet_page(uri: str, name: str, title: str, description: str, body: list[str]) -> Page:
    """A worksheet page: its title, then `body` in the worksheet's frame with the Clear and Print actions and the
    script that brings it to life."""
    lines = [f"# {title}", "", *raw_block([f'<div class="kb-ws" data-kb-worksheet="{name}">', *body, *_actions(),
                                            f'<script src="{url_href(uri, SCRIPT_URI)}" defer></script>', "</div>"])]
    return Page(uri, front_matter(title=title, description=description, hide=["navigation", "toc"])
                + "\n".join(lines))


_RENDERERS = {"trust-and-agreement": _trust_and_agreement, "grow-model": _grow}  # (uri, approach, collection)


def render_worksheet_pages(col: Collection) -> list[Page]:
    """The worksheet of each approach in WORKSHEETS that the collection holds (a test collection may lack one),
    and their script."""
    pages = [_RENDERERS[slug](uri, col.approaches[slug], col) for slug, uri in WORKSHEETS.items()
             if slug in col.approaches]
    return pages + [Page(SCRIPT_URI, _SCRIPT.read_text(encoding="utf-8"))] if pages else []



