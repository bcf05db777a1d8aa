"""The one ranking model: which approaches a reader should see first for their problems, people and time.

Every ordered list of approaches uses it: barrier pages (here, at build time) and, through the same rules in
`docs/assets/kb.js` (`rankApproaches`), the matchmaker, the filtered approaches list and the search results.
The browser half needs the approaches' facts, which `approach_facts` gives as plain data; a browser test
renders every barrier page and asks the matchmaker the same question, and fails if the two orders differ.

The order, most important first:

1. approaches that match more of the reader's problems (barriers);
2. among those, approaches the reader can run with their people and time: `FITS` (the approach gives a group
   size and a time, and both fit what the reader has), then `UNSTATED` (it does not say), then `DOES_NOT_FIT`;
3. among those, what the reader can take into a room soonest: a method (a session), then a model (a lens, with
   an exercise for a group), then a programme (its first session opens weeks or months of work);
4. then approaches with a documented use in a place;
5. then the more focused: approaches whose first-named barrier (the one its contributor judged it helps most
   with) is one of the reader's, then the larger share of the approach's barriers that the reader has;
6. then by title.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.load import Entry
from generator.content.model import APPROACH_TYPES

DOES_NOT_FIT, UNSTATED, FITS = 0, 1, 2
TYPE_ORDER = {name: position for position, name in enumerate(APPROACH_TYPES)}  # method, model, programme


@dataclass(frozen=True)
class Need:
    """What the reader brings: the barriers they face, and optionally how many people and how many minutes."""

    barriers: tuple[str, ...] = ()
    people: int | None = None
    minutes: int | None = None


def _range(value) -> tuple[int, int] | None:
    """A {min, max} range, or None: link ranks before the caller has seen validation's problems, so any value."""
    if not isinstance(value, dict):
        return None
    low, high = value.get("min"), value.get("max")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (low, high)):
        return None
    return low, high


def approach_facts(approach: Entry, documented_uses: int) -> dict:
    """The facts the model ranks by, as plain data (also written into pages for the browser half).

    `documented_uses` is the number of places a source documents it in (link.py counts them).
    """
    f = approach.fields
    return {
        "slug": approach.slug,
        "title": str(f.get("title", approach.slug)),
        "type": f["type"] if isinstance(f.get("type"), str) and f["type"] in TYPE_ORDER else APPROACH_TYPES[-1],
        "barriers": [b for b in f.get("barriers") or [] if isinstance(b, str)],
        "people": list(_range(f.get("group_size")) or []) or None,
        "minutes": list(_range(f.get("duration_minutes")) or []) or None,
        "places": documented_uses,
    }


def fit(facts: dict, need: Need) -> int:
    """How well an approach fits the reader's people and time.

    With neither given, an approach that states both a group size and a time "fits": it is something the
    reader can run, where a model with neither is something to think with. A time fits when the approach's
    shortest session fits in the reader's minutes.
    """
    people, minutes = facts["people"], facts["minutes"]
    if need.people is not None and people is not None and not people[0] <= need.people <= people[1]:
        return DOES_NOT_FIT
    if need.minutes is not None and minutes is not None and minutes[0] > need.minutes:
        return DOES_NOT_FIT
    return FITS if people is not None and minutes is not None else UNSTATED


def rank_key(facts: dict, need: Need) -> tuple:
    """Sort key: smaller sorts first."""
    matched = sum(1 for b in facts["barriers"] if b in need.barriers)
    primary = 1 if facts["barriers"] and facts["barriers"][0] in need.barriers else 0
    share = matched / len(facts["barriers"]) if facts["barriers"] else 0.0
    return (-matched, -fit(facts, need), TYPE_ORDER[facts["type"]], -min(facts["places"], 1), -primary, -share,
            facts["title"].casefold(), facts["slug"])


def rank(approaches: list[Entry], need: Need, uses: dict[str, list]) -> list[Entry]:
    """`approaches` in the model's order for `need`; `uses` maps an approach's slug to its documented uses."""
    return sorted(approaches, key=lambda a: rank_key(approach_facts(a, len(uses.get(a.slug, []))), need))
