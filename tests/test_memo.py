"""Under `mkdocs serve`, a save re-reads only the changed file, and the result is the same as a fresh run."""

from generator.memo import Memo
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
