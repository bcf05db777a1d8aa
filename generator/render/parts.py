"""Pages that would hold every approach, cut into parts: the card deck and the print-everything pack.

With the real collection's hundred or so approaches each is one page to print. At 2,000 approaches they were
12 MB and 8 MB of HTML: slow for a browser to open and more than anyone prints at once, and `mkdocs serve`
rewrote both whole for every saved title. In parts of PART_SIZE approaches a page stays near 1 MB, and a save
rewrites only the parts that show what changed, since an approach keeps its place in the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.content.urls import url_href
from generator.render.lists import attr

PART_SIZE = 200
T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    uri: str
    number: int  # from 1
    count: int  # how many parts there are
    start: int  # the position of its first item in the whole, from 1
    items: list[T]

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1


def cut(items: list[T], first_uri: str, folder: str, size: int = PART_SIZE) -> list[Part[T]]:
    """`items` in parts of `size`: the first at `first_uri`, so the whole stays there while it fits one part, and
    part k at `{folder}/{k}.md`. There is always a first part, if empty."""
    count = max(1, -(-len(items) // size))
    return [Part(first_uri if number == 1 else f"{folder}/{number}.md", number, count, (number - 1) * size + 1,
                 items[(number - 1) * size:number * size])
            for number in range(1, count + 1)]


def title(whole: str, part: Part) -> str:
    return whole if part.count == 1 else f"{whole}, part {part.number} of {part.count}"


def parts_nav(part: Part, parts: list[Part], label: str) -> list[str]:
    """Raw HTML lines linking every part of the whole, the current one marked; nothing if there is one part."""
    if part.count == 1:
        return []
    links = [f'<li><a href="{attr(url_href(part.uri, other.uri))}"'
             f'{" aria-current=page" if other is part else ""}>{other.start}–{other.end}</a></li>'
             for other in parts]
    return [f'<nav class="kb-parts" aria-label="{attr(label)}"><p>Part {part.number} of {part.count}: '
            f"{part.start} to {part.end} of {parts[-1].end}, in parts of {len(parts[0].items)} to keep each page quick to open "
            "and print.</p><ol>", *links, "</ol></nav>"]
