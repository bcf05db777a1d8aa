"""Lists in a body as GitHub shows them (CommonMark) and as the site renders them (Python-Markdown).

Contributors preview an entry on GitHub, whose Markdown is CommonMark; the site converts bodies with
Python-Markdown, which reads lists differently: a list straight after a line of text runs into that
paragraph, and sub-items need a set indent. The `mdx_truly_sane_lists` extension in mkdocs.yml closes
most of the gap (sub-items indented 2 or 3 spaces nest, as on GitHub); `check` refuses whatever
still differs, so a body reads the same in review and on the site.

Rather than guess at the constructs that differ, the check parses each body both ways, with
markdown-it-py (the CommonMark reference implementation in Python) and with Python-Markdown set up as
the site is, and compares their list items. Any future difference is caught, not only the known ones.

Both parsers stop at block structure, which alone decides what is a list item and how deep it sits:
inline markup is left as written on both sides (so the texts compare like for like), and skipping it
halves the time the check takes. tests/content/test_commonmark.py compares the fully rendered pages too.
"""

from __future__ import annotations

import functools
import re
import textwrap
from dataclasses import dataclass

# The extensions and settings the site converts bodies with: MkDocs' defaults (toc, tables, fenced_code) and
# mkdocs.yml's markdown_extensions. tests/content/test_commonmark.py keeps the two the same.
SITE_EXTENSIONS = ("toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list",
                   "mdx_truly_sane_lists")
SITE_EXTENSION_CONFIGS = {"toc": {"permalink": True}, "mdx_truly_sane_lists": {"nested_indent": 2, "truly_sane": False}}

LIST_MARKER_RE = re.compile(r"^ *(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
NUMBER_IN_PARENTHESIS_RE = re.compile(r"^ *\d{1,9}\)")
LIST_TAGS = ("ul", "ol")


@dataclass(frozen=True)
class ListItem:
    """One list item as a reader sees it: how deep it is nested, its kind of list, and its own text
    (as written, whitespace collapsed, nested lists and code left out)."""

    depth: int
    ordered: bool
    text: str

    def __str__(self) -> str:
        return f"{'  ' * self.depth}{'1.' if self.ordered else '-'} {self.text}"


def _collapse(parts) -> str:
    """The parts' text with each run of whitespace (line breaks and indents included) as one space."""
    return " ".join(" ".join(parts).split())


@functools.cache
def _commonmark():
    from markdown_it import MarkdownIt  # imported on first use: the rest of the generator does not need it

    parser = MarkdownIt("commonmark").enable("table")  # GitHub's Markdown is CommonMark with tables
    return parser.disable("inline")  # block structure only: inline tokens keep their text as written


@functools.lru_cache(maxsize=64)
def _tokens(body: str) -> tuple:
    """GitHub's block structure of `body`, parsed once for the several readings of the same body in a row."""
    return tuple(_commonmark().parse(body))


def commonmark_items(body: str) -> tuple[list[ListItem], list[int]]:
    """The list items of `body` as GitHub shows them, and the 0-based line in `body` where each starts."""
    found: list[tuple[int, bool, list[str]]] = []
    lines: list[int] = []
    lists: list[bool] = []  # the open lists, innermost last: ordered or not
    open_items: list[int] = []  # indexes into `found`, innermost last
    for token in _tokens(body):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            open_items.append(len(found))
            found.append((len(lists) - 1, lists[-1], []))
            lines.append(token.map[0])
        elif token.type == "list_item_close":
            open_items.pop()
        elif token.type == "inline" and open_items and found[open_items[-1]][0] == len(lists) - 1:
            found[open_items[-1]][2].append(token.content)  # text of the item itself, not of a list inside it
    return [ListItem(depth, ordered, _collapse(text)) for depth, ordered, text in found], lines


def top_level_lists(body: str) -> list[list[ListItem]]:
    """The items of each list that is not inside another, as GitHub shows them (the steps of a session)."""
    items, starts = commonmark_items(body)
    openings = [token.map[0] for token in _tokens(body)
                if token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0]
    grouped: list[list[ListItem]] = []
    for item, line in zip(items, starts):
        if item.depth == 0 and line in openings:
            grouped.append([])
        if grouped:
            grouped[-1].append(item)
    return grouped


@functools.cache
def _site_markdown():
    import markdown

    return markdown.Markdown(extensions=list(SITE_EXTENSIONS), extension_configs=SITE_EXTENSION_CONFIGS)


def site_items(body: str) -> list[ListItem]:
    """The list items of `body` as the site renders them.

    Runs the first two of Python-Markdown's steps (preprocessors, then the block parser), as
    `Markdown.convert` does; the later steps only fill in inline markup and serialise. The walk over
    the resulting tree is ours: neither library lists a document's items with their depth.
    """
    from markdown.util import HTML_PLACEHOLDER_RE  # stashed raw HTML and code, which CommonMark's items omit too

    converter = _site_markdown().reset()
    lines = body.split("\n")
    for preprocessor in converter.preprocessors:
        lines = preprocessor.run(lines)
    root = converter.parser.parseDocument(lines).getroot()
    items: list[ListItem] = []

    def own_text(element) -> list[str]:
        parts = [element.text or ""]
        for child in element:
            if child.tag not in (*LIST_TAGS, "pre"):
                parts += own_text(child)
            parts.append(child.tail or "")
        return parts

    def visit(element, depth: int) -> None:
        for child in element:
            if child.tag in LIST_TAGS:
                for item in child.findall("li"):
                    text = _collapse(HTML_PLACEHOLDER_RE.sub("", part) for part in own_text(item))
                    items.append(ListItem(depth, child.tag == "ol", text))
                    visit(item, depth + 1)
            else:
                visit(child, depth)

    visit(root, 0)
    return items


def plainly_alike(body: str) -> bool:
    """True when the body's lists can only read alike both ways, so the two parses can be skipped.

    They can when every list item starts at the margin with '- ', '* ', '+ ' or '1. ', straight after an empty
    line, a heading or another item of the same kind, and no line is indented, quoted, raw HTML, a code fence or
    lazily continues an item. Anything
    else (nesting, a list after a paragraph, '1)') goes to the parsers. Parsing every body twice tripled the
    time `check` took on 2,000 entries; most bodies are plain.
    """
    previous = ""
    for line in body.split("\n"):
        if line[:1] in (" ", "\t", ">", "<") or line.startswith(("```", "~~~")):
            return False  # indented, quoted, raw HTML or fenced code: for the parsers
        if LIST_MARKER_RE.match(line):
            if NUMBER_IN_PARENTHESIS_RE.match(line) or (
                    previous.strip() and not LIST_MARKER_RE.match(previous) and not previous.startswith("#")):
                return False
            if LIST_MARKER_RE.match(previous) and _marker_kind(previous) != _marker_kind(line):
                return False  # GitHub starts a new list where the marker changes; the site does not
        elif line.strip() and LIST_MARKER_RE.match(previous):
            return False
        previous = line
    return True


def _marker_kind(line: str) -> str:
    """'-', '*' or '+' for a bullet item, '.' for a numbered one."""
    marker = line.lstrip()[:1]
    return "." if marker.isdigit() else marker


def list_difference(body: str) -> tuple[int, str] | None:
    """The first list item that the site renders differently from GitHub, as (0-based line, message), or None.

    Only the first: after it, the two renderings no longer line up item for item, and fixing it often
    fixes the rest.
    """
    if plainly_alike(body):
        return None
    ours, lines = commonmark_items(body)
    theirs = site_items(body)
    if ours == theirs:
        return None
    index = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    if index >= len(ours):  # the site shows list items that GitHub does not
        return (lines[-1] if lines else 0), (f"the site shows '{_quote(theirs[index])}' as a list item, but GitHub "
                                             "does not: start each list after an empty line, each item with '- ' "
                                             "or '1. '")
    if index + 1 < len(ours) and index < len(theirs) and theirs[index].text.startswith(ours[index].text + " "):
        index += 1  # the site ran the next item into this one's text: the next item is the one written differently
    return lines[index], _advice(body.split("\n"), lines[index], ours[index])


def _quote(item: ListItem) -> str:
    return textwrap.shorten(item.text, 50, placeholder="...")


def _advice(lines: list[str], offset: int, item: ListItem) -> str:
    """What to change at the item that renders differently, in words a contributor can act on."""
    before = lines[offset - 1] if offset > 0 else ""
    if NUMBER_IN_PARENTHESIS_RE.match(lines[offset]):
        return "number list items '1.', '2.', ...: the site does not read '1)' as a list, though GitHub does"
    if before.strip() and not LIST_MARKER_RE.match(before) and not before.startswith(" "):
        return (f"a list must follow an empty line: on the site, '{_quote(item)}' runs into the text above it; "
                "add an empty line before it")
    indent = len(lines[offset]) - len(lines[offset].lstrip(" "))
    if indent:
        return (f"a sub-item indented {indent} spaces shows differently on the site than on GitHub: indent "
                "sub-items to line up with the text of the item above (2 spaces under '- ', 3 under '1. ')")
    return (f"the list item '{_quote(item)}' shows differently on the site than on GitHub: start each list after "
            "an empty line and indent sub-items 2 spaces under '- ', 3 under '1. '")
