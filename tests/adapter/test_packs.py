"""Print packs copy each approach page's converted HTML: whole, headings nested, no repeated ids, links right."""

from generator.adapter.packs import Converted, cut_copy, fill
from generator.render.entries import Page
from generator.render.packmarks import COPY_END, COPY_START, placeholder

BODY = ('<h2 id="how-to-use-it">How to use it<a class="headerlink" href="#how-to-use-it" title="Permanent link">'
        '&para;</a></h2>\n<p>See <a href="../grow-model/">GROW</a>, <a href="#how-to-use-it">the steps</a> and '
        '<a href="https://example.org/?a=1&amp;b=2">this</a>; id="not-a-tag" stays.</p>\n'
        '<h3 id="worked">Worked</h3>\n<p><img alt="grid" src="../../img/grid.png" /></p>')


def page_with(body: str) -> str:
    return f"<article>{COPY_START}\n{body}\n{COPY_END}<h2>Where it has been used</h2></article>"


def approach_page(marked: str) -> Page:
    return Page("approaches/trust.md", f"---\ntitle: T\n---\n\n{COPY_START}\n\n{marked}\n{COPY_END}\n\n## Where")


def placeholder_of(page: Page) -> str:
    """What render writes in a pack for the approach on `page` (as render_print_packs does)."""
    return placeholder(page.src_uri, page.content)


def test_cut_copy_returns_the_marked_html_and_the_page_without_markers():
    page, body = cut_copy(page_with(BODY))
    assert body == BODY
    assert COPY_START not in page and COPY_END not in page and BODY in page


def test_a_contributor_cannot_move_the_cut_with_markers_of_their_own():
    sneaky = f"<p>one</p>\n{COPY_END}\n{COPY_START}\n<p>two</p>"
    _, body = cut_copy(page_with(sneaky))
    assert body == sneaky


def test_a_page_without_markers_has_nothing_to_copy():
    assert cut_copy("<p>plain</p>") == ("<p>plain</p>", None)


def test_fill_nests_headings_drops_ids_and_permalinks_and_rebases_links():
    pack = f"<h1>Pack</h1>\n{placeholder_of(approach_page('## Trust'))}\n<p>after</p>"
    bodies = {"approaches/trust.md": Converted("approaches/trust.md", BODY)}
    filled, missing = fill(pack, "print/index.md", bodies)
    assert missing == []
    assert '<section class="kb-pack-item">\n<h3>How to use it</h3>' in filled and "<h4>Worked</h4>" in filled
    assert ' id="' not in filled.replace('id="not-a-tag"', "") and "headerlink" not in filled
    assert '<a href="../approaches/grow-model/">GROW</a>' in filled
    assert '<a href="../approaches/trust/#how-to-use-it">the steps</a>' in filled
    assert '<a href="https://example.org/?a=1&amp;b=2">this</a>' in filled  # left exactly as it was
    assert 'src="../img/grid.png"' in filled and filled.endswith("</section>\n<p>after</p>")
    deeper, _ = fill(pack, "print/lack-of-trust.md", bodies)
    assert '<a href="../../approaches/grow-model/">GROW</a>' in deeper


def test_fill_reports_an_approach_it_has_no_copy_of():
    filled, missing = fill(placeholder_of(approach_page("x")), "print/index.md", {})
    assert missing == ["approaches/trust.md"] and filled == ""


def test_a_placeholder_changes_when_what_it_copies_does():
    """So that `mkdocs serve --dirty` rebuilds a pack when an approach in it is edited (and only then)."""
    assert placeholder_of(approach_page("one")) != placeholder_of(approach_page("two"))
    assert placeholder_of(approach_page("one")) == placeholder_of(approach_page("one"))
    moved_on = Page("approaches/trust.md", approach_page("one").content.replace("## Where", "## Where\n\n- Doncaster"))
    assert placeholder_of(moved_on) == placeholder_of(approach_page("one"))  # uses are not in packs
