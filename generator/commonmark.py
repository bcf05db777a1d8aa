"""Lists in a body as GitHub shows them (CommonMark) and as the site renders them (Python-Markdown).

Contributors preview an entry on GitHub, whose Markdown is CommonMark; the site converts bodies with
Python-Markdown, which reads lists differently: a list straight after a line of text runs into that
paragraph, and sub-items need a set indent. The `mdx_truly_sane_lists` extension in mkdocs.yml closes
most of the gap (sub-items indented 2 or 3 spaces nest, as on GitHub); `check` refuses whatever
still differs, so a body reads the same in review and on the site.

Rather than guess at the constructs that differ, the check renders each body both ways, with
markdown-it-py (the CommonMark reference implementation in Python) and with Python-Markdown set up as
the site is, and compares their list items. Any future difference is caught, not only the known ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# The extensions and settings the site converts bodies with: MkDocs' defaults (toc, tables, fenced_code) and
# mkdocs.yml's markdown_extensions. tests/test_commonmark.py keeps the two the same.
SITE_EXTENSIONS = ("toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list",
                   "mdx_truly_sane_lists")
SITE_EXTENSION_CONFIGS = {"toc": {"permalink": True}, "mdx_truly_sane_lists": {"nested_indent": 2}}

LIST_MARKER_RE = re.compile(r"^( *)([-*+]|\d{1,9}[.)])(?:[ \t]|$)")


@dataclass(frozen=True)
class ListItem:
    """One list item as a reader sees it: how deep it is nested, its kind of list, and its own text
    (whitespace collapsed, nested lists left out)."""

    depth: int
    ordered: bool
    text: str

    def __str__(self) -> str:
        return f"{'  ' * self.depth}{'1.' if self.ordered else '-'} {self.text}"


class _ListItemParser(HTMLParser):
    """The list items of converted HTML, in document order.

    Both renderers' HTML goes through this one parser, so inline markup (emphasis, links, entities)
    counts the same on both sides and only the lists' structure and text are compared.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lists: list[bool] = []  # the open lists, innermost last: ordered or not
        self.open_items: list[int] = []  # indexes into `texts` of the open items, innermost last
        self.found: list[tuple[int, bool]] = []  # (depth, ordered) of each item
        self.texts: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("ul", "ol"):
            self.lists.append(tag == "ol")
        elif tag == "li" and self.lists:
            self.open_items.append(len(self.found))
            self.found.append((len(self.lists) - 1, self.lists[-1]))
            self.texts.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "li" and self.open_items:
            self.open_items.pop()

    def handle_data(self, data: str) -> None:
        # Text belongs to the innermost open item, unless it sits in a list nested inside that item.
        if self.open_items and self.found[self.open_items[-1]][0] == len(self.lists) - 1:
            self.texts[self.open_items[-1]].append(data)

    def items(self) -> list[ListItem]:
        return [ListItem(depth, ordered, " ".join("".join(text).split()))
                for (depth, ordered), text in zip(self.found, self.texts)]


def list_items(html: str) -> list[ListItem]:
    """The list items of a converted body, in document order."""
    parser = _ListItemParser()
    parser.feed(html)
    parser.close()
    return parser.items()


@functools.cache
def _commonmark():
    from markdown_it import MarkdownIt  # imported on first use: `check` stays quick to start

    return MarkdownIt("commonmark").enable("table")  # GitHub's Markdown is CommonMark with tables


@functools.cache
def _site_markdown():
    import markdown

    return markdown.Markdown(extensions=list(SITE_EXTENSIONS), extension_configs=SITE_EXTENSION_CONFIGS)


def commonmark_items(body: str) -> tuple[list[ListItem], list[int]]:
    """The list items of `body` as GitHub shows them, and the 0-based line in `body` where each starts."""
    parser = _commonmark()
    tokens = parser.parse(body)
    lines = [token.map[0] for token in tokens if token.type == "list_item_open"]
    return list_items(parser.renderer.render(tokens, parser.options, {})), lines


def site_items(body: str) -> list[ListItem]:
    """The list items of `body` as the site renders them."""
    converter = _site_markdown()
    try:
        return list_items(converter.convert(body))
    finally:
        converter.reset()


def list_difference(body: str) -> tuple[int, str] | None:
    """The first list item that the site renders differently from GitHub, as (0-based line, message), or None.

    Only the first: after it, the two renderings no longer line up item for item, and fixing it often
    fixes the rest.
    """
    ours, lines = commonmark_items(body)
    theirs = site_items(body)
    if ours == theirs:
        return None
    index = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    if index >= len(ours):  # the site shows list items that GitHub does not
        return (lines[-1] if lines else 0), (f"the site shows '{theirs[index]}' as a list item, but GitHub does "
                                             "not: start each list after an empty line, each item with '- ' or '1. '")
    return lines[index], _advice(body.split("\n"), lines[index], ours[index])


def _advice(lines: list[str], offset: int, item: ListItem) -> str:
    """What to change at the item that renders differently, in words a contributor can act on."""
    before = lines[offset - 1] if offset > 0 else ""
    if before.strip() and not LIST_MARKER_RE.match(before) and not before.startswith(" "):
        return (f"a list must follow an empty line: on the site, '{item.text[:40]}' runs into the text above "
                "it; add an empty line before it")
    indent = len(lines[offset]) - len(lines[offset].lstrip(" "))
    if indent:
        return (f"a nested list item indented {indent} spaces shows differently on the site than on GitHub: "
                "indent sub-items to line up with the text of the item above (2 spaces under '- ', "
                "3 under '1. ')")
    return (f"the list item '{item.text[:40]}' shows differently on the site than on GitHub: start each list "
            f"after an empty line and indent sub-items 2 spaces under '- ', 3 under '1. '")
