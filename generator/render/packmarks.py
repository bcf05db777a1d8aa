"""The marks that print packs are written with, and that the MkDocs plugin fills in (adapter/packs.py).

An approach page marks the part a pack shows (`COPY_START` ... `COPY_END`), and a pack holds a `placeholder`
where each approach goes. Rendering writes both and the plugin only reads them, so they live here, with the
renderers: the plugin imports them, and nothing in render/ imports the plugin's side.
"""

from __future__ import annotations

import hashlib
import re

COPY_START, COPY_END = "<!-- kb-pack-copy -->", "<!-- /kb-pack-copy -->"
PLACEHOLDER_RE = re.compile(r"<!-- kb-pack-item ([a-z0-9/.-]+) [0-9a-f]+ -->")  # group 1: the approach's src_uri


def placeholder(src_uri: str, content: str) -> str:
    """Where a pack shows an approach: a line of raw HTML naming its page (`src_uri`) and what that page's copy
    says (a digest of the marked part of its Markdown, `content`)."""
    marked = content[content.find(COPY_START):content.rfind(COPY_END)]
    digest = hashlib.sha256(marked.encode("utf-8")).hexdigest()[:16]
    return f"<!-- kb-pack-item {src_uri} {digest} -->"
