"""The search index: every entry and theme as a document whose fields weigh what readers type.

Readers describe problems, not titles ("we keep jumping to conclusions", "partners are suspicious"), so an
approach's document holds, besides its own words, the titles and `phrases` of the barriers it helps with,
and its originator, enablers and places. Field boosts make a title, an alias or a barrier phrase outrank a
passing mention in a body.

Terms come from lunr.py's pipeline (trimmer, stop words, Porter stemmer), and kb.js stems a query's words with
lunr.js's copy of the same stemmer (docs/assets/vendor/lunr.min.js), so a word stemmed here matches the same word
stemmed in the reader's query. Both sides first `fold` text (lower case, accents and apostrophes dropped:
"Café" and "cafe", "don't" and "dont" meet); kb.js holds the browser's copy of `fold`, and the search
page's browser test checks that the two agree. search_index.py cuts the index into the files kb.js fetches.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.trimmer import trimmer

from generator.content.link import Collection
from generator.content.load import Entry
from generator.content.memo import Memo
from generator.content.model import THEMES
from generator.content.ranking import approach_facts
from generator.content.urls import url_href
from generator.render.entries import Page, entry_uri, facts_line, summary_of, theme_uri, title_of
from generator.render.search_index import FragmentedIndex

SEARCH_PAGE = "search.md"
LUNR_URI = "assets/vendor/lunr.min.js"  # lunr.js 2.3.9 (MIT), shipped in generator/render/vendor/ with its licence
_LUNR_JS = Path(__file__).parent / "vendor" / "lunr.min.js"

# Field: boost. A word in a title or alias counts ten times a word in a body. "phrases" are an entry's own
# phrasings (how readers put the situation); "problems" are those of the barriers an approach helps with; "when" is an approach's "When to use
# it", where bodies describe the situations readers type.
FIELDS = {"title": 10, "phrases": 6, "people": 5, "summary": 4, "when": 3, "problems": 2, "body": 1}
WHEN_HEADING = "When to use it"

KIND_LABELS = {"approach": "Approach", "barrier": "Barrier", "place": "Place", "theme": "Theme"}

_APOSTROPHES_RE = re.compile(r"['\u2018\u2019]")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
_NOT_WORD_RE = re.compile(r"[^\w]+")
_MARKDOWN_LINK_RE = re.compile(r"\]\([^)]*\)")
_COMPOUND_RE = re.compile(r"\w+(?:[-\u2010\u2011\u2013/]\w+)+")
_JOINER_RE = re.compile(r"[-\u2010\u2011\u2013/]")


def fold(text: str) -> str:
    """Lower case, without accents or apostrophes, punctuation as spaces: the form both sides index and query.

    A hyphenated word also comes joined up, so "pre-mortem" meets "premortem" and "1-2-4-All" meets "124all".
    """
    text = str(text)
    if not text.isascii():  # the same marks as kb.js drops: combining diacritics, U+0300 to U+036F
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    plain = _APOSTROPHES_RE.sub("", text.casefold())
    joined = [_NOT_WORD_RE.sub("", word) for token in plain.split() if _JOINER_RE.search(token)
              for word in _COMPOUND_RE.findall(token)]  # per token: the pattern is slow over a whole body
    return " ".join([*_NOT_WORD_RE.sub(" ", plain).replace("_", " ").split(), *joined])


def _strings(value) -> list[str]:
    return [str(v) for v in value if isinstance(v, (str, int))] if isinstance(value, list) else []


def _body_sections(entry: Entry) -> tuple[str, str]:
    """(the "When to use it" section, the rest of the body), without link targets."""
    body = _MARKDOWN_LINK_RE.sub("]", entry.body)
    start = body.find(f"## {WHEN_HEADING}")
    if start == -1:
        return "", body
    end = body.find("\n## ", start + 3)
    end = len(body) if end == -1 else end
    return body[start + 3 + len(WHEN_HEADING):end], body[:start] + body[end:]


def _document(entry: Entry, col: Collection) -> dict:
    """The searchable fields of one entry."""
    f = entry.fields
    title = [title_of(entry), *_strings(f.get("aliases"))]
    phrases, problems, people = [], [], []
    if entry.kind.name == "approach":
        phrases = _strings(f.get("phrases"))
        for slug in _strings(f.get("barriers")):
            barrier = col.barriers.get(slug)
            if barrier is not None:
                problems += [title_of(barrier), *_strings(barrier.fields.get("phrases"))]
        people = [str(f.get("originator", ""))]
        people += [u.enabler for u in col.approach_uses.get(entry.slug, []) + col.enabler_uses.get(entry.slug, [])
                   if u.enabler]
        people += [title_of(u.place) for u in col.approach_uses.get(entry.slug, []) if u.place is not None]
    elif entry.kind.name == "barrier":
        phrases = _strings(f.get("phrases"))
    elif entry.kind.name == "place":
        people = [str(f.get(name, "")) for name in ("region", "programme", "focus")]
        people += [u.enabler for u in col.place_uses.get(entry.slug, []) if u.enabler]
        people += [title_of(u.approach) for u in col.place_uses.get(entry.slug, [])]
    when, body = _body_sections(entry)
    return {"title": title, "phrases": phrases, "problems": problems, "people": people,
            "summary": [summary_of(entry)], "when": [when], "body": [body]}


@functools.lru_cache(maxsize=200_000)
def _term(word: str) -> str | None:
    """lunr's indexing pipeline for one word (trimmer, stop words, Porter stemmer), remembered: a collection
    repeats its words, and stemming each occurrence anew was most of the time the index took."""
    token = stop_word_filter(trimmer(Token(word)))
    return None if token is None or not str(token) else str(stemmer(token))


def stems(phrase: str) -> str:
    """A phrase's words as lunr.js stems them, without stop words: how kb.js compares a query with a phrasing."""
    words = (stop_word_filter(Token(word)) for word in fold(phrase).split())
    return " ".join(str(stemmer(word)) for word in words if word is not None)


def _result(uri: str, kind: str, title: str, summary: str, facts: str = "", **extra) -> dict:
    """What a result shows (its link is relative to the search page), and what kb.js ranks it by: an approach's
    facts for the ranking model (`rank`); a barrier's slug and phrasings, as stems (`phrases`)."""
    record = {"url": url_href(SEARCH_PAGE, uri), "kind": kind, "title": title, "summary": summary}
    if facts:
        record["facts"] = facts
    return record | {name: value for name, value in extra.items() if value is not None}


def search_documents(col: Collection, memo: Memo | None = None) -> list[tuple[str, dict[str, str], dict]]:
    """Each entry's and theme's (key, indexed fields, folded, shown result); the key is its page's address.

    With a `memo` (kept by `mkdocs serve`), an entry's document is made again only when it, or an entry its
    document takes words from (its barriers, places), changed.
    """
    documents = []
    for entry in col.entries():
        def document(entry=entry):
            fields = {name: fold(" ".join(values)) for name, values in _document(entry, col).items()}
            kind = entry.kind.name
            extra = {}
            if kind == "approach":
                extra["rank"] = approach_facts(entry, len(col.approach_uses.get(entry.slug, [])))
            elif kind == "barrier":
                extra["slug"] = entry.slug
            facts = facts_line(entry, col) if kind == "approach" else ""
            return entry_uri(entry), fields, _result(entry_uri(entry), kind, title_of(entry), summary_of(entry),
                                                     facts, **extra)
        documents.append(document() if memo is None else
                         memo.recall(("search document", entry, col.shown_on_page_of(entry),
                                      len(col.approach_uses.get(entry.slug, []))), document))
    for theme in THEMES:
        members = col.theme_approaches.get(theme.slug, [])
        fields = {"title": fold(theme.title), "summary": fold(theme.intro),
                  "body": fold(" ".join(title_of(a) for a in members))}
        documents.append((theme_uri(theme.slug), fields, _result(theme_uri(theme.slug), "theme", theme.title,
                                                                 theme.intro, f"{len(members)} approaches")))
    return documents


def barrier_phrasings(col: Collection) -> list[tuple[str, str, list[str]]]:
    """Each barrier's (page address, slug, title and phrasings as stems): how kb.js tells that a query names a
    barrier."""
    return [(entry_uri(barrier), barrier.slug,
             [stems(phrase) for phrase in [title_of(barrier), *_strings(barrier.fields.get("phrases"))]])
            for barrier in col.barriers.values()]


@functools.lru_cache(maxsize=50_000)  # a field's text -> its terms: `mkdocs serve` indexes unchanged fields again
def _terms(text: str) -> tuple[str, ...]:
    """The terms lunr indexes for a folded text, in order."""
    return tuple(term for term in map(_term, text.split()) if term is not None)


def title_terms(title: str) -> tuple[str, ...]:
    """The terms a title is indexed under: a reader who types them finds it."""
    return _terms(fold(title))


def search_files(col: Collection, memo: Memo | None = None) -> list[Page]:
    """The index's fragments (search_index.py) and the library whose stemmer kb.js uses, as files of the site
    (the results page is in tools.py). Under `mkdocs serve` the index is kept in the memo and updated."""
    index = FragmentedIndex(FIELDS) if memo is None else memo.recall("search index", lambda: FragmentedIndex(FIELDS))
    phrasings = barrier_phrasings(col)
    index.update(search_documents(col, memo), _terms, lambda refs: {
        "barriers": [{"ref": refs[key], "slug": slug, "phrases": phrases} for key, slug, phrases in phrasings]})
    return [*(Page(uri, text) for uri, text in index.files.items()),
            Page(LUNR_URI, _LUNR_JS.read_text(encoding="utf-8"))]
