"""Print packs in the MkDocs build: each approach is converted once, on its own page, then copied.

A print pack repeats the approaches it holds (title, summary, facts and body), and the page with every
approach repeats all of them, so converting the packs' Markdown would convert every approach four or
five times over; at 500 entries that was two fifths of all Markdown conversion, and most of the edit
loop. Instead (the collect-then-fill pattern of mkdocs-autorefs):

1. render marks what a pack shows on each approach page (`COPY_START` ... `COPY_END`) and, in a pack,
   writes a `placeholder` where each approach goes (render/packmarks.py);
2. the plugin cuts each approach page's converted part out with `cut_copy` (on_page_content);
3. once every page is converted, `fill` replaces each placeholder with that HTML (on_post_page), in a
   `<section>`, headings one level down, without ids (a pack holds many approaches), and with relative
   links re-based from the approach's page to the pack's.

A placeholder carries a digest of the marked Markdown, so a pack's Markdown changes whenever what it
shows does, and `mkdocs serve --dirty` rebuilds it. Without the plugin (the emitted tree), packs carry
the approaches as Markdown instead (see render_print_packs).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

from generator.content.urls import output_path, rebase
from generator.render.packmarks import COPY_END, COPY_START, PLACEHOLDER_RE

_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")  # the serializer escapes '<' and '>' in attribute values and text
_HEADING_TAG_RE = re.compile(r"^<(/?)h([1-6])\b")
_HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
_ID_RE = re.compile(r'\sid="[^"]*"')
_LINK_ATTRIBUTE_RE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def cut_copy(page_html: str) -> tuple[str, str | None]:
    """(the page without the markers, the HTML between them), or the page and None if it has no markers.

    The markers come first and last: a contributor's body sits between them, and what the page shows
    after it is escaped text, so the first start and the last end are ours.
    """
    start, end = page_html.find(COPY_START), page_html.rfind(COPY_END)
    if start == -1 or end < start:
        return page_html, None
    marked = page_html[start + len(COPY_START):end]
    return page_html[:start] + marked + page_html[end + len(COPY_END):], marked.strip()


@dataclass(frozen=True)
class Converted:
    src_uri: str  # the approach page's source path, which the copied HTML's relative links start from
    html: str
    # the copy as packs show it, by the pack's folder (the page with every approach and the barrier packs sit
    # at different depths) and URL style: made once each, and kept while the approach is unchanged
    for_folder: dict[tuple[str, bool], str] = field(default_factory=dict, compare=False)


def fill(pack_html: str, pack_uri: str, copies: dict[str, Converted],
         directory_urls: bool = True) -> tuple[str, list[str]]:
    """The pack with every placeholder replaced, and the src_uris of any approach it has no copy of."""
    missing: list[str] = []
    pack_path = output_path(pack_uri, directory_urls)

    def section_for(match: re.Match) -> str:
        copy = copies.get(match.group(1))
        if copy is None:
            missing.append(match.group(1))
            return ""
        folder = (posixpath.dirname(pack_path), directory_urls)
        if folder not in copy.for_folder:
            moved = _for_pack(copy.html, output_path(copy.src_uri, directory_urls), pack_path)
            copy.for_folder[folder] = f'<section class="kb-pack-item">\n{moved}\n</section>'
        return copy.for_folder[folder]

    return PLACEHOLDER_RE.sub(section_for, pack_html), missing


def _for_pack(page_html: str, page_path: str, pack_path: str) -> str:
    """HTML as a pack shows it: headings one level down, no ids or permalinks, links from the pack."""

    def retag(match: re.Match) -> str:
        tag = _ID_RE.sub("", match.group())
        tag = _HEADING_TAG_RE.sub(lambda h: f"<{h.group(1)}h{min(int(h.group(2)) + 1, 6)}", tag)
        return _LINK_ATTRIBUTE_RE.sub(lambda a: a.group(1) + _rebased(a.group(2), page_path, pack_path) + a.group(3),
                                      tag)

    return _TAG_RE.sub(retag, _HEADERLINK_RE.sub("", page_html))


def _rebased(attribute_value: str, page_path: str, pack_path: str) -> str:
    target = html.unescape(attribute_value)
    moved = rebase(target, page_path, pack_path)
    return attribute_value if moved == target else html.escape(moved)
