"""Link: resolve slugs across collections and compute every back-link, once per build.

The result is a read-only graph that the renderer walks; nothing here formats text.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from generator.content.load import Entry
from generator.content.memo import Memo
from generator.content.model import APPROACH, BARRIER, KIND_BY_NAME, PLACE, THEME_SLUGS
from generator.content.problems import Problem, did_you_mean
from generator.content.ranking import Need, rank
from generator.content.validate import field_label

MAX_RELATED = 6


@dataclass(frozen=True)
class Use:
    """A documented use of an approach in a place (or, with place=None, by a named enabler)."""

    approach: Entry
    place: Entry | None
    enabler: str | None
    year: int | None
    note: str | None
    source: dict


@dataclass
class Collection:
    approaches: dict[str, Entry] = field(default_factory=dict)
    barriers: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)
    barrier_approaches: dict[str, list[Entry]] = field(default_factory=dict)
    barrier_places: dict[str, list[Entry]] = field(default_factory=dict)
    place_uses: dict[str, list[Use]] = field(default_factory=dict)
    approach_uses: dict[str, list[Use]] = field(default_factory=dict)
    enabler_uses: dict[str, list[Use]] = field(default_factory=dict)
    related: dict[str, list[Entry]] = field(default_factory=dict)
    theme_approaches: dict[str, list[Entry]] = field(default_factory=dict)
    # shown_on_page_of's answers: render and the exports each ask it of every entry, for their memo keys
    _shown: dict[Entry, tuple[Entry, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def entries(self) -> list[Entry]:
        return [*self.approaches.values(), *self.barriers.values(), *self.places.values()]

    def shown_on_page_of(self, entry: Entry) -> tuple[Entry, ...]:
        """Every other entry that `entry`'s page shows something of, in the order shown.

        Render reads nothing else of the collection for an entry's page (nor do the exports for its
        cross-links), so the page can change only when the entry or one of these does; `mkdocs serve`
        uses this to skip rendering pages that cannot have. Asked once `link` has finished the collection, which
        nothing changes after that, so each answer is worked out once.
        """
        shown = self._shown.get(entry)
        if shown is None:
            shown = self._shown[entry] = self._work_out_shown(entry)
        return shown

    def _work_out_shown(self, entry: Entry) -> tuple[Entry, ...]:
        slug = entry.slug
        if entry.kind is APPROACH:
            barriers = [self.barriers[s] for s in _strings(entry.fields.get("barriers")) if s in self.barriers]
            places = [use.place for use in self.approach_uses.get(slug, [])]
            return (*barriers, *places, *self.related.get(slug, []))
        if entry.kind is BARRIER:
            return (*self.barrier_approaches.get(slug, []), *self.barrier_places.get(slug, []))
        return tuple(use.approach for use in self.place_uses.get(slug, []))


def _by_title(entries) -> list[Entry]:
    return sorted(entries, key=lambda e: (str(e.fields.get("title", e.slug)).casefold(), e.slug))


def _strings(value) -> list[str]:
    """The string items of a list field, ignoring malformed values (already reported by validate)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _records(value) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def link(entries: list[Entry], claimed: set[tuple[str, str]] = frozenset(),
         memo: Memo | None = None) -> tuple[Collection, list[Problem]]:
    """Build the cross-linked collection and report references to entries that do not exist.

    `claimed` ((kind, slug) of entry files that could not be read; see load.Loaded) do exist: a reference to
    one is not reported, because the file's own problem already is. A `memo` (kept by `mkdocs serve`) spares
    choosing an approach's related approaches again when none of its candidates changed.
    """
    problems: list[Problem] = []
    col = Collection()
    by_kind = {APPROACH.name: col.approaches, BARRIER.name: col.barriers, PLACE.name: col.places}
    for entry in _by_title(entries):
        by_kind[entry.kind.name][entry.slug] = entry

    def resolve(entry: Entry, kind: str, slug: str, path: tuple) -> Entry | None:
        target = by_kind[kind].get(slug)
        if target is None and (kind, slug) not in claimed:
            problems.append(Problem(
                entry.path, entry.line_of(*path), field_label(path),
                f"unknown {kind} '{slug}'{did_you_mean(slug, by_kind[kind])}; "
                f"it must match a file name in {KIND_BY_NAME[kind].folder}/ (without .md)"))
        return target

    col.barrier_approaches = {slug: [] for slug in col.barriers}
    col.place_uses = {slug: [] for slug in col.places}
    col.theme_approaches = {slug: [] for slug in THEME_SLUGS}
    declared_related: dict[str, list[Entry]] = {}

    for approach in col.approaches.values():
        fields = approach.fields
        for index, slug in enumerate(_strings(fields.get("barriers"))):
            barrier = resolve(approach, BARRIER.name, slug, ("barriers", index))
            if barrier is not None:
                col.barrier_approaches[slug].append(approach)
        for theme in _strings(fields.get("themes")):
            col.theme_approaches.setdefault(theme, []).append(approach)
        declared_related[approach.slug] = []
        for index, slug in enumerate(_strings(fields.get("related"))):
            if slug == approach.slug:
                problems.append(Problem(approach.path, approach.line_of("related", index), f"related[{index}]",
                                        "an approach cannot be related to itself"))
                continue
            other = resolve(approach, APPROACH.name, slug, ("related", index))
            if other is not None:
                declared_related[approach.slug].append(other)
        uses = []
        for index, use in _records(fields.get("places")):
            slug = use.get("place")
            if not isinstance(slug, str):
                continue
            place = resolve(approach, PLACE.name, slug, ("places", index, "place"))
            if place is not None:
                record = _use(approach, place, use)
                uses.append(record)
                col.place_uses[slug].append(record)
        col.approach_uses[approach.slug] = uses
        col.enabler_uses[approach.slug] = [
            Use(approach, None, use.get("name"), None, use.get("note"), use.get("source") or {})
            for _, use in _records(fields.get("enablers"))
        ]

    # each barrier's approaches as a set: with a memo, as last run's very object when they are the same
    members = {slug: frozenset(approaches) for slug, approaches in col.barrier_approaches.items()}
    if memo is not None:
        members = {slug: memo.recall(("barrier's approaches", slug, same), lambda same=same: same)
                   for slug, same in members.items()}
    for slug, approaches in col.barrier_approaches.items():
        def ranked(approaches=approaches, slug=slug) -> list[Entry]:
            return rank(approaches, Need(barriers=(slug,)), col.approach_uses)

        if memo is None:
            col.barrier_approaches[slug] = ranked()
        else:  # what ranking reads: the approaches and how many uses each has
            uses = tuple(len(col.approach_uses[a.slug]) for a in approaches)
            col.barrier_approaches[slug] = memo.recall(("ranked", slug, members[slug], uses), ranked)
        places = {u.place.slug: u.place for a in approaches for u in col.approach_uses[a.slug]}
        col.barrier_places[slug] = _by_title(places.values())
    for slug, uses in col.place_uses.items():
        uses.sort(key=lambda u: (u.year or 0, str(u.approach.fields.get("title", "")).casefold()))
    col.related = _related_approaches(col, declared_related, members, memo)
    return col, problems


def _use(approach: Entry, place: Entry, use: dict) -> Use:
    year = use.get("year")
    return Use(approach, place, use.get("enabler"), year if isinstance(year, int) else None,
               use.get("note"), use.get("source") if isinstance(use.get("source"), dict) else {})


def _related_approaches(col: Collection, declared: dict[str, list[Entry]], members: dict[str, frozenset[Entry]],
                        memo: Memo | None = None) -> dict[str, list[Entry]]:
    """For each approach: declared related first, then those that declare it, then the most shared barriers.

    Candidates for the last group come only from the approaches listed under the same barriers, and only
    the best few are kept, so this stays near-linear as the collection grows. With a `memo`, the choice is
    remembered by the entries it was made from (an edited file is a new Entry): ranking the candidates was
    half of the core's part of a `mkdocs serve` rebuild at 2,000 entries. The key names each of the approach's
    barriers by the set of its approaches (`members`, kept by `link` as the same object from run to run while it
    is unchanged), so that checking the key does not walk the candidates (that walk grows with the square of the
    collection).
    """
    barrier_bits = {slug: 1 << i for i, slug in enumerate(col.barriers)}
    barrier_names = frozenset(col.barriers)
    theme_bits = {slug: 1 << i for i, slug in enumerate(THEME_SLUGS)}

    def mask(values, bits) -> int:
        return sum(bits.get(v, 0) for v in set(_strings(values)))

    barrier_masks = {slug: mask(a.fields.get("barriers"), barrier_bits) for slug, a in col.approaches.items()}
    theme_masks = {slug: mask(a.fields.get("themes"), theme_bits) for slug, a in col.approaches.items()}
    title_keys = {slug: str(a.fields.get("title", "")).casefold() for slug, a in col.approaches.items()}
    declared_by: dict[str, list[Entry]] = {slug: [] for slug in col.approaches}
    for slug, others in declared.items():
        for other in others:
            declared_by[other.slug].append(col.approaches[slug])
    related = {}
    for slug, approach in col.approaches.items():
        own = declared.get(slug, [])
        chosen = own + [a for a in declared_by[slug] if a not in own]
        own_barrier_slugs = set(_strings(approach.fields.get("barriers")))
        own_barriers, own_themes = barrier_masks[slug], theme_masks[slug]

        def choose() -> list[Entry]:
            taken = {a.slug for a in chosen} | {slug}
            candidates = {a.slug: a for b in own_barrier_slugs for a in col.barrier_approaches.get(b, [])
                          if a.slug not in taken}
            best = heapq.nsmallest(
                MAX_RELATED, candidates.values(),
                key=lambda other: (-(own_barriers & barrier_masks[other.slug]).bit_count(),
                                   -(own_themes & theme_masks[other.slug]).bit_count(), title_keys[other.slug]))
            return (chosen + best)[:max(MAX_RELATED, len(own))]

        if memo is None:
            related[slug] = choose()
        else:  # what the choice reads: the approach, the ones it names or is named by, its barriers' approaches
            key = ("related", approach, tuple(chosen), tuple(members.get(b) for b in sorted(own_barrier_slugs)),
                   barrier_names)
            related[slug] = memo.recall(key, choose)
    return related
