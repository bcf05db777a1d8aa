"""HTML that render writes whole reaches the page exactly as written, and Python-Markdown never reads it."""

import markdown

from generator.render.rawblocks import RAW_END, RAW_START, put_back, raw_block, set_aside

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]


def page_markdown(block_html: list[str]) -> str:
    return "\n".join(["# Title", "", "Some *text*.", "", *raw_block(block_html), "After [a link](x.md).", ""])


def test_a_block_comes_back_exactly_as_written():
    block = ['<ul class="kb-list">', '<li data-text="a *b* _c_">*not emphasis* &amp; [not](a-link.md)</li>', "</ul>"]
    aside, blocks = set_aside(page_markdown(block))
    assert blocks == ["\n".join(block)] and "not emphasis" not in aside
    html = put_back(markdown.markdown(aside, extensions=EXTENSIONS), blocks)
    assert "\n".join(block) in html
    assert "<em>text</em>" in html and '<a href="x.md">a link</a>' in html  # the rest is still Markdown


def test_any_engine_reads_the_unsplit_page_as_the_same_html():
    block = ['<table class="kb-matrix__table"><tbody>', '<tr><th scope="row">A</th><td></td></tr>', "</tbody></table>"]
    plain = markdown.markdown(page_markdown(block), extensions=EXTENSIONS)  # the markers stay, as comments
    aside, blocks = set_aside(page_markdown(block))
    plugin = put_back(markdown.markdown(aside, extensions=EXTENSIONS), blocks)
    assert plugin.split() == plain.replace(RAW_START, "").replace(RAW_END, "").split()


def test_several_blocks_keep_their_order_and_a_page_without_blocks_is_untouched():
    text = "\n".join([*raw_block(["<p>one</p>"]), "Middle.", "", *raw_block(["<p>two</p>"])])
    aside, blocks = set_aside(text)
    assert blocks == ["<p>one</p>", "<p>two</p>"]
    html = put_back(markdown.markdown(aside), blocks)
    assert html.index("<p>one</p>") < html.index("Middle") < html.index("<p>two</p>")
    assert set_aside("# Plain\n") == ("# Plain\n", [])


def test_markers_count_only_as_whole_lines():
    """A marker inside a line is text, and a block ends only at a line that is the end marker alone."""
    text = "\n".join([f"Not a block: {RAW_START}", "", "<p>a</p>", "", RAW_END, "",
                      *raw_block(["<p>b</p>", "", f"{RAW_END} not the end", "<p>c</p>"]), "After."])
    aside, blocks = set_aside(text)
    assert blocks == ["<p>b</p>\n\n" + f"{RAW_END} not the end\n<p>c</p>"]
    assert aside.startswith(f"Not a block: {RAW_START}\n\n<p>a</p>") and aside.endswith("<!-- kb-raw 0 -->\n\nAfter.")
    assert set_aside("\n".join([RAW_START, "", "<p>never closed</p>"])) == (
        "\n".join([RAW_START, "", "<p>never closed</p>"]), [])
