"""Contributed text is shown literally on pages; links between pages are right wherever they are written."""

import markdown

from generator.content.link import link
from generator.content.load import load_collection
from generator.render.entries import PageExtras, front_matter, md_text, render_entry
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


def _approach(tree, slug, barriers, people=None, minutes=None, type_="method"):
    from tests.conftest import APPROACH_BODY, write

    facts = (f"group_size: {{min: {people[0]}, max: {people[1]}}}\nduration_minutes: {{min: {minutes[0]}, max: "
             f"{minutes[1]}}}\ndifficulty: easy\n") if people else ""
    write(tree, f"approaches/{slug}.md", f"---\ntitle: {slug.replace('-', ' ').capitalize()}\nsummary: S.\n"
          f"originator: O\ntype: {type_}\nthemes: [leading-change]\nbarriers: [{', '.join(barriers)}]\n{facts}"
          + ("overall_duration: 6 to 12 months\n" if type_ == "programme" else "")
          + "sources:\n  - {title: T}\n---\n" + APPROACH_BODY)


def test_barrier_page_starts_with_what_to_run_then_more_to_run_then_models_and_programmes(tree):
    """Start here: the best three methods to run, with their facts; then the other methods; then the models to
    think with and the programmes; with the barrier's print pack and the matchmaker already set to it."""
    for slug, people, minutes in (("run-a", (2, 8), (30, 60)), ("run-b", (5, 20), (60, 90)),
                                  ("run-c", (3, 12), (45, 90)), ("run-d", (6, 30), (90, 120))):
        _approach(tree, slug, ["action-stalls"], people, minutes)
    _approach(tree, "a-lens", ["action-stalls"], (2, 10), (45, 60), "model")
    _approach(tree, "a-programme", ["action-stalls"], (8, 20), (120, 180), "programme")
    col, problems = link(load_collection(tree).entries)
    assert problems == []
    page = render_entry(col.barriers["action-stalls"], col).content
    start = page.index("## Start here")
    more = page.index("## More methods to run (2)")
    models = page.index("## Models to think with (1)")
    programmes = page.index("## Programmes (1)")
    assert start < more < models < programmes
    assert "*Method · 2–8 people · 30 minutes to 60 minutes · easy to run*" in page[start:more]
    assert more < page.index("[Run d]") < models < page.index("[A lens]") < programmes < page.index("[A programme]")
    assert "(../matchmaker.md?barrier=action-stalls)" in page
    assert "[Print these 7 approaches](../print/action-stalls.md)" in page


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
