"""Link: resolve slugs across collections and compute every back-link, once per build.

The result is a read-only graph that the renderer walks; nothing here formats text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .load import Entry
from .model import APPROACH, BARRIER, KIND_BY_NAME, PLACE, THEME_SLUGS
from .problems import Problem, did_you_mean
from .validate import field_label

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

    def entries(self) -> list[Entry]:
        return [*self.approaches.values(), *self.barriers.values(), *self.places.values()]


def _by_title(entries) -> list[Entry]:
    return sorted(entries, key=lambda e: (str(e.fields.get("title", e.slug)).casefold(), e.slug))


def _strings(value) -> list[str]:
    """The string items of a list field, ignoring malformed values (already reported by validate)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _records(value) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def link(entries: list[Entry]) -> tuple[Collection, list[Problem]]:
    """Build the cross-linked collection and report references to entries that do not exist."""
    problems: list[Problem] = []
    col = Collection()
    by_kind = {APPROACH.name: col.approaches, BARRIER.name: col.barriers, PLACE.name: col.places}
    for entry in _by_title(entries):
        by_kind[entry.kind.name][entry.slug] = entry

    def resolve(entry: Entry, kind: str, slug: str, path: tuple) -> Entry | None:
        target = by_kind[kind].get(slug)
        if target is None:
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

    for slug, approaches in col.barrier_approaches.items():
        col.barrier_approaches[slug] = sorted(approaches, key=lambda a: _barrier_rank(a, slug, col))
        places = {u.place.slug: u.place for a in approaches for u in col.approach_uses[a.slug]}
        col.barrier_places[slug] = _by_title(places.values())
    for slug, uses in col.place_uses.items():
        uses.sort(key=lambda u: (u.year or 0, str(u.approach.fields.get("title", "")).casefold()))
    col.related = {slug: _related(col.approaches[slug], declared_related, col) for slug in col.approaches}
    return col, problems


def _use(approach: Entry, place: Entry, use: dict) -> Use:
    year = use.get("year")
    return Use(approach, place, use.get("enabler"), year if isinstance(year, int) else None,
               use.get("note"), use.get("source") if isinstance(use.get("source"), dict) else {})


def _barrier_rank(approach: Entry, barrier: str, col: Collection) -> tuple:
    """Approaches that name this barrier first, then those proven in places, then by title."""
    position = _strings(approach.fields.get("barriers")).index(barrier)
    return (position, -len(col.approach_uses.get(approach.slug, [])),
            str(approach.fields.get("title", "")).casefold())


def _related(approach: Entry, declared: dict[str, list[Entry]], col: Collection) -> list[Entry]:
    """Declared related approaches first, then those that declare this one, then shared barriers."""
    chosen: list[Entry] = list(declared.get(approach.slug, []))
    for other_slug, others in declared.items():
        if approach in others and col.approaches[other_slug] not in chosen:
            chosen.append(col.approaches[other_slug])
    barriers = set(_strings(approach.fields.get("barriers")))
    themes = set(_strings(approach.fields.get("themes")))
    scored = []
    for other in col.approaches.values():
        if other is approach or other in chosen:
            continue
        shared = len(barriers & set(_strings(other.fields.get("barriers"))))
        if shared:
            shared_themes = len(themes & set(_strings(other.fields.get("themes"))))
            scored.append((-shared, -shared_themes, str(other.fields.get("title", "")).casefold(), other))
    chosen.extend(item[-1] for item in sorted(scored, key=lambda s: s[:3]))
    return chosen[:max(MAX_RELATED, len(declared.get(approach.slug, [])))]
