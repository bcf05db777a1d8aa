"""Synthetic collections: schema-valid approaches, barriers and places of any size, the same files for the same seed."""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import yaml

from benchmarks import BenchError
from generator.commands.emit import EmitError
from generator.commands.emit import read_config as read_emit_config
from generator.content.load import suggest_slug
from generator.content.model import APPROACH_TYPES, DIFFICULTIES, KINDS, PROGRAMMES, REGIONS, THEME_SLUGS

VOCABULARY = tuple("""
partners council health police residents services leaders people place system trust budget data
conversation meeting workshop group team board plan change learning question story evidence outcome
community voice power decision action practice care network relationship purpose pressure risk
agency manager commissioner volunteer charity school hospital housing family young older local
shared common whole joint open honest small early slow careful different new real hard long
listen notice agree build test share map count invite reflect explore decide review support
because while when although so often rarely together across between within around before after
the a an of to in on for with by from that this each every many some few more most
""".split())
ADJECTIVES = ("Open", "Reflective", "Shared", "Appreciative", "Adaptive", "Collective", "Generative", "Deep",
              "Clean", "Rapid", "Whole", "Quiet", "Systemic", "Humble", "Brave", "Patient", "Local", "Joint",
              "Honest", "Curious", "Narrative", "Visual", "Practical", "Living", "Critical", "Gentle", "Bold",
              "Mutual", "Slow", "Civic")
NOUNS = ("inquiry", "listening", "mapping", "dialogue", "leadership", "learning", "design", "practice",
         "coaching", "hosting", "sensemaking", "reflection", "questioning", "storytelling", "convening",
         "partnering", "framing", "noticing", "testing", "sharing", "weaving", "mentoring", "planning",
         "facilitation", "negotiation", "feedback", "experiment", "review", "commissioning", "counting")
FORMS = ("method", "model", "matrix", "circle", "framework", "cycle", "map", "canvas", "ladder", "lens",
         "compass", "toolkit")
FIRST_NAMES = ("Ann", "Ben", "Chloe", "David", "Esther", "Farid", "Grace", "Hugh", "Imran", "Joan", "Kofi",
               "Lena", "Marek", "Nia", "Owen", "Priya", "Ruth", "Sam", "Tariq", "Una")
LAST_NAMES = ("Adams", "Baker", "Chen", "Dawson", "Evans", "Fisher", "Gupta", "Hughes", "Iqbal", "Jones",
              "Khan", "Lewis", "Morgan", "Nolan", "Okafor", "Patel", "Quinn", "Reid", "Shaw", "Turner")
TOWN_STARTS = ("Ash", "Brook", "Castle", "Dun", "East", "Fair", "Green", "High", "King", "Long", "Mill", "New",
               "Oak", "Red", "Stan", "Thorn", "Up", "Wal", "West", "Wood", "York", "Bar", "Hart", "Lin")
TOWN_ENDS = ("ford", "ham", "ton", "bury", "field", "ley", "wick", "worth", "by", "mouth", "chester", "stead",
             "bridge", "well", "port", "gate")
BARRIER_SUBJECTS = ("Partners", "Leaders", "Boards", "Teams", "Services", "Residents", "Managers", "Agencies")
BARRIER_PROBLEMS = ("do not trust each other", "guard their budgets", "avoid hard conversations",
                    "work in silos", "lose momentum", "chase short-term targets", "hold on to control",
                    "lack shared data", "repeat old plans", "burn out")


def barrier_count(approaches: int) -> int:
    """Barriers grow much more slowly than approaches, as in the real collection."""
    return 12 + approaches // 100


def place_count(approaches: int) -> int:
    return 40 + approaches // 25


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(count))


def _sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    text = _words(rng, rng.randint(low, high))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _bullets(rng: random.Random, count: int) -> list[str]:
    return [f"- {_sentence(rng)}" for _ in range(count)]


def _summary(rng: random.Random) -> str:
    """One sentence of at most 200 characters, as the content model requires."""
    return _sentence(rng, 14, 24)[:190].rsplit(" ", 1)[0] + "."


def _entry_text(fields: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=200) + "---\n\n" + body


def _approach_body(rng: random.Random) -> str:
    """About 400 words under the four required headings, with the lists real entries use."""
    steps = [f"{number}. **{_words(rng, 2).capitalize()}.** {_sentence(rng)}" for number in range(1, 7)]
    return "\n".join([
        "## What it is", _paragraph(rng, 4), "", _paragraph(rng, 3), "",
        "## When to use it", *_bullets(rng, 5), "", _sentence(rng), "",
        "## How to use it", _paragraph(rng, 3), "", *steps, "",
        "## Watch out for", *_bullets(rng, 5), "",
    ])


def _source(rng: random.Random, number: int) -> dict:
    source = {"author": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
              "title": _sentence(rng, 3, 8)[:-1], "year": rng.randint(1960, 2020)}
    if rng.random() < 0.5:
        source["url"] = f"https://example.org/sources/{number}"
    return source


def _use_source(rng: random.Random, number: int) -> dict:
    return {"title": _sentence(rng, 3, 8)[:-1], "url": f"https://example.org/uses/{number}"}


def write_collection(root: Path, approaches: int, seed: int = 1) -> None:
    """Write a schema-valid collection of `approaches` approaches (plus barriers and places) under `root`.

    The same `approaches` and `seed` always give byte-identical files, so runs are comparable.
    """
    rng = random.Random(seed)
    barrier_titles = [f"{s} {p}" for s, p in itertools.product(BARRIER_SUBJECTS, BARRIER_PROBLEMS)]
    barriers = rng.sample(barrier_titles, barrier_count(approaches))
    towns = [a + b for a, b in itertools.product(TOWN_STARTS, TOWN_ENDS)]
    places = rng.sample(towns, min(place_count(approaches), len(towns)))
    titles = [" ".join(t) for t in itertools.product(ADJECTIVES, NOUNS, FORMS)]
    if approaches > len(titles):
        raise BenchError(f"at most {len(titles)} synthetic approaches can be named")
    approach_titles = rng.sample(titles, approaches)
    barrier_slugs = [suggest_slug(t) for t in barriers]
    place_slugs = [suggest_slug(t) for t in places]
    approach_slugs = [suggest_slug(t) for t in approach_titles]

    for kind in KINDS:
        (root / kind.folder).mkdir(parents=True, exist_ok=True)
    for slug, title in zip(barrier_slugs, barriers):
        fields = {"title": title, "summary": _summary(rng)}
        if rng.random() < 0.5:
            fields["sources"] = [_source(rng, rng.randrange(10**6))]
        body = "\n".join(["## What it looks like", *_bullets(rng, 6), "", "## Why it happens",
                          _paragraph(rng, 4), "", _paragraph(rng, 4), ""])
        (root / "barriers" / f"{slug}.md").write_text(_entry_text(fields, body), encoding="utf-8")
    for slug, title in zip(place_slugs, places):
        fields = {"title": title, "summary": _summary(rng), "region": rng.choice(REGIONS),
                  "programme": rng.choice(PROGRAMMES)}
        if rng.random() < 0.5:
            fields["focus"] = _sentence(rng, 3, 8)[:-1]
        fields["coordinates"] = [round(rng.uniform(50.5, 54.5), 4), round(rng.uniform(-2.5, 0.5), 4)]
        fields["sources"] = [_use_source(rng, rng.randrange(10**6)) for _ in range(rng.randint(1, 2))]
        body = "\n\n".join(_paragraph(rng, 4) for _ in range(3)) + "\n"
        (root / "places" / f"{slug}.md").write_text(_entry_text(fields, body), encoding="utf-8")
    for number, (slug, title) in enumerate(zip(approach_slugs, approach_titles)):
        fields = {"title": title, "summary": _summary(rng),
                  "originator": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                  "year": rng.randint(1950, 2020)}
        if rng.random() < 0.3:
            fields["aliases"] = [f"{title} {rng.choice(FORMS)}"]
        fields["type"] = rng.choice(APPROACH_TYPES)
        fields["themes"] = rng.sample(THEME_SLUGS, rng.randint(1, 3))
        fields["barriers"] = rng.sample(barrier_slugs, rng.randint(1, 3))
        low = rng.randint(2, 20)
        fields["group_size"] = {"min": low, "max": low * rng.randint(1, 10)}
        low = rng.choice((30, 60, 90, 120, 240))
        fields["duration_minutes"] = {"min": low, "max": low * rng.randint(1, 4)}
        if fields["type"] == "programme":
            fields["overall_duration"] = f"{rng.randint(2, 6)} to {rng.randint(7, 18)} months"
        fields["difficulty"] = rng.choice(DIFFICULTIES)
        others = [s for s in rng.sample(approach_slugs, min(5, approaches)) if s != slug]
        if others:
            fields["related"] = others[:rng.randint(0, 4)]
        fields["places"] = [
            {"place": place, "year": rng.randint(2009, 2023), "note": _sentence(rng, 10, 20),
             "source": _use_source(rng, number * 10 + index)}
            for index, place in enumerate(rng.sample(place_slugs, rng.randint(0, 3)))]
        if rng.random() < 0.1:
            fields["enablers"] = [{"name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                                   "note": _sentence(rng), "source": _use_source(rng, number)}]
        if rng.random() < 0.1:
            fields["rights"] = f"{title} is a registered trade mark of {rng.choice(LAST_NAMES)} Ltd."
        fields["sources"] = [_source(rng, number * 10 + index) for index in range(rng.randint(1, 2))]
        (root / "approaches" / f"{slug}.md").write_text(_entry_text(fields, _approach_body(rng)), encoding="utf-8")


def make_project(repo: Path, dest: Path, approaches: int, seed: int) -> Path:
    """A copy of the repository's site setup (mkdocs.yml, docs/, overrides/) around a synthetic collection."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        if (repo / name).is_file():
            shutil.copy2(repo / name, dest / name)
    config = read_config(repo)
    for folder in (config.get("docs_dir", "docs"), (config.get("theme") or {}).get("custom_dir")):
        if folder and (repo / folder).is_dir():
            shutil.copytree(repo / folder, dest / folder)
    write_collection(dest, approaches, seed)
    return dest


def read_config(project: Path) -> dict:
    try:
        return read_emit_config(project / "mkdocs.yml")
    except EmitError as error:
        raise BenchError(str(error)) from None

