"""Completeness: prove that a built site lost nothing on the way from the content to the HTML.

A build can "succeed" and still drop an entry: a page overwritten by a clashing file, an entry the
search index left out, an index that stopped listing a kind, a link to a page that was renamed.
`verify_site` checks the built site against the pages the core generated:

- every generated page and file is in the site (an entry's page at `<folder>/<slug>/`);
- every entry is findable in the search index (`search/`: the words of its title lead to it) and linked from
  its index page
  (`approaches/`, `barriers/`, `places/`);
- every link and asset reference in the generated pages resolves to a file in the site.

It reads only files, so it runs after every MkDocs build (see plugin.py) and on any site folder
(`python -m generator verify SITE_DIR`). Problems come back as `path:line: field: message`.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.content.load import kind_of
from generator.content.problems import Problem
from generator.content.urls import output_path, page_url
from generator.render.entries import Page
from generator.render.search import SEARCH_PAGE, title_terms
from generator.render.search_index import META_URI, read_results, read_terms

_EXTERNAL_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")  # https:, mailto:, data:, //host


# A comment; a script or style element (a browser reads no links inside them); or a start tag with its attributes.
_TOKEN_RE = re.compile(r"<!--.*?-->|<(script|style)\b([^>]*)>.*?</\1\s*>|<[a-zA-Z][^\s/>]*(\s[^>]*)>",
                       re.DOTALL | re.IGNORECASE)
# Each attribute in turn, so that 'href=' inside another attribute's quoted value is never taken for a link.
_ATTRIBUTE_RE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def page_links(html_text: str) -> list[tuple[int, str]]:
    """Every href and src in a page's tags, with the line it is on.

    A regular expression rather than html.parser: the pages are MkDocs' own well-formed output (attribute
    values never hold '<' or '>'), and this reads a site four times faster, which was most of the check.
    """
    links: list[tuple[int, str]] = []
    line, counted = 1, 0
    for token in _TOKEN_RE.finditer(html_text):
        attributes = token.group(2) if token.group(1) else token.group(3)
        if attributes is None or not _may_link(attributes):  # a comment, or a tag without links
            continue
        for attribute in _ATTRIBUTE_RE.finditer(attributes):
            name, value = attribute.group(1).lower(), next((v for v in attribute.groups()[1:] if v is not None), "")
            if name in ("href", "src") and value:
                line += html_text.count("\n", counted, token.start())
                counted = token.start()
                links.append((line, html.unescape(value) if "&" in value else value))
    return links


def _may_link(attributes: str) -> bool:
    """Whether a tag's attributes could hold an href or src. Plain `in` tests: a case-blind regular expression
    over the long `d` attributes of the cards' QR codes was most of the link check on the card deck."""
    lowered = attributes.lower()
    return "href" in lowered or "src" in lowered


def _content_links(html_text: str) -> list[tuple[int, str]]:
    """The links in a page's <article>, with their lines in the file."""
    start, end = html_text.find("<article"), html_text.rfind("</article>")
    if start == -1 or end == -1:
        return page_links(html_text)
    offset = html_text.count("\n", 0, start)
    return [(line + offset, href) for line, href in page_links(html_text[start:end])]


class _Site:
    """The built site folder, answering "is this path in it?" (cached: pages share many targets).

    `site[path]` is a file's text, kept once read, and `path in site` says whether it is there: the search
    index's readers (read_results, read_terms) take the site as their files, and read only what they ask for.
    """

    def __init__(self, root: Path):
        self.root = root
        self._root_text = str(root)
        self._known: dict[str, bool] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}  # the card deck alone links 6,000 times at 2,000
        self._texts: dict[str, str] = {}

    def has(self, path: str) -> bool:
        if path not in self._known:  # os.path on text: pathlib's objects were half the cost of each question
            target = os.path.join(self._root_text, path)
            self._known[path] = os.path.isfile(target) or os.path.isfile(os.path.join(target, "index.html"))
        return self._known[path]

    __contains__ = has

    def __getitem__(self, path: str) -> str:
        if path not in self._texts:
            try:
                self._texts[path] = (self.root / path).read_text(encoding="utf-8")
            except OSError as error:
                raise KeyError(path) from error
        return self._texts[path]

    def resolve(self, from_path: str, href: str) -> str | None:
        """The site path a relative link points to, or None when it is external or a same-page anchor."""
        key = (posixpath.dirname(from_path), href)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(*key)
        return self._resolved[key]

    @staticmethod
    def _resolve(base: str, href: str) -> str | None:
        if _EXTERNAL_RE.match(href) or href.startswith("#"):
            return None
        path = unquote(urlsplit(href).path)
        if not path:
            return None
        return posixpath.normpath(posixpath.join("" if path.startswith("/") else base, path.lstrip("/")))


def verify_site(site_dir: Path, pages: list[Page], directory_urls: bool = True,
                changed: set[str] | None = None) -> list[Problem]:
    """Everything the generated `pages` promised that the site at `site_dir` does not have.

    `changed` (src_uris) limits every check to what those pages could break, for a `mkdocs serve --dirty`
    rebuild, which writes only them over a site that passed the whole check: their files must be there, their
    links must resolve, their entries must be findable in the search files, and an index page is read only if
    it changed. At 5,000 entries the whole check took two seconds of every rebuild.
    """
    site = _Site(site_dir)
    entries = [page for page in pages if _is_entry(page)]
    checked = pages if changed is None else [page for page in pages if page.src_uri in changed]
    problems = []
    for page in checked:
        out = output_path(page.src_uri, directory_urls)
        if not (site_dir / out).is_file():
            problems.append(Problem(page.source_path if _is_entry(page) else out, 1, "site",
                                    f"{out} is missing from the built site"))
    searched = entries if changed is None else [page for page in entries if page.src_uri in changed]
    if searched or changed is None or any(uri.startswith("search/") for uri in changed):
        problems += _search_problems(site, searched, directory_urls)
    problems += _index_problems(site, pages, entries, directory_urls, changed)
    problems += _link_problems(site, checked, directory_urls)
    return problems


def _is_entry(page: Page) -> bool:
    return bool(page.source_path) and kind_of(page.source_path) is not None


def _link_forms(out: str) -> set[str]:
    """How a link to the file `out` resolves: to the file, or to its folder for `.../index.html`."""
    return {out, posixpath.dirname(out) or "."} if posixpath.basename(out) == "index.html" else {out}


def _search_problems(site: _Site, entries: list[Page], directory_urls: bool) -> list[Problem]:
    """Each of `entries` must be a result of the search index, and each word of its title must lead to it there.

    Only the term shards holding those words are read: at 5,000 entries, reading and decoding every shard
    took most of a `mkdocs serve --dirty` rebuild's check, which asks about a few entries.
    """
    if META_URI not in site:
        return [Problem(META_URI, 1, "search", "is missing from the built site")]
    search_page = page_url(SEARCH_PAGE, directory_urls)
    urls = {page.src_uri: posixpath.normpath(page_url(page.src_uri, directory_urls)) for page in entries}
    asked = set(urls.values())
    try:
        meta = json.loads(site[META_URI])
        results = read_results(site, meta)
        result_urls = {ref: posixpath.normpath(posixpath.join(search_page, result["url"]))
                       for ref, result in results.items()}
        words = {ref: title_terms(result["title"]) for ref, result in results.items() if result_urls[ref] in asked}
        in_titles = {term: set(posting[0][::2])
                     for term, posting in read_terms(site, meta, set().union(*words.values())).items()}
        found = {result_urls[ref] for ref, terms in words.items()
                 if all(ref in in_titles.get(term, ()) for term in terms)}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        return [Problem(META_URI, 1, "search", f"is not the knowledge base's search index ({error!r})")]
    return [Problem(page.source_path, 1, "search", f"is not findable by its title in the search index (search/ "
                                                   f"finds no page '{page_url(page.src_uri, directory_urls)}')")
            for page in entries if urls[page.src_uri] not in found]


def _index_problems(site: _Site, pages: list[Page], entries: list[Page], directory_urls: bool,
                    changed: set[str] | None = None) -> list[Problem]:
    """Each entry must be linked from its kind's index page (`approaches/index.md` and so on); with `changed`,
    only on the index pages among them."""
    problems = []
    generated = {page.src_uri for page in pages}
    linked: dict[str, set[str | None]] = {}  # index page -> the site paths it links to
    for page in entries:
        index_uri = f"{kind_of(page.source_path).folder}/index.md"
        index_out = output_path(index_uri, directory_urls)
        if index_uri not in generated or not site.has(index_out) or (changed is not None and index_uri not in changed):
            continue  # a missing index page is reported once, as a missing page
        if index_out not in linked:
            html_text = (site.root / index_out).read_text(encoding="utf-8")
            linked[index_out] = {site.resolve(index_out, href) for _, href in page_links(html_text)}
        if not _link_forms(output_path(page.src_uri, directory_urls)) & linked[index_out]:
            problems.append(Problem(page.source_path, 1, "index", f"is not linked from {index_out}"))
    return problems


def _link_problems(site: _Site, pages: list[Page], directory_urls: bool) -> list[Problem]:
    """Every relative href/src in every generated HTML page must name a file in the site.

    The theme's links (stylesheets, scripts, navigation) differ between pages only by their relative prefix, so
    one whole page per folder depth checks them; on every other page only the content is read.
    """
    problems = []
    whole_pages_seen: set[int] = set()
    for page in pages:
        out = output_path(page.src_uri, directory_urls)
        if not out.endswith(".html") or not site.has(out):
            continue
        html_text = (site.root / out).read_text(encoding="utf-8")
        depth = out.count("/")
        links = page_links(html_text) if depth not in whole_pages_seen else _content_links(html_text)
        whole_pages_seen.add(depth)
        for line, href in links:
            target = site.resolve(out, href)
            if target is None:
                continue
            if target == ".." or target.startswith("../"):
                problems.append(Problem(out, line, "link", f"'{href}' points outside the site"))
            elif not site.has(target):
                problems.append(Problem(out, line, "link", f"'{href}' points to {target}, which is not in the "
                                                           "built site"))
    return problems
