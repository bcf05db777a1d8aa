"""Facilitation cards in Chromium: each prints on one A4 page, its QR code opens its page, decks print together,
and "Cite this page" copies a reference or a link."""

from __future__ import annotations

import html
import io
import re

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.test_browser import axe_violations, base_url, browser, context  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
SITE_URL = "https://art-of-change-making.github.io/knowledge-base/"  # mkdocs.yml's site_url
CARDS_PRINTED = 12


def pdf_pages(page) -> int:
    return len(PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages)


def card_text_length(card_page: str) -> int:
    card = re.search(r'<article class="kb-card".*?</article>', card_page, re.S).group(0)
    card = re.sub(r"<svg.*?</svg>", "", card, flags=re.S)
    return len(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", card)).split()))


def fullest_cards(built_site, count: int) -> list[str]:
    lengths = {path.parent.name: card_text_length(path.read_text(encoding="utf-8"))
               for path in (built_site / "cards").glob("*/index.html")}
    return sorted(lengths, key=lengths.get, reverse=True)[:count]


def test_the_fullest_cards_each_print_on_exactly_one_a4_page(context, base_url, built_site):
    page = context.new_page()
    printed = fullest_cards(built_site, CARDS_PRINTED)
    assert len(printed) == CARDS_PRINTED
    pages = {}
    for slug in printed:
        page.goto(base_url + f"cards/{slug}/")
        pages[slug] = pdf_pages(page)
    assert pages == {slug: 1 for slug in printed}
    page.emulate_media(media="print")  # in print, a card never shrinks text below 10 pt (13.3 px)
    font_sizes = page.evaluate("""() => [...document.querySelectorAll('.kb-card *')].filter(el =>
        [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(el => parseFloat(getComputedStyle(el).fontSize))""")
    assert min(font_sizes) >= 10 * 96 / 72 - 0.01


def test_every_card_carries_what_a_facilitator_needs_and_a_qr_code_that_opens_its_page(context, base_url, built_site):
    page = context.new_page()
    slugs = sorted(path.parent.name for path in (built_site / "cards").glob("*/index.html"))
    approaches = sorted(path.parent.name for path in (built_site / "approaches").glob("*/index.html"))
    assert slugs == approaches  # every approach has its card
    for slug in ("trust-and-agreement", "world-cafe", fullest_cards(built_site, 1)[0]):
        page.goto(base_url + f"cards/{slug}/")
        card = page.locator(".kb-card")
        text = card.inner_text()
        assert re.search(r"\d+–\d+ people", text) and "When to use it".upper() in text.upper()
        assert "Steps".upper() in text.upper() and "Watch out for".upper() in text.upper() and "Source:" in text
        assert card.locator(".kb-card__steps li").count() >= 3
        assert re.search(r"\d+(–\d+)? min", card.locator(".kb-card__steps").inner_text())
        address = f"{SITE_URL}approaches/{slug}/"
        assert card.get_by_role("img", name=f"QR code: opens {address}").count() == 1
        assert card.locator(".kb-card__address").inner_text() == address
        decoded = [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(
            card.locator(".kb-card__qr").screenshot())))]
        assert decoded == [address]
        page.goto(base_url + f"approaches/{slug}/")
        page.get_by_role("link", name="Print its facilitation card").click()
        page.wait_for_url(f"**/cards/{slug}/")


def test_a_shortened_card_says_so_and_points_to_the_page(context, base_url, built_site):
    shortened = [path.parent.name for path in sorted((built_site / "cards").glob("*/index.html"))
                 if 'class="kb-card__more"' in path.read_text(encoding="utf-8")]
    assert shortened  # most bodies say more than a card holds
    page = context.new_page()
    page.goto(base_url + f"cards/{shortened[0]}/")
    more = page.locator(".kb-card__more")
    assert "Shortened to fit the card: the full text is on the page" in more.inner_text()
    assert more.get_by_role("link").get_attribute("href").endswith("/")


def test_the_deck_has_a_contents_page_then_one_page_per_card(context, base_url, built_site):
    page = context.new_page()
    page.goto(base_url + "cards/")
    cards = page.locator(".kb-deck > .kb-card").count()
    assert cards == len(list((built_site / "approaches").glob("*/index.html")))
    assert page.locator(".kb-deck-contents a").count() == cards
    assert pdf_pages(page) >= cards + 1


def test_a_barrier_pack_prints_as_cards(context, base_url, built_site):
    page = context.new_page()
    page.goto(base_url + "print/lack-of-trust/")
    page.get_by_role("link", name="print them as cards").click()
    page.wait_for_url("**/print/lack-of-trust/cards/")
    expected = page.locator("a[data-kb-card]").count()
    page.wait_for_function(f"document.querySelectorAll('.kb-deck > .kb-card').length === {expected}")
    assert page.locator("[role=status]").first.inner_text() == f"{expected} cards, ready to print"
    first_link = page.locator(".kb-deck .kb-card__address a").first.get_attribute("href")
    assert first_link.startswith(base_url + "approaches/")  # links still lead to the pages, wherever shown
    assert pdf_pages(page) == expected


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cards_pass_axe(context, base_url, scheme):
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    for path in ("cards/", "cards/trust-and-agreement/", "print/lack-of-trust/cards/"):
        page.goto(base_url + path)
        assert axe_violations(page) == [], path


def test_cite_this_page_copies_the_reference_and_the_link(context, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.goto(base_url + "approaches/trust-and-agreement/")
    reference = page.locator(".kb-cite")
    assert re.match(r"The Art of Change Making contributors \(\d{4}\) Trust and Agreement matrix\. The Art of Change "
                    r"Making\. Last changed \d+ \w+ \d{4}\. Available at: " + re.escape(SITE_URL) +
                    r"approaches/trust-and-agreement/ \(Accessed: \d+ \w+ \d{4}\)\.", reference.inner_text())
    page.get_by_role("button", name="Copy the link").click()
    page.get_by_text("Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}approaches/trust-and-agreement/"
    page.get_by_role("button", name="Copy the reference").click()
    page.get_by_text("Reference copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == reference.inner_text()
