"""Contributed text is shown literally on pages; links between pages are right wherever they are written."""

import markdown

from generator.link import link
from generator.load import load_collection
from generator.render import PageExtras, front_matter, md_text, render_entry
from tests.conftest import VALID


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


def test_approach_and_place_pages_link_to_the_report_a_use_form_prefilled():
    col, _ = link(load_collection(VALID).entries)
    extras = PageExtras(repo_url="https://github.com/example/kb")
    place = render_entry(col.places["doncaster"], col, extras).content
    assert ("[Report a use of an approach here](https://github.com/example/kb/issues/new?"
            "template=report-a-use.yml&title=Use+in+Doncaster%3A+)") in place
    approach = render_entry(col.approaches["trust-and-agreement"], col, extras).content
    assert "[Report a use of this approach](https://github.com/example/kb/issues/new?template=report-a-use.yml&" \
           "approach=Trust+and+Agreement+matrix)" in approach
    assert "Report a use" not in render_entry(col.places["doncaster"], col, PageExtras()).content
