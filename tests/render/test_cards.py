"""Card QR codes: made with a fixed mask for speed, they must still scan. A deck too big for a page comes in parts."""

from __future__ import annotations

import io
import random
import re
import string

import zxingcpp
from PIL import Image

from generator.content.link import link
from generator.content.load import load_collection
from generator.render.cards import card_html, qr_code, qr_svg, render_deck
from tests.conftest import VALID

SITE = "https://art-of-change-making.github.io/knowledge-base/approaches/"


def _decoded(address: str) -> list[str]:
    png = io.BytesIO()
    qr_code(address).save(png, kind="png", scale=3, border=2)  # the card's scale and quiet zone
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png.getvalue())))]


def test_card_codes_scan_back_to_their_address_from_the_shortest_slug_to_the_longest():
    rng = random.Random(7)
    addresses = [SITE + "".join(rng.choices(string.ascii_lowercase + "-", k=length)) + "/"
                 for length in range(3, 90, 3)]
    addresses += [SITE + "trust-and-agreement/", "http://127.0.0.1:8000/approaches/grow/"]
    assert {address: _decoded(address) for address in addresses} == {address: [address] for address in addresses}


def test_the_card_svg_is_the_code_that_scans_and_is_named_for_what_it_opens():
    address = SITE + "world-cafe/"
    svg = qr_svg(address, f"QR code: opens {address}")
    assert svg.startswith("<svg") and f"<title>QR code: opens {address}</title>" in svg
    modules = qr_code(address).symbol_size(scale=3, border=2)
    assert f'width="{modules[0]}"' in svg


def test_a_deck_too_big_for_one_page_comes_in_parts_numbered_through_with_links_from_each_part():
    col, _ = link(load_collection(VALID).entries)
    first, second = render_deck(col, lambda approach, uri: card_html(approach, col, uri, SITE, level=2), size=1)
    assert (first.src_uri, second.src_uri) == ("cards/index.md", "cards/deck/2.md")
    assert first.in_nav and not second.in_nav
    assert "# Facilitation cards, part 2 of 2" in second.content
    assert 'href="../../">1–1</a>' in second.content  # back to the first part, at the deck's own address
    assert '<li value="2"><a href="#card-' in second.content  # numbered through the whole deck
    cards = [re.findall(r'<article[^>]*id="card-([a-z-]+)"', page.content) for page in (first, second)]
    assert sorted(cards[0] + cards[1]) == ["grow-model", "trust-and-agreement"] and all(len(c) == 1 for c in cards)
    link_to_page = re.search(r'<a href="([^"]+approaches/[^"]+)"', second.content).group(1)
    assert link_to_page.startswith("../../../approaches/")  # relative to cards/deck/2/, where the card is shown
