"""The England map: places fall in their declared regions, and the SVG is safe, linked, keyed and small."""

from __future__ import annotations

import itertools
import json
import math
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from generator.content.load import load_collection
from generator.content.model import REGIONS
from generator.render import englandmap
from generator.render.englandmap import MapPlace, point_in_region, render_england_map
from tests.conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"


def real_places() -> list[MapPlace]:
    """Every place in the repository's places/ that has coordinates, as the map's plain records."""
    loaded = load_collection(REPO)
    places = [e for e in loaded.entries if e.kind.name == "place" and "coordinates" in e.fields]
    return [MapPlace(e.slug, e.fields["title"], e.fields["region"], f"../{e.slug}/", *e.fields["coordinates"], number)
            for number, e in enumerate(places, start=1)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def links(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}a")


def map_markers(root: ET.Element) -> list[tuple[float, float]]:
    """The centre of each place's marker on the map: the numbered disc in its link."""
    return [
        next((float(u.get("x")), float(u.get("y"))) for u in link.iter(f"{SVG}use") if u.get("href") == "#kb-map-badge")
        for link in links(root)
    ]


def test_every_real_place_lies_in_its_declared_region():
    places = real_places()
    assert places, "no place in places/ has coordinates"
    wrong = [f"{p.slug}: [{p.lat}, {p.lon}] is in {point_in_region(p.lat, p.lon)}, not {p.region}"
             for p in places if point_in_region(p.lat, p.lon) != p.region]
    assert wrong == []


@pytest.mark.parametrize("lat, lon", [(55.953, -3.188), (51.481, -3.179), (54.15, -4.48), (48.857, 2.352)])
def test_points_in_scotland_wales_the_isle_of_man_and_france_are_in_no_region(lat, lon):
    assert point_in_region(lat, lon) is None


def test_bundled_regions_are_exactly_the_model_regions():
    data = json.loads(englandmap.REGIONS_FILE.read_text(encoding="utf-8"))
    assert [f["properties"]["name"] for f in data["features"]] == list(REGIONS)


def test_svg_parses_and_has_one_link_per_place_to_its_page():
    places = real_places()
    root = parse(render_england_map(places))
    assert sorted(a.get("href") for a in links(root)) == sorted(p.href for p in places)
    for link in links(root):
        assert link.find(f"{SVG}title").text.strip()  # each marker has a tooltip


def test_markers_are_for_pointers_only_so_the_page_list_is_met_once():
    root = parse(render_england_map(real_places()))
    assert all(link.get("tabindex") == "-1" for link in links(root))
    marker_layers = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}a") is not None]
    assert [g.get("aria-hidden") for g in marker_layers] == ["true"]


def test_each_marker_shows_the_number_it_is_given():
    places = [replace(p, number=n) for p, n in zip(real_places(), itertools.count(40, -2))]
    root = parse(render_england_map(places))
    by_href = {link.get("href"): link for link in links(root)}
    for place in places:
        link = by_href[place.href]
        assert link.find(f"{SVG}text").text == str(place.number)
        assert link.find(f"{SVG}title").text == f"{place.number}. {place.title}"


def test_the_key_names_every_region_with_its_colour():
    key = ET.fromstring(englandmap.render_region_key())
    assert [li.text or "".join(li.itertext()) for li in key] == list(REGIONS)
    assert [li.find("span").get("style") for li in key] == [
        f"background-color:{englandmap.REGION_FILLS[r]}" for r in REGIONS]


def test_hostile_title_and_href_are_shown_literally():
    title = '</title><script>alert("x")</script> & \'Q\' <b>'
    href = '../odd/?a=1&b="2"'
    root = parse(render_england_map([MapPlace("odd", title, "London", href, 51.5, -0.1, 1)]))
    assert root.find(f".//{SVG}script") is None and root.find(f".//{SVG}b") is None
    (link,) = links(root)
    assert link.get("href") == href
    assert title in link.find(f"{SVG}title").text


def test_control_characters_in_a_title_cannot_break_the_xml():
    parse(render_england_map([MapPlace("odd", "Bell\x07 and\x00 null", "London", "../odd/", 51.5, -0.1, 1)]))


def test_accessible_structure_and_no_fixed_size():
    root = parse(render_england_map(real_places()))
    assert root.get("role") in ("img", "graphics-document")
    assert root.find(f"{SVG}title").get("id") == root.get("aria-labelledby")
    assert root.find(f"{SVG}desc").get("id") == root.get("aria-describedby")
    assert "Natural Earth" in root.find(f"{SVG}desc").text
    assert root.get("viewBox") and root.get("height") is None and root.get("width") in (None, "100%")
    region_names = [p.find(f"{SVG}title").text for p in root.iter(f"{SVG}path")]
    assert region_names == list(REGIONS)


def test_seventeen_places_make_a_map_under_30_kb():
    real = real_places()
    seventeen = [replace(p, slug=f"{p.slug}-{i}", number=i + 1) for i, p in zip(range(17), itertools.cycle(real))]
    svg = render_england_map(seventeen)
    assert len(links(parse(svg))) == 17
    assert len(svg.encode("utf-8")) < 30_000


def test_same_places_in_any_order_give_the_same_bytes():
    places = real_places()
    assert render_england_map(places) == render_england_map(list(reversed(places)))


def test_markers_never_overlap_and_stay_on_the_map():
    places = real_places()
    twins = [MapPlace(f"twin-{i}", f"Twin {i}", "West Midlands", f"../twin-{i}/", 52.48, -1.90, i) for i in range(3)]
    for group in (places, twins):
        root = parse(render_england_map(group))
        width = float(root.get("viewBox").split()[2])
        markers = map_markers(root)
        assert len(markers) == len(group)
        for (x1, y1), (x2, y2) in itertools.combinations(markers, 2):
            assert math.hypot(x2 - x1, y2 - y1) >= 2 * englandmap.MARKER_RADIUS
        assert all(englandmap.MARKER_RADIUS <= x <= width - englandmap.MARKER_RADIUS for x, _ in markers)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_markers_stand_out_from_every_region_and_their_numbers_are_legible():
    assert set(englandmap.REGION_FILLS) == set(REGIONS)
    for region, fill in englandmap.REGION_FILLS.items():
        assert _contrast(englandmap.MARKER_FILL, fill) >= 3, region
    assert _contrast(englandmap.MARKER_FILL, "#ffffff") >= 4.5
