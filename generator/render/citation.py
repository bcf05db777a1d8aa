"""Citing a page: the facts a citation needs, written as a Harvard reference on the page and as CSL-JSON.

Students, evaluators and report writers cite what they read. A web page's Harvard reference names its author,
the year it was last changed, its title, the site, its address and the day it was read. The page shows a
ready reference (kb.js puts in today's date as the day it was read and copies it); `data/citations.json`
gives every page as CSL-JSON, which reference managers (Zotero, Mendeley, EndNote) import.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass

from generator.content.urls import page_url

SITE_NAME = "The Art of Change Making"
CONTRIBUTORS = "The Art of Change Making contributors"
CITATIONS_URI = "data/citations.json"


@dataclass(frozen=True)
class Citation:
    key: str  # e.g. "approaches/trust-and-agreement"
    title: str
    url: str
    changed: datetime.date | None


def citation_of(src_uri: str, title: str, changed: datetime.datetime | None, site_url: str | None) -> Citation:
    """The citation of the page built from `src_uri` (e.g. approaches/x.md), last changed at `changed`."""
    path = page_url(src_uri)
    url = f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"
    return Citation(src_uri.removesuffix(".md"), title, url, changed.date() if changed is not None else None)


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def harvard_html(citation: Citation) -> str:
    """The reference as HTML, in the Harvard style for web pages; the day it was read is left for kb.js."""
    year = citation.changed.year if citation.changed else "n.d."
    changed = f" Last changed {_day(citation.changed)}." if citation.changed else ""
    return (f"{html.escape(CONTRIBUTORS)} ({year}) <cite>{html.escape(citation.title)}</cite>. "
            f"{html.escape(SITE_NAME)}.{changed} Available at: {html.escape(citation.url)} "
            '(Accessed: <span data-kb-today>the day you read it</span>).')


def csl_item(citation: Citation) -> dict:
    """The page as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item = {"id": citation.key, "type": "webpage", "title": citation.title, "container-title": SITE_NAME,
            "author": [{"literal": CONTRIBUTORS}], "URL": citation.url}
    if citation.changed:
        item["issued"] = {"date-parts": [[citation.changed.year, citation.changed.month, citation.changed.day]]}
    return item
