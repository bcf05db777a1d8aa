"""The search index: readers' words find entries through titles, aliases, barrier phrasings, people and places."""

from __future__ import annotations

import json

from generator.content.link import link
from generator.content.load import load_collection
from generator.render.search import build_index, fold, read_index, stems
from tests.conftest import VALID, write


def test_fold_drops_case_accents_and_apostrophes_and_joins_hyphenated_words():
    assert fold("World Café") == fold("world cafe") == "world cafe"
    assert fold("Partners don’t trust") == fold("partners dont trust")
    assert fold("Pre-mortem, 1-2-4-All") == "pre mortem 1 2 4 all premortem 124all"


def test_stems_are_lunrs_without_stop_words():
    assert stems("won't share budgets") == "wont share budget"
    assert stems("what they think") == "think"


def search(tree, words: str) -> list[str]:
    """What lunr (the same index and algorithm as lunr.js in the browser) finds, best first."""
    col, problems = link(load_collection(tree).entries)
    assert problems == []
    index, results = read_index(build_index(col))
    return [results[int(hit["ref"])]["url"] for hit in index.search(fold(words))]


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
    col, _ = link(load_collection(VALID).entries)
    results = json.loads(build_index(col))["results"]
    assert {r["kind"] for r in results} == {"approach", "barrier", "place", "theme"}
    grow = next(r for r in results if r["title"] == "GROW model")
    assert grow["facts"] == "Method · 1–2 people · 30 minutes to 60 minutes · easy to run"
    assert grow["rank"]["people"] == [1, 2] and grow["rank"]["minutes"] == [30, 60]


def test_the_index_leaves_out_empty_fields_and_reads_back_whole():
    """A term's empty fields are a third of lunr's serialised index; they are left out and put back on reading."""
    col, _ = link(load_collection(VALID).entries)
    text = build_index(col)
    assert '"body":{}' not in text and '"title":{}' not in text
    index, results = read_index(text)
    assert [results[int(hit["ref"])]["title"] for hit in index.search("whitmore")][:1] == ["GROW model"]


def test_our_index_builder_writes_what_lunr_py_writes(tmp_path):
    """lunr_index is lunr.py's Builder done faster (see its docstring): the same index, byte for byte, for the
    real collection and a synthetic one with many entries."""
    from lunr import lunr
    from lunr.builder import Builder
    from lunr.pipeline import Pipeline
    from lunr.stemmer import stemmer

    from benchmarks.collection import write_collection
    from generator.pipeline import check
    from generator.render.search import FIELDS, _term, lunr_index, search_documents
    from tests.conftest import REPO

    def term(token, *_):
        found = _term(str(token))
        return None if found is None else token.update(lambda *_: found)

    Pipeline.register_function(term, "testTerm")
    write_collection(tmp_path, 60, seed=2)
    for root in (REPO, tmp_path):
        documents, _ = search_documents(check(root).collection)
        builder = Builder()
        builder.pipeline.add(term)
        builder.search_pipeline.add(stemmer)
        reference = lunr(ref="ref", fields=[{"field_name": name, "boost": boost} for name, boost in FIELDS.items()],
                         documents=[{"ref": str(i), **{name: doc.get(name, "") for name in FIELDS}}
                                    for i, doc in enumerate(documents)], builder=builder).serialize()
        for _, posting in reference["invertedIndex"]:
            for name in FIELDS:
                if not posting.get(name):
                    del posting[name]
        assert json.dumps(lunr_index(documents)) == json.dumps(reference), root
