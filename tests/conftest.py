"""Shared helpers: write small entry trees in a temporary folder and run the core on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"

APPROACH_BODY = "\n## What it is\nA.\n\n## When to use it\nB.\n\n## How to use it\nC.\n\n## Watch out for\nD.\n"


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path):
    """A copy of the valid fixture tree that a test may break."""
    import shutil

    shutil.copytree(VALID, tmp_path / "kb")
    return tmp_path / "kb"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real repository built once per test session (strict), for tests that read the output."""
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=REPO, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def commit_all(root: Path, when: str, message: str = "change") -> None:
    """Commit everything under `root` (a git repository is created if needed) at the ISO date `when`."""
    import subprocess

    env = {"PATH": "/usr/bin:/bin", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "HOME": str(root)}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)


# A valid body for each kind, and one existing slug of each kind in the valid fixture tree.
BODIES = {"approach": APPROACH_BODY, "barrier": "\n## What it looks like\nA.\n\n## Why it happens\nB.\n",
          "place": "\nA place.\n"}
EXISTING_SLUGS = {"approach": "grow-model", "barrier": "lack-of-trust", "place": "doncaster"}


def filled(spec, text: str, url: str, refs: dict[str, str] = EXISTING_SLUGS):
    """A valid value for a content-model type with `text` in every text field (as much as it allows) and `url`
    in every web address.

    Walks generator/content/model.py, so a test built on it covers every field, including fields added later.
    """
    from generator.content.model import Choice, Integer, ListOf, Number, Pair, Record, Ref, Text, Url

    if isinstance(spec, Record):
        return {f.name: filled(f.type, text, url, refs) for f in spec.fields}
    if isinstance(spec, ListOf):
        return [filled(spec.item, text, url, refs)]
    if isinstance(spec, Text):  # cut to the field's limit: short fields (a label) still get the payload's start
        return text[:spec.max_length] if spec.max_length else text
    if isinstance(spec, Url):
        return url
    if isinstance(spec, Integer):
        return spec.minimum if spec.minimum is not None else 1
    if isinstance(spec, Number):
        return (spec.minimum + spec.maximum) / 2
    if isinstance(spec, Pair):
        return [filled(spec.first, text, url, refs), filled(spec.second, text, url, refs)]
    if isinstance(spec, Choice):
        return spec.options[0]
    if isinstance(spec, Ref):
        return refs[spec.kind]
    raise AssertionError(f"no test value for {spec!r}: teach filled() the new type")


def filled_entry(kind, text: str, url: str, refs: dict[str, str] = EXISTING_SLUGS) -> str:
    """A whole entry file of `kind` (a generator.content.model.Kind) built by `filled`, with a valid body."""
    import yaml

    front_matter = yaml.safe_dump(filled(kind.record, text, url, refs), allow_unicode=True, sort_keys=False)
    return "---\n" + front_matter + "---\n" + BODIES[kind.name]


def search_built_index(read, words: str) -> list[str]:
    """The result addresses a built search index (generator/render/search_index.py) gives for `words`, best
    first, scored as kb.js scores them but for the words as typed only (no prefixes or near-misses). `read(path)`
    gives the text of a site file, so this reads a site folder or a running server alike."""
    import json
    import math

    from generator.render.search import title_terms

    meta = json.loads(read("search/meta.json"))
    scores: dict[int, float] = {}
    for term in title_terms(words):
        shard = next((number for number, terms in enumerate(meta["shards"]) if term in terms), None)
        if shard is None:
            continue
        posting = json.loads(read(f"search/terms/{shard}.json"))[term]
        found = sum(len(pairs) // 2 for pairs in posting)
        idf = math.log(1 + abs((meta["count"] - found + 0.5) / (found + 0.5)))
        for field, pairs in enumerate(posting):
            ref = 0
            for gap, weight in zip(pairs[::2], pairs[1::2]):
                ref += gap
                scores[ref] = scores.get(ref, 0) + idf * weight * meta["boosts"][field] / meta["weightScale"]
    per_file = meta["resultsPerFile"]
    ranked = sorted(scores, key=lambda ref: (-scores[ref], ref))
    return [json.loads(read(f"search/results/{ref // per_file}.json"))[ref % per_file]["url"] for ref in ranked]
