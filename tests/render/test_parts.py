"""Pages that would hold every approach come in parts: the first keeps the page's address, and each links them all."""

import re

from generator.render.parts import cut, parts_nav, title


def test_a_whole_that_fits_one_part_stays_on_its_page_with_no_parts_to_choose():
    (only,) = cut(list(range(200)), "cards/index.md", "cards/deck", 200)
    assert (only.uri, only.start, only.end, only.count) == ("cards/index.md", 1, 200, 1)
    assert parts_nav(only, [only], "Parts") == [] and title("Facilitation cards", only) == "Facilitation cards"
    assert [part.uri for part in cut([], "cards/index.md", "cards/deck")] == ["cards/index.md"]


def test_parts_hold_every_item_once_in_order_and_link_each_other_from_where_they_are():
    whole = cut(list(range(1, 451)), "print/index.md", "print/all", 200)
    assert [part.uri for part in whole] == ["print/index.md", "print/all/2.md", "print/all/3.md"]
    assert [item for part in whole for item in part.items] == list(range(1, 451))
    assert [(part.start, part.end) for part in whole] == [(1, 200), (201, 400), (401, 450)]
    assert title("All approaches", whole[1]) == "All approaches, part 2 of 3"
    nav = "".join(parts_nav(whole[1], whole, "Parts of the pack"))
    assert re.findall(r'href="([^"]+)"', nav) == ["../../", "./", "../3/"]
    assert 'href="./" aria-current=page>201–400<' in nav and "Part 2 of 3: 201 to 400 of 450" in nav
