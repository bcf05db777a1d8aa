"""The worksheet pages: one per approach in WORKSHEETS, advice taken from the approach, and a link from its page."""

from generator.content.link import link
from generator.content.load import load_collection
from generator.render.entries import render_approach, PageExtras
from generator.render.worksheets import GROUPS, SCRIPT_URI, WORKSHEETS, group_advice, render_worksheet_pages
from tests.conftest import REPO, VALID


def real_collection():
    col, _ = link(load_collection(REPO).entries)
    return col


def test_each_approach_with_a_worksheet_links_to_it_and_no_other_does():
    col = real_collection()
    for approach in col.approaches.values():
        page = render_approach(approach, col, PageExtras()).content
        if approach.slug in WORKSHEETS:
            target = "../" + WORKSHEETS[approach.slug]  # relative to approaches/<slug>.md
            assert f"[Use the worksheet]({target})" in page, approach.slug
        else:
            assert "Use the worksheet" not in page, approach.slug


def test_a_worksheet_page_for_each_entry_in_the_mapping_and_their_script():
    col = real_collection()
    assert sorted(page.src_uri for page in render_worksheet_pages(col)) == sorted([*WORKSHEETS.values(), SCRIPT_URI])


def test_a_collection_without_the_approach_has_no_worksheet_for_it():
    col, _ = link([e for e in load_collection(VALID).entries if e.slug != "grow-model"])
    assert [page.src_uri for page in render_worksheet_pages(col)] == [WORKSHEETS["trust-and-agreement"], SCRIPT_URI]
    col, _ = link([e for e in load_collection(VALID).entries if e.slug not in WORKSHEETS])
    assert render_worksheet_pages(col) == []  # nor a script that no page loads


def test_each_of_blocks_groups_gets_the_conversation_from_step_4_of_the_approach():
    col = real_collection()
    approach = col.approaches["trust-and-agreement"]
    advice = group_advice(approach)
    assert set(advice) == {group.slug for group in GROUPS}
    assert advice["allies"].startswith("Confirm the shared aim")
    assert advice["fence-sitters"].startswith("Say where you stand")
    page = next(p for p in render_worksheet_pages(col) if p.src_uri == WORKSHEETS["trust-and-agreement"]).content
    for group in GROUPS:
        assert f'data-group="{group.slug}"' in page  # a cell in the grid and an item in the list


def test_the_grow_options_leave_out_grow_itself_and_load_the_script_deferred():
    col = real_collection()
    page = next(p for p in render_worksheet_pages(col) if p.src_uri == WORKSHEETS["grow-model"]).content
    data = page[page.index('id="kb-grow-approaches">'):]
    data = data[:data.index("</script>")]
    assert '"slug":"grow-model"' not in data and '"slug":"world-cafe"' in data
    assert '<script src="../../assets/worksheets.js" defer></script>' in page
    for stage in ("goal", "reality", "options", "will"):
        assert f'<section class="kb-grow-stage" id="{stage}"' in page
