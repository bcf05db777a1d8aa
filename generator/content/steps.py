"""An approach's session as steps: the numbered list under "How to use it", each step with its minutes.

Cards, the session plan and its printed agenda show the steps a facilitator follows in the room. Bodies write
them as a numbered list whose items start with a bold lead that carries the timing, as CONTRIBUTING asks:
`1. **Name the change (5 minutes).** Write one sentence...`. The list is read as GitHub reads it (the same
CommonMark parse that `check` uses, generator/content/commonmark.py), so a step is what a contributor sees as one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.content.commonmark import commonmark_items, top_level_lists
from generator.content.load import Entry

HOW_HEADING = "How to use it"
_NUMBER = r"(\d+(?:\.\d+)?|an?|one|two|three|four|half an?)"
_TIMING_RE = re.compile(rf"\b{_NUMBER}(?:\s*(?:to|-|–|or)\s*{_NUMBER})?\s*(minutes?|mins?|hours?|hrs?|days?)\b", re.I)
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "half a": 0.5, "half an": 0.5}
_LEAD_RE = re.compile(r"^\*\*(.+?)\*\*\s*")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


@dataclass(frozen=True)
class Step:
    """One step: its lead ("Name the change"), the rest of its text, its sub-points, and its minutes."""

    lead: str
    text: str
    points: tuple[str, ...] = ()
    minutes: tuple[int, int] | None = None


def plain(markdown: str) -> str:
    """Inline Markdown as the text a reader sees: links as their words, no emphasis marks or escapes."""
    text = _LINK_RE.sub(r"\1", markdown)
    for _ in range(2):  # bold inside italic and the other way round
        text = _EMPHASIS_RE.sub(r"\2", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text).strip()


def _amount(word: str) -> float:
    return _WORDS.get(word.lower(), None) or float(word)


def minutes_in(text: str) -> tuple[int, int] | None:
    """The first timing in `text`, as (fewest, most) minutes: "(20 to 30 minutes)" -> (20, 30)."""
    match = _TIMING_RE.search(text)
    if match is None:
        return None
    low = _amount(match.group(1))
    high = _amount(match.group(2)) if match.group(2) else low
    unit = {"h": 60, "d": 60 * 8}.get(match.group(3)[0].lower(), 1)  # a day of work: 8 hours
    return round(low * unit), round(high * unit)


def _section(body: str, heading: str) -> str:
    start = body.find(f"## {heading}")
    if start == -1:
        return ""
    start = body.find("\n", start) + 1
    end = body.find("\n## ", start)
    return body[start:] if end == -1 else body[start:end]


def _with_points(items) -> list[tuple[str, list[str]]]:
    """A list's top-level items, each with the text of the items nested in it."""
    grouped: list[tuple[str, list[str]]] = []
    for item in items:
        if item.depth == 0:
            grouped.append((item.text, []))
        else:
            grouped[-1][1].append(item.text)
    return grouped


@functools.lru_cache(maxsize=20_000)  # cards, the session plan and its agenda ask for each entry's steps on every
def session_steps(entry: Entry) -> tuple[Step, ...]:  # `mkdocs serve` rebuild; an unchanged file keeps its Entry
    """The steps of the session under "How to use it": its numbered list with the most timed steps (a model's
    group exercise may follow an untimed list of what the model says); sub-items are a step's points."""
    best: list[Step] = []
    for found in top_level_lists(_section(entry.body, HOW_HEADING)):
        if not found[0].ordered:
            continue
        steps = []
        for text, points in _with_points(found):
            lead_match = _LEAD_RE.match(text)
            lead = plain(lead_match.group(1)) if lead_match else ""
            rest = plain(text[lead_match.end():] if lead_match else text)
            minutes = minutes_in(lead) if lead_match else minutes_in(rest)
            lead = re.sub(r"\s*\([^()]*\)\s*\.?$", "", lead).rstrip(". ")
            steps.append(Step(lead, rest, tuple(plain(p) for p in points), minutes))
        if sum(1 for s in steps if s.minutes) > sum(1 for s in best if s.minutes) or not best:
            best = steps
    return tuple(best)


def section_points(entry: Entry, heading: str) -> list[str]:
    """The top-level list items of a body section (e.g. "When to use it"), as plain text; or its paragraphs."""
    section = _section(entry.body, heading)
    items, _ = commonmark_items(section)
    points = [plain(item.text) for item in items if item.depth == 0]
    if points:
        return points
    return [plain(" ".join(paragraph.split())) for paragraph in section.split("\n\n") if paragraph.strip()]
