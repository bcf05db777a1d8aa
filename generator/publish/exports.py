"""Open data: every entry as JSON and CSV, with the JSON Schemas the exports conform to.

Published with the site, for each kind (approaches, barriers, places):

- `data/<folder>.json`: every front-matter field as written, the Markdown body, the page URL,
  dates from git history, and cross-links resolved to {slug, title, url} (both directions, as
  the pages show them); plus the licence.
- `data/<folder>.csv`: one row per entry for spreadsheets. Lists become "; "-joined values (lists
  of records keep their first field: place slugs, enabler names, source titles); {min, max}
  ranges and coordinates become one column per part. Text cells that a spreadsheet would run as
  a formula get a leading apostrophe; numbers are left as numbers.
- `data/schema/<folder>.json`: the JSON Schema of `data/<folder>.json`. Front-matter fields are
  described by `schemas.record_schema` from the content model, so the export schema and
  the front-matter schema cannot disagree where they overlap.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Callable

from generator.content.history import FileDates, timestamp
from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.memo import Memo
from generator.content.model import (
    APPROACH, BARRIER, KINDS, PLACE, SLUG_PATTERN, THEMES, Kind, ListOf, Pair, Record, Theme,
)
from generator.content.urls import page_url
from generator.publish.schemas import record_schema
from generator.render.citation import CITATIONS_URI, citation_of, csl_item
from generator.render.entries import Page, entry_uri, theme_uri

LICENCE = {
    "content": "CC BY-SA 4.0",
    "content_url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "code": "MIT",
    "code_url": "https://opensource.org/license/mit",
    "attribution": "The Art of Change Making knowledge base contributors",
    "notice": "Named methods remain their originators' work: an approach's `rights` field notes its trade marks "
              "and licences.",
}
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets may evaluate (OWASP CSV injection)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def public_url(site_url: str | None, src_uri: str) -> str:
    """The address of the file built from `src_uri`: absolute under `site_url`, else relative to the site's root."""
    path = page_url(src_uri)
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def data_uri(kind: Kind, extension: str) -> str:
    return f"data/{kind.folder}.{extension}"


def schema_uri(kind: Kind) -> str:
    return f"data/schema/{kind.folder}.json"


# -- cross-links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """One list of cross-links in an export, e.g. the approaches that help with a barrier."""

    name: str
    description: str
    targets: Callable[[Entry, Collection], list]  # Entry or Theme objects


def _distinct(entries) -> list[Entry]:
    """Each entry once, in the order first met (an approach may be used in a place several times)."""
    first: dict[str, Entry] = {}
    for entry in entries:
        first.setdefault(entry.slug, entry)
    return list(first.values())


_THEME_BY_SLUG = {theme.slug: theme for theme in THEMES}

LINKS: dict[str, tuple[Links, ...]] = {
    APPROACH.name: (
        Links("themes", "its themes",
              lambda e, col: [_THEME_BY_SLUG[s] for s in e.fields.get("themes", [])]),
        Links("barriers", "the barriers it helps with",
              lambda e, col: [col.barriers[s] for s in e.fields.get("barriers", [])]),
        Links("related", "related approaches as its page lists them: declared first, then those that declare "
                         "it, then those sharing barriers",
              lambda e, col: col.related.get(e.slug, [])),
        Links("places", "the places where a source documents its use",
              lambda e, col: _distinct(use.place for use in col.approach_uses.get(e.slug, []))),
    ),
    BARRIER.name: (
        Links("approaches", "the approaches that help with it",
              lambda e, col: col.barrier_approaches.get(e.slug, [])),
        Links("places", "places with a documented use of an approach that helps with it",
              lambda e, col: col.barrier_places.get(e.slug, [])),
    ),
    PLACE.name: (
        Links("approaches", "the approaches a source documents it using",
              lambda e, col: _distinct(use.approach for use in col.place_uses.get(e.slug, []))),
    ),
}


def _reference(target: Entry | Theme, site_url: str | None) -> dict:
    if isinstance(target, Theme):
        return {"slug": target.slug, "title": target.title, "url": public_url(site_url, theme_uri(target.slug))}
    return {"slug": target.slug, "title": str(target.fields.get("title", target.slug)),
            "url": public_url(site_url, entry_uri(target))}


# -- JSON -------------------------------------------------------------------------------------


def entry_record(entry: Entry, col: Collection, dates: dict[str, FileDates], site_url: str | None) -> dict:
    """One entry as exported: identity and URL, front matter as written, body, dates, cross-links."""
    record = {"slug": entry.slug, "url": public_url(site_url, entry_uri(entry)), "source_path": entry.path,
              **entry.fields, "body": entry.body.strip()}
    if entry.path in dates:
        record["added"] = timestamp(dates[entry.path].added)
        record["changed"] = timestamp(dates[entry.path].changed)
    record["links"] = {links.name: [_reference(t, site_url) for t in links.targets(entry, col)]
                       for links in LINKS[entry.kind.name]}
    return record


def _entries(kind: Kind, col: Collection) -> list[Entry]:
    return sorted((e for e in col.entries() if e.kind is kind), key=lambda e: e.slug)


def _each_entry(tag: str, kind: Kind, col: Collection, dates: dict[str, FileDates], site_url: str | None,
                memo: Memo | None, make: Callable[[Entry], str]) -> list[str]:
    """`make(entry)` for every entry of a kind, by slug. With a `memo` (kept by `mkdocs serve`), an entry's text
    is made again only when the entry, an entry it links to or its dates changed: its cross-links are the entries
    its page shows."""
    if memo is None:
        return [make(e) for e in _entries(kind, col)]
    return [memo.recall((tag, e, col.shown_on_page_of(e), dates.get(e.path), site_url), lambda: make(e))
            for e in _entries(kind, col)]


def export_json(kind: Kind, col: Collection, dates: dict[str, FileDates], site_url: str | None,
                memo: Memo | None = None) -> str:
    """The JSON export of one kind, one entry a line: easy to read and diff, and written by json's C encoder
    (indent= makes it pure Python)."""
    rows = _each_entry("json", kind, col, dates, site_url, memo,
                       lambda e: json.dumps(entry_record(e, col, dates, site_url), ensure_ascii=False))
    head = {"$schema": _schema_address(kind, site_url), "kind": kind.name, "licence": LICENCE, "count": len(rows)}
    lines = ",\n".join(rows)
    return f'{json.dumps(head, ensure_ascii=False)[:-1]}, "entries": [\n{lines}\n]}}\n'


def _schema_address(kind: Kind, site_url: str | None) -> str:
    """Absolute under `site_url`; otherwise relative to the export, which sits in data/ beside schema/."""
    return f"{site_url.rstrip('/')}/{schema_uri(kind)}" if site_url else f"schema/{kind.folder}.json"


# -- JSON Schema ------------------------------------------------------------------------------

_REFERENCE_SCHEMA = {
    "type": "object",
    "properties": {
        "slug": {"type": "string", "pattern": SLUG_PATTERN},
        "title": {"type": "string", "minLength": 1},
        "url": {"type": "string", "format": "uri-reference", "description": "address of its page"},
    },
    "required": ["slug", "title", "url"],
    "additionalProperties": False,
}
_TIMESTAMP_SCHEMA = {"type": "string", "format": "date-time"}


def export_schema(kind: Kind, site_url: str | None) -> dict:
    """The JSON Schema of `data/<folder>.json`; front-matter fields come from the content model."""
    front_matter = record_schema(kind.fields)
    computed_first = {
        "slug": {"description": "the entry's name: its file name without .md", "type": "string",
                 "pattern": SLUG_PATTERN},
        "url": {"description": "address of the entry's page", "type": "string", "format": "uri-reference"},
        "source_path": {"description": "the file the entry is written in, relative to the repository",
                        "type": "string", "pattern": f"^{kind.folder}/"},
    }
    computed_last = {
        "body": {"description": "the page text, in Markdown, as written", "type": "string"},
        "added": {"description": "when the file was first committed (or its modification time if never "
                                 "committed)", **_TIMESTAMP_SCHEMA},
        "changed": {"description": "when the file was last committed (or its modification time if never "
                                   "committed)", **_TIMESTAMP_SCHEMA},
        "links": {
            "description": "cross-links resolved to the title and address of each page",
            "type": "object",
            "properties": {links.name: {"description": links.description, "type": "array",
                                        "items": _REFERENCE_SCHEMA} for links in LINKS[kind.name]},
            "required": [links.name for links in LINKS[kind.name]],
            "additionalProperties": False,
        },
    }
    entry_schema = {
        **front_matter,
        "properties": {**computed_first, **front_matter["properties"], **computed_last},
        "required": [*computed_first, *front_matter.get("required", []), "body", "links"],
    }
    schema = {"$schema": JSON_SCHEMA_DIALECT}
    if site_url:
        schema["$id"] = _schema_address(kind, site_url)
    schema.update({
        "title": f"Export of every entry in {kind.folder}/",
        "type": "object",
        "properties": {
            "$schema": {"type": "string", "description": "address of this schema"},
            "kind": {"const": kind.name},
            "licence": {"description": "licences of the content and of the code that built it", "type": "object",
                        "properties": {key: {"type": "string"} for key in LICENCE},
                        "required": list(LICENCE), "additionalProperties": False},
            "count": {"type": "integer", "minimum": 0, "description": "the number of entries"},
            "entries": {"type": "array", "items": entry_schema},
        },
        "required": ["$schema", "kind", "licence", "count", "entries"],
        "additionalProperties": False,
    })
    return schema


# -- CSV --------------------------------------------------------------------------------------


def _first_field(record: Record, value) -> str:
    """A record in a list cell: its first field that has a value, in the model's order."""
    return next((str(value[f.name]) for f in record.fields if f.name in value), "")


def _field_columns(field) -> list[tuple[str, Callable[[dict], object]]]:
    """The CSV columns for one front-matter field and how to read each from an entry's fields."""
    spec, name = field.type, field.name
    if isinstance(spec, Pair):
        return [(part, lambda f, i=i: (f.get(name) or [None, None])[i]) for i, part in enumerate(spec.names)]
    if isinstance(spec, Record):
        return [(f"{name}_{sub.name}", lambda f, sub=sub.name: (f.get(name) or {}).get(sub)) for sub in spec.fields]
    if isinstance(spec, ListOf):
        item = spec.item

        def joined(f):
            values = [_first_field(item, v) if isinstance(item, Record) else str(v) for v in f.get(name) or []]
            return LIST_SEPARATOR.join(values)
        return [(name, joined)]
    return [(name, lambda f: f.get(name))]


def safe_cell(value) -> object:
    """A cell a spreadsheet shows as text: no formula can run from contributed text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(kind: Kind, col: Collection, dates: dict[str, FileDates], site_url: str | None,
               memo: Memo | None = None) -> str:
    """The CSV export of one kind; with a `memo`, an unchanged entry's row is not made again (see _each_entry)."""
    field_names = {f.name for f in kind.fields}
    extra_links = [links for links in LINKS[kind.name] if links.name not in field_names]
    columns = [column for f in kind.fields for column in _field_columns(f)]
    header = ["slug", "url", *(name for name, _ in columns), *(links.name for links in extra_links),
              "added", "changed"]

    def row(entry: Entry) -> str:
        entry_dates = dates.get(entry.path)
        return _csv_line([entry.slug, public_url(site_url, entry_uri(entry)),
                          *(read(entry.fields) for _, read in columns),
                          *(LIST_SEPARATOR.join(t.slug for t in links.targets(entry, col)) for links in extra_links),
                          timestamp(entry_dates.added) if entry_dates else None,
                          timestamp(entry_dates.changed) if entry_dates else None])

    # a byte-order mark first, so Excel reads the file as UTF-8
    return "\ufeff" + _csv_line(header) + "".join(_each_entry("csv", kind, col, dates, site_url, memo, row))


def _csv_line(values: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([safe_cell(value) for value in values])
    return out.getvalue()


def export_citations(col: Collection, dates: dict[str, FileDates], site_url: str | None) -> str:
    """Every entry page as a CSL-JSON item, one a line, for reference managers (see citation.py)."""
    items = []
    for entry in col.entries():
        found = dates.get(entry.path)
        citation = citation_of(entry_uri(entry), str(entry.fields.get("title", entry.slug)),
                               found.changed if found else None, site_url)
        items.append(json.dumps(csl_item(citation), ensure_ascii=False, separators=(",", ":")))
    return "[\n" + ",\n".join(items) + "\n]\n"


def export_pages(col: Collection, dates: dict[str, FileDates], site_url: str | None,
                 memo: Memo | None = None) -> list[Page]:
    """Every export and its schema, as pages the site copies verbatim; and the citations as CSL-JSON."""
    pages = [Page(CITATIONS_URI, export_citations(col, dates, site_url))]
    for kind in KINDS:
        pages.append(Page(data_uri(kind, "json"), export_json(kind, col, dates, site_url, memo)))
        pages.append(Page(data_uri(kind, "csv"), export_csv(kind, col, dates, site_url, memo)))
        pages.append(Page(schema_uri(kind), json.dumps(export_schema(kind, site_url), indent=2) + "\n"))
    return pages
