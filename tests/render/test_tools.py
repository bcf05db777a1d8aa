"""The matchmaker's data cannot break out of its script element; the matrix marks what helps with what."""

import json
import re

from generator.content.link import link
from generator.content.load import load_collection
from generator.render.tools import json_for_script, render_matchmaker, render_matrix, render_print_packs
from tests.conftest import VALID


def test_json_for_script_cannot_close_the_script():
    text = json_for_script({"title": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["title"] == "</script><script>alert(1)</script><!-- & \u2028"


def test_matchmaker_data_has_every_approach_with_its_fit():
    col, _ = link(load_collection(VALID).entries)
    script = re.search(r'<script type="application/json" id="kb-mm-data">(.*?)</script>', render_matchmaker(col).content)
    data = {d["title"]: d for d in json.loads(script.group(1))}  # as kb.js reads it from the page
    assert set(data) == {"GROW model", "Trust and Agreement matrix"}
    assert data["GROW model"]["people"] == [1, 2] and data["GROW model"]["minutes"] == [30, 60]
    assert data["Trust and Agreement matrix"]["placeNames"] == ["Doncaster"]
    assert data["Trust and Agreement matrix"]["places"] == 1  # the ranking model's evidence (content/ranking.py)
    assert data["Trust and Agreement matrix"]["url"] == "../approaches/trust-and-agreement/"


def test_matrix_marks_each_barrier_an_approach_helps_with():
    col, _ = link(load_collection(VALID).entries)
    page = render_matrix(col).content
    row = next(line for line in page.splitlines() if "trust-and-agreement/" in line)
    assert row.count('class="kb-yes"') == 2  # lack-of-trust and partners-not-aligned


def test_matrix_column_shows_the_short_label_and_names_the_barrier_in_full():
    entries = load_collection(VALID).entries
    trust = next(e for e in entries if e.slug == "lack-of-trust")
    trust.fields["short_title"] = "Low <trust>"
    col, _ = link(entries)
    page = render_matrix(col).content
    heading = next(cell for cell in page.split("<th ") if "lack-of-trust/" in cell and 'scope="col"' in cell)
    # the accessible name starts with what is seen, then the full title, escaped
    assert ">Low &lt;trust&gt;<span class=\"kb-visually-hidden\"> (Partners don&#x27;t trust each other)</span>" in heading
    untitled = next(cell for cell in page.split("<th ") if "partners-not-aligned/" in cell and 'scope="col"' in cell)
    assert "kb-visually-hidden" not in untitled  # no short label: the title is shown, and said once


def test_matrix_lists_each_barrier_with_its_approaches_for_narrow_screens():
    col, _ = link(load_collection(VALID).entries)
    page = render_matrix(col).content
    narrow = page[page.index('<div class="kb-matrix-list">'):]
    assert narrow.count("<h2>") == len(col.barriers)
    trust = narrow[narrow.index("lack-of-trust/"):]
    assert trust.index("trust-and-agreement/") < trust.index("</ul>")


def test_the_pack_of_every_approach_comes_in_parts_each_showing_its_approaches_once():
    col, _ = link(load_collection(VALID).entries)
    packs = {page.src_uri: page.content for page in render_print_packs(col, size=1)}
    assert "print/index.md" in packs and "print/all/2.md" in packs and "print/all/3.md" not in packs
    shown = [re.findall(r"^#+ \[?(GROW model|Trust and Agreement matrix)", packs[uri], re.M)
             for uri in ("print/index.md", "print/all/2.md")]
    assert sorted(shown[0] + shown[1]) == ["GROW model", "Trust and Agreement matrix"], shown
    assert "# All approaches, for printing, part 2 of 2" in packs["print/all/2.md"]
    assert 'href="../../">1–1</a>' in packs["print/all/2.md"]
    assert "print/lack-of-trust.md" in packs  # each barrier's pack stays whole
