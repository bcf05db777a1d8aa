"""The session plan's page: every approach's data for kit.js, and a useful page without JavaScript."""

import json
import re

from generator.content.link import link
from generator.content.load import load_collection
from generator.render.entries import Page
from generator.render.kit import kit_script, render_kit_page
from generator.render.rawblocks import set_aside
from tests.conftest import write

STEPS = """
## How to use it
1. **Set the goal (10 minutes).** Agree what the conversation is for.
2. **Look at reality (15 to 20 minutes).** What is happening now?
   - Facts, not opinions.
   - Who is involved?
3. **Close.** Agree the next step.
"""


def _collection(tree):
    """The valid fixture with steps and materials for GROW model, and a title that tries to close the script."""
    grow = tree / "approaches/grow-model.md"
    text = grow.read_text(encoding="utf-8").replace("## How to use it\nAsk questions.\n", STEPS.lstrip("\n"))
    text = text.replace("difficulty: easy\n", "difficulty: easy\nmaterials: [flip chart and pens, sticky notes]\n")
    write(tree, "approaches/grow-model.md", text.replace("title: GROW model", "title: GROW </script><b>model"))
    col, _ = link(load_collection(tree).entries)
    return col


def page_data(page: Page) -> list[dict]:
    """The approaches' data as kit.js reads it from the page."""
    return json.loads(re.search(r'<script type="application/json" id="kb-kit-data">(.*?)</script>', page.content,
                                re.S).group(1))


def test_each_approach_has_its_facts_page_card_steps_and_materials(tree):
    data = {d["slug"]: d for d in page_data(render_kit_page(_collection(tree)))}
    grow = data["grow-model"]
    assert grow["url"] == "../approaches/grow-model/" and grow["card"] == "../cards/grow-model/"
    assert grow["type"] == "method" and grow["minutes"] == [30, 60] and grow["people"] == [1, 2]
    assert grow["steps"] == [
        {"lead": "Set the goal", "text": "Agree what the conversation is for.", "points": [], "minutes": [10, 10]},
        {"lead": "Look at reality", "text": "What is happening now?", "points": ["Facts, not opinions.",
                                                                              "Who is involved?"], "minutes": [15, 20]},
        {"lead": "Close", "text": "Agree the next step.", "points": [], "minutes": None}]
    assert grow["materials"] == ["flip chart and pens", "sticky notes"]
    assert "materials" not in data["trust-and-agreement"]  # an optional field: absent, not empty
    assert data["trust-and-agreement"]["steps"] == []  # no numbered list under "How to use it"


def test_the_page_loads_its_script_and_its_data_cannot_close_the_script(tree):
    page = render_kit_page(_collection(tree))
    assert page.src_uri == "kit.md" and page.in_nav
    assert '<script src="../assets/kit.js"></script>' in page.content
    assert kit_script().src_uri == "assets/kit.js" and 'getElementById("kb-kit-data")' in kit_script().content
    data = re.search(r'<script type="application/json" id="kb-kit-data">(.*?)</script>', page.content, re.S).group(1)
    assert "<" not in data
    assert {d["title"] for d in json.loads(data)} == {"GROW </script><b>model", "Trust and Agreement matrix"}


def test_without_javascript_it_lists_every_approach_and_only_the_cards_that_exist(tree):
    col = _collection(tree)
    page = render_kit_page(col).content
    fallback = page[page.index('<div class="kb-nojs">'):]
    assert "The session plan needs JavaScript" in fallback
    assert 'href="../approaches/trust-and-agreement/"' in fallback and 'href="../approaches/grow-model/"' in fallback
    assert "GROW &lt;/script&gt;&lt;b&gt;model" in fallback  # shown, never read as HTML
    assert "cards/" not in fallback  # the build refuses links to pages that do not exist
    with_card = render_kit_page(col, [Page("cards/grow-model.md", "")]).content
    with_card = with_card[with_card.index('<div class="kb-nojs">'):]
    assert with_card.count('(<a href="../cards/grow-model/">card</a>)') == 1
    assert "cards/trust-and-agreement" not in with_card


def test_the_list_without_javascript_is_kept_away_from_markdown(tree):
    """It is one raw block, which the plugin sets aside: a line per approach made Markdown most of a rebuild."""
    page = render_kit_page(_collection(tree)).content
    aside, blocks = set_aside(page)
    assert "kb-nojs" not in aside and any('<div class="kb-nojs">' in block for block in blocks)
