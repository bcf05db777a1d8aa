"""The search results page in Chromium: readers' own words find the pages that answer them."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import yaml

from benchmarks.measure import READER_QUESTIONS, unanswered_questions
from tests.test_browser import axe_violations, base_url, browser, context, result_titles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
HIT_RATE_GOAL = 0.93  # 112 of 120 when the index was cut into fragments; it may not drop
PETER_BLOCKS = {"Trust and Agreement matrix", "Six Conversations", "Flawless consulting"}


def results(page, base_url, query: str) -> list[dict]:
    page.goto(base_url + "search/?q=" + quote(query))
    result_titles(page)
    return page.locator("#kb-search-results > li").evaluate_all("""items => items.map(item => ({
        title: item.querySelector('a').textContent, href: item.querySelector('a').getAttribute('href'),
        kind: item.querySelector('.kb-badge').textContent, text: item.innerText}))""")


def test_reader_questions_are_answered_in_the_top_three(context, base_url):
    """The share of reader questions (tests/fixtures/reader-questions.yaml) with a right page in the top 3: the
    benchmark's measure, asserted here on every run."""
    questions = yaml.safe_load(READER_QUESTIONS.read_text(encoding="utf-8"))
    missed = unanswered_questions(context.new_page(), base_url, questions)
    rate = 1 - len(missed) / len(questions)
    print(f"\nReader questions answered in the top 3: {len(questions) - len(missed)} of {len(questions)} ({rate:.0%})")
    assert len(questions) >= 30 and rate >= HIT_RATE_GOAL, "\n".join(missed)


def test_each_result_says_what_it_is_and_approaches_give_time_and_group_size(context, base_url):
    page = context.new_page()
    kinds = {r["kind"] for query in ("Doncaster", "trust", "relationships and trust")
             for r in results(page, base_url, query)}
    assert kinds == {"Approach", "Barrier", "Place", "Theme"}
    grow = next(r for r in results(page, base_url, "Whitmore") if r["title"] == "GROW model")
    assert "1–8 people · 30 minutes to 90 minutes · easy to run" in grow["text"]


def test_accents_apostrophes_and_hyphens_do_not_matter(context, base_url):
    page = context.new_page()
    for variants in (("café", "cafe", "CAFE"), ("don't trust", "dont trust", "don’t trust"),
                     ("pre-mortem", "premortem")):
        tops = [[r["title"] for r in results(page, base_url, v)[:3]] for v in variants]
        assert all(top[0] == tops[0][0] for top in tops), dict(zip(variants, tops))


def test_a_problem_finds_every_approach_that_helps_with_it(context, base_url, built_site):
    page = context.new_page()
    trust = {r["title"] for r in results(page, base_url, "trust") if r["kind"] == "Approach"}
    listed = (built_site / "barriers/lack-of-trust/index.html").read_text(encoding="utf-8")
    helping = [title for title in trust if f">{title}</a>" in listed]
    assert len(helping) >= 15  # of the 18 approaches tagged for trust; the rest of the top 20 mention it
    both = results(page, base_url, "trust control")
    assert both and both[0]["kind"] in ("Approach", "Barrier")


def test_people_and_time_in_the_question_rank_what_fits(context, base_url):
    page = context.new_page()
    found = results(page, base_url, "a big meeting with 200 people and no fixed agenda")
    assert "Open Space Technology" in [r["title"] for r in found[:3]]
    assert "Fits your 200 people" in found[[r["title"] for r in found].index("Open Space Technology")]["text"]
    too_small = [r for r in found if "Does not fit: it works for" in r["text"]]
    assert too_small and all("and you have 200" in r["text"] for r in too_small)


def test_no_results_point_to_the_matchmaker_and_the_barriers(context, base_url):
    page = context.new_page()
    results(page, base_url, "xylophone quasar")
    status = page.locator("#kb-search-status")
    assert "Nothing matches" in status.inner_text()
    assert status.get_by_role("link", name="matchmaker").get_attribute("href") == "../matchmaker/"
    assert status.get_by_role("link", name="list of barriers").get_attribute("href") == "../barriers/"


def test_a_hostile_address_is_shown_as_text_and_runs_nothing(context, base_url):
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    query = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    results(page, base_url, query)
    assert page.get_by_role("searchbox", name="Describe your problem").input_value() == query
    assert page.locator("#kb-search-results img, #kb-search-status img, #kb-search-results script").count() == 0
    assert dialogs == []


def test_results_are_a_shareable_page_with_one_search(context, base_url):
    """The header's search leads to the same page; no panel opens over it; the back button restores a query."""
    page = context.new_page()
    page.goto(base_url + "approaches/")
    box = page.get_by_role("search", name="Site").get_by_role("searchbox")
    box.fill("Peter Block")
    box.press("Enter")
    page.wait_for_url("**/search/?q=Peter+Block")
    assert set(result_titles(page)[:3]) == PETER_BLOCKS
    assert page.locator("dialog, .md-search").count() == 0
    page.get_by_label("Describe your problem").fill("Doncaster")
    page.get_by_label("Describe your problem").press("Enter")
    page.wait_for_url("**/search/?q=Doncaster")
    assert result_titles(page)[0] == "Doncaster"
    page.go_back()
    page.wait_for_url("**/search/?q=Peter+Block")
    page.wait_for_function("document.getElementById('kb-search-q').value === 'Peter Block'")
    assert set(result_titles(page)[:3]) == PETER_BLOCKS


def test_only_the_results_page_fetches_search_files_and_a_query_fetches_few(context, base_url, built_site):
    """The index is never fetched whole: other pages fetch none of it, and a query fetches the vocabulary, the
    shards holding its words and the result files of its best results."""
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url[len(base_url):]))
    for path in ("", "approaches/grow-model/", "barriers/lack-of-trust/", "matchmaker/"):
        page.goto(base_url + path, wait_until="networkidle")
    assert not [path for path in fetched if path.startswith("search/") or "sitemap-pages" in path]
    page.goto(base_url + "search/?q=" + quote("partners don't trust each other"), wait_until="networkidle")
    assert result_titles(page)
    shards = [path for path in fetched if path.startswith("search/terms/")]
    result_files = [path for path in fetched if path.startswith("search/results/")]
    assert "search/meta.json" in fetched and "search/index.json" not in fetched
    assert 1 <= len(shards) < len(list((built_site / "search/terms").glob("*.json"))) / 2
    index_files = [path for path in fetched if path.startswith("search/") and path.endswith(".json")]
    assert 1 <= len(result_files) <= 31 and len(set(index_files)) == len(index_files)  # each file once
