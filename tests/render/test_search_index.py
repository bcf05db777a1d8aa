"""The fragmented search index: a query reads a few small files, and an edit rewrites only the files it touches."""

from __future__ import annotations

import json
import shutil

from generator.content.link import link
from generator.content.load import load_collection
from generator.content.memo import Memo
from generator.render.search import search_files
from generator.render.search_index import META_URI, RESULTS_PER_FILE, TERMS_URI, read_postings
from tests.conftest import REPO, search_built_index, write


def files_of(root, memo=None) -> dict[str, str]:
    col, problems = link(load_collection(root).entries)
    assert problems == []
    return {page.src_uri: page.content for page in search_files(col, memo) if page.src_uri.startswith("search/")}


def test_the_real_collection_is_cut_into_small_files_none_of_which_holds_everything():
    files = files_of(REPO)
    shards = [text for path, text in files.items() if path.startswith("search/terms/")]
    results = [text for path, text in files.items() if path.startswith("search/results/")]
    assert len(shards) >= 10 and max(map(len, shards)) < 40_000
    assert len(results) >= 10 and max(map(len, results)) < 12_000
    meta = json.loads(files[META_URI])
    assert meta["count"] == len(read_postings(files)[2])
    assert len(files[META_URI]) < 60_000  # the vocabulary, fetched with the first query


def test_an_edit_rewrites_only_the_files_holding_the_edited_entrys_words(tmp_path):
    for folder in ("approaches", "barriers", "places"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    memo = Memo()
    before = files_of(tmp_path, memo)
    grow = tmp_path / "approaches/grow-model.md"
    grow.write_text(grow.read_text(encoding="utf-8").replace("## Watch out for", "A zeppelin.\n\n## Watch out for"),
                    encoding="utf-8")
    after = files_of(tmp_path, memo)
    changed = {path for path in after if after[path] != before.get(path)}
    meta = json.loads(after[META_URI])
    zeppelin_shard = next(n for n, terms in enumerate(meta["shards"]) if "zeppelin" in terms)
    assert TERMS_URI.format(zeppelin_shard) in changed
    assert len(changed) < len(after) / 2  # most files stay as they were, so `mkdocs serve --dirty` skips them
    assert search_built_index(after.__getitem__, "zeppelin") == ["../approaches/grow-model/"]
    assert search_built_index(after.__getitem__, "Whitmore")[0] == "../approaches/grow-model/"


def test_an_added_entry_is_findable_and_a_removed_one_is_gone_after_a_serve_rebuild(tree):
    memo = Memo()
    files_of(tree, memo)
    write(tree, "approaches/zebra-crossing.md", (tree / "approaches/grow-model.md").read_text(encoding="utf-8")
          .replace("title: GROW model", "title: Zebra crossing"))
    (tree / "places/doncaster.md").unlink()
    for name in ("approaches/trust-and-agreement.md", "approaches/grow-model.md"):  # drop the uses of Doncaster
        path = tree / name
        text = path.read_text(encoding="utf-8")
        path.write_text("\n".join(line for line in text.splitlines() if "doncaster" not in line) + "\n", encoding="utf-8")
    after = files_of(tree, memo)
    assert search_built_index(after.__getitem__, "zebra")[0] == "../approaches/zebra-crossing/"
    assert "../places/doncaster/" not in search_built_index(after.__getitem__, "Doncaster")
    _, _, results = read_postings(after)
    urls = [result["url"] for result in results.values()]
    assert len(urls) == len(set(urls)) and json.loads(after[META_URI])["count"] == len(urls)


def test_results_files_hold_a_fixed_number_each_so_a_reference_names_its_file():
    files = files_of(REPO)
    meta, _, results = read_postings(files)
    assert meta["resultsPerFile"] == RESULTS_PER_FILE
    for barrier in meta["barriers"]:
        shown = json.loads(files[f"search/results/{barrier['ref'] // RESULTS_PER_FILE}.json"])
        assert shown[barrier["ref"] % RESULTS_PER_FILE]["slug"] == barrier["slug"]
