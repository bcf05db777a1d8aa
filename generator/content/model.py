"""The content model: the one place that says what an entry may contain.

Everything else derives from these definitions: the validator walks them, `publish/schemas.py` turns
them into the published JSON Schemas, and the docs list them. Field names are fixed by
contract (contributors, tools and exports rely on them); add fields here, never elsewhere.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    intro: str


# Fixed list of themes, echoing the "connected themes" of The Art of Change Making.
THEMES: tuple[Theme, ...] = (
    Theme("understanding-systems", "Understanding systems",
          "Ways of seeing the whole: complexity, wicked problems, feedback and how living systems change."),
    Theme("relationships-and-trust", "Relationships and trust",
          "Approaches for building the trust and working relationships that partners need to act together."),
    Theme("conversation-and-engagement", "Conversation and engagement",
          "Methods for conversations that matter, from small dialogues to events with hundreds of people."),
    Theme("coaching-and-reflection", "Coaching and reflection",
          "Tools for individual and peer learning: noticing assumptions, asking better questions, learning from practice."),
    Theme("leading-change", "Leading change",
          "Models for planning, starting and sustaining change across organisations."),
    Theme("communities-and-citizens", "Communities and citizens",
          "Approaches that start from residents, service users and communities rather than from services."),
)
THEME_SLUGS = tuple(t.slug for t in THEMES)

REGIONS = (
    "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)
PROGRAMMES = ("Local Vision", "Total Place", "Total Place pre-pilot")
DIFFICULTIES = ("easy", "moderate", "hard")
# What an approach is, for readers choosing one they can run: ranking puts methods first (generator/content/ranking.py).
APPROACH_TYPES = ("method", "model", "programme")
APPROACH_TYPE_LABELS = {"method": "Method: run it with a group in a session",
                        "model": "Model: a lens to think with, with an exercise for a group",
                        "programme": "Programme: a piece of work over weeks or months"}


def article(noun: str) -> str:
    """'a' or 'an' for a noun in messages and docs ("an approach", "a place")."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def current_year() -> int:
    return datetime.date.today().year


# ----------------------------------------------------------------------------------------------
# Value types. Each knows how to describe itself; `validate.py` checks values against them and
# `publish/schemas.py` renders them, so the two cannot drift apart.


@dataclass(frozen=True)
class Text:
    """A non-blank string. `one_sentence` rejects summaries that run to a second sentence."""

    max_length: int | None = None
    one_sentence: bool = False


@dataclass(frozen=True)
class Url:
    """An absolute http(s) address."""


@dataclass(frozen=True)
class Integer:
    minimum: int | None = None
    maximum: int | None = None
    not_in_future: bool = False


@dataclass(frozen=True)
class Number:
    minimum: float
    maximum: float


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]


@dataclass(frozen=True)
class Ref:
    """The slug of another entry of `kind`; resolved by `link.py` once every entry is loaded."""

    kind: str


@dataclass(frozen=True)
class ListOf:
    item: object
    min_items: int = 0
    max_items: int | None = None
    unique: bool = True


@dataclass(frozen=True)
class Pair:
    """A fixed-length list of two numbers, e.g. coordinates [lat, lon]."""

    first: Number
    second: Number
    names: tuple[str, str]


@dataclass(frozen=True)
class Field:
    """One front-matter field. `required_when` = (other field, value): required when the other field has that
    value, e.g. a programme's overall length."""

    name: str
    type: object
    required: bool = False
    description: str = ""
    example: object = None
    required_when: tuple[str, str] | None = None


@dataclass(frozen=True)
class Record:
    """A mapping with known keys. `at_least_one_of` names keys of which one must be present."""

    fields: tuple[Field, ...]
    at_least_one_of: tuple[str, ...] = ()
    ordered_range: bool = False  # for {min, max}: min must not exceed max

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _range(unit: str, maximum: int) -> Record:
    return Record(
        fields=(
            Field("min", Integer(minimum=1, maximum=maximum), required=True, description=f"fewest {unit}"),
            Field("max", Integer(minimum=1, maximum=maximum), required=True, description=f"most {unit}"),
        ),
        ordered_range=True,
    )


SOURCE = Record(
    fields=(
        Field("title", Text(max_length=300), description="title of the book, paper or page"),
        Field("author", Text(max_length=300), description="author(s) as credited"),
        Field("year", Integer(minimum=1800, not_in_future=True), description="year of publication"),
        Field("publisher", Text(max_length=200), description="publisher or journal"),
        Field("url", Url(), description="stable http(s) address"),
    ),
    at_least_one_of=("title", "author", "year", "url"),
)

USE_SOURCE = Record(
    fields=(
        Field("title", Text(max_length=300), description="title of the document that records the use"),
        Field("url", Url(), description="address of that document"),
    ),
    at_least_one_of=("title", "url"),
)

PLACE_USE = Record(
    fields=(
        Field("place", Ref("place"), required=True, description="slug of the place (a file in places/)"),
        Field("enabler", Text(max_length=120), description="the Systems Leadership Enabler or practitioner, if documented"),
        Field("year", Integer(minimum=1990, not_in_future=True), description="year of the use, if documented"),
        Field("note", Text(max_length=300), description="one line on what was done there"),
        Field("source", USE_SOURCE, required=True, description="where this use is documented"),
    ),
)

ENABLER_USE = Record(
    fields=(
        Field("name", Text(max_length=120), required=True, description="the enabler's name as documented"),
        Field("note", Text(max_length=300), description="one line on how they used it"),
        Field("source", USE_SOURCE, required=True, description="where this use is documented"),
    ),
)

SUMMARY = Field(
    "summary", Text(max_length=200, one_sentence=True), required=True,
    description="one sentence, at most 200 characters: shown on cards, in search results and as the page description",
)
SOURCES = ListOf(SOURCE, min_items=1)


@dataclass(frozen=True)
class Kind:
    """A collection of entries: its folder, its front-matter fields and its required body headings."""

    name: str
    folder: str
    label: str  # plural, for headings and navigation
    fields: tuple[Field, ...]
    body_headings: tuple[str, ...] = ()

    @property
    def record(self) -> Record:
        return Record(fields=self.fields)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


APPROACH = Kind(
    name="approach",
    folder="approaches",
    label="Approaches",
    fields=(
        Field("title", Text(max_length=120), required=True, description="the approach's name", example="Trust and Agreement matrix"),
        SUMMARY,
        Field("originator", Text(max_length=200), required=True, description="who devised it", example="Peter Block"),
        Field("year", Integer(minimum=1800, not_in_future=True), description="year first published", example=1987),
        Field("aliases", ListOf(Text(max_length=120)), description="other names readers may search for"),
        Field("phrases", ListOf(Text(max_length=80), max_items=20),
              description="the situations it helps with, as readers would type them into search: short phrases "
                          "in everyday words that lead search to this approach",
              example=["what could go wrong", "nobody dares raise doubts"]),
        Field("type", Choice(APPROACH_TYPES), required=True,
              description="method (run with a group in a session), model (a lens to think with; its body gives an "
                          "exercise for a group) or programme (a piece of work over weeks or months; its body "
                          "gives the first working session)", example="method"),
        Field("themes", ListOf(Choice(THEME_SLUGS), min_items=1, max_items=3), required=True,
              description="1-3 themes", example=["relationships-and-trust"]),
        Field("barriers", ListOf(Ref("barrier"), min_items=1), required=True,
              description="slugs of the barriers it helps with (files in barriers/)", example=["lack-of-trust"]),
        Field("group_size", _range("people", 10000), required=True,
              description="people taking part {min, max}: in the session (a method), the exercise (a model) or the "
                          "first working session (a programme)"),
        Field("duration_minutes", _range("minutes", 60 * 24 * 10), required=True,
              description="length in minutes {min, max} of the session, the exercise or the first working session"),
        Field("overall_duration", Text(max_length=80), required_when=("type", "programme"),
              description="how long the whole programme takes, in words", example="6 to 12 months"),
        Field("difficulty", Choice(DIFFICULTIES), description="how hard it is to facilitate"),
        Field("materials", ListOf(Text(max_length=120), max_items=15),
              description="what to have in the room for the session, shown on its card and in a session plan",
              example=["flip chart and pens", "sticky notes"]),
        Field("related", ListOf(Ref("approach")), description="slugs of related approaches"),
        Field("places", ListOf(PLACE_USE), description="documented uses in places, each with its source"),
        Field("enablers", ListOf(ENABLER_USE),
              description="documented uses by enablers where no place is documented, each with its source"),
        Field("rights", Text(max_length=500), description="trade mark, proprietary or licence notice"),
        Field("sources", SOURCES, required=True, description="the original work and other references; at least one"),
    ),
    body_headings=("What it is", "When to use it", "How to use it", "Watch out for"),
)

BARRIER = Kind(
    name="barrier",
    folder="barriers",
    label="Barriers",
    fields=(
        Field("title", Text(max_length=120), required=True, description="the barrier as a reader would name it",
              example="Partners don't trust each other"),
        Field("short_title", Text(max_length=20), description="a label of a word or two for narrow places such as "
              "the matrix's column headings; the title is used when it is missing", example="Low trust"),
        SUMMARY,
        Field("phrases", ListOf(Text(max_length=80), max_items=40),
              description="how readers put this barrier in their own words, as they would type it into search: "
                          "short phrases that lead search to this barrier and the approaches that help",
              example=["don't trust each other", "hidden agendas"]),
        Field("sources", ListOf(SOURCE), description="where the barrier is documented"),
    ),
    body_headings=("What it looks like", "Why it happens"),
)

PLACE = Kind(
    name="place",
    folder="places",
    label="Places",
    fields=(
        Field("title", Text(max_length=120), required=True, description="the place's common name", example="Doncaster"),
        SUMMARY,
        Field("region", Choice(REGIONS), required=True, description="one of England's nine regions"),
        Field("programme", Choice(PROGRAMMES), required=True, description="the programme the place took part in"),
        Field("focus", Text(max_length=200), description="the issue the place worked on, if documented"),
        Field("aliases", ListOf(Text(max_length=120)), description="other names of the place or its project"),
        Field("coordinates", Pair(Number(49.8, 55.9), Number(-6.5, 1.8), ("latitude", "longitude")),
              description="[latitude, longitude] of the place's centre, inside England"),
        Field("sources", SOURCES, required=True, description="where the place's story is documented; at least one"),
    ),
)

KINDS: tuple[Kind, ...] = (APPROACH, BARRIER, PLACE)
KIND_BY_NAME = {k.name: k for k in KINDS}
KIND_BY_FOLDER = {k.folder: k for k in KINDS}
