"""What's new: an Atom feed of approaches added or changed, and the "recently added" list.

Dates come from `history.file_dates` (git history; see there for files git does not know).
The feed is `feed.xml` at the site's root, which every page's head links to. Atom needs absolute
addresses (entry ids, and links that readers open outside the site), so without a `site_url`
there is no feed. Built with ElementTree, so contributed titles and summaries are always escaped.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from generator.content.history import FileDates, timestamp
from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.model import THEMES
from generator.publish.exports import LICENCE, public_url
from generator.render.entries import Page, entry_uri

FEED_URI = "feed.xml"
FEED_TITLE = "The Art of Change Making: new and changed approaches"
FEED_SUBTITLE = "Systems leadership approaches added to or changed in the knowledge base, newest first."
FEED_AUTHOR = "The Art of Change Making contributors"
FEED_SIZE = 50  # feed readers only look at the newest items; keeps the file small as the collection grows
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def recent_approaches(col: Collection, dates: dict[str, FileDates], n: int = 5) -> list[tuple[Entry, FileDates]]:
    """The `n` approaches added most recently, newest first (ties in title order), with their dates."""
    return _newest_approaches(col, dates, n, lambda entry_dates: entry_dates.added)


def changed_approaches(col: Collection, dates: dict[str, FileDates],
                       n: int = FEED_SIZE) -> list[tuple[Entry, FileDates]]:
    """The `n` approaches changed most recently (adding counts as a change), newest first."""
    return _newest_approaches(col, dates, n, lambda entry_dates: entry_dates.changed)


def _newest_approaches(col: Collection, dates: dict[str, FileDates], n: int,
                       date_of) -> list[tuple[Entry, FileDates]]:
    dated = [(entry, dates[entry.path]) for entry in col.approaches.values() if entry.path in dates]
    return sorted(dated, key=lambda pair: date_of(pair[1]), reverse=True)[:n]  # stable: ties keep title order


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def render_feed(col: Collection, dates: dict[str, FileDates], site_url: str) -> str:
    """The Atom feed (RFC 4287) of the most recently changed approaches."""
    items = changed_approaches(col, dates)
    feed_url = public_url(site_url, FEED_URI)
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, "xml:lang": "en"})
    _add(feed, "id", feed_url)
    _add(feed, "title", FEED_TITLE)
    _add(feed, "subtitle", FEED_SUBTITLE)
    _add(feed, "updated", timestamp(max((d.changed for _, d in items), default=_EPOCH)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _add(feed, "link", rel="alternate", type="text/html", href=public_url(site_url, "index.md"))
    _add(_add(feed, "author"), "name", FEED_AUTHOR)
    _add(feed, "rights", f"Content {LICENCE['content']} ({LICENCE['content_url']}); code {LICENCE['code']}")
    theme_titles = {theme.slug: theme.title for theme in THEMES}
    for entry, entry_dates in items:
        url = public_url(site_url, entry_uri(entry))
        item = _add(feed, "entry")
        _add(item, "id", url)
        _add(item, "title", str(entry.fields.get("title", entry.slug)), type="text")
        _add(item, "link", rel="alternate", type="text/html", href=url)
        _add(item, "published", timestamp(entry_dates.added))
        _add(item, "updated", timestamp(entry_dates.changed))
        for slug in entry.fields.get("themes", []):
            _add(item, "category", term=slug, label=theme_titles[slug],
                 scheme=public_url(site_url, "themes/index.md"))
        _add(item, "content", str(entry.fields.get("summary", "")), type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_pages(col: Collection, dates: dict[str, FileDates], site_url: str | None) -> list[Page]:
    """The feed as a page the site copies verbatim; none without a `site_url` (Atom needs absolute ids)."""
    return [Page(FEED_URI, render_feed(col, dates, site_url))] if site_url else []
