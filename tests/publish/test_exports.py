"""Open data: the JSON and CSV exports hold every entry, match their schemas, resolve links and are safe to open."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from generator.content.model import KINDS
from generator.pipeline import build_pages
from generator.publish.exports import LINKS, LICENCE
from generator.publish.schemas import schema_texts
from tests.conftest import REPO, VALID, write

SITE = "https://example.org/kb/"


def exports(root, site_url=SITE) -> dict[str, str]:
    pages, problems = build_pages(root, site_url)
    assert not problems, problems
    return {page.src_uri: page.content for page in pages}


@pytest.fixture(scope="module")
def repository_exports():
    return exports(REPO)


def rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.folder)
def test_exports_hold_exactly_the_entries_in_the_repository(repository_exports, kind):
    in_repository = sorted(path.stem for path in (REPO / kind.folder).glob("*.md"))
    document = json.loads(repository_exports[f"data/{kind.folder}.json"])
    assert [e["slug"] for e in document["entries"]] == in_repository
    assert document["count"] == len(in_repository) and document["kind"] == kind.name
    assert [row["slug"] for row in rows(repository_exports[f"data/{kind.folder}.csv"])] == in_repository


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.folder)
def test_json_exports_conform_to_their_published_schemas(repository_exports, kind):
    schema = json.loads(repository_exports[f"data/schema/{kind.folder}.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(repository_exports[f"data/{kind.folder}.json"])
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    assert document["$schema"] == schema["$id"] == f"{SITE}data/schema/{kind.folder}.json"
    broken = {**document, "entries": [{**document["entries"][0], "links": {}}]}
    with pytest.raises(jsonschema.ValidationError):  # the schema is strict enough to catch a missing part
        jsonschema.validate(broken, schema)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.folder)
def test_export_schema_takes_front_matter_fields_from_the_content_model(repository_exports, kind):
    front_matter = json.loads(schema_texts()[f"{kind.name}.json"])["properties"]
    entry = json.loads(repository_exports[f"data/schema/{kind.folder}.json"])["properties"]["entries"]["items"]
    assert {name: entry["properties"][name] for name in front_matter} == front_matter
    computed = set(entry["properties"]) - set(front_matter)
    assert computed == {"slug", "url", "source_path", "body", "added", "changed", "links"}


def test_every_front_matter_value_is_exported_as_written(repository_exports):
    from generator.content.load import load_collection

    records = {(kind.name, e["slug"]): e for kind in KINDS
               for e in json.loads(repository_exports[f"data/{kind.folder}.json"])["entries"]}
    for entry in load_collection(REPO).entries:
        record = records[entry.kind.name, entry.slug]
        assert {name: record[name] for name in entry.fields} == entry.fields
        assert record["source_path"] == entry.path and record["body"] == entry.body.strip()


def test_licence_is_stated_in_every_json_export(repository_exports):
    for kind in KINDS:
        licence = json.loads(repository_exports[f"data/{kind.folder}.json"])["licence"]
        assert licence == LICENCE and licence["content"] == "CC BY-SA 4.0" and licence["code"] == "MIT"


def test_cross_links_are_resolved_to_titles_and_page_urls_both_ways():
    pages = exports(VALID)
    data = {kind.folder: {e["slug"]: e for e in json.loads(pages[f"data/{kind.folder}.json"])["entries"]}
            for kind in KINDS}
    approach = data["approaches"]["trust-and-agreement"]
    assert approach["url"] == f"{SITE}approaches/trust-and-agreement/"
    assert {"slug": "lack-of-trust", "title": "Partners don't trust each other",
            "url": f"{SITE}barriers/lack-of-trust/"} in approach["links"]["barriers"]
    assert [p["slug"] for p in approach["links"]["places"]] == ["doncaster"]
    assert approach["links"]["themes"][0]["url"] == f"{SITE}themes/relationships-and-trust/"
    assert "trust-and-agreement" in [a["slug"] for a in data["barriers"]["lack-of-trust"]["links"]["approaches"]]
    assert [p["slug"] for p in data["barriers"]["lack-of-trust"]["links"]["places"]] == ["doncaster"]
    assert [a["slug"] for a in data["places"]["doncaster"]["links"]["approaches"]] == ["trust-and-agreement"]
    assert set(approach["links"]) == {links.name for links in LINKS["approach"]}


def test_without_a_site_url_page_urls_are_relative_to_the_site_root():
    document = json.loads(exports(VALID, None)["data/places.json"])
    assert document["entries"][0]["url"] == "places/doncaster/"
    assert document["$schema"] == "schema/places.json"  # beside data/places.json


def test_csv_flattens_lists_ranges_and_coordinates_for_spreadsheets():
    pages = exports(VALID)
    approach = next(r for r in rows(pages["data/approaches.csv"]) if r["slug"] == "trust-and-agreement")
    assert approach["barriers"] == "lack-of-trust; partners-not-aligned"
    assert approach["places"] == "doncaster"
    assert approach["sources"] == "The Empowered Manager"  # lists of records keep each record's first field
    assert approach["url"] == f"{SITE}approaches/trust-and-agreement/" and approach["year"] == "1987"
    place = rows(pages["data/places.csv"])[0]
    assert (place["latitude"], place["longitude"]) == ("53.5228", "-1.1285")  # numbers stay numbers
    assert place["approaches"] == "trust-and-agreement"
    barrier = next(r for r in rows(pages["data/barriers.csv"]) if r["slug"] == "lack-of-trust")
    assert barrier["approaches"] == "trust-and-agreement" and barrier["places"] == "doncaster"


def test_csv_cells_cannot_run_spreadsheet_formulas(tree):
    path = tree / "approaches/grow-model.md"
    text = path.read_text().replace("title: GROW model", 'title: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"')
    text = text.replace("originator:", "aliases: ['+1 trick', '@SUM(A1)']\noriginator:", 1)
    write(tree, "approaches/grow-model.md", text)
    write(tree, "places/doncaster.md", (tree / "places/doncaster.md").read_text().replace(
        "title: Doncaster", "title: '-2+3'"))
    pages = exports(tree)
    approach = next(r for r in rows(pages["data/approaches.csv"]) if r["slug"] == "grow-model")
    assert approach["title"] == "'=HYPERLINK(\"https://evil.example\",\"x\")"
    assert approach["aliases"] == "'+1 trick; @SUM(A1)"
    assert rows(pages["data/places.csv"])[0]["title"] == "'-2+3"
    record = json.loads(pages["data/approaches.json"])["entries"][0]
    assert record["title"].startswith("=HYPERLINK")  # JSON is data, not a spreadsheet: kept as written
