"""Card QR codes: made with a fixed mask for speed, they must still scan."""

from __future__ import annotations

import io
import random
import string

import zxingcpp
from PIL import Image

from generator.render.cards import qr_code, qr_svg

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
