"""The search index: every entry and theme as a document whose fields weigh what readers type.

Readers describe problems, not titles ("we keep jumping to conclusions", "partners are suspicious"), so an
approach's document holds, besides its own words, the titles and `phrases` of the barriers it helps with,
and its originator, enablers and places. Field boosts make a title, an alias or a barrier phrase outrank a
passing mention in a body.

The index is built with lunr.py and read in the browser by lunr.js (docs/assets/vendor/lunr.min.js): the
two share their tokenizer, stop words and Porter stemmer, so a word stemmed here matches the same word
stemmed in the reader's query. Both sides first `fold` text (lower case, accents and apostrophes dropped:
"Café" and "cafe", "don't" and "dont" meet); kb.js holds the browser's copy of `fold`, and the search
page's browser test checks that the two agree.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from pathlib import Path

from lunr.index import Index
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

SEARCH_PAGE = "search.md"
INDEX_URI = "search/index.json"
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


def fold(text: str) -> str:
    """Lower case, without accents or apostrophes, punctuation as spaces: the form both sides index and query.

    A hyphenated word also comes joined up, so "pre-mortem" meets "premortem" and "1-2-4-All" meets "124all".
    """
    text = str(text)
    if not text.isascii():  # the same marks as kb.js drops: combining diacritics, U+0300 to U+036F
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    plain = _APOSTROPHES_RE.sub("", text.casefold())
    joined = [_NOT_WORD_RE.sub("", word) for word in _COMPOUND_RE.findall(plain)]
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


def search_documents(col: Collection, memo: Memo | None = None) -> tuple[list[dict], list[dict]]:
    """(indexed fields, folded, and shown results), in the same order; the position is each document's reference.

    With a `memo` (kept by `mkdocs serve`), an entry's fields are read and folded again only when it, or an entry
    its document takes words from (its barriers, places), changed.
    """
    indexed, shown = [], []
    for entry in col.entries():
        def fields(entry=entry):
            return {name: fold(" ".join(values)) for name, values in _document(entry, col).items()}
        indexed.append(fields() if memo is None else
                       memo.recall(("search document", entry, col.shown_on_page_of(entry)), fields))
        kind = entry.kind.name
        extra = {}
        if kind == "approach":
            extra["rank"] = approach_facts(entry, len(col.approach_uses.get(entry.slug, [])))
        elif kind == "barrier":
            phrasings = [title_of(entry), *_strings(entry.fields.get("phrases"))]
            extra |= {"slug": entry.slug, "phrases": [stems(phrase) for phrase in phrasings]}
        facts = facts_line(entry, col) if kind == "approach" else ""
        shown.append(_result(entry_uri(entry), kind, title_of(entry), summary_of(entry), facts, **extra))
    for theme in THEMES:
        members = col.theme_approaches.get(theme.slug, [])
        indexed.append({"title": fold(theme.title), "summary": fold(theme.intro),
                        "body": fold(" ".join(title_of(a) for a in members))})
        shown.append(_result(theme_uri(theme.slug), "theme", theme.title, theme.intro,
                             f"{len(members)} approaches"))
    return indexed, shown


@functools.lru_cache(maxsize=50_000)  # a field's text -> its terms: `mkdocs serve` indexes unchanged fields again
def _terms(text: str) -> tuple[str, ...]:
    """The terms lunr indexes for a folded text, in order."""
    return tuple(term for term in map(_term, text.split()) if term is not None)


def lunr_index(documents: list[dict[str, str]]) -> dict:
    """lunr's serialised index of `documents` (each: field name -> folded text; the position is its reference),
    as lunr.py's Builder serialises it, less the empty fields of each term (kb.js puts them back).

    Hand-written for speed: lunr.py's Builder runs its pipeline on one token object at a time, which took 6 s at
    2,000 entries, and `mkdocs serve` builds the index again on every save. This is the same algorithm (lunr's
    BM25 field vectors, k1 = 1.2 and b = 0.75, scores to 3 places), on plain strings and dicts, with each word's
    stem worked out once by lunr.py's own pipeline (`_term`); tests/render/test_search.py holds the two to the same
    output.
    """
    k1, b = 1.2, 0.75
    inverted: dict[str, dict] = {}
    frequencies: list[tuple[str, str, dict[str, int], int]] = []  # (field, ref, term -> count, length)
    for ref, document in enumerate(documents):
        for field in FIELDS:
            counts: dict[str, int] = {}
            length = 0
            for term in _terms(document.get(field, "")):
                length += 1
                counts[term] = counts.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = inverted[term] = {"_index": len(inverted)}
                posting.setdefault(field, {}).setdefault(str(ref), {})
            frequencies.append((field, str(ref), counts, length))
    count = len(documents)
    average = {field: sum(length for f, _, _, length in frequencies if f == field) / max(count, 1)
               for field in FIELDS}
    idf = {term: math.log(1 + abs((count - (found := sum(len(docs) for name, docs in posting.items()
                                                           if name != "_index")) + 0.5) / (found + 0.5)))
           for term, posting in inverted.items()}
    vectors = []
    for field, ref, counts, length in frequencies:
        norm = k1 * (1 - b + b * (length / average[field])) if average[field] else k1
        pairs = sorted((inverted[term]["_index"], round(idf[term] * (k1 + 1) * tf / (norm + tf) * FIELDS[field], 3))
                       for term, tf in counts.items())
        vectors.append([f"{field}/{ref}", [value for pair in pairs for value in pair]])
    ordered = [[term, {**{f: inverted[term][f] for f in FIELDS if f in inverted[term]},
                       "_index": inverted[term]["_index"]}] for term in sorted(inverted)]
    return {"version": "2.3.9", "fields": list(FIELDS), "fieldVectors": vectors, "invertedIndex": ordered,
            "pipeline": ["stemmer"]}  # lunr.js stems each word of a query with the same Porter stemmer


def build_index(col: Collection, memo: Memo | None = None) -> str:
    """The search index as JSON: lunr's serialised index and the results it points to."""
    indexed, shown = search_documents(col, memo)
    return json.dumps({"index": lunr_index(indexed), "results": shown}, ensure_ascii=False, separators=(",", ":"))


def read_index(text: str) -> tuple[Index, list[dict]]:
    """The lunr index and the results of a built `search/index.json`, as kb.js reads them (the empty fields put
    back): for tools and tests that search the built site in Python."""
    data = json.loads(text)
    for _, posting in data["index"]["invertedIndex"]:
        for name in data["index"]["fields"]:
            posting.setdefault(name, {})
    return Index.load(data["index"]), data["results"]


def search_files(col: Collection, memo: Memo | None = None) -> list[Page]:
    """The index and the library that reads it, as files of the site (the results page is in tools.py)."""
    return [Page(INDEX_URI, build_index(col, memo)), Page(LUNR_URI, _LUNR_JS.read_text(encoding="utf-8"))]
