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
_BLOCK_RE = re.compile(rf"^{re.escape(RAW_START)}\n\n(.*?)\n\n{re.escape(RAW_END)}$", re.MULTILINE | re.DOTALL)
_TOKEN_RE = re.compile(r"<!-- kb-raw (\d+) -->")


def raw_block(html_lines: list[str]) -> list[str]:
    """Lines of HTML as a block that any engine passes through and the plugin keeps away from Markdown."""
    return [RAW_START, "", *html_lines, "", RAW_END, ""]


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each raw block replaced by a token, and the blocks in token order."""
    blocks: list[str] = []

    def token(match: re.Match) -> str:
        blocks.append(match.group(1))
        return f"<!-- kb-raw {len(blocks) - 1} -->"

    return _BLOCK_RE.sub(token, markdown), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with each token replaced by its block again."""
    return _TOKEN_RE.sub(lambda match: blocks[int(match.group(1))], html) if blocks else html
