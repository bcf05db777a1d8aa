"""The worksheets in Chromium: filled in with the keyboard alone, kept in the reader's browser, cleared, printed on
one A4 page, accessible in both colour schemes, private, and safe with hostile input."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import axe_violations, base_url, browser, context  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
TA, GROW = "tools/trust-and-agreement/", "tools/grow/"
HOSTILE = '<img src=x onerror=alert(1)>"><svg onload=alert(2)>'
# (name, trust choice, agreement choice) -> the group the worksheet must name; choices are positions in the
# radio groups: trust High, Low; agreement Disagree, Not sure, Agree.
PEOPLE = [("Sam Patel", 0, 2, "Allies"), ("Jo Reed", 0, 0, "Opponents"), ("Cllr Brown", 1, 2, "Bedfellows"),
          ("Alex Kaur", 1, 1, "Fence-sitters"), ("Pat Chief", 1, 0, "Adversaries"), ("Lee Tran", 0, 1, "Ask first")]
# The approaches a barrier page lists in its ranked sections, in order (generator/render/entries.py, barrier_choices).
BARRIER_PAGE_ORDER = """() => Array.from(document.querySelectorAll('article h2')).filter(h =>
    /^(start-here|more-methods-to-run|models-to-think-with|programmes|ideas-to-think-with)/.test(h.id)).flatMap(h => {
  let list = h.nextElementSibling;
  while (list && list.tagName !== 'UL') list = list.nextElementSibling;
  return Array.from(list.querySelectorAll(':scope > li > a:first-child')).map(a => a.textContent);
})"""


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF from Chromium, which writes each page as a plain `/Type /Page` object."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def printed_pages(page) -> int:
    page.emulate_media(media="print")
    pages = pdf_page_count(page.pdf(format="A4"))
    page.emulate_media(media="screen")
    return pages


def tab_to(page, selector: str, key: str = "Tab", limit: int = 120) -> None:
    """Press Tab (or Shift+Tab, to go back up), as a keyboard user does, until the focus is on an element that
    matches `selector`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose(page, person_id: int, question: str, position: int) -> None:
    """Pick a radio by keyboard: Tab into the group (its first radio), Space to check it, arrows to move on."""
    tab_to(page, f"input[name='kb-ta-{person_id}-{question}']")
    page.keyboard.press("Space")
    for _ in range(position):
        page.keyboard.press("ArrowRight")


def add_by_keyboard(page, name: str) -> None:
    tab_to(page, "#kb-ta-name")
    page.keyboard.type(name)
    page.keyboard.press("Enter")


def stored(page, key: str):
    return page.evaluate("k => JSON.parse(localStorage.getItem(k))", f"kb-worksheet:{key}")


def placements(page) -> dict[str, str]:
    """Each person's group as their row says it."""
    rows = page.locator("li.kb-ta-person")
    return {rows.nth(i).locator("legend").first.inner_text(): rows.nth(i).locator(".kb-ta-person__group").inner_text()
            for i in range(rows.count())}


def grid_cells(page) -> dict[str, str]:
    """Each point on the picture, by its full name (its <title>), with the cell its dot is drawn in."""
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('#kb-ta-points g')).map(g => {
      const c = g.querySelector('circle'), x = +c.getAttribute('cx'), y = +c.getAttribute('cy');
      const cell = Array.from(document.querySelectorAll('#kb-ta-grid rect[data-group]')).find(r =>
        x > +r.getAttribute('x') && x < +r.getAttribute('x') + +r.getAttribute('width') &&
        y > +r.getAttribute('y') && y < +r.getAttribute('y') + +r.getAttribute('height'));
      return [g.querySelector('title').textContent, cell.dataset.group];
    }))""")


def assert_private(context, base_url):
    assert [url for url in context.requests if not url.startswith((base_url, "data:", "blob:"))] == []
    assert context.cookies() == []


def test_trust_and_agreement_by_keyboard_names_each_group_prints_on_one_page_and_clears(context, base_url):
    page = context.new_page()
    page.goto(base_url + TA)
    tab_to(page, "#kb-ta-change")
    page.keyboard.type("Joint commissioning of early help")
    for name, *_ in PEOPLE:
        add_by_keyboard(page, name)
    assert page.evaluate("document.activeElement.id") == "kb-ta-name"  # ready for the next name
    for person_id, (_, trust, agreement, _) in enumerate(PEOPLE, start=1):
        choose(page, person_id, "trust", trust)
        choose(page, person_id, "agreement", agreement)
    expected = {name: group for name, _, _, group in PEOPLE}
    assert placements(page) == expected
    slugs = {"Allies": "allies", "Opponents": "opponents", "Bedfellows": "bedfellows", "Fence-sitters": "fence-sitters",
             "Adversaries": "adversaries", "Ask first": "ask-first"}
    assert grid_cells(page) == {name: slugs[group] for name, group in expected.items()}
    for name, group in expected.items():  # the same in words: each group lists its people
        item = page.locator(f".kb-ta-group[data-group='{slugs[group]}']")
        assert item.locator(".kb-ta-group__people").inner_text() == name
    assert "Allies: Sam Patel" in page.locator("#kb-ta-grid-desc").text_content()
    assert printed_pages(page) == 1

    page.reload()  # kept in this browser
    assert placements(page) == expected
    assert page.locator("#kb-ta-change").input_value() == "Joint commissioning of early help"
    assert len(stored(page, "trust-and-agreement")["people"]) == len(PEOPLE)

    tab_to(page, "[data-kb-clear]")
    page.keyboard.press("Enter")
    assert page.locator("li.kb-ta-person").count() == 0 and page.locator("#kb-ta-points g").count() == 0
    assert page.locator("#kb-ta-change").input_value() == ""
    assert stored(page, "trust-and-agreement") is None
    page.reload()
    assert page.locator("li.kb-ta-person").count() == 0
    assert_private(context, base_url)


def test_a_full_trust_and_agreement_worksheet_still_prints_on_one_page(context, base_url):
    page = context.new_page()
    page.goto(base_url + TA)
    people = [{"name": f"{i:02d} " + "Director of Adult Social Care and Health Integration" + "x" * 5,
               "trust": "high", "agreement": "agree"} for i in range(16)]
    page.evaluate("people => localStorage.setItem('kb-worksheet:trust-and-agreement', JSON.stringify("
                  "{people: people, fields: {change: 'c'.repeat(200)}}))", people)
    page.reload()
    assert page.locator("li.kb-ta-person").count() == 16
    assert printed_pages(page) == 1
    add_by_keyboard(page, "One too many")
    assert "holds 16 people" in page.locator("#kb-ta-message").inner_text()


def test_removing_a_person_by_keyboard_moves_focus_on_and_redraws(context, base_url):
    page = context.new_page()
    page.goto(base_url + TA)
    for name in ("First", "Second"):
        add_by_keyboard(page, name)
    tab_to(page, "li.kb-ta-person:first-child [data-remove]")
    page.keyboard.press("Enter")
    assert placements(page) == {"Second": "Not placed yet"}
    assert page.evaluate("document.activeElement.matches('li.kb-ta-person [data-remove]')")
    assert page.locator("#kb-ta-message").inner_text() == "Removed First."
    assert page.locator("#kb-ta-unplaced").inner_text() == "Not placed yet: Second."


def test_bad_names_get_a_clear_message_and_hostile_text_runs_nothing(context, base_url):
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + TA)
    add_by_keyboard(page, "   ")
    assert page.locator("#kb-ta-message").inner_text() == "Type a name first."
    assert page.locator("#kb-ta-name").get_attribute("aria-invalid") == "true"
    add_by_keyboard(page, HOSTILE)
    choose(page, 1, "trust", 0)
    choose(page, 1, "agreement", 2)
    tab_to(page, "#kb-ta-name", key="Shift+Tab")
    page.keyboard.type(HOSTILE.upper())
    page.keyboard.press("Enter")
    assert "is already on the list" in page.locator("#kb-ta-message").inner_text()
    assert page.locator("li.kb-ta-person legend").first.inner_text() == HOSTILE
    assert page.locator(".kb-ta-group[data-group='allies'] .kb-ta-group__people").inner_text() == HOSTILE
    assert grid_cells(page) == {HOSTILE: "allies"}
    page.reload()
    assert page.locator("article img").count() == 0 and page.locator("article svg").count() == 1
    assert dialogs == []


@pytest.mark.parametrize("saved, message", [
    ("{not json", "could not be read, so it starts empty"),
    ('{"people": [{"name": 7}, {"name": "Ann", "trust": "<b>", "agreement": "agree"}, "x"], "fields": {"change": 1}}',
     "Some saved entries could not be read and were left out."),
])
def test_damaged_storage_is_reported_and_never_trusted(context, base_url, saved, message):
    page = context.new_page()
    page.goto(base_url + TA)
    page.evaluate("text => localStorage.setItem('kb-worksheet:trust-and-agreement', text)", saved)
    page.reload()
    assert message in page.locator("[data-kb-status]").inner_text()
    assert placements(page) in ({}, {"Ann": "Not placed yet"})


def test_grow_by_keyboard_from_any_stage_lists_ranked_approaches_and_prints_on_one_page(context, base_url):
    page = context.new_page()
    page.goto(base_url + GROW + "#will")  # entered at the last stage
    heading = page.locator("#will-heading").bounding_box()
    assert 0 <= heading["y"] < page.viewport_size["height"]
    tab_to(page, "#kb-grow-will")
    page.keyboard.type("Call the chief executive on Monday.")
    tab_to(page, "#kb-grow-commitment")
    for _ in range(5):
        page.keyboard.press("ArrowDown")  # 1 to 5
    advice = page.locator("#kb-grow-commitment-advice")
    assert advice.inner_text().startswith("5 out of 10 is low: go back to Options")
    tab_to(page, ".kb-grow-nav a[href='#options']", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#options'")
    for stage in ("goal", "reality", "options"):
        tab_to(page, f"#kb-grow-{stage}")
        page.keyboard.type(f"Notes on {stage}: " + "what we said and who said it. " * 16)
    tab_to(page, "#kb-grow-barrier")
    barriers = page.locator("#kb-grow-barrier option").evaluate_all("os => os.map(o => o.value)")
    for _ in range(barriers.index("action-stalls")):
        page.keyboard.press("ArrowDown")
    listed = page.locator("#kb-grow-approach-list > li > a").all_inner_texts()
    assert len(listed) == 5 and "GROW model" not in listed
    ranked = page.evaluate("""() => {
      const all = JSON.parse(document.getElementById('kb-grow-approaches').textContent);
      const need = {barriers: ['action-stalls'], people: null, minutes: null};
      return KB.rankApproaches(all.filter(a => a.barriers.includes('action-stalls')), need, a => a).map(a => a.title);
    }""")
    assert listed == ranked[:5]
    assert printed_pages(page) == 1

    page.reload()  # kept in this browser, and the options come back with the barrier
    assert page.locator("#kb-grow-will").input_value() == "Call the chief executive on Monday."
    assert page.locator("#kb-grow-barrier").input_value() == "action-stalls"
    assert page.locator("#kb-grow-approach-list > li > a").all_inner_texts() == listed
    assert stored(page, "grow")["fields"]["commitment"] == "5"

    tab_to(page, "[data-kb-clear]")
    page.keyboard.press("Enter")
    for field in ("topic", "goal", "reality", "options", "will", "barrier", "commitment"):
        assert page.locator(f"[data-kb-field][name='{field}']").input_value() == ""
    assert page.locator("#kb-grow-approach-list > li").count() == 0
    assert stored(page, "grow") is None
    assert_private(context, base_url)


def test_grow_options_follow_each_barrier_pages_order(context, base_url, built_site):
    """The planner ranks in the browser (kb.js); barrier pages are ranked at build time (content/ranking.py)."""
    page = context.new_page()
    for barrier in sorted(p.name for p in (built_site / "barriers").iterdir() if p.is_dir()):
        page.goto(base_url + f"barriers/{barrier}/")
        on_barrier_page = [title for title in page.evaluate(BARRIER_PAGE_ORDER) if title != "GROW model"]
        page.goto(base_url + GROW)
        page.locator("#kb-grow-barrier").select_option(barrier)
        assert page.locator("#kb-grow-approach-list > li > a").all_inner_texts() == on_barrier_page[:5], barrier


def test_a_full_grow_plan_prints_on_one_page(context, base_url):
    page = context.new_page()
    page.goto(base_url + GROW)
    fields = {name: "w" * 9 + " " for name in ("goal", "reality", "options", "will")}
    page.evaluate("""fields => localStorage.setItem('kb-worksheet:grow', JSON.stringify({fields: Object.assign(
      {topic: 't '.repeat(100), barrier: 'lack-of-trust', commitment: '9'},
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.repeat(50)])))}))""", fields)
    page.reload()
    assert len(page.locator("#kb-grow-goal").input_value()) == 500
    assert printed_pages(page) == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_worksheets_pass_axe_filled_in(context, base_url, scheme):
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + TA)
    page.evaluate("localStorage.setItem('kb-worksheet:trust-and-agreement', JSON.stringify({people: ["
                  "{name: 'Ann', trust: 'high', agreement: 'agree'}, {name: 'Bo', trust: 'low', agreement: 'unsure'},"
                  "{name: 'Cy'}]}))")
    page.reload()
    add_by_keyboard(page, "")  # with its error message showing
    assert axe_violations(page) == []
    page.goto(base_url + GROW)
    page.locator("#kb-grow-barrier").select_option("lack-of-trust")
    page.locator("#kb-grow-commitment").select_option("3")
    assert axe_violations(page) == []


def test_without_javascript_each_worksheet_is_a_blank_one_to_print(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + TA)
    assert page.get_by_text("here is a blank worksheet to print").is_visible()
    assert page.get_by_role("img", name="The trust and agreement grid").is_visible()
    assert page.locator(".kb-ta-group h3").count() == 6 and page.get_by_text("Confirm the shared aim").is_visible()
    assert not page.locator("#kb-ta-name").is_visible()
    assert printed_pages(page) == 1
    page.goto(base_url + GROW)
    assert page.get_by_text("here is a blank planner to print").is_visible()
    assert page.locator(".kb-grow-prompts li:visible").count() == 16
    assert not page.locator("textarea").first.is_visible()
    assert page.get_by_role("link", name="Talk doesn't turn into action").is_visible()
    assert printed_pages(page) == 1
    context.close()
