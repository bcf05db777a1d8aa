"""Citing a page: a Harvard reference on every entry page and CSL-JSON for reference managers."""

from __future__ import annotations

import datetime
import json

from generator.content.link import link
from generator.content.load import load_collection
from generator.publish.exports import export_citations
from generator.render.citation import citation_of, csl_item, harvard_html
from generator.render.entries import PageExtras, render_entry
from tests.conftest import VALID


class _Dates:
    def __init__(self, changed):
        self.changed = changed


CHANGED = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.timezone.utc)


def test_a_harvard_reference_names_the_year_title_site_date_address_and_day_read():
    citation = citation_of("approaches/grow-model.md", "GROW <model>", CHANGED, "https://example.org/kb/")
    assert harvard_html(citation) == (
        "The Art of Change Making contributors (2026) <cite>GROW &lt;model&gt;</cite>. The Art of Change Making. "
        "Last changed 30 November 2026. Available at: https://example.org/kb/approaches/grow-model/ "
        "(Accessed: <span data-kb-today>the day you read it</span>).")
    undated = citation_of("places/doncaster.md", "Doncaster", None, None)
    assert harvard_html(undated).startswith("The Art of Change Making contributors (n.d.) <cite>Doncaster</cite>.")
    assert "Available at: /places/doncaster/ " in harvard_html(undated)


def test_csl_json_items_are_web_pages_with_their_issued_date():
    item = csl_item(citation_of("barriers/lack-of-trust.md", "Partners don't trust each other", CHANGED,
                                "https://example.org/kb/"))
    assert item == {"id": "barriers/lack-of-trust", "type": "webpage", "title": "Partners don't trust each other",
                    "container-title": "The Art of Change Making",
                    "author": [{"literal": "The Art of Change Making contributors"}],
                    "URL": "https://example.org/kb/barriers/lack-of-trust/", "issued": {"date-parts": [[2026, 11, 30]]}}


def test_every_entry_page_offers_the_reference_and_every_entry_is_in_the_export():
    col, _ = link(load_collection(VALID).entries)
    dates = {entry.path: _Dates(CHANGED) for entry in col.entries()}
    extras = PageExtras(dates, site_url="https://example.org/kb/")
    for entry in col.entries():
        page = render_entry(entry, col, extras).content
        assert "## Cite this page" in page and f"https://example.org/kb/{entry.kind.folder}/{entry.slug}/" in page
        assert 'data-kb-copy="citation"' in page and 'data-kb-copy="link"' in page
    items = json.loads(export_citations(col, dates, "https://example.org/kb/"))
    assert sorted(item["id"] for item in items) == sorted(f"{e.kind.folder}/{e.slug}" for e in col.entries())
