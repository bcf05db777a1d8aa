"""The built site in Debian's Chromium: accessible (axe, WCAG 2.2 AA), private, and usable without JavaScript."""

from __future__ import annotations

import functools
import json
import re
import http.server
import os
import shutil
import socketserver
import threading
from importlib.resources import files

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is required in CI: .ci/test installs Debian's package")
    pytest.skip("Debian's Chromium is not installed (bash .ci/test installs it as root)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

PAGES = ["", "approaches/", "approaches/trust-and-agreement/", "approaches/open-space-technology/",
         "barriers/", "barriers/lack-of-trust/", "places/", "places/doncaster/", "themes/",
         "themes/relationships-and-trust/", "matchmaker/", "matrix/", "print/lack-of-trust/", "about/",
         "contributing/", "reference/", "search/?q=trust", "cards/", "cards/trust-and-agreement/",
         "print/lack-of-trust/cards/", "data/", "benchmarks/", "architecture/",
         "kit/?a=trust-and-agreement:60,world-cafe:90", "tools/trust-and-agreement/", "tools/grow/"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    # Threaded: pages that fetch in the background (cards brought into a deck, the search index) must not hold the
    # server while the next page loads.
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser context that records every request and fails the test on any console error."""
    context = browser.new_context()
    context.set_default_timeout(5000)
    context.requests = []
    context.errors = []
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("console", lambda message: message.type == "error" and context.errors.append(message.text))
    context.on("weberror", lambda error: context.errors.append(str(error.error)))
    yield context
    context.close()
    assert context.errors == []


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(files("axe_playwright_python") / "axe.min.js"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("reader_scheme, material_scheme", [("light", "default"), ("dark", "slate")])
def test_every_page_type_passes_axe_wcag22_aa(context, base_url, reader_scheme, material_scheme):
    """In both colour schemes: Material follows the system's light or dark setting until the reader picks one."""
    page = context.new_page()
    page.emulate_media(color_scheme=reader_scheme)
    failures = {}
    for path in PAGES:
        page.goto(base_url + path)
        assert page.locator("body").get_attribute("data-md-color-scheme") == material_scheme
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}


def search(page, text: str) -> list[str]:
    """Type into the header's search box, as a reader does, and return the result titles on the results page."""
    box = page.get_by_role("search", name="Site").get_by_role("searchbox")
    box.fill(text)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    return result_titles(page)


def result_titles(page) -> list[str]:
    page.wait_for_function("/result|Nothing/.test(document.getElementById('kb-search-status').textContent)")
    return page.locator("#kb-search-results > li > a").all_inner_texts()


@pytest.mark.parametrize("reader_scheme", ["light", "dark"])
def test_search_results_pass_axe(context, base_url, reader_scheme):
    page = context.new_page()
    page.emulate_media(color_scheme=reader_scheme)
    page.goto(base_url + "search/?q=partners+don%27t+trust+each+other")
    result_titles(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("query, expected", [
    ("Whitmore", "GROW"), ("Doncaster", "Doncaster"), ("Deffenbaugh", "Trust and Agreement"),
    ("trust", "Partners don't trust each other"), ("wicked", "wicked"), ("board", "Board members"),
    ("we keep jumping to conclusions", "Ladder of Inference"), ("cafe", "World Café")])
def test_search_finds_what_a_reader_types(context, base_url, query, expected):
    page = context.new_page()
    page.goto(base_url)
    titles = search(page, query)
    assert any(expected.casefold() in t.casefold() for t in titles[:3]), titles[:3]


def test_no_third_party_requests_and_no_cookies(context, base_url):
    page = context.new_page()
    for path in PAGES:
        page.goto(base_url + path)
    search(page, "trust")
    outside = [url for url in context.requests if not url.startswith((base_url, "data:", "blob:"))]
    assert outside == []
    assert context.cookies() == []


def test_readable_with_javascript_off(browser, base_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "approaches/trust-and-agreement/")
    assert page.locator("h1").inner_text().startswith("Trust and Agreement")
    assert page.get_by_role("link", name="Doncaster").first.is_visible()
    page.goto(base_url + "approaches/")
    every_approach = len(list((built_site / "approaches").glob("*/index.html")))
    assert page.locator("#kb-results li.kb-item:visible").count() == every_approach
    assert not page.locator("#kb-filters").is_visible()  # a form that cannot work without the script stays hidden
    page.goto(base_url + "matchmaker/")
    assert page.get_by_role("link", name="Partners don't trust each other").is_visible()
    page.goto(base_url)  # the search boxes still lead somewhere useful: the ways in that need no script
    page.get_by_label("Describe your problem").fill("trust")
    page.get_by_label("Describe your problem").press("Enter")
    page.wait_for_url("**/search/?q=trust")
    assert page.get_by_text("Search needs JavaScript").is_visible()
    page.get_by_role("link", name="What are you facing?").click()
    page.wait_for_url("**/barriers/")
    context.close()


def visible_slugs(page) -> list[str]:
    return page.locator("#kb-results li.kb-item:visible").evaluate_all("items => items.map(i => i.dataset.slug)")


def test_filters_narrow_the_list_and_live_in_the_url(context, base_url):
    page = context.new_page()
    page.goto(base_url + "approaches/")
    total = len(visible_slugs(page))
    page.get_by_label("Partners don't trust each other").check()
    trust = visible_slugs(page)
    assert "trust-and-agreement" in trust and len(trust) < total
    page.get_by_label("People taking part").fill("8")
    page.get_by_label("People taking part").press("Tab")
    page.wait_for_function("location.search.includes('people=8')")
    narrowed = visible_slugs(page)
    assert set(narrowed) <= set(trust) and "trust-and-agreement" in narrowed
    for slug in narrowed:
        facts = json.loads(page.locator(f"li[data-slug='{slug}']").get_attribute("data-rank"))
        assert "lack-of-trust" in facts["barriers"] and facts["people"][0] <= 8 <= facts["people"][1]
    assert page.locator("#kb-count").inner_text() == f"Showing {len(narrowed)} of {total} approaches, best match first"
    assert "barrier=lack-of-trust" in page.url
    assert axe_violations(page) == []

    shared = context.new_page()  # the URL alone restores the same view
    shared.goto(page.url)
    assert visible_slugs(shared) == narrowed
    assert shared.get_by_label("Partners don't trust each other").is_checked()

    page.go_back()  # the back button undoes the last filter
    page.wait_for_function("!location.search.includes('people=8')")
    assert visible_slugs(page) == trust


def test_home_search_box_leads_to_the_results_page(context, base_url):
    page = context.new_page()
    page.goto(base_url)
    page.get_by_label("Describe your problem").fill("Whitmore")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=Whitmore")
    assert result_titles(page)[0] == "GROW model"


def test_matchmaker_ranks_by_fit_and_says_plainly_what_does_not_fit(context, base_url):
    page = context.new_page()
    page.goto(base_url + "matchmaker/?barrier=lack-of-trust&people=10&time=90")
    results = page.locator("#kb-mm-results > li")
    results.first.wait_for()
    first = results.first.inner_text()
    assert "Helps with: Partners don't trust each other" in first
    low, high, shortest = map(int, re.search(r"Fits your 10 people \(it works for (\d+)–(\d+) people\) and your "
                                             r"time \(it needs (\d+)–\d+ minutes\)", first).groups())
    assert low <= 10 <= high and shortest <= 90  # what it says is true of the reader's 10 people and 90 minutes
    titles = [t.split("\n")[0] for t in results.all_inner_texts()]
    assert "Trust and Agreement matrix" in titles[:3]
    verdicts = ["no" if "Does not fit" in t else "unsaid" if "Does not say" in t else "fits"
                for t in results.all_inner_texts()]
    assert verdicts == sorted(verdicts, key=["fits", "unsaid", "no"].index)  # what fits comes first
    assert axe_violations(page) == []
    page.get_by_label("People taking part").fill("500")
    page.wait_for_function("location.search.includes('people=500')")
    for text in results.all_inner_texts():  # a method for a dozen is never offered as if it fitted 500
        assert "Fits your 500 people" in text or "Does not say" in text or (
            "Does not fit: it works for" in text and "and you have 500" in text), text


def test_two_problems_rank_what_helps_with_both_first_everywhere(context, base_url):
    """The matchmaker and the approaches list, given two problems, agree: most problems matched first."""
    page = context.new_page()
    page.goto(base_url + "matchmaker/?barrier=lack-of-trust&barrier=need-to-keep-control")
    page.locator("#kb-mm-results > li").first.wait_for()
    matchmaker = page.locator("#kb-mm-results > li > a:first-child").all_inner_texts()
    counts = [int(re.search(r"Helps with (\d) of your 2", t).group(1))
              for t in page.locator("#kb-mm-results > li").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    page.goto(base_url + "approaches/?barrier=lack-of-trust&barrier=need-to-keep-control")
    listed = page.locator("#kb-results li.kb-item:visible > a:first-child").all_inner_texts()
    assert listed[:len(matchmaker)] == matchmaker
    badges = page.locator("#kb-results li.kb-item:visible .kb-item__matches").all_inner_texts()
    assert badges[0] == "Matches 2 of your 2" and badges[-1] == "Matches 1 of your 2"
    assert axe_violations(page) == []


def test_barrier_page_offers_a_start_here_its_pack_and_the_matchmaker_set_to_it(context, base_url):
    page = context.new_page()
    page.goto(base_url + "barriers/lack-of-trust/")
    start = page.locator("h2#start-here + p + ul > li")
    assert start.count() == 3
    for text in start.all_inner_texts():
        assert re.search(r"\d+–\d+ people · .* · (easy|moderate|hard) to run", text), text
    assert "Trust and Agreement matrix" in start.locator("a").all_inner_texts()
    page.get_by_role("link", name=re.compile(r"Print these \d+ approaches")).click()
    page.wait_for_url("**/print/lack-of-trust/")
    page.go_back()
    page.get_by_role("link", name="Find the approaches for your people and time").click()
    page.wait_for_url("**/matchmaker/?barrier=lack-of-trust")
    assert page.get_by_label("Partners don't trust each other").is_checked()
    page.locator("#kb-mm-results > li").first.wait_for()


# The approaches a barrier page lists under "Start here", "More methods to run", "Models to think with" and
# "Programmes", in order.
BARRIER_PAGE_CHOICES = """() => Array.from(document.querySelectorAll(
    'h2#start-here, h2[id^=more-methods-to-run], h2[id^=models-to-think-with], h2[id^=programmes]')).flatMap(heading => {
  let list = heading.nextElementSibling;
  while (list && list.tagName !== 'UL') list = list.nextElementSibling;
  return Array.from(list.querySelectorAll(':scope > li > a')).map(a => a.textContent);
})"""


def test_barrier_pages_and_the_matchmaker_rank_with_one_model(context, base_url, built_site):
    """generator/content/ranking.py orders barrier pages at build time; kb.js orders the matchmaker in the browser.
    Asked the same question, a barrier with nothing else said, they must give the same order."""
    page = context.new_page()
    for barrier in sorted(p.name for p in (built_site / "barriers").iterdir() if p.is_dir()):
        page.goto(base_url + f"barriers/{barrier}/")
        on_page = page.evaluate(BARRIER_PAGE_CHOICES)
        page.goto(base_url + f"matchmaker/?barrier={barrier}")
        page.locator("#kb-mm-results > li").first.wait_for()
        matchmaker = page.locator("#kb-mm-results > li > a:first-child").all_inner_texts()
        assert on_page[:len(matchmaker)] == matchmaker, barrier


def test_matrix_has_every_approach_and_barrier(context, base_url, built_site):
    page = context.new_page()
    page.goto(base_url + "matrix/")
    approaches = len(list((built_site / "approaches").glob("*/index.html")))
    barriers = len(list((built_site / "barriers").glob("*/index.html")))
    assert page.locator("table.kb-matrix__table tbody tr").count() == approaches
    assert page.locator("table.kb-matrix__table thead th").count() == barriers + 1
    row = page.locator("tbody tr", has=page.get_by_role("link", name="Trust and Agreement matrix", exact=True))
    assert row.locator("td.kb-yes").count() == 3


def test_pages_carry_share_meta_and_canonical_url(context, base_url):
    page = context.new_page()
    page.goto(base_url + "approaches/grow-model/")
    meta = lambda selector: page.locator(selector).get_attribute("content")  # noqa: E731
    assert meta("meta[property='og:title']").startswith("GROW")
    assert meta("meta[property='og:description']") == meta("meta[name='description']")
    assert meta("meta[name='twitter:card']") == "summary"
    assert page.locator("link[rel='canonical']").get_attribute("href").endswith("/approaches/grow-model/")


def test_a_reader_s_colour_scheme_is_kept_on_the_next_page(context, base_url):
    """The header's script (partials/header.html) restores the scheme the reader picked before the page shows."""
    page = context.new_page()
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "approaches/grow-model/")
    page.locator("label[for='__palette_1']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.goto(base_url + "barriers/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


@pytest.mark.parametrize("width", [375, 1280])
def test_logo_and_repository_icons_show_though_each_is_drawn_once(browser, base_url, width):
    """The header and the navigation drawer show the same two icons; the page draws each once and refers to it."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + "approaches/grow-model/")
    if width < 1220:  # the drawer holds the navigation on narrower screens
        page.locator("label.md-header__button[for='__drawer']").click()
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-logo svg, .md-source__icon svg')]
        .map(svg => svg.getBoundingClientRect()).filter(box => box.width >= 16 && box.height >= 16).length""")
    assert shown >= 2  # the logo and the repository icon, in the header or the drawer
    assert page.locator("header").bounding_box()["y"] == 0  # the drawn-once icons take no room of their own
    assert page.locator("symbol").count() == 2 and page.locator("svg use").count() == 4
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_no_sideways_scrolling_on_phone_or_desktop(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("approaches/trust-and-agreement/", "places/", "approaches/"):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    context.close()


def test_approach_prints_as_a_clean_a4_card(context, base_url):
    page = context.new_page()
    page.goto(base_url + "approaches/trust-and-agreement/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    after = page.locator("article a[href^='https://www.leadershipcentre']").first.evaluate(
        "a => getComputedStyle(a, '::after').content")
    assert "leadershipcentre.org.uk" in after  # links are written out as text on paper
    assert page.pdf(format="A4").startswith(b"%PDF")


def test_barrier_pack_starts_each_approach_on_a_new_page(context, base_url):
    page = context.new_page()
    page.goto(base_url + "print/lack-of-trust/")
    sections = page.locator("section.kb-pack-item")
    assert sections.count() >= 3
    page.emulate_media(media="print")
    assert sections.nth(1).evaluate("s => getComputedStyle(s).breakBefore") == "page"


def test_places_page_lists_each_place_once_numbered_as_on_the_map(context, base_url, built_site):
    page = context.new_page()
    page.goto(base_url + "places/")
    places = len(list((built_site / "places").glob("*/index.html")))
    markers = page.locator("figure.kb-map svg a")
    assert markers.count() == places  # every real place has coordinates
    listed = page.locator("ol.kb-places a").all_inner_texts()
    assert len(listed) == places
    for name in listed:  # keyboard and screen-reader users meet each place once: in the list
        assert page.get_by_role("link", name=name, exact=True).count() == 1, name
    item = page.locator("ol.kb-places > li", has=page.get_by_role("link", name="Doncaster", exact=True))
    number = item.evaluate("li => li.parentElement.start + [...li.parentElement.children].indexOf(li)")
    marker = markers.filter(has_text="Doncaster")
    assert marker.locator("text").inner_html() == str(number)
    assert page.locator(".kb-map-key li").all_inner_texts()[:2] == ["North East", "North West"]
    marker.click()  # a marker is still a link for a pointer or a finger
    page.wait_for_url("**/places/doncaster/")


def test_place_page_invites_a_report_of_a_use(context, base_url):
    page = context.new_page()
    page.goto(base_url + "places/doncaster/")
    report = page.get_by_role("link", name="Report a use of an approach here")
    assert "template=report-a-use.yml" in report.get_attribute("href")
    assert "Doncaster" in report.get_attribute("href")


def test_home_offers_the_matchmaker_where_readers_start(context, base_url):
    page = context.new_page()
    page.goto(base_url)
    facing = page.get_by_role("heading", name="What are you facing?")
    offer = page.get_by_role("link", name="Tick them all in the matchmaker")
    assert offer.is_visible() and "md-button" in offer.get_attribute("class")
    assert 0 < offer.bounding_box()["y"] - facing.bounding_box()["y"] < 150  # right under the question
    assert offer.bounding_box()["height"] >= 36  # a button, not a small text link
    heading, text = page.evaluate("[getComputedStyle(document.querySelector('h1')).color,"
                                  " getComputedStyle(document.querySelector('article')).color]")
    assert heading == text  # headings in the full text colour, not Material's pale grey
    offer.click()
    page.wait_for_url("**/matchmaker/")


@pytest.mark.parametrize("width", [1280, 900])
def test_matrix_keeps_its_headings_in_view_while_it_scrolls(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + "matrix/")
    region = page.locator(".kb-matrix")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    if width == 1280:  # every barrier fits a laptop: nothing to scroll sideways
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    header = page.locator(".kb-matrix thead th").nth(3)
    region.evaluate("r => { r.scrollTop = r.scrollHeight; r.scrollLeft = r.scrollWidth; }")
    last_row = page.locator(".kb-matrix tbody th").last
    assert region.evaluate("r => r.scrollTop") > 1000  # it really scrolled
    frame = region.bounding_box()
    assert abs(header.bounding_box()["y"] - frame["y"]) <= 2  # the header row sticks to the top of the region
    assert abs(last_row.bounding_box()["x"] - frame["x"]) <= 2  # the approach column sticks to its left edge
    assert last_row.bounding_box()["y"] + last_row.bounding_box()["height"] <= frame["y"] + frame["height"] + 1
    assert frame["height"] <= 800 - 48  # the region fits the window below Material's header, headings and all
    assert page.get_by_role("columnheader", name="Low trust (Partners don't trust each other)").is_visible()
    assert not page.locator(".kb-matrix-list").is_visible()
    context.close()


def test_matrix_on_a_phone_lists_approaches_under_each_barrier(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base_url + "matrix/")
    assert page.get_by_role("table").count() == 0  # hidden with display: none, so screen readers get one view
    trust = page.get_by_role("heading", name="Partners don't trust each other")
    assert trust.is_visible()
    helpers = trust.locator("xpath=following-sibling::ul[1]")
    assert helpers.get_by_role("link", name="Trust and Agreement matrix", exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()
