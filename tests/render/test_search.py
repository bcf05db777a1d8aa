"""The search index: readers' words find entries through titles, aliases, barrier phrasings, people and places."""

from __future__ import annotations

from generator.content.link import link
from generator.content.load import load_collection
from generator.render.search import fold, search_files, stems
from generator.render.search_index import read_postings
from tests.conftest import VALID, search_built_index, write


def test_fold_drops_case_accents_and_apostrophes_and_joins_hyphenated_words():
    assert fold("World Café") == fold("world cafe") == "world cafe"
    assert fold("Partners don’t trust") == fold("partners dont trust")
    assert fold("Pre-mortem, 1-2-4-All") == "pre mortem 1 2 4 all premortem 124all"


def test_stems_are_lunrs_without_stop_words():
    assert stems("won't share budgets") == "wont share budget"
    assert stems("what they think") == "think"


def built(tree) -> dict[str, str]:
    col, problems = link(load_collection(tree).entries)
    assert problems == []
    return {page.src_uri: page.content for page in search_files(col)}


def search(tree, words: str) -> list[str]:
    """What the built index finds for the words, best first, scored as kb.js scores it."""
    return search_built_index(built(tree).__getitem__, words)


def test_a_barriers_phrasing_finds_the_barrier_and_the_approaches_that_help(tree):
    text = (tree / "barriers/lack-of-trust.md").read_text(encoding="utf-8")
    (tree / "barriers/lack-of-trust.md").write_text(
        text.replace("summary:", 'phrases: ["hidden agendas", "suspicious of partners"]\nsummary:', 1), encoding="utf-8")
    found = search(tree, "suspicious")
    assert found[:2] == ["../barriers/lack-of-trust/", "../approaches/trust-and-agreement/"]


def test_originators_enablers_places_and_aliases_find_the_approach(tree):
    assert search(tree, "Whitmore")[0] == "../approaches/grow-model/"
    assert search(tree, "Jill Barrow")[0] == "../approaches/grow-model/"
    assert "../approaches/trust-and-agreement/" in search(tree, "Doncaster")[:2]


def test_a_title_outranks_a_passing_mention_in_a_body(tree):
    write(tree, "approaches/world-cafe.md", """\
        ---
        title: World Café
        summary: Small-group conversations in rounds.
        originator: Juanita Brown
        type: method
        themes: [conversation-and-engagement]
        barriers: [action-stalls]
        sources:
          - {title: The World Café}
        group_size: {min: 12, max: 100}
        duration_minutes: {min: 90, max: 180}
        ---

        ## What it is
        Rounds.

        ## When to use it
        Many voices.

        ## How to use it
        Tables.

        ## Watch out for
        Noise.
        """)
    grow = tree / "approaches/grow-model.md"
    grow.write_text(grow.read_text(encoding="utf-8").replace("Four stages.", "Four stages, over coffee in a cafe."),
                    encoding="utf-8")
    found = search(tree, "cafe")
    assert found[0] == "../approaches/world-cafe/" and "../approaches/grow-model/" in found[1:]


def test_every_result_says_what_it_is_and_approaches_carry_their_facts():
    _, _, results = read_postings(built(VALID))
    assert {r["kind"] for r in results.values()} == {"approach", "barrier", "place", "theme"}
    grow = next(r for r in results.values() if r["title"] == "GROW model")
    assert grow["facts"] == "Method · 1–2 people · 30 minutes to 60 minutes · easy to run"
    assert grow["rank"]["people"] == [1, 2] and grow["rank"]["minutes"] == [30, 60]


def test_a_barriers_phrasings_are_in_the_index_as_stems_with_its_reference():
    meta, _, results = read_postings(built(VALID))
    trust = next(b for b in meta["barriers"] if b["slug"] == "lack-of-trust")
    assert results[trust["ref"]]["url"] == "../barriers/lack-of-trust/"
    assert trust["phrases"][0] == "partner dont trust each"  # its title, as the query's words are stemmed
