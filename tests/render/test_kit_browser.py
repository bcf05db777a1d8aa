"""The session plan (/kit/) in Chromium: built from "Add to a session" links, edited from the keyboard, shared by
its address, printed as an agenda with the approaches' cards; tampered addresses get a message and run nothing."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from generator.render.tools import json_for_script
from tests.test_browser import axe_violations, base_url, browser, context  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
TRUST, CAFE = "Trust and Agreement matrix", "World Café"
PLAN = "kit/?a=trust-and-agreement:60,break:15,world-cafe:90&start=09:30&length=180"


def fake_card(route):
    """A stand-in card with a known image and link, to see that the plan rewrites their addresses to work from
    its own page (real cards are tested in test_cards_browser.py)."""
    slug = route.request.url.rstrip("/").rsplit("/", 1)[-1]
    route.fulfill(content_type="text/html", body=(
        f'<!doctype html><title>Card</title><article><div class="kb-card" id="card"><h1 id="t">Card for {slug}</h1>'
        f'<img src="../../assets/images/favicon.png" alt=""><a href="../../approaches/{slug}/">Its page</a></div></article>'))


@pytest.fixture
def page(context):
    """A page that records dialogs (an alert would mean a script from the address ran) and serves cards."""
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/cards/*/", fake_card)
    return page


def open_plan(page, url: str):
    page.goto(url)
    page.locator("#kb-kit").wait_for()
    return page


def items(page) -> list[str]:
    """Each item of the plan as "start–end title"."""
    return page.locator("#kb-kit-items > li .kb-kit-item__head").evaluate_all(
        "heads => heads.map(h => h.innerText.replace(/\\s+/g, ' ').trim())")


def focused_name(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label')")


def test_a_plan_built_from_add_links_edited_from_the_keyboard_reopens_from_its_address(page, base_url, browser):
    open_plan(page, base_url + "kit/?add=trust-and-agreement")
    assert page.url == base_url + "kit/?a=trust-and-agreement:60"
    assert "Added Trust and Agreement matrix (60 minutes) to your plan" in page.locator("#kb-kit-status").inner_text()
    open_plan(page, base_url + "kit/?add=world-cafe")  # the plan being built is kept in this browser
    assert page.url == base_url + "kit/?a=trust-and-agreement:60,world-cafe:90"
    assert items(page) == [f"0:00–1:00 {TRUST}", f"1:00–2:30 {CAFE}"]
    assert "2 h 30 min" in page.locator("#kb-kit-total").inner_text()

    page.get_by_role("button", name=f"Move up: {CAFE}").focus()
    page.keyboard.press("Enter")
    assert items(page) == [f"0:00–1:30 {CAFE}", f"1:30–2:30 {TRUST}"]
    assert focused_name(page) == f"Move down: {CAFE}"  # first now, so focus stays on the same item's other move
    assert page.locator("#kb-kit-status").inner_text().startswith(f"Moved {CAFE} up to 1 of 2")
    page.keyboard.press("Enter")
    assert items(page)[1].endswith(CAFE) and focused_name(page) == f"Move up: {CAFE}"
    page.keyboard.press("Space")
    assert items(page)[0].endswith(CAFE)

    page.get_by_label(f"Minutes for {CAFE}").fill("75")
    page.get_by_label(f"Minutes for {CAFE}").press("Tab")
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("Session length (minutes)").fill("150")
    page.get_by_label("Session length (minutes)").press("Tab")
    page.get_by_role("button", name="Add a break").click()
    assert items(page) == [f"09:30–10:45 {CAFE}", f"10:45–11:45 {TRUST}", "11:45–12:00 Break"]
    assert page.locator("#kb-kit-total").inner_text() == \
        "2 h 30 min of 2 h 30 min: exactly the time you have. From 09:30 to 12:00."
    address = "kit/?a=world-cafe:75,trust-and-agreement:60,break:15&start=09:30&length=150"
    assert page.url == base_url + address
    assert page.get_by_label("Link to this plan").input_value() == page.url

    elsewhere = browser.new_context()  # another reader, with nothing stored, opens the link
    shared = open_plan(elsewhere.new_page(), base_url + address)
    assert items(shared) == items(page)
    assert shared.get_by_label(f"Minutes for {CAFE}").input_value() == "75"
    assert shared.get_by_label("Start time").input_value() == "09:30"
    assert "Less than the 90 minutes it needs" in shared.locator("#kb-kit-items > li").first.inner_text()
    elsewhere.close()
    assert page.dialogs == []


def test_an_address_without_minutes_gives_each_approach_its_usual_time(page, base_url):
    open_plan(page, base_url + "kit/?a=trust-and-agreement,world-cafe")
    assert items(page) == [f"0:00–1:00 {TRUST}", f"1:00–2:30 {CAFE}"]
    assert page.locator("#kb-kit-total").inner_text().startswith("Total: 2 h 30 min.")
    assert not page.locator("#kb-kit-notice").is_visible()
    assert page.url == base_url + "kit/?a=trust-and-agreement:60,world-cafe:90"


def test_adding_by_name_folds_accents_and_remove_keeps_the_focus_in_the_list(page, base_url):
    open_plan(page, base_url + "kit/?a=trust-and-agreement")
    page.get_by_label("Find by name").fill("cafe")
    assert page.get_by_label("Approach", exact=True).locator("option").all_inner_texts() == ["World Café (90–180 min)"]
    assert page.locator("#kb-kit-find-count").inner_text() == "1 approach matches."
    page.get_by_role("button", name="Add to the plan").click()
    assert [i.split(" ", 1)[1] for i in items(page)] == [TRUST, CAFE]
    page.get_by_role("button", name=f"Remove: {TRUST}").click()
    assert focused_name(page) == f"Remove: {CAFE}"
    page.get_by_role("button", name=f"Remove: {CAFE}").click()
    assert page.get_by_text("Your plan is empty").is_visible()
    assert page.evaluate("document.activeElement.id") == "kb-kit-find"
    assert page.url == base_url + "kit/"


def test_copy_link_falls_back_to_the_selected_address(context, base_url):
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    page.route("**/cards/*/", fake_card)
    open_plan(page, base_url + "kit/?a=world-cafe")
    page.get_by_role("button", name="Copy link").click()
    assert "press Ctrl+C" in page.locator("#kb-kit-status").inner_text()
    selected = page.evaluate("[document.activeElement.id, getSelection().toString() ||"
                             " document.activeElement.value.slice(document.activeElement.selectionStart,"
                             " document.activeElement.selectionEnd)]")
    assert selected == ["kb-kit-link", base_url + "kit/?a=world-cafe:90"]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_prints_an_agenda_with_steps_and_materials_then_each_card_on_its_own_page(page, base_url, built_site):
    def with_materials(route):
        """The page as if World Café listed its materials (no entry does yet). Read from the built site: the test
        server answers one connection at a time, and route.fetch() would hold one open."""
        html = (built_site / "kit/index.html").read_text(encoding="utf-8")
        data = re.search(r'<script type="application/json" id="kb-kit-data">(.*?)</script>', html, re.S).group(1)
        records = json.loads(data)
        next(r for r in records if r["slug"] == "world-cafe")["materials"] = ["paper tablecloths", "pens"]
        route.fulfill(content_type="text/html", body=html.replace(data, json_for_script(records)))

    page.route(re.compile(r"/kit/\?"), with_materials)
    open_plan(page, base_url + PLAN)
    cards = page.locator("#kb-kit-cards .kb-card")
    cards.nth(1).wait_for(state="attached")
    assert cards.count() == 2  # one per approach, not for the break
    assert cards.first.locator("img").get_attribute("src") == "/assets/images/favicon.png"  # works from here
    # the logo loads (it is fetched after the card is attached, so wait for it rather than race it)
    page.wait_for_function("() => { const img = document.querySelector('#kb-kit-cards .kb-card img');"
                           " return img.complete && img.naturalWidth > 0; }", timeout=5000)
    assert page.locator("#kb-kit-cards [id]").count() == 0  # the cards' ids cannot clash with the page's
    page.emulate_media(media="print")
    agenda = page.locator("#kb-kit-agenda")
    text = agenda.inner_text()
    assert "09:30–10:30 Trust and Agreement matrix (1 h)" in text
    assert "Name the change (5 minutes). Write one sentence" in text
    assert "Allies: confirm the shared aim" in text  # a step's sub-points
    assert "10:30–10:45 Break (15 min)" in text and "10:45–12:15 World Café (1 h 30 min)" in text
    assert "The steps as written take 80 minutes; this plan gives 60 minutes." in text
    assert "Materials: paper tablecloths; pens." in text
    for control in ("#kb-kit-items", "#kb-kit-settings", "#kb-kit-copy", ".kb-kit-add", ".md-sidebar--primary"):
        assert not page.locator(control).first.is_visible(), control
    assert page.locator(".kb-kit-card").nth(1).evaluate("c => getComputedStyle(c).breakBefore") == "page"
    assert pdf_pages(page.pdf(format="A4")) >= 3  # the agenda, then a card per approach


def test_prints_without_a_card_whose_page_is_missing(browser, base_url):
    context = browser.new_context()  # the missing card's 404 is a console error, expected here
    page = context.new_page()
    page.route("**/cards/world-cafe/", fake_card)
    page.route("**/cards/trust-and-agreement/", lambda route: route.fulfill(status=404, body="Not found"))
    open_plan(page, base_url + PLAN)
    page.locator("#kb-kit-cards .kb-card").wait_for(state="attached")
    page.wait_for_timeout(200)  # the other card's answer has come too
    assert page.locator("#kb-kit-cards .kb-card h1").all_text_contents() == ["Card for world-cafe"]
    page.emulate_media(media="print")
    assert page.locator("#kb-kit-agenda").is_visible() and pdf_pages(page.pdf(format="A4")) >= 2
    context.close()


TAMPERED = [
    ("a=foo,trust-and-agreement", "“foo” is not an approach, so it was left out.", [TRUST]),
    ("a=trust-and-agreement:100000", "100000 minutes is more than a day, so 1440 was used for Trust and Agreement "
     "matrix.", [TRUST]),
    ("a=trust-and-agreement:0", "0 minutes is too short, so 60 was used for Trust and Agreement matrix.", [TRUST]),
    ("a=world-cafe:-5", "-5 minutes is too short, so 90 was used for World Café.", [CAFE]),
    ("a=world-cafe:ninety", "“ninety” is not a whole number of minutes, so 90 was used for World Café.", [CAFE]),
    ("a=" + ",".join(["break:1"] * 3000), "A plan holds at most 30 items, so the last 2970 items were left out.",
     ["Break"] * 30),
    ("a=" + "x" * 20000, "“" + "x" * 40 + "…” is not an approach, so it was left out.", []),
    ("a=<script>alert(1)</script>", "“<script>alert(1)</script>” is not an approach, so it was left out.", []),
    ('a=trust-and-agreement:"><img src=x onerror=alert(1)>', '“"><img src=x onerror=alert(1)>” is not a whole '
     "number of minutes, so 60 was used for Trust and Agreement matrix.", [TRUST]),
    ("a=world-cafe&start=25:99&length=abc", "“25:99” is not a time of day like 09:30, so the start time was left "
     "unset.", [CAFE]),
    ("add=<img src=x onerror=alert(1)>", "“<img src=x onerror=alert(1)>” is not an approach, so it was not added.", []),
]


@pytest.mark.parametrize("query, message, expected", TAMPERED, ids=lambda value: str(value)[:30])
def test_a_tampered_address_gets_a_message_and_runs_nothing(page, base_url, query, message, expected):
    open_plan(page, base_url + "kit/?" + quote(query, safe=":,=&"))
    notice = page.locator("#kb-kit-notice")
    assert notice.is_visible() and notice.inner_text().startswith("Ignored:")
    assert message in notice.locator("li").all_inner_texts()
    assert [i.split(" ", 1)[1] for i in items(page)] == expected
    assert page.get_by_role("heading", name="Session plan", level=1).is_visible()  # never a blank page
    assert page.get_by_role("button", name="Copy link").is_visible()
    assert page.dialogs == [] and page.locator("#kb-kit img, #kb-kit script").count() == 0
    assert len(notice.inner_text()) < 2000


def test_a_tampered_address_names_each_problem_and_how_many_more(page, base_url):
    open_plan(page, base_url + "kit/?a=" + ",".join(f"nope{n}" for n in range(20)) + "&length=abc")
    problems = page.locator("#kb-kit-notice li").all_inner_texts()
    assert problems[0] == "“nope0” is not an approach, so it was left out."
    assert len(problems) == 9 and problems[-1] == "Also 13 more problems like these."


def test_without_javascript_the_page_says_what_it_does_and_lists_the_approaches(browser, base_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PLAN)
    assert page.get_by_text("The session plan needs JavaScript").is_visible()
    assert not page.locator("#kb-kit").is_visible()
    pages = page.locator(".kb-nojs li > a[href*='approaches/']")
    cards = page.locator(".kb-nojs li > a[href*='cards/']")
    assert pages.count() == cards.count() == len(list((built_site / "approaches").glob("*/index.html")))
    page.get_by_role("link", name=TRUST, exact=True).click()
    page.wait_for_url("**/approaches/trust-and-agreement/")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_plan_passes_axe_in_both_schemes(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_plan(page, base_url + PLAN.replace("break:15", "break:15,nope"))  # with a notice, too
    assert page.locator("#kb-kit-notice").is_visible()
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_no_sideways_scrolling(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.route("**/cards/*/", fake_card)
    open_plan(page, base_url + PLAN)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    context.close()


def test_nothing_leaves_the_machine_and_no_cookies_are_set(page, context, base_url):
    open_plan(page, base_url + "kit/?add=world-cafe")
    open_plan(page, base_url + PLAN)
    page.get_by_role("button", name="Add a break").click()
    outside = [url for url in context.requests if not url.startswith((base_url, "data:", "blob:"))]
    assert outside == []
    assert context.cookies() == []
    stored = "a=trust-and-agreement:60,break:15,world-cafe:90,break:15&start=09:30&length=180"
    assert page.evaluate("localStorage.getItem('kb-kit-plan')") == stored and page.url.endswith(stored)


def test_a_plan_is_built_by_clicking_add_on_approach_pages_lists_and_matchmaker_results(page, base_url):
    page.goto(base_url + "approaches/trust-and-agreement/")
    page.get_by_role("link", name="Add it to a session plan").click()
    page.wait_for_url("**/kit/?a=trust-and-agreement:60")
    page.goto(base_url + "approaches/world-cafe/")
    page.get_by_role("link", name="Add it to a session plan").click()
    page.wait_for_url("**/kit/?a=trust-and-agreement:60,world-cafe:90")
    page.goto(base_url + "approaches/?barrier=action-stalls")
    page.get_by_role("link", name="Add Premortem to a session").click()
    page.wait_for_url("**/kit/?a=trust-and-agreement:60,world-cafe:90,premortem:45")
    page.goto(base_url + "matchmaker/?barrier=lack-of-trust&people=10&time=90")
    first = page.locator("#kb-mm-results > li").first
    title = first.locator("a").first.inner_text()
    first.get_by_role("link", name=f"Add {title} to a session").click()
    page.wait_for_url("**/kit/?a=*")
    assert [item.split(" ", 1)[1] for item in items(page)][-1] == title
    assert len(items(page)) == 4
