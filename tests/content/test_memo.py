"""Under `mkdocs serve`, a save re-reads only the changed file, and the result is the same as a fresh run."""

from generator.content.memo import Memo
from generator.pipeline import check


def test_recall_makes_a_value_once_and_forgets_what_a_run_did_not_ask_for():
    memo, made = Memo(), []

    def make(value):
        return lambda: made.append(value) or value

    assert memo.recall("a", make("a")) == "a" and memo.recall("b", make("b")) == "b"
    memo.end_run()
    assert memo.recall("a", make("a2")) == "a"  # remembered from the last run
    memo.end_run()  # "b" was not asked for in that run
    assert memo.recall("b", make("b2")) == "b2"
    assert made == ["a", "b", "b2"]


def test_check_with_a_memo_reparses_only_edited_files_and_reports_the_same(tree):
    memo = Memo()
    first = check(tree, memo=memo)
    assert not first.problems
    barrier = tree / "barriers/lack-of-trust.md"
    barrier.write_text(barrier.read_text().replace("title: ", "title: Edited ", 1))
    (tree / "approaches/grow-model.md").write_text("---\ntitle: [unclosed\n---\n")
    second = check(tree, memo=memo)
    assert second.collection.barriers["lack-of-trust"].fields["title"].startswith("Edited ")
    assert second.collection.barriers["lack-of-trust"] is not first.collection.barriers["lack-of-trust"]
    assert second.collection.places["doncaster"] is first.collection.places["doncaster"]  # not parsed again
    assert second.problems == check(tree).problems and second.problems


def _real_tree(tmp_path):
    import shutil

    from tests.conftest import REPO

    for folder in ("approaches", "barriers", "places"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_built_with_a_memo_after_each_edit_are_those_of_a_fresh_build(tmp_path):
    """The serve memo skips rendering pages whose entries did not change; no edit may leave a page stale."""
    from generator.pipeline import build_pages
    from generator.render.search import title_terms
    from generator.render.search_index import read_postings

    root = _real_tree(tmp_path)
    memo = Memo()
    build_pages(root, "https://example.org/", "https://github.com/example/kb", memo=memo)
    grow, doncaster, trust = root / "approaches/grow-model.md", root / "places/doncaster.md", root / "barriers/lack-of-trust.md"
    edits = [
        lambda: _edit(grow, "title: GROW model", "title: GROW coaching model"),
        lambda: _edit(trust, "title: ", "title: Deep "),
        lambda: _edit(doncaster, "title: Doncaster", "title: Doncaster borough"),
        lambda: _edit(root / "approaches/trust-and-agreement.md", "summary: ", "summary: Edited "),
        lambda: (root / "approaches/team-coaching.md").write_text(
            grow.read_text(encoding="utf-8").replace("title: GROW coaching model", "title: Team coaching"),
            encoding="utf-8"),
        lambda: (root / "approaches/team-coaching.md").unlink(),
    ]
    for edit in edits:
        edit()
        remembered, problems = build_pages(root, "https://example.org/", "https://github.com/example/kb", memo=memo)
        fresh, _ = build_pages(root, "https://example.org/", "https://github.com/example/kb")
        assert not problems
        assert {p.src_uri: p.content for p in remembered if not p.src_uri.startswith("search/")} == {
            p.src_uri: p.content for p in fresh if not p.src_uri.startswith("search/")}
        # The search index is updated in place (render/search_index.py), so its files are cut differently from a
        # fresh build's, but they must hold the same results, each found by the words of its title.
        indexes = [read_postings({p.src_uri: p.content for p in pages if p.src_uri.startswith("search/")})
                   for pages in (remembered, fresh)]
        assert [sorted(map(str, results.values())) for _, _, results in indexes][0] == sorted(
            map(str, indexes[1][2].values()))
        _, postings, results = indexes[0]
        for ref, result in results.items():
            assert all(ref in postings[term][0][::2] for term in title_terms(result["title"])), result["title"]
