"""Pages lose the templates' indentation and nothing a reader sees."""

import re
from html.parser import HTMLParser

from generator.adapter.whitespace import squeeze


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def shown_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


PAGE = """<body>
    <nav>
        <a href="../">Home</a>
        <a href="../x/">Next</a>
    </nav>


    <p>Two
       lines</p>
    <pre><code>keep
    this   indentation</code></pre>
    <p>Inline <code>a
      b</code> code</p>
    <script>
      var  kept = 1;
    </script>
    <textarea>
      as typed</textarea>
</body>"""


def test_squeeze_cuts_indentation_and_blank_lines_but_keeps_preformatted_text():
    squeezed = squeeze(PAGE)
    assert squeezed.startswith("<body>\n<nav>\n<a href") and "</nav>\n<p>Two" in squeezed and "\n\n" not in squeezed
    for kept in ("<pre><code>keep\n    this   indentation</code></pre>", "<code>a\n      b</code>",
                 "<script>\n      var  kept = 1;\n    </script>", "<textarea>\n      as typed</textarea>"):
        assert kept in squeezed
    assert shown_text(squeezed) == shown_text(PAGE)
    assert "Two\nlines" in squeezed  # still separated by a line break, so still two words
