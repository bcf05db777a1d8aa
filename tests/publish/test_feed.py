"""What's new: the Atom feed of added and changed approaches, and the "recently added" list."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.content.history import file_dates
from generator.pipeline import build_pages, check
from generator.publish.feed import recent_approaches
from tests.conftest import commit_all, write

SITE = "https://example.org/kb/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
JAN, FEB, MAR = "2026-01-05T10:00:00+00:00", "2026-02-05T10:00:00+00:00", "2026-03-05T10:00:00+00:00"
HOSTILE = '</title><script>alert("x")</script> & <b>Co</b>'


def feed(root, site_url=SITE) -> str | None:
    pages, problems = build_pages(root, site_url)
    assert not problems, problems
    return next((page.content for page in pages if page.src_uri == "feed.xml"), None)


def add_approach(root, slug: str, title: str) -> None:
    text = (root / "approaches/grow-model.md").read_text()
    write(root, f"approaches/{slug}.md", text.replace("title: GROW model", f"title: {title}"))


def history(tree) -> None:
    """grow-model and trust-and-agreement added in January, grow-model changed in March, a third added in February."""
    commit_all(tree, JAN)
    add_approach(tree, "hostile", "'" + HOSTILE.replace("'", "''") + "'")
    commit_all(tree, FEB)
    path = tree / "approaches/grow-model.md"
    path.write_text(path.read_text() + "\nMore.\n")
    commit_all(tree, MAR)


def test_feed_lists_approaches_newest_change_first_with_dates_from_git(tree):
    history(tree)
    root = ET.fromstring(feed(tree))
    entries = root.findall("a:entry", ATOM)
    assert [e.findtext("a:id", namespaces=ATOM) for e in entries] == [
        f"{SITE}approaches/grow-model/", f"{SITE}approaches/hostile/", f"{SITE}approaches/trust-and-agreement/"]
    grow = entries[0]
    assert grow.findtext("a:published", namespaces=ATOM) == JAN
    assert grow.findtext("a:updated", namespaces=ATOM) == MAR
    assert root.findtext("a:updated", namespaces=ATOM) == MAR
    assert grow.findtext("a:content", namespaces=ATOM).startswith("A coaching conversation")
    assert [c.get("term") for c in grow.findall("a:category", ATOM)] == ["coaching-and-reflection"]


def test_every_link_and_id_is_absolute_under_the_site_url(tree):
    history(tree)
    root = ET.fromstring(feed(tree))
    links = [link.get("href") for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    ids = [element.text for element in root.iter("{http://www.w3.org/2005/Atom}id")]
    assert f"{SITE}feed.xml" in links and len(ids) == len(set(ids)) == 4
    assert all(url.startswith(SITE) for url in links + ids)
    self_link = root.find("a:link[@rel='self']", ATOM)
    assert self_link.get("href") == f"{SITE}feed.xml" and self_link.get("type") == "application/atom+xml"


def test_hostile_titles_are_escaped_not_interpreted(tree):
    history(tree)
    text = feed(tree)
    assert "<script>" not in text and "&lt;script&gt;" in text
    titles = ET.fromstring(text).findall("a:entry/a:title", ATOM)
    assert HOSTILE in [title.text for title in titles]


def test_only_approaches_are_in_the_feed(tree):
    history(tree)
    ids = [e.text for e in ET.fromstring(feed(tree)).iter("{http://www.w3.org/2005/Atom}id")]
    assert not [i for i in ids if "/barriers/" in i or "/places/" in i]


def test_no_feed_without_a_site_url(tree):
    assert feed(tree, None) is None


def test_recently_added_lists_the_newest_additions_first(tree):
    history(tree)
    add_approach(tree, "brand-new", "Brand new")  # not committed: dated now, so newest
    collection = check(tree).collection
    recent = recent_approaches(collection, file_dates(tree), n=3)
    assert [entry.slug for entry, _ in recent] == ["brand-new", "hostile", "grow-model"]
    assert not recent[0][1].from_git and recent[1][1].from_git
    assert len(recent_approaches(collection, file_dates(tree), n=2)) == 2
