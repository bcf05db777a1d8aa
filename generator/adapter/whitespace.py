"""Drop the indentation and blank lines that the theme's templates leave in every page.

Material's templates are indented for their authors, and the indentation reached every page: about
3 KB of the 28 KB of the largest approach page. A line break still separates what it separated, so
the page reads and renders the same; only where whitespace is kept as written (`<pre>`, `<code>`,
`<textarea>`) or could matter to code (`<script>`, `<style>`) is nothing touched.
"""

from __future__ import annotations

import re

_KEEP_RE = re.compile(r"(<(pre|code|textarea|script|style)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
_INDENT_RE = re.compile(r"\n\s+")  # a line break, then any blank lines and the next line's indentation


def squeeze(html: str) -> str:
    """`html` with each run of line breaks and indentation outside kept elements cut to one line break."""
    pieces = _KEEP_RE.split(html)
    # split() returns: text, (kept element, its tag name), text, ...
    out = []
    for index in range(0, len(pieces), 3):
        out.append(_INDENT_RE.sub("\n", pieces[index]))
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
    return "".join(out)
