"""Contributed text is shown literally on pages; links between pages are right wherever they are written."""

import markdown

from generator.render import front_matter, md_text


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "def_list", "tables"])


def test_md_text_shows_markup_literally():
    hostile = '<img src=x onerror=alert(1)> *bold* [link](javascript:alert(1)) `code` | pipe & amp'
    html = rendered(md_text(hostile))
    assert "<img" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; *bold* [link](javascript:alert(1)) `code` &#124; pipe &amp; amp" in html


def test_md_text_keeps_a_line_from_becoming_a_block():
    for start in (": definition", "# heading", "- item", "1. item", "> quote"):
        assert rendered(md_text(start)).startswith("<p>"), start


def test_front_matter_escapes_the_title_and_description_once():
    text = front_matter(title='Don\'t <b>"quote"</b>', description="a & b", search={"boost": 2})
    assert "title: Don't &lt;b&gt;&quot;quote&quot;&lt;/b&gt;" in text and "description: a &amp; b" in text
