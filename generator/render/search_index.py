"""The search index in fragments, so that a reader downloads what their query needs, not the whole collection.

The site's search index was one lunr.js file: 0.99 MB for the real collection, 7.9 MB at 2,000 entries, all of
it fetched before the first result. Here the same index (lunr's BM25 weights, fields and boosts, lunr.py's
stemmer and stop words; see search.py) is cut into files:

- `search/meta.json`: the vocabulary, cut into shards in alphabetical order, the number of documents, the
  fields and their boosts, and each barrier's phrasings (how kb.js tells that a query names a barrier);
- `search/terms/<n>.json`: shard n's postings, term -> field -> [document, weight, ...];
- `search/results/<n>.json`: what results RESULTS_PER_FILE * n onwards show.

kb.js fetches the vocabulary, expands each word of a query against it (as typed, as the start of a longer word,
one letter wrong), fetches the shards that hold those terms, scores documents as lunr.js would, and then fetches
the results of the best few only.

Hand-written rather than taken from a library: Pagefind, the one that fragments its index, was tried on this
collection. It indexes the built HTML afresh every time (2.5 s at 2,000 entries, 6.3 s and 1.2 GB at 5,000),
so `mkdocs serve` could not show an edit within 1.5 s, and it has no field boosts, fuzzy terms or phrasings, on
which the reader-question hit rate rests. `FragmentedIndex.update` rewrites only the fragments an edit touches.

A posting's weight is lunr's BM25 term-frequency part (k1 = 1.2, b = 0.75) times WEIGHT_SCALE, rounded; kb.js
multiplies it by the term's idf, worked out from the posting and the number of documents, and by the field's
boost. Keeping idf out of the stored weight is what lets an edit leave other documents' postings alone. The
field-length averages it needs are those of the first build of a `mkdocs serve` session, kept for its
rebuilds; a fresh build works them out anew.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Mapping, Set as AbstractSet
from dataclasses import dataclass, field as dataclass_field

META_URI = "search/meta.json"
TERMS_URI = "search/terms/{}.json"
RESULTS_URI = "search/results/{}.json"
RESULTS_PER_FILE = 10  # a query fetches the files of its best results only: small files waste less
SHARD_BYTES = 24_000  # a shard is cut after this many bytes of postings, so a query fetches little beyond its terms
K1, B = 1.2, 0.75
# A weight is kept to 1/100 (of at most 2.2): finer than ranking needs, and coarse enough that a few words more in
# an entry's body leave its other words' weights, and so most files, as they were.
WEIGHT_SCALE = 100


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class _Document:
    fields: dict[str, str]
    weights: dict[str, list[int]]  # term -> [field number, weight, field number, weight, ...]


@dataclass
class FragmentedIndex:
    """A search index kept as fragments, built once and then updated with what changed.

    Documents are known by their key (their page's address); each has a reference number, its position in
    the first build. A document added later takes the next number, and a removed one leaves its number unused,
    so that no other document's postings change.
    """

    fields: dict[str, int]  # field -> boost, in order
    averages: list[float] = dataclass_field(default_factory=list)
    refs: dict[str, int] = dataclass_field(default_factory=dict)
    documents: dict[int, _Document] = dataclass_field(default_factory=dict)
    results: list[dict | None] = dataclass_field(default_factory=list)
    postings: dict[str, dict[int, list[int]]] = dataclass_field(default_factory=dict)  # term -> ref -> weights
    shard_starts: list[str] = dataclass_field(default_factory=list)  # each shard's first term
    files: dict[str, str] = dataclass_field(default_factory=dict)  # site path -> text
    # term -> its posting as written in its shard: a shard is written again when one of its terms changed, and
    # writing its other terms' long postings afresh was most of the search files' part of a rebuild
    posting_texts: dict[str, str] = dataclass_field(default_factory=dict)

    def update(self, documents: list[tuple[str, dict[str, str], dict]], terms_of, extra_meta) -> None:
        """Take in the collection's documents ((key, field -> folded text, shown result), in order), and rewrite
        the files that changed. `terms_of` gives a folded text's terms, in order; `extra_meta` (key -> reference ->
        dict) what else meta.json holds."""
        first = not self.refs
        terms: dict[str, list[tuple[str, ...]]] = {}  # key -> each field's terms, for the documents to (re)index
        for key, fields, _ in documents:
            old = self.documents.get(self.refs.get(key, -1))
            if old is None or old.fields is not fields and old.fields != fields:
                terms[key] = [terms_of(fields.get(name, "")) for name in self.fields]
        if first:
            self.averages = [sum(len(each[number]) for each in terms.values()) / max(len(terms), 1)
                             for number in range(len(self.fields))]
        touched_terms: set[str] = set()
        touched_results: set[int] = set()
        seen = set()
        for key, fields, result in documents:
            seen.add(key)
            ref = self.refs.get(key)
            if ref is None:
                ref = self.refs[key] = len(self.results)
                self.results.append(None)
            if key in terms:
                touched_terms |= self._replace(ref, _Document(fields, self._weights(terms[key])))
            if self.results[ref] != result:
                self.results[ref] = result
                touched_results.add(ref // RESULTS_PER_FILE)
        for key in [key for key in self.refs if key not in seen]:
            ref = self.refs.pop(key)
            touched_terms |= self._replace(ref, None)
            self.results[ref] = None
            touched_results.add(ref // RESULTS_PER_FILE)
        if first:
            self._cut_shards()
            touched_shards = set(range(len(self.shard_starts)))
        else:
            touched_shards = {self._shard_of(term) for term in touched_terms}
        vocabulary = self._vocabulary()
        for shard in touched_shards:
            self.files[TERMS_URI.format(shard)] = "{" + ",".join(
                f"{_compact(term)}:{self._posting_text(term)}" for term in vocabulary[shard]) + "}"
        for chunk in touched_results:
            start = chunk * RESULTS_PER_FILE
            self.files[RESULTS_URI.format(chunk)] = _compact(self.results[start:start + RESULTS_PER_FILE])
        self.files[META_URI] = _compact({
            "version": 1, "count": len(self.refs), "fields": list(self.fields), "boosts": list(self.fields.values()),
            "weightScale": WEIGHT_SCALE, "resultsPerFile": RESULTS_PER_FILE, "shards": vocabulary, **extra_meta(self.refs)})

    def _weights(self, terms: list[tuple[str, ...]]) -> dict[str, list[int]]:
        """Each term's [field number, weight, ...] for a document whose fields hold `terms`."""
        weights: dict[str, list[int]] = {}
        for number, (field_terms, average) in enumerate(zip(terms, self.averages)):
            norm = K1 * (1 - B + B * len(field_terms) / average) if average else K1
            for term, tf in Counter(field_terms).items():
                weights.setdefault(term, []).extend((number, round(WEIGHT_SCALE * (K1 + 1) * tf / (norm + tf))))
        return weights

    def _replace(self, ref: int, document: _Document | None) -> set[str]:
        """Put `document` in place of `ref`'s (None removes it); return the terms whose postings changed (a few
        words more in a body shift its other words' weights by less than the rounding, so most stay)."""
        old = self.documents.pop(ref, None)
        old_weights = old.weights if old else {}
        new_weights = document.weights if document else {}
        touched = {term for term in old_weights.keys() | new_weights.keys()
                   if old_weights.get(term) != new_weights.get(term)}
        for term in touched:
            self.posting_texts.pop(term, None)
            posting = self.postings.setdefault(term, {})
            if term in new_weights:
                posting[ref] = new_weights[term]
            else:
                del posting[ref]
                if not posting:
                    del self.postings[term]
        if document is not None:
            self.documents[ref] = document
        return touched

    def _posting_text(self, term: str) -> str:
        text = self.posting_texts.get(term)
        if text is None:
            text = self.posting_texts[term] = _compact(self._posting(term))
        return text

    def _posting(self, term: str) -> list[list[int]]:
        """A term's posting as kb.js reads it: per field, [reference gap, weight, ...] in reference order."""
        by_field: list[list[int]] = [[] for _ in self.fields]
        last = [0] * len(self.fields)
        for ref in sorted(self.postings[term]):
            weights = self.postings[term][ref]
            for number, weight in zip(weights[::2], weights[1::2]):
                by_field[number] += (ref - last[number], weight)
                last[number] = ref
        return by_field

    def _cut_shards(self) -> None:
        starts, size = [], SHARD_BYTES
        for term in sorted(self.postings):
            if size >= SHARD_BYTES:
                starts.append(term)
                size = 0
            size += len(term) + sum(8 * len(weights) for weights in self.postings[term].values())
        self.shard_starts = starts or [""]

    def _shard_of(self, term: str) -> int:
        return max(bisect.bisect_right(self.shard_starts, term) - 1, 0)

    def _vocabulary(self) -> list[list[str]]:
        shards: list[list[str]] = [[] for _ in self.shard_starts]
        for term in sorted(self.postings):
            shards[self._shard_of(term)].append(term)
        return shards


def read_postings(files: Mapping[str, str], terms: AbstractSet[str] | None = None
                  ) -> tuple[dict, dict[str, list[list[int]]], dict[int, dict]]:
    """(meta, term -> posting with absolute references, reference -> result) of a built index's `files` (site
    path -> text): for tests and the completeness check, which read the index as kb.js does. See read_terms
    for `terms`."""
    meta = json.loads(files[META_URI])
    return meta, read_terms(files, meta, terms), read_results(files, meta)


def read_terms(files: Mapping[str, str], meta: dict, terms: AbstractSet[str] | None = None
               ) -> dict[str, list[list[int]]]:
    """Term -> posting with absolute references. With `terms`, only theirs, from only the shard files that
    hold them: `files` may read a file when it is asked for (the completeness check's does)."""
    postings: dict[str, list[list[int]]] = {}
    for shard, vocabulary in enumerate(meta["shards"]):
        if terms is not None and terms.isdisjoint(vocabulary):
            continue
        for term, by_field in json.loads(files[TERMS_URI.format(shard)]).items():
            if terms is not None and term not in terms:
                continue
            absolute = []
            for pairs in by_field:
                ref, refs = 0, []
                for gap, weight in zip(pairs[::2], pairs[1::2]):
                    ref += gap
                    refs += (ref, weight)
                absolute.append(refs)
            postings[term] = absolute
    return postings


def read_results(files: Mapping[str, str], meta: dict) -> dict[int, dict]:
    """Reference -> result, from the result files numbered on from 0 (`meta` is the parsed meta.json)."""
    results: dict[int, dict] = {}
    chunk = 0
    while RESULTS_URI.format(chunk) in files:
        for offset, result in enumerate(json.loads(files[RESULTS_URI.format(chunk)])):
            if result is not None:
                results[chunk * meta["resultsPerFile"] + offset] = result
        chunk += 1
    return results
