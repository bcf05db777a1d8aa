"""`python -m generator new`: a new contributor's path from an empty file to a page on the site."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator.content.load import load_file
from generator.content.model import KINDS, ListOf, Record
from generator.content.validate import validate_entry
from generator.pipeline import check
from tests.conftest import write
from tests.adapter.test_plugin import CONFIG, html, links, mkdocs_build


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def problems_in(tree, rel):
    result = run("check", rel, cwd=tree)
    return result, [line.split(": ", 2) for line in result.stdout.splitlines()]


def fill(path, replacements):
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_new_contributor_scaffolds_checks_fills_in_and_sees_the_page(tree):
    result = run("new", "approach", "Six Thinking Hats", cwd=tree)
    assert result.returncode == 0, result.stderr
    assert "Wrote approaches/six-thinking-hats.md" in result.stdout
    assert "python -m generator check approaches/six-thinking-hats.md" in result.stdout
    assert "bash .ci/serve" in result.stdout
    path = tree / "approaches/six-thinking-hats.md"

    # The untouched file loads, and the check names each required value that is still blank, on its line.
    result, problems = problems_in(tree, "approaches/six-thinking-hats.md")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [(field, message) for _, field, message in problems] == [
        ("summary", "must not be blank"),
        ("originator", "must not be blank"),
        ("type", "'' is not allowed; choose one of: method, model, programme"),
        ("themes", "needs at least 1 item"),
        ("barriers", "needs at least 1 item"),
        *[(f"{field}.{end}", "is empty; give it a value or delete the line")
          for field in ("group_size", "duration_minutes") for end in ("min", "max")],
        ("sources[0].title", "must not be blank"),
        *[("body", f"the section '## {heading}' is empty; write it or ask for help in your pull request")
          for heading in ("What it is", "When to use it", "How to use it", "Watch out for")],
    ]
    lines = path.read_text(encoding="utf-8").split("\n")
    for location, field, _ in problems:
        if field == "body":
            assert lines[int(location.split(":")[1]) - 1].startswith("## "), location
            continue
        line = lines[int(location.split(":")[1]) - 1]
        assert line.lstrip(" -").startswith(field.rsplit(".", 1)[-1] + ":"), (location, line)

    fill(path, {
        'summary: ""': "summary: Look at an issue through one kind of thinking at a time, together.",
        'originator: ""': "originator: Edward de Bono",
        "# year: 1987": "year: 1985",
        'type: ""': "type: method",
        "themes: []": "themes: [conversation-and-engagement]",
        "barriers: []": "barriers: [lack-of-trust, partners-not-aligned]",
        "# fewest people. Required: whole number from 1 to 10000.\n  min:":
            "# fewest people. Required: whole number from 1 to 10000.\n  min: 4",
        "# most people. Required: whole number from 1 to 10000.\n  max:":
            "# most people. Required: whole number from 1 to 10000.\n  max: 12",
        "# fewest minutes. Required: whole number from 1 to 14400.\n  min:":
            "# fewest minutes. Required: whole number from 1 to 14400.\n  min: 45",
        "# most minutes. Required: whole number from 1 to 14400.\n  max:":
            "# most minutes. Required: whole number from 1 to 14400.\n  max: 90",
        "# related: []": "related: [grow-model]",
        '  - title: ""': "  - title: Six Thinking Hats",
        "## What it is\n": "## What it is\n\nSix coloured hats, one kind of thinking each.\n",
        "## When to use it\n": "## When to use it\n\nWhen a meeting keeps arguing in circles.\n",
        "## How to use it\n": "## How to use it\n\nWear one hat at a time, all together.\n",
        "## Watch out for\n": "## Watch out for\n\nPeople staying in one hat.\n",
    })
    result, problems = problems_in(tree, "approaches/six-thinking-hats.md")
    assert result.returncode == 0 and problems == [], result.stdout

    write(tree, "mkdocs.yml", CONFIG)
    write(tree, "docs/about.md", "# About\n")
    write(tree, "CONTRIBUTING.md", "# Contributing\n")  # entry pages link to the guide, as in the repository
    build = mkdocs_build(tree)
    assert build.returncode == 0, build.stderr
    page = html(tree / "site", "approaches/six-thinking-hats")
    assert "Six coloured hats, one kind of thinking each." in page and "Edward de Bono" in page
    assert "4–12 people" in page and "45 minutes to 90 minutes" in page  # the filled-in group size and time
    assert {"../../barriers/lack-of-trust/", "../../barriers/partners-not-aligned/",
            "../grow-model/"} <= links(page)
    assert "../../approaches/six-thinking-hats/" in links(html(tree / "site", "barriers/lack-of-trust"))


def test_refuses_to_overwrite_an_existing_entry(tree):
    before = (tree / "approaches/grow-model.md").read_bytes()
    result = run("new", "approach", "GROW model", cwd=tree)
    assert result.returncode == 1
    assert "approaches/grow-model.md already exists" in result.stderr
    assert (tree / "approaches/grow-model.md").read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (("new", "approach", "  "), "give the entry's title"),
    (("new", "method", "Six Thinking Hats"), "'method' is not one of 'approach', 'barrier', 'place'"),
])
def test_wrong_usage_exits_2_with_a_message(tree, args, message):
    result = run(*args, cwd=tree)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tree / "approaches").iterdir()) == ["grow-model.md", "trust-and-agreement.md"]


def test_outside_the_repository_nothing_is_written(tmp_path):
    result = run("new", "place", "Leeds", cwd=tmp_path)
    assert result.returncode == 2 and "has no approaches/, barriers/ or places/ folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_slug_comes_from_the_title_and_the_title_survives_yaml(tree):
    result = run("new", "place", 'Café: the "Old" Town', cwd=tree)
    assert result.returncode == 0, result.stderr
    entry, problems = load_file(tree, "places/cafe-the-old-town.md")
    assert problems == [] and entry.fields["title"] == 'Café: the "Old" Town'


def test_barrier_choices_are_read_from_the_barriers_folder(tree):
    write(tree, "barriers/nobody-owns-it.md", "---\ntitle: Nobody owns the problem\nsummary: No one leads.\n---\n"
                                              "\n## What it looks like\nA.\n\n## Why it happens\nB.\n")
    run("new", "approach", "Six Thinking Hats", cwd=tree)
    text = (tree / "approaches/six-thinking-hats.md").read_text(encoding="utf-8")
    listed = re.findall(r"^#   ([a-z0-9-]+) +(.+)$", text.split("barriers: []")[0].rsplit("barrier slugs", 1)[1],
                        re.MULTILINE)
    assert listed == [("action-stalls", "Talk doesn't turn into action"),
                      ("lack-of-trust", "Partners don't trust each other"),
                      ("nobody-owns-it", "Nobody owns the problem"),
                      ("partners-not-aligned", "Partners pull in different directions")]


def _model_fields(fields, prefix=""):
    for field in fields:
        yield prefix + field.name
        nested = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(nested, Record):
            yield from _model_fields(nested.fields, prefix + field.name + ".")


def _uncomment_every_field(text: str) -> str:
    """Delete the '# ' before every commented-out field and the block under it, as a contributor would."""
    field_line = re.compile(r"^( *)# ( *)(?:- )?[a-z_]+:(?: .*)?$")
    lines = text.split("\n")
    changed = True
    while changed:
        changed = False
        for start, line in enumerate(lines):
            match = field_line.match(line)
            if not match:
                continue
            marker, depth = match.group(1) + "# ", len(match.group(2))
            end = start + 1
            while end < len(lines) and lines[end].startswith(marker) and (
                    len(lines[end]) - len(marker) - len(lines[end][len(marker):].lstrip(" ")) > depth):
                end += 1
            lines[start:end] = [row[:len(match.group(1))] + row[len(marker):] for row in lines[start:end]]
            changed = True
            break
    return "\n".join(lines)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_field_of_the_model_is_offered_and_fits_once_uncommented(tree, kind):
    run("new", kind.name, "Example entry", cwd=tree)
    rel = f"{kind.folder}/example-entry.md"
    text = (tree / rel).read_text(encoding="utf-8")
    for heading in kind.body_headings:
        assert f"\n## {heading}\n" in text
    for field in kind.fields:
        assert field.description in " ".join(line.strip("# ") for line in text.split("\n")), field.name

    (tree / rel).write_text(_uncomment_every_field(text), encoding="utf-8")
    entry, load_problems = load_file(tree, rel)
    assert load_problems == [], load_problems
    offered = set(_model_fields(kind.fields))
    present = set()

    def collect(value, prefix=""):
        if isinstance(value, list):
            for item in value:
                collect(item, prefix)
        elif isinstance(value, dict):
            for key, item in value.items():
                present.add(prefix + key)
                collect(item, prefix + key + ".")

    collect(entry.fields)
    assert present == offered
    # Uncommented as they are, the values are placeholders: blank, but each in its right place.
    messages = [p.message for p in validate_entry(entry)]
    assert not [m for m in messages if "unknown field" in m or "is missing" in m], messages


def test_a_scaffolded_entry_never_breaks_the_rest_of_the_content(tree):
    run("new", "barrier", "Nobody owns it", cwd=tree)
    assert {p.path for p in check(tree).problems} == {"barriers/nobody-owns-it.md"}
