"""Generated HTML that needs no Markdown: the MkDocs plugin sets it aside before conversion and puts it back after.

List pages hold hundreds of items that render writes directly as HTML (escaped text, links from
urls.url_href): the approaches index, the theme pages, the matrix. Python-Markdown would still read
every one of them with its HTML parser (the matrix alone took 0.2-0.4 s at 500 approaches), so render
wraps such HTML in `RAW_START` ... `RAW_END`. Any Markdown engine passes the block through as raw HTML;
the plugin swaps each block for a one-line token (`set_aside`, on_page_markdown) and the token back for
the block (`put_back`, on_page_content), so Python-Markdown never reads it.

The plugin does this only on pages the generator writes whole, which hold no contributed Markdown, so
nobody else can write a marker or a token onto them.
"""

from __future__ import annotations

import re

RAW_START, RAW_END = "<!-- kb-raw -->", "<!-- /kb-raw -->"
_TOKEN_RE = re.compile(r"<!-- kb-raw (\d+) -->")


def raw_block(html_lines: list[str]) -> list[str]:
    """Lines of HTML as a block that any engine passes through and the plugin keeps away from Markdown."""
    return [RAW_START, "", *html_lines, "", RAW_END, ""]


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each raw block replaced by a token, and the blocks in token order.

    A block starts with a line `RAW_START` and a blank line, and ends at the first blank line and `RAW_END` line
    after it. Found with str.find rather than a regular expression: a lazy `.*?` across the 12 MB card deck
    of a 2,000-entry collection took a tenth of every `mkdocs serve` rebuild.
    """
    opening, closing = f"{RAW_START}\n\n", f"\n\n{RAW_END}"
    blocks: list[str] = []
    out: list[str] = []
    done = 0
    start = _line_start(markdown, opening, 0)
    while start != -1:
        end = markdown.find(closing, start + len(opening))
        while end != -1 and markdown[end + len(closing):end + len(closing) + 1] not in ("", "\n"):
            end = markdown.find(closing, end + 1)  # RAW_END must be the whole line
        if end == -1:
            break
        out += [markdown[done:start], f"<!-- kb-raw {len(blocks)} -->"]
        blocks.append(markdown[start + len(opening):end])
        done = end + len(closing)
        start = _line_start(markdown, opening, done)
    return "".join(out) + markdown[done:], blocks


def _line_start(text: str, marker: str, start: int) -> int:
    """Where `marker` next begins a line of `text` at or after `start`, or -1."""
    found = text.find(marker, start)
    while found > 0 and text[found - 1] != "\n":
        found = text.find(marker, found + 1)
    return found


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with each token replaced by its block again."""
    return _TOKEN_RE.sub(lambda match: blocks[int(match.group(1))], html) if blocks else html
